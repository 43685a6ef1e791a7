"""Graphviz DOT for the five views of a model, with the findings drawn on the picture.

Views (``docs/diagrams.md`` explains each one and the choices made):

* ``driehoek`` — one executor with its eigenaar(s), opdrachtgever(s), the sturingsmodel, its
  lopende opdrachten and the agreements and fora that hold between them;
* ``opdrachtgevers`` — executors with two or more commissioners, grouped by ministry;
* ``keten`` — one chain, links in handover order left to right, grouped by executing organisation;
* ``gegevens`` — datasets and the data flows between organisations;
* ``overzicht`` — the whole model nested by ``onderdeel_van`` with the steering relations; folded
  above :data:`MAX_ORGS` organisations.

The DOT text is written here, not by a library, so that it is deterministic (sorted iteration,
ids derived from model ids: the same model gives byte-identical DOT) and robust: every text a model
author wrote goes through :func:`esc` into an HTML-like label, every id through :func:`q`.

>>> esc('a "b" <c> & d\\\\N\\nx')
'a &quot;b&quot; &lt;c&gt; &amp; d\\\\\\\\N<BR/>x'
>>> q('o:x"y')
'"o:x\\\\"y"'
"""

from __future__ import annotations

import math
import re
import textwrap
import unicodedata
from dataclasses import dataclass, field
from datetime import date
from typing import Any, Iterable, Optional, Sequence

from ketengraaf.errors import UsageError
from ketengraaf.texts import soort_label
from ketengraaf.graph.view import Agreement, Chain, Context, Link
from ketengraaf.rules import registry
from ketengraaf.rules.base import SEVERITY_RANK, Finding, Kind
from ketengraaf.rules.engine import Report

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

# ------------------------------------------------------------------------------------------ texts
T: dict[str, dict[str, str]] = {
    "nl": {
        "driehoek": "Sturingsdriehoek", "opdrachtgevers": "Meervoudig opdrachtgeverschap",
        "keten": "Keten", "gegevens": "Gegevens en gegevensstromen", "overzicht": "Overzicht van de sturing",
        "peildatum": "peildatum", "model": "model", "legend": "Legenda",
        "eigenaar": "eigenaar", "opdrachtgever": "opdrachtgever", "coordinerend": "coördinerend opdrachtgever",
        "coord_short": "coördinerend",
        "onderdeel": "onderdeel van", "deelnemer": "neemt deel", "partij": "partij bij afspraak",
        "overdracht": "overdracht", "stroom": "gegevensstroom", "beheert": "beheert", "afgeleid": "afgeleid van",
        "gebruikt": "gebruikt", "geen_afspraak": "geen afspraak", "geen_grondslag": "geen grondslag",
        "grondslag": "grondslag", "afspraak": "afspraak", "verwerker": "verwerker",
        "geen_uitvoerder": "geen uitvoerder", "geen_eigenaar": "geen eigenaar", "eigenaar_l": "eigenaar",
        "prestatie": "prestatie", "regisseur": "Ketenregisseur", "bestuur": "Ketenbestuur",
        "doorzettingsmacht": "Doorzettingsmacht", "ja": "ja", "nee": "nee", "ontbreekt": "ontbreekt",
        "ketenprestatie": "Ketenprestatie", "schakels": "schakels", "schakel": "schakel",
        "capaciteit": "capaciteit", "vraag": "vraag", "fte": "fte", "opdrachten": "Lopende opdrachten",
        "meer": "en {n} meer", "van": "van", "niet_geldig": "niet geldig op peildatum",
        "beheerder": "beheerder", "vv": "verwerkingsverantwoordelijke", "bronhouders": "bronhouders",
        "persoonsgegevens": "persoonsgegevens",
        "shape_bestuur": "bestuur (ministerie, gemeente, …)", "shape_eenheid": "eenheid (DG, directie, functie)",
        "shape_uitvoerder": "uitvoerder (agentschap, zbo, …)", "shape_overleg": "overleg (ovaal)",
        "shape_overig": "private partij / overig", "shape_afspraak": "afspraak", "shape_afspraken": "afspraken en overleggen (lijst)",
        "shape_gegevens": "gegevens (cilinder)", "shape_schakel": "schakel", "shape_folded": "ingeklapte groep",
        "sev_error": "fout", "sev_warning": "waarschuwing", "sev_info": "melding",
        "sev_suppressed": "geaccepteerd (uitzondering)", "codes": "regelcodes: ketengraaf explain CODE",
        "cluster_ministerie": "kader = ministerie of ander bestuur",
        "cluster_org": "kader = organisatie met onderdelen",
        "cluster_uitvoerder": "kader = uitvoerende organisatie",
        "geen_meervoudig": "Geen uitvoerder heeft twee of meer opdrachtgevers.",
        "geen_gegevens": "Het model bevat geen gegevens of gegevensstromen.",
        "geen_ketens": "Het model bevat geen ketens.",
        "geen_uitvoerders": "Het model bevat geen uitvoerders met een driehoek.",
        "folded": "ingeklapt: {n} organisaties; getoond: organisaties met bevindingen en hun sturingspartners",
        "folded_top": "ingeklapt: {n} organisaties, per hoofdorganisatie geteld",
        "andere": "+ {n} andere organisaties",
        "orgs": "{n} organisaties", "relaties": "{n} relaties",
        "bevindingen": "bevindingen", "overige": "Overige organisaties",
        "afspraken": "Afspraken", "overleggen": "Overleggen", "deelnemers": "deelnemers", "partijen": "partijen",
        "escalatie": "Als de relatie onder spanning staat", "escalatieroute": "escalatieroute",
        "top": "top", "gezag": "gezag over", "geen_bestuur": "geen enkel bestuur",
        "geen_escalatie": "geen escalatieroute die de uitvoerder, een eigenaar en alle opdrachtgevers bindt",
        "shape_escalatie": "escalatieroute (stappen naar de top)",
    },
    "en": {
        "driehoek": "Steering triangle", "opdrachtgevers": "Multiple commissioners",
        "keten": "Chain", "gegevens": "Data and data flows", "overzicht": "Steering overview",
        "peildatum": "reference date", "model": "model", "legend": "Legend",
        "eigenaar": "owner", "opdrachtgever": "commissioner", "coordinerend": "lead commissioner",
        "coord_short": "lead",
        "onderdeel": "part of", "deelnemer": "takes part", "partij": "party to agreement",
        "overdracht": "handover", "stroom": "data flow", "beheert": "manages", "afgeleid": "derived from",
        "gebruikt": "uses", "geen_afspraak": "no agreement", "geen_grondslag": "no legal basis",
        "grondslag": "legal basis", "afspraak": "agreement", "verwerker": "processor",
        "geen_uitvoerder": "no executor", "geen_eigenaar": "no owner", "eigenaar_l": "owner",
        "prestatie": "performance", "regisseur": "Chain director", "bestuur": "Chain board",
        "doorzettingsmacht": "Override authority", "ja": "yes", "nee": "no", "ontbreekt": "missing",
        "ketenprestatie": "Chain performance", "schakels": "links", "schakel": "link",
        "capaciteit": "capacity", "vraag": "demand", "fte": "FTE", "opdrachten": "Current assignments",
        "meer": "and {n} more", "van": "from", "niet_geldig": "not valid on the reference date",
        "beheerder": "steward", "vv": "controller", "bronhouders": "source holders",
        "persoonsgegevens": "personal data",
        "shape_bestuur": "government (ministry, municipality, …)", "shape_eenheid": "unit (DG, directorate, position)",
        "shape_uitvoerder": "executor (agency, zbo, …)", "shape_overleg": "forum (oval)",
        "shape_overig": "private party / other", "shape_afspraak": "agreement", "shape_afspraken": "agreements and forums (list)",
        "shape_gegevens": "dataset (cylinder)", "shape_schakel": "chain link", "shape_folded": "folded group",
        "sev_error": "error", "sev_warning": "warning", "sev_info": "info",
        "sev_suppressed": "accepted (exception)", "codes": "rule codes: ketengraaf explain CODE",
        "cluster_ministerie": "frame = ministry or other government",
        "cluster_org": "frame = organisation with parts",
        "cluster_uitvoerder": "frame = executing organisation",
        "geen_meervoudig": "No executor has two or more commissioners.",
        "geen_gegevens": "The model has no datasets or data flows.",
        "geen_ketens": "The model has no chains.",
        "geen_uitvoerders": "The model has no executors with a triangle.",
        "folded": "folded: {n} organisations; shown: organisations with findings and their steering partners",
        "folded_top": "folded: {n} organisations, counted per top-level organisation",
        "andere": "+ {n} other organisations",
        "orgs": "{n} organisations", "relaties": "{n} relations",
        "bevindingen": "findings", "overige": "Other organisations",
        "afspraken": "Agreements", "overleggen": "Forums", "deelnemers": "members", "partijen": "parties",
        "escalatie": "When the relation comes under strain", "escalatieroute": "escalation path",
        "top": "top", "gezag": "authority over", "geen_bestuur": "no government at all",
        "geen_escalatie": "no escalation path that binds the executor, an owner and every commissioner",
        "shape_escalatie": "escalation path (steps to the top)",
    },
}

# ------------------------------------------------------------------------------------------ escaping
_CTRL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffe\uffff\ud800-\udfff]")
_NL = re.compile(r"\r\n|\r|\n|\u2028|\u2029|\x85")


def clean(s: Any) -> str:
    """Text without characters XML cannot hold (control characters, lone surrogates, U+FFFE/F);
    tabs become spaces, line breaks become ``\\n``."""
    s = _NL.sub("\n", str(s)).replace("\t", " ")
    return _CTRL.sub("\N{REPLACEMENT CHARACTER}", s)


