"""Label pieces every view uses: a node's block, stacked parts, highlighted rows, list rows with
badges, and the legend."""

from __future__ import annotations

from typing import Optional, Sequence

from ketengraaf.render.dot.marks import Mark, pills
from ketengraaf.render.dot.style import EDGE_STYLE, INK, LADDER_FILL, LADDER_LINE, MUTED, ORG_STYLE, SEV_STYLE, SUPPRESSED_STYLE
from ketengraaf.render.dot.writer import H, esc


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



def legend(t: dict[str, str], nodes: Sequence[str], edges: Sequence[str], notes: Sequence[str] = ()) -> str:
    """The legend as one flat HTML-like table (no nested tables: Graphviz 2.43 asserts on some
    nested, fixed-size cells): three column pairs — node kinds with a drawn sample, line styles
    drawn as a cell border, severity badges on their fill tint — and notes below.

    It is the label of the frame around the picture, placed below it, so it never takes part in
    the layout. ``nodes``: keys of :func:`_legend_nodes`; ``edges``: keys of :data:`EDGE_STYLE`.
    """
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


def badged_row(cell: str, marks: Sequence[Mark]) -> str:
    """A left-aligned row of a list: the text, and the code badges right beside it."""
    badge = f"<TD>{pills(marks, 8)}</TD>" if marks else ""
    return (f'<TR><TD ALIGN="LEFT"><TABLE BORDER="0" CELLBORDER="0" CELLSPACING="0" CELLPADDING="0">'
            f'<TR><TD ALIGN="LEFT" BALIGN="LEFT">{cell}</TD>{badge}</TR></TABLE></TD></TR>')


def table(rows: Sequence[str], padding: int = 2) -> str:
    """Rows as one borderless table."""
    return f'<TABLE BORDER="0" CELLBORDER="0" CELLSPACING="0" CELLPADDING="{padding}">{"".join(rows)}</TABLE>'
