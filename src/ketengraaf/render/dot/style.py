"""How the diagrams look: sizes, colours, node and line styles. Decisions in docs/diagrams.md."""

from __future__ import annotations

#: The views, in the order ``ketengraaf diagram --help`` lists them.
VIEWS = ("driehoek", "opdrachtgevers", "keten", "gegevens", "overzicht")
#: Views that draw one subject; without --subject they draw all of them (see :func:`subjects`).
MULTI_VIEWS = ("driehoek", "keten")
#: The overzicht shows every organisation up to this many; above it, it folds (see :func:`view_overzicht`).
MAX_ORGS = 300
#: Triangles per row when all are drawn into one file.
GRID_COLUMNS = 3
#: Rows of opdrachten listed inside an executor in the driehoek view.
MAX_OPDRACHTEN = 10

FONT = "Arial"  # metric-compatible with Liberation Sans (Linux) and Arial (Windows, macOS)

# Severity colours from the Okabe–Ito palette (colour-blind safe): line/badge colour, fill tint,
# and the text colour on the badge.
SEV_STYLE = {
    "error": ("#D55E00", "#F9D9C6", "#FFFFFF"),
    "warning": ("#E69F00", "#FFF0C9", "#000000"),
    "info": ("#0072B2", "#D9E9F5", "#FFFFFF"),
}
SUPPRESSED_STYLE = ("#9A9A9A", "#F2F2F2", "#FFFFFF")
INK = "#2B2B2B"  # default line colour
MUTED = "#5F6B73"  # secondary text
LADDER_FILL, LADDER_LINE = "#F3F6FB", "#55708F"  # the escalation ladder beside a triangle

#: Organisation group -> node attributes (shape and neutral fill; severity overrides the fill).
ORG_STYLE: dict[str, dict[str, str]] = {
    "bestuur": {"shape": "box", "style": "filled", "fillcolor": "#E2E8F0", "penwidth": "1.4"},
    "eenheid": {"shape": "box", "style": "rounded,filled", "fillcolor": "#FFFFFF", "penwidth": "1.2"},
    "uitvoerder": {"shape": "box", "style": "rounded,filled", "fillcolor": "#E6F2EA", "penwidth": "2.4"},
    "overleg": {"shape": "ellipse", "style": "filled", "fillcolor": "#EFE8F5", "penwidth": "1.2"},
    "overig": {"shape": "box", "style": "rounded,filled,dashed", "fillcolor": "#FAFAFA", "penwidth": "1.2"},
}


EDGE_STYLE = {
    "eigenaar": {"style": "solid", "penwidth": "1.6", "arrowhead": "normal"},
    "opdrachtgever": {"style": "dashed", "penwidth": "1.4", "arrowhead": "normal"},
    "coordinerend": {"style": "dashed", "penwidth": "3", "arrowhead": "normal"},
    "partij": {"style": "dotted", "dir": "none", "color": "#8A8F94", "penwidth": "1.2"},
    "deelnemer": {"style": "dotted", "dir": "none", "color": "#A58FC0", "penwidth": "1.2"},
    "overdracht": {"style": "solid", "penwidth": "1.8", "arrowhead": "vee"},
    "stroom": {"style": "solid", "penwidth": "1.6", "arrowhead": "vee", "color": "#3F5E7A"},
    "beheert": {"style": "dotted", "dir": "none", "color": "#8A8F94"},
    "afgeleid": {"style": "dashed", "arrowhead": "onormal", "color": "#8A8F94"},
    "gebruikt": {"style": "dotted", "arrowhead": "vee", "color": "#8A8F94"},
}