def _esc_line(s: str) -> str:
    # Backslashes first: Graphviz applies its escString rules (\N, \G, \L, \n ...) to HTML labels
    # too, after decoding entities, so a literal backslash must be doubled.
    return (s.replace("\\", "\\\\").replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
            .replace('"', "&quot;"))


def esc(s: Any, width: int = 0) -> str:
    """Text for inside an HTML-like label: escaped, newlines as ``<BR/>``, optionally wrapped."""
    lines = clean(s).split("\n")
    if width:
        lines = [w for line in lines for w in _wrap(line, width)]
    return "<BR/>".join(_esc_line(line) for line in lines)


def _wrap(line: str, width: int) -> list[str]:
    """Wrap at spaces; a word a little longer than the width stays whole, a very long one is cut."""
    out = textwrap.wrap(line, width, break_long_words=False, break_on_hyphens=False) or [""]
    hard = width + width // 2
    return [piece[i:i + hard] for piece in out for i in range(0, max(len(piece), 1), hard)]


def q(s: str) -> str:
    """A quoted DOT id or attribute value (escString-safe)."""
    s = clean(s)
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'


class H(str):
    """An HTML-like label value, written as ``<...>``."""


def _attrs(a: dict[str, Any]) -> str:
    parts = []
    for k, v in a.items():
        if v is None:
            continue
        if isinstance(v, H):
            parts.append(f"{k}=<{v}>")
        elif isinstance(v, bool):
            parts.append(f"{k}={'true' if v else 'false'}")
        elif isinstance(v, (int, float)):
            parts.append(f"{k}={v}")
        else:
            parts.append(f"{k}={q(v)}")
    return ", ".join(parts)


class Dot:
    """A tiny writer for DOT text, in the order things are added."""

    def __init__(self) -> None:
        self.lines: list[str] = []
        self.depth = 1
        self._n = 0

    def _w(self, s: str) -> None:
        self.lines.append("  " * self.depth + s)

    def node(self, id_: str, **a: Any) -> None:
        self._w(f"{q(id_)} [{_attrs(a)}];")

    def edge(self, u: str, v: str, **a: Any) -> None:
        self._w(f"{q(u)} -> {q(v)} [{_attrs(a)}];")

    def open(self, name: str, **a: Any) -> None:
        """A cluster. Cluster attributes are inherited by nested clusters, so the ones the content
        frame sets (label at the bottom, no border) are set explicitly on every cluster."""
        self._w(f"subgraph {q(name)} {{")
        self.depth += 1
        a.setdefault("labelloc", "t")
        a.setdefault("labeljust", "l")
        a.setdefault("peripheries", 1)
        for k, v in a.items():
            self._w(f"{_attrs({k: v})};")

    def close(self) -> None:
        self.depth -= 1
        self._w("}")

    def same_rank(self, ids: Iterable[str], rank: str = "same") -> None:
        ids = list(ids)
        if ids:
            self._w(f"{{ rank={rank}; {'; '.join(q(i) for i in ids)}; }}")

    def cluster_name(self, hint: str) -> str:
        self._n += 1
        return f"cluster_{self._n}_{hint}"


def header(rankdir: str = "TB", *, ranksep: float = 0.55, nodesep: float = 0.35, extra: str = "") -> list[str]:
    # newrank: one global ranking, so handovers run left to right across the uitvoerder frames.
    # (Graphviz 2.43 crashes on newrank together with pack, so nothing here uses pack.)
    return [
        "digraph ketengraaf {",
        f'  graph [fontname="{FONT}", fontsize=11, rankdir={rankdir}, ranksep={ranksep}, nodesep={nodesep}, '
        f'pad=0.3, bgcolor="white", labelloc=t, labeljust=l, newrank=true, compound=true, '
        f'outputorder=edgesfirst{extra}];',
        f'  node [fontname="{FONT}", fontsize=11, color="{INK}", fontcolor="{INK}", margin="0.14,0.07"];',
        f'  edge [fontname="{FONT}", fontsize=9, color="{INK}", fontcolor="{INK}", arrowsize=0.7];',
    ]


def _finish(d: Dot, title: H, legend_html: str, rankdir: str, *, ranksep: float, nodesep: float,
            extra: str = "") -> str:
    """The whole DOT text: the title as the graph's label on top, the picture inside an unframed
    cluster whose label, at the bottom, is the legend."""
    out = header(rankdir, ranksep=ranksep, nodesep=nodesep, extra=extra)
    out.append(f"  label=<{title}>;")
    out.append('  subgraph "cluster_content" {')
    out.append(f'    label=<{legend_html}>; labelloc=b; labeljust=l; peripheries=0; margin=12;')
    out.extend("  " + line for line in d.lines)
    if not d.lines:  # Graphviz leaves out an empty frame, and its legend with it
        out.append('    "empty:" [shape=point, style=invis, width=0, height=0, label=""];')
    out.append("  }")
    out.append("}")
    return "\n".join(out) + "\n"


# ------------------------------------------------------------------------------------------ findings on the picture
@dataclass(frozen=True)
class Mark:
    code: str
    severity: str
    suppressed: bool
    message: str


def _dedupe(ms: Iterable[Mark]) -> list[Mark]:
    """One mark per code (an open one wins over a suppressed one), sorted by code."""
    best: dict[str, Mark] = {}
    for m in ms:
        b = best.get(m.code)
        if b is None or (b.suppressed and not m.suppressed):
            best[m.code] = m
    return [best[c] for c in sorted(best)]


def worst(marks: Sequence[Mark]) -> Optional[str]:
    """The highest severity among the open (unsuppressed) marks."""
    open_ = [m.severity for m in marks if not m.suppressed]
    return max(open_, key=lambda s: SEVERITY_RANK[s]) if open_ else None


class Marks:
    """Findings indexed by what they are about: a node id, a sturingsrelatie, a handover — read
    from each finding's typed subject (the analysis keeps them for renderers), never parsed from
    the subject's string."""

    def __init__(self, findings: Iterable[Finding]):
        self.node: dict[str, list[Mark]] = {}
        self.rel: dict[tuple[str, str, str], list[Mark]] = {}
        self.handover: dict[tuple[str, str], list[Mark]] = {}
        for f in findings:
            subj = f.subject_value
            if subj is None:
                raise ValueError("diagrams need findings with their typed subjects (analyse with keep_facts=True)")
            m = Mark(f.rule, f.severity, f.suppressed, f.message)
            if subj.kind is Kind.uitzondering:
                continue
            if subj.kind is Kind.relatie:
                self.rel.setdefault(subj.parts, []).append(m)  # type: ignore[arg-type]
            elif subj.kind is Kind.overdracht:
                self.handover.setdefault(subj.parts, []).append(m)  # type: ignore[arg-type]
            else:
                for part in subj.parts:
                    self.node.setdefault(part, []).append(m)

    def of(self, id_: str) -> list[Mark]:
        return _dedupe(self.node.get(id_, ()))

    def of_rel(self, rol: str, van: str, naar: str) -> list[Mark]:
        return _dedupe(self.rel.get((rol, van, naar), ()))

    def of_handover(self, p: str, s: str) -> list[Mark]:
        return _dedupe(self.handover.get((p, s), ()))


def pills(marks: Sequence[Mark], size: int = 9) -> str:
    """A row of code badges, one per rule, coloured by severity (grey when accepted)."""
    if not marks:
        return ""
    cells = []
    for m in marks:
        line, _, text = SUPPRESSED_STYLE if m.suppressed else SEV_STYLE[m.severity]
        cells.append(f'<TD BGCOLOR="{line}" CELLPADDING="2"><FONT COLOR="{text}" POINT-SIZE="{size}">'
                     f'<B> {esc(m.code)} </B></FONT></TD>')
    return f'<TABLE BORDER="0" CELLBORDER="0" CELLSPACING="2" CELLPADDING="0"><TR>{"".join(cells)}</TR></TABLE>'


def tooltip(title: str, marks: Sequence[Mark], lang: str) -> str:
    lines = [clean(title)]
    for m in marks:
        extra = ""
        if m.suppressed:
            extra = " (geaccepteerd)" if lang == "nl" else " (accepted)"
        lines.append(f"{m.code}{extra}: {clean(m.message)}")
    return "\n".join(lines)[:2000]


def sev_attrs(marks: Sequence[Mark], base: dict[str, str], *, edge: bool = False) -> dict[str, str]:
    """Node/edge attributes for the worst open severity (base attributes otherwise)."""
    a = dict(base)
    w = worst(marks)
    if w is None:
        return a
    line, fill, _ = SEV_STYLE[w]
    a["color"] = line
    if edge:
        a["fontcolor"] = INK
        a["penwidth"] = "3" if w == "error" else "2.4"
    else:
        a["fillcolor"] = fill
        a["penwidth"] = "3.2" if w == "error" else "2.6"
        if "filled" not in a.get("style", ""):
            a["style"] = (a.get("style", "") + ",filled").strip(",")
    return a


def block(title: str, lines: Sequence[str] = (), marks: Sequence[Mark] = (), *, width: int = 26,
          title_size: int = 11, bold: bool = True, rows: Sequence[str] = ()) -> H:
    """An HTML-like label: title (bold), small grey lines, extra raw rows, and the code badges."""
    t = esc(title, width)
    t = f"<B>{t}</B>" if bold else t
    out = [f'<TR><TD><FONT POINT-SIZE="{title_size}">{t}</FONT></TD></TR>']
    for line in lines:
        if line:
            out.append(f'<TR><TD><FONT POINT-SIZE="9" COLOR="{MUTED}">{esc(line, width + 8)}</FONT></TD></TR>')
    out.extend(rows)
    if marks:
        out.append(f"<TR><TD>{pills(marks)}</TD></TR>")
    return H(f'<TABLE BORDER="0" CELLBORDER="0" CELLSPACING="0" CELLPADDING="1">{"".join(out)}</TABLE>')


def stack(parts: Sequence[str], align: str = "CENTER") -> str:
    """Several label parts (text or tables) stacked in one table: an HTML-like label cannot mix a
    table with text at its top level."""
    rows = "".join(f'<TR><TD ALIGN="{align}" BALIGN="{align}">{p}</TD></TR>' for p in parts if p)
    return f'<TABLE BORDER="0" CELLBORDER="0" CELLSPACING="0" CELLPADDING="1">{rows}</TABLE>'


def warn_row(text: str, severity: Optional[str]) -> str:
    """A short highlighted statement ("geen uitvoerder") inside a block."""
    colour = SEV_STYLE[severity][0] if severity else MUTED
    return f'<TR><TD><FONT POINT-SIZE="9" COLOR="{colour}"><B>{esc(text)}</B></FONT></TD></TR>'


# ------------------------------------------------------------------------------------------ the diagram context
@dataclass
class Diagram:
    """Everything a view needs: the graph's indexes, the findings, the language."""

    ctx: Context
    report: Report
    lang: str = "nl"
    marks: Marks = field(init=False)
    #: Only findings whose code starts with one of these are drawn on organisations (None: all);
    #: each view sets what belongs to its subject (the gegevens view shows D-findings, …).
    only: Optional[tuple[str, ...]] = None

    def __post_init__(self) -> None:
        self.marks = Marks(self.report.findings)

    @property
    def t(self) -> dict[str, str]:
        return T[self.lang]

    def naam(self, id_: str) -> str:
        return self.ctx.naam(id_)

    def org_id(self, x: str) -> str:
        return f"o:{x}"

    def org_node(self, d: Dot, x: str, *, node_id: Optional[str] = None, lines: Sequence[str] = (),
                 rows: Sequence[str] = (), extra_marks: Sequence[Mark] = (), **extra: Any) -> None:
        a = self.ctx.orgs.get(x, {})
        groep = a.get("groep", "overig")
        style = ORG_STYLE["overleg" if a.get("soort") == "overleg" else groep]
        own = [m for m in self.marks.of(x) if self.only is None or m.code.startswith(self.only)]
        marks = _dedupe(own + list(extra_marks))
        soort = soort_label(a.get("soort"), self.lang)
        if a.get("onafhankelijk"):
            soort += ", onafhankelijk" if self.lang == "nl" else ", independent"
        attrs = sev_attrs(marks, style)
        attrs.update(extra)
        d.node(node_id or self.org_id(x), label=block(self.naam(x), [soort, *lines], marks, rows=rows),
               tooltip=tooltip(self.naam(x), marks, self.lang), **attrs)

    def title(self, view: str, subject: Optional[str] = None, note: str = "") -> H:
        t = self.t
        head = t[view] + (f": {clean(subject)}" if subject else "")
        sub = f"{clean(self.report.naam)} · {t['peildatum']} {self.report.peildatum}"
        rows = [f'<TR><TD ALIGN="LEFT" BALIGN="LEFT"><FONT POINT-SIZE="17"><B>{esc(head, 90)}</B></FONT></TD></TR>',
                f'<TR><TD ALIGN="LEFT" BALIGN="LEFT"><FONT POINT-SIZE="11" COLOR="{MUTED}">{esc(sub, 120)}</FONT></TD></TR>']
        if note:
            rows.append(f'<TR><TD ALIGN="LEFT" BALIGN="LEFT"><FONT POINT-SIZE="10" COLOR="{MUTED}"><I>{esc(note, 110)}</I></FONT></TD></TR>')
        return H(f'<TABLE BORDER="0" CELLBORDER="0" CELLSPACING="0" CELLPADDING="2">{"".join(rows)}</TABLE>')

    def top_bestuur(self, x: str) -> Optional[str]:
        """The nearest ancestor-or-self of group bestuur (the ministry a DG belongs to)."""
        seen: set[str] = set()
        y: Optional[str] = x
        while y is not None and y not in seen:
            seen.add(y)
            if self.ctx.orgs.get(y, {}).get("groep") == "bestuur":
                return y
            y = self.ctx.parent.get(y)
        return None


# ------------------------------------------------------------------------------------------ legend


def legend(dg: Diagram, nodes: Sequence[str], edges: Sequence[str], notes: Sequence[str] = ()) -> str:
    """The legend as one flat HTML-like table (no nested tables: Graphviz 2.43 asserts on some
    nested, fixed-size cells): three column pairs — node kinds with a drawn sample, line styles
    drawn as a cell border, severity badges on their fill tint — and notes below.

    It is the label of the frame around the picture, placed below it, so it never takes part in
    the layout. ``nodes``: keys of :func:`_legend_nodes`; ``edges``: keys of :data:`EDGE_STYLE`.
    """
    t = dg.t
    defs = _legend_nodes(t)
    shapes = [(defs[k][1], esc(defs[k][0], 40)) for k in nodes]
    lines = []
    for k in edges:
        st = EDGE_STYLE[k]
        style = {"dashed": ' STYLE="dashed"', "dotted": ' STYLE="dotted"'}.get(st.get("style", ""), "")
        width = max(1, round(float(st.get("penwidth", "1.4"))))
        colour = st.get("color", INK)
        head = "" if st.get("dir") == "none" else " &#9656;"
        lines.append((f'SIDES="B" BORDER="{width}"{style} COLOR="{colour}" WIDTH="44"', esc(t[k], 36) + head))
    sev = []
    for k in ("error", "warning", "info"):
        line, fill, text = SEV_STYLE[k]
        sev.append((f'BGCOLOR="{line}"><FONT COLOR="{text}" POINT-SIZE="8"><B>CODE</B></FONT',
                    esc(t["sev_" + k]), fill))
    line, fill, text = SUPPRESSED_STYLE
    sev.append((f'BGCOLOR="{line}"><FONT COLOR="{text}" POINT-SIZE="8"><B>CODE</B></FONT',
                esc(t["sev_suppressed"]), "#FFFFFF"))
    n = max(len(shapes), len(lines), len(sev))
    rows = []
    for i in range(n):
        cells = []
        if shapes:
            if i < len(shapes):
                cells.append(f'<TD {shapes[i][0]}> </TD><TD ALIGN="LEFT"><FONT POINT-SIZE="9">{shapes[i][1]}</FONT></TD>')
            else:
                cells.append("<TD> </TD><TD> </TD>")
        if lines:
            if i < len(lines):
                cells.append(f'<TD {lines[i][0]}> </TD><TD ALIGN="LEFT"><FONT POINT-SIZE="9">{lines[i][1]}</FONT></TD>')
            else:
                cells.append("<TD> </TD><TD> </TD>")
        if i < len(sev):
            cells.append(f'<TD {sev[i][0]}></TD><TD ALIGN="LEFT" BGCOLOR="{sev[i][2]}"><FONT POINT-SIZE="9">{sev[i][1]}</FONT></TD>')
        else:
            cells.append("<TD> </TD><TD> </TD>")
        rows.append(f'<TR>{"".join(cells)}</TR>')
    span = 2 * (bool(shapes) + bool(lines) + 1)
    for note in (*notes, "codes"):
        rows.append(f'<TR><TD ALIGN="LEFT" COLSPAN="{span}"><FONT POINT-SIZE="8" COLOR="{MUTED}">{esc(t[note], 90)}</FONT></TD></TR>')
    return (f'<TABLE BORDER="1" STYLE="rounded" COLOR="#B8BEC4" CELLBORDER="0" CELLSPACING="3" CELLPADDING="2">'
            f'<TR><TD ALIGN="LEFT" COLSPAN="{span}"><FONT POINT-SIZE="10"><B>{esc(t["legend"])}</B></FONT></TD></TR>'
            f'{"".join(rows)}</TABLE>')


def _sample(fill: str, *, rounded: bool = True, border: int = 1, style: str = "", colour: str = INK) -> str:
    """Attributes of a table cell drawn like a node of this kind."""
    st = ",".join(x for x in ("rounded" if rounded else "", style) if x)
    st = f' STYLE="{st}"' if st else ""
    return f'BORDER="{border}" COLOR="{colour}" BGCOLOR="{fill}" WIDTH="34"{st}'


def _legend_nodes(t: dict[str, str]) -> dict[str, tuple[str, str]]:
    """Legend rows: text and the attributes of a small drawn sample in the node's fill and border."""
    return {
        "bestuur": (t["shape_bestuur"], _sample(ORG_STYLE["bestuur"]["fillcolor"], rounded=False)),
        "eenheid": (t["shape_eenheid"], _sample(ORG_STYLE["eenheid"]["fillcolor"])),
        "uitvoerder": (t["shape_uitvoerder"], _sample(ORG_STYLE["uitvoerder"]["fillcolor"], border=2)),
        "overleg": (t["shape_overleg"], _sample(ORG_STYLE["overleg"]["fillcolor"])),
        "overig": (t["shape_overig"], _sample(ORG_STYLE["overig"]["fillcolor"], style="dashed")),
        "afspraak": (t["shape_afspraken"], _sample("#FFFBEA", rounded=False, colour="#A08C4A")),
        "escalatie": (t["shape_escalatie"], _sample(LADDER_FILL, rounded=False, colour=LADDER_LINE)),
        "gegevens": (t["shape_gegevens"], _sample("#EEF3F8", colour="#5C7A99")),
        "schakel": (t["shape_schakel"], _sample("#FFFFFF")),
        "folded": (t["shape_folded"], _sample("#E2E8F0", rounded=False)),
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


# ------------------------------------------------------------------------------------------ shared pieces
def _rel_edge(d: Dot, dg: Diagram, rol: str, van: str, naar: str, coordinerend: bool, sturingsmodel: Optional[str],
              *, u: Optional[str] = None, v: Optional[str] = None, extra_marks: Sequence[Mark] = (),
              show_label: bool = True, coord_label: bool = True, **extra: Any) -> None:
    t = dg.t
    marks = _dedupe(list(dg.marks.of_rel(rol, van, naar)) + list(extra_marks))
    key = "coordinerend" if coordinerend else rol
    parts = []
    if show_label:
        parts.append(esc(t[key]))
        if sturingsmodel:
            parts.append(f'<FONT COLOR="{MUTED}"><I>{esc(soort_label(sturingsmodel, dg.lang))}</I></FONT>')
    elif coordinerend and coord_label:
        parts.append(esc(t["coord_short"]))
    if marks:
        parts.append(pills(marks, 8))
    label = stack(parts) if parts else ""
    a = sev_attrs(marks, EDGE_STYLE[key], edge=True)
    a.update(extra)
    d.edge(u or dg.org_id(van), v or dg.org_id(naar), label=H(label) if label else None,
           tooltip=tooltip(f"{t[key]}: {dg.naam(van)} → {dg.naam(naar)}", marks, dg.lang), **a)


def _agreement_valid(dg: Diagram, ag: Agreement) -> bool:
    return dg.ctx.valid(ag.geldig_van, ag.geldig_tot)


def _finished(dg: Diagram, a: Any) -> bool:
    return dg.ctx.finished(a)


def _fmt_num(x: float, lang: str) -> str:
    s = f"{x:.1f}".rstrip("0").rstrip(".") if x != int(x) else str(int(x))
    return s.replace(".", ",") if lang == "nl" else s


def _pct(x: float, lang: str) -> str:
    s = f"{x * 100:.1f}".rstrip("0").rstrip(".")
    return (s.replace(".", ",") if lang == "nl" else s) + "%"


# ------------------------------------------------------------------------------------------ view: driehoek
def executors(ctx: Context) -> list[str]:
    """Subjects of the driehoek view: organisations of group uitvoerder, and any other organisation
    that is steered (has an incoming eigenaar or opdrachtgever relation), sorted by id."""
    out = {x for x, a in ctx.orgs.items() if a.get("groep") == "uitvoerder"}
    out |= {r.naar for r in ctx.relations}
    return sorted(out)


@dataclass
class Triangle:
    """What one executor's steering triangle shows (here and in the ArchiMate export's views)."""

    x: str
    #: its eigenaars and opdrachtgevers
    members: set[str]
    #: opdrachtgevers of its lopende opdrachten that have no sturingsrelatie to it
    extra_opdrachtgevers: list[str]
    #: everyone above it in the picture, sorted
    top: list[str]
    #: its lopende opdrachten (not finished on the peildatum)
    opdrachten: list[Any]
    #: agreements between it and at least one member of its triangle
    afspraken: list[Agreement]


def triangle(ctx: Context, x: str) -> Triangle:
    """The triangle of executor ``x``: eigenaars and opdrachtgevers, the opdrachtgevers of lopende
    opdrachten outside the steering line, and the agreements that bind it to one of them."""
    members = set(ctx.eigenaars.get(x, [])) | {r.van for r in ctx.opdrachtgever_rels.get(x, [])}
    opd = [a for a in ctx.assignments if a.opdrachtnemer == x and not ctx.finished(a)]
    extra = sorted({a.opdrachtgever for a in opd if a.opdrachtgever and a.opdrachtgever not in members
                    and a.opdrachtgever != x})
    top = [o for o in sorted(members | set(extra)) if o != x]
    ags = [ag for ag in ctx.agreements if x in ag.partijen and ag.partijen & members]
    return Triangle(x, members, extra, top, opd, ags)


def _driehoek(d: Dot, dg: Diagram, x: str, prefix: str = "") -> tuple[list[str], str]:
    """One triangle: eigenaars and opdrachtgevers on top, the executor below, agreements and fora
    in between. ``prefix`` makes the node ids unique when several triangles share a file."""
    ctx, t = dg.ctx, dg.t
    P = (lambda s: f"{prefix}{s}") if prefix else (lambda s: s)
    tri = triangle(ctx, x)
    members, opd, extra_ogs, top = tri.members, tri.opdrachten, tri.extra_opdrachtgevers, tri.top

    # Executor with its opdrachten and capacity.
    a_x = ctx.orgs.get(x, {})
    lines = []
    if a_x.get("capaciteit") is not None:
        demand = sum(a.capaciteit or 0 for a in opd if ctx.valid(a.van, a.tot))
        lines.append(f"{t['capaciteit']} {_fmt_num(a_x['capaciteit'], dg.lang)} {t['fte']}"
                     f" · {t['vraag']} {_fmt_num(demand, dg.lang)} {t['fte']}")
    if x in ctx.parent:
        lines.append(f"{t['onderdeel']} {dg.naam(ctx.parent[x])}")
    rows = []
    if opd:
        rows.append(f'<TR><TD ALIGN="LEFT"><FONT POINT-SIZE="9"><B>{esc(t["opdrachten"])}</B></FONT></TD></TR>')
        for a in opd[:MAX_OPDRACHTEN]:
            am = dg.marks.of(a.id)
            cap = f", {_fmt_num(a.capaciteit, dg.lang)} {t['fte']}" if a.capaciteit is not None else ""
            txt = esc(f"{a.naam or a.id} ({t['van']} {dg.naam(a.opdrachtgever)}{cap})", 44)
            w = worst(am)
            colour = SEV_STYLE[w][0] if w else INK
            rows.append(_badged_row(f'<FONT POINT-SIZE="9" COLOR="{colour}">{txt}</FONT>', am))
        if len(opd) > MAX_OPDRACHTEN:
            rows.append(f'<TR><TD ALIGN="LEFT"><FONT POINT-SIZE="9" COLOR="{MUTED}">'
                        f'{esc(t["meer"].format(n=len(opd) - MAX_OPDRACHTEN))}</FONT></TD></TR>')
    dg.org_node(d, x, node_id=P(dg.org_id(x)), lines=lines, rows=rows)

    # Eigenaars and opdrachtgevers: each in the frame of its ministry, when that is not X's own.
    by_min: dict[str, list[str]] = {}
    for o in top:
        by_min.setdefault(dg.top_bestuur(o) or "", []).append(o)
    for mn in sorted(by_min):
        if mn and mn not in by_min[mn]:
            d.open(d.cluster_name("min"), label=H(f'<FONT POINT-SIZE="10" COLOR="{MUTED}">{esc(dg.naam(mn), 40)}</FONT>'),
                   style="rounded", color="#C5CCD3", margin=8)
            for o in by_min[mn]:
                dg.org_node(d, o, node_id=P(dg.org_id(o)))
            d.close()
        else:
            for o in by_min[mn]:
                dg.org_node(d, o, node_id=P(dg.org_id(o)))

    # Steering relations.
    for r in ctx.relations:
        if r.naar == x and r.van != x:
            _rel_edge(d, dg, r.rol, r.van, x, r.coordinerend, r.sturingsmodel,
                      u=P(dg.org_id(r.van)), v=P(dg.org_id(x)))
        elif r.naar == x:  # a relation to itself
            _rel_edge(d, dg, r.rol, x, x, r.coordinerend, r.sturingsmodel, u=P(dg.org_id(x)), v=P(dg.org_id(x)))
    # Opdrachten outside the steering line: a thin arrow from their opdrachtgever.
    for o in extra_ogs:
        ms = _dedupe(m for a in opd if a.opdrachtgever == o for m in dg.marks.of(a.id))
        lab = ("opdracht zonder sturingsrelatie" if dg.lang == "nl" else "assignment without steering relation")
        attrs = sev_attrs(ms, {"style": "dashed", "color": "#8A8F94", "arrowhead": "empty"}, edge=True)
        d.edge(P(dg.org_id(o)), P(dg.org_id(x)), label=H(stack([f'<FONT POINT-SIZE="8">{esc(lab, 20)}</FONT>',
                                                                 pills(ms, 8)])), **attrs)

    # Agreements between X and at least one member of its triangle, and the fora where X meets
    # them: one list beside the executor (lines to every party would hide the triangle).
    rows: list[str] = []
    ags = tri.afspraken
    if ags:
        rows.append(f'<TR><TD ALIGN="LEFT"><FONT POINT-SIZE="10"><B>{esc(t["afspraken"])}</B></FONT></TD></TR>')
        for ag in ags:
            rows.append(_agreement_row(dg, ag))
    fora = [ov for ov in sorted(ctx.deelnemers) if x in ctx.deelnemers[ov] and ctx.deelnemers[ov] & members
            and ctx.orgs.get(ov, {}).get("soort") == "overleg"]
    if fora:
        rows.append(f'<TR><TD ALIGN="LEFT"><FONT POINT-SIZE="10"><B>{esc(t["overleggen"])}</B></FONT></TD></TR>')
        for ov in fora:
            who = ", ".join(dg.naam(p) for p in sorted(ctx.deelnemers[ov], key=lambda p: (dg.naam(p), p)))
            rows.append(f'<TR><TD ALIGN="LEFT" BALIGN="LEFT"><FONT POINT-SIZE="9">{esc(dg.naam(ov), 46)}</FONT><BR/>'
                        f'<FONT POINT-SIZE="8" COLOR="{MUTED}">{esc(t["deelnemers"] + ": " + who, 60)}</FONT></TD></TR>')
    beside = [P(dg.org_id(x))]
    if rows:
        nid = P("list:afspraken")
        d.node(nid, shape="note", style="filled", fillcolor="#FFFBEA", color="#A08C4A", label=H(
            f'<TABLE BORDER="0" CELLBORDER="0" CELLSPACING="0" CELLPADDING="2">{"".join(rows)}</TABLE>'))
        d.edge(P(dg.org_id(x)), nid, style="dotted", dir="none", color="#A08C4A", minlen=2)
        beside.append(nid)
    ladder = _ladder_rows(dg, x, members)
    if ladder:
        nid = P("list:escalatie")
        marks = [m for m in dg.marks.of(x) if m.code == "S04"]
        marks += [m for ag in ladders_of(dg, x) for m in dg.marks.of(ag.id) if m.code == "S05"]
        a = sev_attrs(marks, {"shape": "box", "style": "filled", "fillcolor": LADDER_FILL, "color": LADDER_LINE})
        a["fillcolor"] = LADDER_FILL  # the border tells the severity; the text stays readable
        d.node(nid, label=H(f'<TABLE BORDER="0" CELLBORDER="0" CELLSPACING="0" CELLPADDING="2">{"".join(ladder)}</TABLE>'),
               tooltip=tooltip(t["escalatie"], marks, dg.lang), **a)
        d.edge(beside[-1], nid, style="invis", minlen=1)
        beside.append(nid)
    if len(beside) > 1:
        d.same_rank(beside)
    return [P(dg.org_id(o)) for o in top], P(dg.org_id(x))


def _badged_row(cell: str, marks: Sequence[Mark]) -> str:
    """A left-aligned row of a list: the text, and the code badges right beside it."""
    badge = f"<TD>{pills(marks, 8)}</TD>" if marks else ""
    return (f'<TR><TD ALIGN="LEFT"><TABLE BORDER="0" CELLBORDER="0" CELLSPACING="0" CELLPADDING="0">'
            f'<TR><TD ALIGN="LEFT" BALIGN="LEFT">{cell}</TD>{badge}</TR></TABLE></TD></TR>')


def ladders_of(dg: Diagram, x: str) -> list[Agreement]:
    """The agreements with an escalation ladder that bind ``x``, sorted by id (valid or not)."""
    return [ag for ag in dg.ctx.agreements if ag.escalatie and x in ag.partijen]


def _ladder_rows(dg: Diagram, x: str, members: set[str]) -> list[str]:
    """The escalation paths that bind X, each as its steps in order up to the top (with whom the top
    has authority over), the S05 badge on a ladder whose top cannot settle for every party, and the
    S04 statement when no ladder binds the whole triangle. Empty when X has no triangle and no ladder."""
    t = dg.t
    s04 = [m for m in dg.marks.of(x) if m.code == "S04"]
    ladders = ladders_of(dg, x)
    if not ladders and not (s04 or members):
        return []
    rows = [f'<TR><TD ALIGN="LEFT"><FONT POINT-SIZE="10"><B>{esc(t["escalatie"], 40)}</B></FONT></TD></TR>']
    if s04:
        colour = SEV_STYLE[worst(s04) or "warning"][0]
        rows.append(_badged_row(f'<FONT POINT-SIZE="9" COLOR="{colour}"><B>{esc(t["geen_escalatie"], 40)}</B></FONT>', s04))
    for ag in ladders:
        valid = _agreement_valid(dg, ag)
        s05 = [m for m in dg.marks.of(ag.id) if m.code == "S05"]
        colour = INK if valid else "#8A8A8A"
        head = f'<FONT POINT-SIZE="9" COLOR="{colour}"><B>{esc(dg.naam(ag.id), 46)}</B></FONT>'
        if not valid:
            head += f'<BR/><FONT POINT-SIZE="8" COLOR="{colour}"><I>{esc(t["niet_geldig"])}</I></FONT>'
        rows.append(f'<TR><TD ALIGN="LEFT" BALIGN="LEFT">{head}</TD></TR>')
        n = len(ag.escalatie)
        for i, step in enumerate(ag.escalatie, 1):
            top = i == n
            w = worst(s05) if top and valid else None
            c = SEV_STYLE[w][0] if w else colour
            name = esc(f"{i}. {dg.naam(step)}", 44)
            line = f'<FONT POINT-SIZE="9" COLOR="{c}">{f"<B>{name}</B>" if top else name}</FONT>'
            if top:
                gezag = [dg.naam(b) for b in sorted(dg.ctx.gezag(step))]
                who = ", ".join(gezag) if gezag else t["geen_bestuur"]
                line += (f'<BR/><FONT POINT-SIZE="8" COLOR="{MUTED}">{esc(t["top"] + " · " + t["gezag"] + " " + who, 56)}'
                         f'</FONT>')
                rows.append(_badged_row(line, s05))
            else:
                line += f'<BR/><FONT POINT-SIZE="8" COLOR="{MUTED}">&#8595;</FONT>'
                rows.append(f'<TR><TD ALIGN="LEFT" BALIGN="LEFT">{line}</TD></TR>')
    return rows


def _agreement_row(dg: Diagram, ag: Agreement) -> str:
    """One agreement in a list: name, soort, period, parties; greyed when not valid on the peildatum."""
    t = dg.t
    valid = _agreement_valid(dg, ag)
    colour = INK if valid else "#8A8A8A"
    meta = [soort_label(ag.soort, dg.lang)]
    if ag.geldig_van or ag.geldig_tot:
        meta.append(f"{ag.geldig_van or '…'} – {ag.geldig_tot or '…'}")
    if ag.soort == "werkagenda" and ag.meerjarig:
        meta.append("meerjarig" if dg.lang == "nl" else "multi-year")
    who = ", ".join(dg.naam(p) for p in sorted(ag.partijen, key=lambda p: (dg.naam(p), p)))
    extra = "" if valid else f'<BR/><FONT POINT-SIZE="8" COLOR="{colour}"><I>{esc(t["niet_geldig"])}</I></FONT>'
    return (f'<TR><TD ALIGN="LEFT" BALIGN="LEFT"><FONT POINT-SIZE="9" COLOR="{colour}">{esc(dg.naam(ag.id), 46)}</FONT>'
            f'<BR/><FONT POINT-SIZE="8" COLOR="{MUTED}">{esc(" · ".join(meta), 60)}</FONT>'
            f'<BR/><FONT POINT-SIZE="8" COLOR="{MUTED}">{esc(t["partijen"] + ": " + who, 60)}</FONT>{extra}</TD></TR>')


def view_driehoek(dg: Diagram, subject: Optional[str]) -> str:
    ctx = dg.ctx
    dg.only = None
    subs = [subject] if subject else executors(ctx)
    d = Dot()
    multi = subject is None
    note = "" if subs else dg.t["geen_uitvoerders"]
    title = dg.title("driehoek", dg.naam(subject) if subject else None, note)
    if multi:
        # All triangles in one file, in rows of GRID_COLUMNS: an invisible edge from each executor
        # to the top of the triangle one row below keeps the rows apart.
        ends: list[tuple[list[str], str]] = []
        for x in subs:
            d.open(d.cluster_name("tri"), label=H(f"<B>{esc(dg.naam(x), 50)}</B>"), style="rounded",
                   color="#9AA5B1", margin=12, fontsize=13)
            ends.append(_driehoek(d, dg, x, prefix=f"t:{x}/"))
            d.close()
        for i in range(GRID_COLUMNS, len(ends)):
            above = ends[i - GRID_COLUMNS][1]
            for top in ends[i][0] or [ends[i][1]]:
                d.edge(above, top, style="invis", weight=0)
    elif subs:
        _driehoek(d, dg, subs[0])
    lg = legend(dg, ["bestuur", "eenheid", "uitvoerder", "overig", "afspraak", "escalatie"],
                ["eigenaar", "opdrachtgever", "coordinerend"], ["cluster_ministerie"])
    return _finish(d, title, lg, "TB", ranksep=0.7, nodesep=0.4)


# ------------------------------------------------------------------------------------------ view: opdrachtgevers
def view_opdrachtgevers(dg: Diagram) -> str:
    """Executors with ≥ 2 commissioners and those commissioners, each in the frame of its ministry;
    conflicting assignments (M03) on the commissioning arrows, overload (M04) at the executor."""
    ctx, t = dg.ctx, dg.t
    dg.only = ("M",)
    xs = [x for x in sorted(ctx.opdrachtgever_rels) if len(ctx.opdrachtgevers(x)) >= 2]
    d = Dot()
    shown: set[str] = set(xs)
    for x in xs:
        shown |= set(ctx.opdrachtgevers(x))
    # Opdracht marks (M03, R07, R08) per (opdrachtgever, opdrachtnemer), on the arrow.
    pair_marks: dict[tuple[str, str], list[Mark]] = {}
    for a in ctx.assignments:
        if _finished(dg, a):
            continue
        ms = [m for m in dg.marks.of(a.id) if m.code.startswith("M")]
        if ms and a.opdrachtnemer in xs:
            pair_marks.setdefault((a.opdrachtgever, a.opdrachtnemer), []).extend(ms)
    by_min: dict[str, list[str]] = {}
    for o in sorted(shown):
        by_min.setdefault(dg.top_bestuur(o) or "", []).append(o)
    for mn in sorted(by_min, key=lambda m: (m == "", dg.naam(m) if m else "")):
        inside = by_min[mn]
        if mn:
            d.open(d.cluster_name("min"), label=H(f"<B>{esc(dg.naam(mn), 45)}</B>"), style="rounded,filled",
                   fillcolor="#F4F6F9", color="#9AA5B1", margin=10, fontsize=12)
        for o in inside:
            lines_ = []
            if o in xs:
                a_o = ctx.orgs.get(o, {})
                opd = [a for a in ctx.assignments if a.opdrachtnemer == o and not _finished(dg, a)]
                n_og = len(ctx.opdrachtgevers(o))
                lines_.append(f"{n_og} {t['opdrachtgever'] + 's' if dg.lang == 'en' else 'opdrachtgevers'}")
                if a_o.get("capaciteit") is not None:
                    peak = _peak_demand(dg, o)
                    lines_.append(f"{t['capaciteit']} {_fmt_num(a_o['capaciteit'], dg.lang)} {t['fte']}"
                                  f" · {t['vraag']} max {_fmt_num(peak, dg.lang)} {t['fte']}")
                elif opd:
                    word = {("nl", True): "lopende opdracht", ("nl", False): "lopende opdrachten",
                            ("en", True): "current assignment", ("en", False): "current assignments"}
                    lines_.append(f"{len(opd)} {word[(dg.lang, len(opd) == 1)]}")
            dg.org_node(d, o, lines=lines_)
        if mn:
            d.close()
    for x in xs:
        for r in ctx.opdrachtgever_rels.get(x, []):
            _rel_edge(d, dg, "opdrachtgever", r.van, x, r.coordinerend, None, show_label=False,
                      extra_marks=pair_marks.get((r.van, x), ()))
    # Assignments whose opdrachtgever has no relation to X but still conflict: a thin arrow.
    for (og, x), ms in sorted(pair_marks.items()):
        if og not in ctx.opdrachtgevers(x) and og in shown:
            d.edge(dg.org_id(og), dg.org_id(x), label=H(pills(_dedupe(ms), 8)),
                   **sev_attrs(_dedupe(ms), {"style": "dashed", "color": "#8A8F94", "arrowhead": "empty"}, edge=True))
    note = "" if xs else t["geen_meervoudig"]
    lg = legend(dg, ["bestuur", "eenheid", "uitvoerder"], ["opdrachtgever", "coordinerend"], ["cluster_ministerie"])
    return _finish(d, dg.title("opdrachtgevers", None, note), lg, "LR", ranksep=1.6, nodesep=0.3)


def _peak_demand(dg: Diagram, x: str) -> float:
    """Highest summed capaciteit of opdrachten to X on the peildatum or a later periode start (M04's days)."""
    ctx = dg.ctx
    opd = [a for a in ctx.assignments if a.opdrachtnemer == x and not _finished(dg, a)]
    days = {ctx.peil} | {a.van for a in opd if a.van and a.van > ctx.peil}
    best = 0.0
    for day in sorted(days):
        s = sum(a.capaciteit or 0 for a in opd if (a.van is None or a.van <= day) and (a.tot is None or day <= a.tot))
        best = max(best, s)
    return best


# ------------------------------------------------------------------------------------------ view: keten
def _chain(ctx: Context, kid: str) -> Chain:
    for c in ctx.chains:
        if c.id == kid:
            return c
    raise KeyError(kid)


def _keten(d: Dot, dg: Diagram, c: Chain, prefix: str = "") -> list[str]:
    """The chain's links, grouped per uitvoerder; returns the info rows for the title block."""
    ctx, t = dg.ctx, dg.t
    P = (lambda s: f"{prefix}{s}") if prefix else (lambda s: s)
    links = {s.id: s for s in c.schakels}
    groups: dict[str, list[Link]] = {}
    for s in c.schakels:
        groups.setdefault(s.uitvoerder or "", []).append(s)

    def link_node(s: Link) -> None:
        ms = dg.marks.of(s.id)
        lines = []
        rows = []
        if not s.uitvoerder:  # always shown; red while the finding is open, grey once accepted
            rows.append(warn_row(f"! {t['geen_uitvoerder']}", worst([m for m in ms if m.code == "K02"])))
        if s.eigenaar:
            lines.append(f"{t['eigenaar_l']}: {dg.naam(s.eigenaar)}")
        elif any(m.code == "K03" for m in ms):
            rows.append(warn_row(f"! {t['geen_eigenaar']}", worst([m for m in ms if m.code == "K03"]) or None))
        if s.prestatie is not None:
            lines.append(f"{t['prestatie']} {_pct(s.prestatie, dg.lang)}")
        if s.gebruikt:
            lines.append(f"{t['gebruikt']}: " + ", ".join(dg.naam(g) for g in s.gebruikt))
        base = {"shape": "box", "style": "rounded,filled", "fillcolor": "#FFFFFF", "penwidth": "1.4"}
        if not s.uitvoerder:
            base.update(style="rounded,filled,dashed", penwidth="2.4", color=MUTED)
        d.node(P(f"s:{s.id}"), label=block(s.naam, lines, ms, rows=rows, width=22),
               tooltip=tooltip(s.naam, ms, dg.lang), **sev_attrs(ms, base))

    for u in sorted(groups, key=lambda u: (u == "", min(s.volgorde for s in groups[u]))):
        if u:
            a_u = ctx.orgs.get(u, {})
            um = [m for m in dg.marks.of(u) if m.code == "R01"]  # the executor has no owner: explains K03
            lab = stack([f'<B>{esc(dg.naam(u), 40)}</B>',
                         f'<FONT POINT-SIZE="9" COLOR="{MUTED}">{esc(soort_label(a_u.get("soort"), dg.lang))}</FONT>',
                         pills(um, 8)], "LEFT")
            d.open(d.cluster_name("u"), label=H(lab), style="rounded,filled", fillcolor="#EEF5F0",
                   color="#8FB39A", margin=10, fontsize=11)
            for s in groups[u]:
                link_node(s)
            d.close()
        else:
            for s in groups[u]:
                link_node(s)
    for s in c.schakels:
        for p in s.volgt_op:
            if p not in links:
                continue
            ms = dg.marks.of_handover(p, s.id)
            pu, su = links[p].uitvoerder, s.uitvoerder
            label = ""
            tip = f"{t['overdracht']}: {dg.naam(p)} → {dg.naam(s.id)}"
            if ms:
                label = stack([f'<FONT POINT-SIZE="9"><B>{esc(t["geen_afspraak"])}</B></FONT>', pills(ms, 8)])
            elif pu and su and pu != su:
                ag = _agreement_for(dg, ("ketenafspraak", "samenwerkingsafspraak", "convenant", "wettelijke-regeling"),
                                    {pu, su}, keten=c.id)
                if ag is not None:
                    tip += f"\n{t['afspraak']}: {dg.naam(ag.id)}"
            a = sev_attrs(ms, EDGE_STYLE["overdracht"], edge=True)
            d.edge(P(f"s:{p}"), P(f"s:{s.id}"), label=H(label) if label else None,
                   tooltip=tooltip(tip, ms, dg.lang), **a)

    # Info rows for the chain: regie, doorzettingsmacht, performance; chain-level findings.
    cm = dg.marks.of(c.id)
    rows: list[str] = []

    def row(k: str, v: str, sev: Optional[str] = None, missing: bool = False) -> None:
        colour = SEV_STYLE[sev][0] if sev else (INK if not missing else MUTED)
        vv = f"<B>{esc(v, 60)}</B>" if missing else esc(v, 60)
        rows.append(f'<TR><TD ALIGN="LEFT"><FONT POINT-SIZE="10" COLOR="{MUTED}">{esc(k)}</FONT></TD>'
                    f'<TD ALIGN="LEFT"><FONT POINT-SIZE="10" COLOR="{colour}">{vv}</FONT></TD></TR>')

    k01 = worst([m for m in cm if m.code == "K01"])
    reg_missing = c.regisseur is None and c.bestuur is None
    row(t["regisseur"], dg.naam(c.regisseur) if c.regisseur else f"— {t['ontbreekt']} —",
        k01 if reg_missing else None, missing=c.regisseur is None)
    row(t["bestuur"], dg.naam(c.bestuur) if c.bestuur else f"— {t['ontbreekt']} —",
        k01 if reg_missing else None, missing=c.bestuur is None)
    k05 = worst([m for m in cm if m.code == "K05"])
    row(t["doorzettingsmacht"], t["ja"] if c.doorzettingsmacht else t["nee"], None if c.doorzettingsmacht else k05)
    ps = [s.prestatie for s in c.schakels if s.prestatie is not None]
    if ps:
        prod = 1.0
        for p_ in ps:
            prod *= p_
        row(t["ketenprestatie"], f"{_pct(prod, dg.lang)} ({len(ps)} {t['schakel' if len(ps) == 1 else 'schakels']})",
            worst([m for m in cm if m.code == "K07"]))
    if cm:
        rows.append(f'<TR><TD ALIGN="LEFT"><FONT POINT-SIZE="10" COLOR="{MUTED}">{esc(t["bevindingen"].capitalize())}</FONT></TD>'
                    f'<TD ALIGN="LEFT">{pills(cm)}</TD></TR>')
    return rows


def _agreement_for(dg: Diagram, soorten: Sequence[str], parties: set[str], *, keten: Optional[str] = None,
                   gegevens: Optional[str] = None) -> Optional[Agreement]:
    """The first (by id) valid agreement of ``soorten`` binding ``parties`` (as the rules count them)."""
    for ag in dg.ctx.agreements:
        if ag.soort not in soorten or not parties <= ag.partijen or not _agreement_valid(dg, ag):
            continue
        if keten is not None and ag.keten is not None and ag.keten != keten:
            continue
        if gegevens is not None and ag.gegevens is not None and gegevens not in ag.gegevens:
            continue
        return ag
    return None


def _info_table(rows: list[str]) -> str:
    return f'<TABLE BORDER="0" CELLBORDER="0" CELLSPACING="0" CELLPADDING="2">{"".join(rows)}</TABLE>'


def view_keten(dg: Diagram, subject: Optional[str]) -> str:
    ctx, t = dg.ctx, dg.t
    d = Dot()
    chains = [_chain(ctx, subject)] if subject else list(ctx.chains)
    multi = subject is None
    if not multi:
        c = chains[0]
        rows = _keten(d, dg, c)
        title = dg.title("keten", c.naam)
        title = H(title[:-len("</TABLE>")] + f'<TR><TD ALIGN="LEFT">{_info_table(rows)}</TD></TR></TABLE>')
    else:
        for c in chains:
            inner = Dot()
            inner.depth = d.depth + 1
            inner._n = d._n
            rows = _keten(inner, dg, c, prefix=f"k:{c.id}/")
            d._n = inner._n
            d.open(d.cluster_name("k"), label=H(f'<TABLE BORDER="0" CELLBORDER="0" CELLSPACING="0">'
                                                 f'<TR><TD ALIGN="LEFT"><FONT POINT-SIZE="14"><B>{esc(c.naam, 60)}</B></FONT></TD></TR>'
                                                 f'<TR><TD ALIGN="LEFT">{_info_table(rows)}</TD></TR></TABLE>'),
                   style="rounded", color="#9AA5B1", margin=12)
            d.lines.extend(inner.lines)
            d.close()
        title = dg.title("keten", None, "" if chains else t["geen_ketens"])
    lg = legend(dg, ["schakel"], ["overdracht"], ["cluster_uitvoerder"])
    return _finish(d, title, lg, "LR", ranksep=0.55, nodesep=0.3)


# ------------------------------------------------------------------------------------------ view: gegevens
def view_gegevens(dg: Diagram) -> str:
    """Datasets (cylinders, beside their beheerder) and data flows between organisations, labelled
    with dataset, grondslag and the agreement that covers them; D01–D07 marked."""
    ctx, t = dg.ctx, dg.t
    dg.only = ("D",)
    d = Dot()
    orgs: set[str] = set()
    for f in ctx.flows:
        orgs |= {f.van, f.naar}
    for g in ctx.datasets.values():
        if g.beheerder:
            orgs.add(g.beheerder)
        elif g.eigenaar:
            orgs.add(g.eigenaar)
    d7 = sorted({s.id for c in ctx.chains for s in c.schakels if any(m.code == "D07" for m in dg.marks.of(s.id))})
    for o in sorted(orgs):
        if o in ctx.orgs:
            dg.org_node(d, o)
    for gid in sorted(ctx.datasets):
        g = ctx.datasets[gid]
        ms = dg.marks.of(gid)
        info = [soort_label(g.soort, dg.lang) + (f", {t['persoonsgegevens']}" if g.persoonsgegevens else "")]
        rows = []
        for key, val, code in (("eigenaar_l", g.eigenaar, "D01"), ("beheerder", g.beheerder, "D02"),
                               ("vv", g.verwerkingsverantwoordelijke, "D03")):
            if val:
                info.append(f"{t[key]}: {dg.naam(val)}")
            elif any(m.code == code for m in ms):
                rows.append(warn_row(f"! {t['geen_eigenaar'] if key == 'eigenaar_l' else t[key] + ': ' + t['ontbreekt']}",
                                     worst([m for m in ms if m.code == code])))
        if g.bronhouders:
            info.append(f"{t['bronhouders']}: " + ", ".join(dg.naam(b) for b in g.bronhouders))
        base = {"shape": "cylinder", "style": "filled", "fillcolor": "#EEF3F8", "color": "#5C7A99", "penwidth": "1.4"}
        if g.soort == "basisregistratie":
            base["penwidth"] = "2.2"
        d.node(f"g:{gid}", label=block(g.naam, info, ms, rows=rows, width=24), tooltip=tooltip(g.naam, ms, dg.lang),
               **sev_attrs(ms, base))
        holder = g.beheerder or g.eigenaar
        if holder and holder in ctx.orgs:
            d.edge(dg.org_id(holder), f"g:{gid}", label=H(f'<FONT POINT-SIZE="8" COLOR="{MUTED}">'
                                                         f'{esc(t["beheert"] if g.beheerder else t["eigenaar_l"])}</FONT>'),
                   **EDGE_STYLE["beheert"])
        for src in g.afgeleid_van:
            if src in ctx.datasets:
                d.edge(f"g:{src}", f"g:{gid}", label=H(f'<FONT POINT-SIZE="8" COLOR="{MUTED}">{esc(t["afgeleid"])}</FONT>'),
                       **EDGE_STYLE["afgeleid"])
    for f in ctx.flows:
        ms = dg.marks.of(f.id)
        parts = [f"<B>{esc(dg.naam(f.gegevens), 26)}</B>"]
        if f.grondslag:
            parts.append(f'<FONT COLOR="{MUTED}">{esc(t["grondslag"])}: {esc(f.grondslag, 30)}</FONT>')
        else:
            sev = worst([m for m in ms if m.code == "D04"])
            parts.append(f'<FONT COLOR="{SEV_STYLE[sev][0] if sev else MUTED}">{esc(t["geen_grondslag"])}</FONT>')
        if f.verwerker:
            parts.append(f'<FONT COLOR="{MUTED}">{esc(t["verwerker"])}</FONT>')
        ag = _agreement_for(dg, ("gegevensleveringsovereenkomst", "convenant", "verwerkersovereenkomst",
                                 "wettelijke-regeling"), {f.van, f.naar}, gegevens=f.gegevens) if f.van != f.naar else None
        if ag is not None:
            parts.append(f'<FONT COLOR="{MUTED}">{esc(t["afspraak"])}: {esc(dg.naam(ag.id), 30)}</FONT>')
        elif any(m.code in ("D05", "D06") for m in ms):
            sev = worst([m for m in ms if m.code in ("D05", "D06")])
            parts.append(f'<FONT COLOR="{SEV_STYLE[sev][0] if sev else MUTED}">{esc(t["geen_afspraak"])}</FONT>')
        parts = [f'<FONT POINT-SIZE="9">{p}</FONT>' for p in parts] + [pills(ms, 8)]
        d.edge(dg.org_id(f.van), dg.org_id(f.naar), label=H(stack(parts)),
               tooltip=tooltip(f"{f.id}: {dg.naam(f.van)} → {dg.naam(f.naar)}", ms, dg.lang),
               **sev_attrs(ms, EDGE_STYLE["stroom"], edge=True))
    by_chain: dict[str, list[str]] = {}
    for c in ctx.chains:
        for s in c.schakels:
            if s.id in d7:
                by_chain.setdefault(c.id, []).append(s.id)
                ms = dg.marks.of(s.id)
                d.node(f"s:{s.id}", label=block(s.naam, [f"{dg.t['keten']}: {c.naam}"], ms, width=22),
                       tooltip=tooltip(s.naam, ms, dg.lang),
                       **sev_attrs(ms, {"shape": "box", "style": "rounded,filled", "fillcolor": "#FFFFFF"}))
                for gid in s.gebruikt:
                    if gid in ctx.datasets:
                        d.edge(f"g:{gid}", f"s:{s.id}", **EDGE_STYLE["gebruikt"])
    note = "" if (ctx.datasets or ctx.flows) else t["geen_gegevens"]
    lg = legend(dg, ["bestuur", "uitvoerder", "gegevens", "schakel"], ["stroom", "beheert", "afgeleid", "gebruikt"])
    return _finish(d, dg.title("gegevens", None, note), lg, "LR", ranksep=1.0, nodesep=0.35)


# ------------------------------------------------------------------------------------------ view: overzicht
def view_overzicht(dg: Diagram, subject: Optional[str], max_orgs: int = MAX_ORGS) -> str:
    """The organisations nested by ``onderdeel_van`` with the steering relations between them.

    Folding, so that the picture stays readable (documented in docs/diagrams.md):

    1. up to ``max_orgs`` organisations: all of them;
    2. more: the organisations with an open finding, their steering partners and their
       ``onderdeel_van`` ancestors; the rest is counted in the frame of its top-level organisation;
    3. when that is still more than ``max_orgs``: one node per top-level organisation, with counts,
       and the steering relations summed between them.
    """
    ctx, t = dg.ctx, dg.t
    dg.only = None
    orgs = set(ctx.orgs)
    if subject:
        sub = {subject} | {x for x in ctx.orgs if subject in ctx.ancestors(x)}
        partners = {r.van for r in ctx.relations if r.naar in sub} | {r.naar for r in ctx.relations if r.van in sub}
        orgs = sub | partners  # partners outside the subtree are shown without their hierarchy
    d = Dot()
    note = ""
    level = 1
    keep = set(orgs)
    if len(orgs) > max_orgs:
        level = 2
        flagged = {x for x in orgs if worst(dg.marks.of(x))}
        for r in ctx.relations:
            if r.van in orgs and r.naar in orgs and (worst(dg.marks.of_rel(r.rol, r.van, r.naar))):
                flagged |= {r.van, r.naar}
        keep = set(flagged)
        for r in ctx.relations:
            if r.van in flagged and r.naar in orgs:
                keep.add(r.naar)
            if r.naar in flagged and r.van in orgs:
                keep.add(r.van)
        for x in list(keep):
            keep |= ctx.ancestors(x) & orgs
        note = t["folded"].format(n=len(orgs))
        if len(keep) > max_orgs:
            level = 3
            note = t["folded_top"].format(n=len(orgs))
    opts = dict(ranksep=0.8, nodesep=0.25, extra=", mclimit=0.5, nslimit=5, searchsize=20")
    if level == 3:
        _overzicht_top(d, dg, orgs)
        lg = legend(dg, ["folded"], ["eigenaar", "opdrachtgever"])
        return _finish(d, dg.title("overzicht", dg.naam(subject) if subject else None, note), lg, "LR", **opts)

    kids: dict[str, list[str]] = {}
    roots: list[str] = []
    for x in sorted(keep):
        p = ctx.parent.get(x)
        if p is not None and p in keep:
            kids.setdefault(p, []).append(x)
        else:
            roots.append(x)
    hidden: dict[str, int] = {}
    if level == 2:
        for x in orgs - keep:
            top = _root_in(ctx, x, keep)
            hidden[top or ""] = hidden.get(top or "", 0) + 1
    endpoints = {r.van for r in ctx.relations if r.van in keep and r.naar in keep} | \
                {r.naar for r in ctx.relations if r.van in keep and r.naar in keep}

    def place(x: str) -> list[str]:
        """Draw X: a node, or a frame with its parts; returns the ids of the nodes drawn."""
        ch = kids.get(x)
        if not ch:
            dg.org_node(d, x)
            return [dg.org_id(x)]
        a = ctx.orgs.get(x, {})
        inside = x in endpoints
        ms = [] if inside else dg.marks.of(x)  # the node inside carries X's own findings
        w = worst(ms)
        parts = [f'<B>{esc(dg.naam(x), 50)}</B>',
                 f'<FONT POINT-SIZE="9" COLOR="{MUTED}">{esc(soort_label(a.get("soort"), dg.lang))}</FONT>']
        if hidden.get(x):
            parts.append(f'<FONT POINT-SIZE="9" COLOR="{MUTED}"><I>{esc(t["andere"].format(n=hidden[x]))}</I></FONT>')
        parts.append(pills(ms, 8))
        fill = "#F4F6F9" if a.get("groep") == "bestuur" else "#FAFBFC"
        d.open(d.cluster_name("o"), label=H(stack(parts, "LEFT")), style="rounded,filled",
               fillcolor=SEV_STYLE[w][1] if w else fill, color=SEV_STYLE[w][0] if w else "#9AA5B1",
               penwidth=2.5 if w else 1.2, margin=10, fontsize=11)
        drawn = []
        if inside:
            dg.org_node(d, x)
            drawn.append(dg.org_id(x))
        # Parts that are frames themselves first, then the single organisations.
        for c in sorted(ch, key=lambda c: (c not in kids, c)):
            drawn += place(c)
        columns([c for c in sorted(ch) if c not in kids and c not in endpoints])
        d.close()
        return drawn

    def columns(lonely: list[str]) -> None:
        """Organisations without a drawn relation would stack in one endless column (they all
        share the first rank); invisible edges wrap them into columns of about sqrt(3n)."""
        if len(lonely) <= 8:
            return
        rows = max(4, math.ceil(math.sqrt(3 * len(lonely))))
        for i in range(rows, len(lonely)):
            d.edge(dg.org_id(lonely[i - rows]), dg.org_id(lonely[i]), style="invis", weight=0)

    frames = [place(x) for x in sorted(roots, key=lambda r: (r not in kids, r)) if x in kids]
    for x in sorted(roots):
        if x not in kids:
            place(x)
    columns([x for x in sorted(roots) if x not in kids and x not in endpoints])
    # Top-level frames in several columns when there are many organisations: every node of a
    # frame points (invisibly, through a hub) at every node of the frame one column further.
    n_cols = max(1, round(math.sqrt(len(keep) / 30)))
    per_col = math.ceil(len(frames) / n_cols) if frames else 0
    for i in range(per_col, len(frames)) if n_cols > 1 else ():
        hub = f"column:{i}"
        d.node(hub, shape="point", style="invis", width=0, height=0, fixedsize=True, label="")
        for a_ in frames[i - per_col]:
            d.edge(a_, hub, style="invis", weight=0)
        for b in frames[i]:
            d.edge(hub, b, style="invis", weight=0)
    if hidden.get(""):
        d.node("folded:rest", shape="folder", style="filled", fillcolor="#E2E8F0",
               label=H(esc(t["andere"].format(n=hidden[""]))))
    for r in ctx.relations:
        if r.van in keep and r.naar in keep:
            _rel_edge(d, dg, r.rol, r.van, r.naar, r.coordinerend, None, show_label=False, coord_label=False)
    lg = legend(dg, ["bestuur", "eenheid", "uitvoerder", "overleg", "overig"],
                ["eigenaar", "opdrachtgever", "coordinerend"], ["cluster_org"])
    return _finish(d, dg.title("overzicht", dg.naam(subject) if subject else None, note), lg, "LR", **opts)


def _root_in(ctx: Context, x: str, keep: set[str]) -> Optional[str]:
    """The highest ancestor of X that is shown, if any."""
    best = None
    y = ctx.parent.get(x)
    seen: set[str] = set()
    while y is not None and y not in seen:
        seen.add(y)
        if y in keep:
            best = y
        y = ctx.parent.get(y)
    return best


def _overzicht_top(d: Dot, dg: Diagram, orgs: set[str]) -> None:
    """Level 3: one folder per top-level organisation with counts; relations summed between them."""
    ctx, t = dg.ctx, dg.t

    def root(x: str) -> str:
        seen = set()
        while x in ctx.parent and x not in seen:
            seen.add(x)
            x = ctx.parent[x]
        return x

    members: dict[str, list[str]] = {}
    for x in sorted(orgs):
        members.setdefault(root(x), []).append(x)
    edges: dict[tuple[str, str, str], int] = {}
    for r in ctx.relations:
        if r.van in orgs and r.naar in orgs:
            a, b = root(r.van), root(r.naar)
            if a != b:
                edges[(a, b, r.rol)] = edges.get((a, b, r.rol), 0) + 1
    linked = {a for a, _, _ in edges} | {b for _, b, _ in edges}
    rest: dict[str, list[str]] = {}
    for rt in sorted(members):
        sev_counts = {"error": 0, "warning": 0, "info": 0}
        for x in members[rt]:
            for m in dg.marks.of(x):
                if not m.suppressed:
                    sev_counts[m.severity] += 1
        if rt not in linked and not any(sev_counts.values()):
            rest.setdefault(ctx.orgs.get(rt, {}).get("soort", "overig"), []).append(rt)
            continue
        w = next((s for s in ("error", "warning", "info") if sev_counts[s]), None)
        counts = ", ".join(f"{n} {t['sev_' + s]}" for s, n in sev_counts.items() if n)
        lines = [t["orgs"].format(n=len(members[rt]))] + ([counts] if counts else [])
        base = {"shape": "folder", "style": "filled", "fillcolor": "#E2E8F0", "penwidth": "1.4"}
        if w:
            base.update(fillcolor=SEV_STYLE[w][1], color=SEV_STYLE[w][0], penwidth="2.6")
        d.node(f"o:{rt}", label=block(dg.naam(rt), lines, width=26), **base)
    for soort in sorted(rest):
        n_orgs = sum(len(members[r_]) for r_ in rest[soort])
        d.node(f"rest:{soort}", shape="folder", style="filled", fillcolor="#F4F4F4",
               label=block(f"{len(rest[soort])} × {soort_label(soort, dg.lang)}", [t["orgs"].format(n=n_orgs)], width=26))
    for (a, b, rol), n in sorted(edges.items()):
        d.edge(f"o:{a}", f"o:{b}", label=H(f'<FONT POINT-SIZE="8">{esc(t["relaties"].format(n=n))}</FONT>'),
               penwidth=str(min(1 + n / 4, 5)), **{k: v for k, v in EDGE_STYLE[rol].items() if k != "penwidth"})


# ------------------------------------------------------------------------------------------ entry points
def make_diagram(analysis: Any, report: Report, *, lang: str = "nl") -> Diagram:
    """The views of an analysis (:class:`ketengraaf.pipeline.Analysis`) and the report of its
    findings: they read the same context the rules ran on."""
    return Diagram(analysis.context, report, lang)


def subjects(dg: Diagram, view: str) -> list[str]:
    """The valid ``--subject`` values of a view (empty for views without a subject)."""
    if view == "driehoek":
        return executors(dg.ctx)
    if view == "keten":
        return [c.id for c in dg.ctx.chains]
    if view == "overzicht":
        return sorted(dg.ctx.orgs)
    return []


def check_subject(dg: Diagram, view: str, subject: Optional[str]) -> None:
    """UsageError for an unknown view or a subject the view does not have, with a did-you-mean."""
    if view not in VIEWS:
        raise UsageError(_unknown("view", view, list(VIEWS)))
    if subject is None:
        return
    valid = subjects(dg, view)
    if not valid and view in ("opdrachtgevers", "gegevens"):
        raise UsageError(f"the view '{view}' draws the whole model and takes no --subject")
    if subject not in valid:
        what = {"driehoek": "executor", "keten": "chain", "overzicht": "organisation"}[view]
        raise UsageError(_unknown(what, subject, valid))


def _unknown(what: str, value: str, valid: Sequence[str]) -> str:
    import difflib

    m = difflib.get_close_matches(value, list(valid), n=1, cutoff=0.5)
    if m:
        return f"unknown {what} '{value}'; did you mean '{m[0]}'?"
    if not valid:
        return f"unknown {what} '{value}'; the model has none"
    shown = ", ".join(valid[:12]) + (", …" if len(valid) > 12 else "")
    return f"unknown {what} '{value}'; choose one of: {shown}"


def to_dot(dg: Diagram, view: str, subject: Optional[str] = None) -> str:
    """DOT text of ``view`` (for ``subject``; None: the whole model, or every subject of the view)."""
    check_subject(dg, view, subject)
    if view == "driehoek":
        return view_driehoek(dg, subject)
    if view == "opdrachtgevers":
        return view_opdrachtgevers(dg)
    if view == "keten":
        return view_keten(dg, subject)
    if view == "gegevens":
        return view_gegevens(dg)
    return view_overzicht(dg, subject)


def subject_slug(s: str) -> str:
    """A file-name-safe form of a subject id (ids are already safe; this guards anyway)."""
    s = unicodedata.normalize("NFKD", s)
    return re.sub(r"[^A-Za-z0-9._-]+", "_", s).strip("._") or "x"
