"""View ``driehoek``: one executor with its eigenaar(s), opdrachtgever(s), the sturingsmodel, its
lopende opdrachten, the agreements and fora that hold between them, and its escalation paths.

Every look-up goes through the context's indexes (per executor), so drawing all triangles of a
model is linear in the model.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Optional

from ketengraaf.graph.view import Agreement, Context
from ketengraaf.render.dot.diagram import CHANGED_MARK, FADED, Diagram, agreement_row, demand_lines, rel_edge
from ketengraaf.render.dot.marks import dedupe, pills, sev_attrs, tooltip, worst
from ketengraaf.render.dot.style import GRID_COLUMNS, INK, LADDER_FILL, LADDER_LINE, MAX_OPDRACHTEN, MUTED, SEV_STYLE
from ketengraaf.render.dot.widgets import badged_row, legend, stack, table
from ketengraaf.render.dot.writer import H, Dot, esc, finish
from ketengraaf.rules.figures import number_text


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
    opd = ctx.assignments_to(x)
    extra = sorted({a.opdrachtgever for a in opd if a.opdrachtgever and a.opdrachtgever not in members
                    and a.opdrachtgever != x})
    top = [o for o in sorted(members | set(extra)) if o != x]
    ags = [ag for ag in ctx.agreements_of(x) if ag.partijen & members]
    return Triangle(x, members, extra, top, opd, ags)


def ladders_of(ctx: Context, x: str) -> list[Agreement]:
    """The agreements with an escalation ladder that bind ``x``, sorted by id (valid or not)."""
    return [ag for ag in ctx.agreements_of(x) if ag.escalatie]


def draw(d: Dot, dg: Diagram, x: str, prefix: str = "") -> tuple[list[str], str]:
    """One triangle: eigenaars and opdrachtgevers on top, the executor below, agreements and fora
    in between. ``prefix`` makes the node ids unique when several triangles share a file. Returns
    the ids of the top nodes and of the executor."""
    ctx, t = dg.ctx, dg.t
    P = (lambda s: f"{prefix}{s}") if prefix else (lambda s: s)
    tri = triangle(ctx, x)
    members, opd, top = tri.members, tri.opdrachten, tri.top

    # Executor with its opdrachten and capacity.
    lines = demand_lines(dg, x)
    if x in ctx.parent:
        lines.append(f"{t['onderdeel']} {dg.naam(ctx.parent[x])}")
    rows = []
    if opd:
        rows.append(f'<TR><TD ALIGN="LEFT"><FONT POINT-SIZE="9"><B>{esc(t["opdrachten"])}</B></FONT></TD></TR>')
        for a in opd[:MAX_OPDRACHTEN]:
            am = dg.marks.of(a.id)
            cap = f", {_fte(dg, a.capaciteit)}" if a.capaciteit is not None else ""
            txt = esc(f"{a.naam or a.id} ({t['van']} {dg.naam(a.opdrachtgever)}{cap})", 44)
            w = worst(am)
            colour = SEV_STYLE[w][0] if w else INK
            mark = f"<B>{esc(CHANGED_MARK)}</B>" if dg.changed(a.id) else ""
            rows.append(badged_row(f'<FONT POINT-SIZE="9" COLOR="{colour}">{mark}{txt}</FONT>', am))
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
    for r in ctx.relations_to(x):  # a relation of X to itself is drawn as a loop
        rel_edge(d, dg, r.rol, r.van, x, r.coordinerend, r.sturingsmodel, u=P(dg.org_id(r.van)), v=P(dg.org_id(x)))
    # Opdrachten outside the steering line: a thin arrow from their opdrachtgever.
    for o in tri.extra_opdrachtgevers:
        ms = dedupe(m for a in opd if a.opdrachtgever == o for m in dg.marks.of(a.id))
        attrs = sev_attrs(ms, {"style": "dashed", "color": "#8A8F94", "arrowhead": "empty"}, edge=True)
        d.edge(P(dg.org_id(o)), P(dg.org_id(x)),
               label=H(stack([f'<FONT POINT-SIZE="8">{esc(t["opdracht_zonder_relatie"], 20)}</FONT>', pills(ms, 8)])),
               **attrs)

    # Agreements between X and at least one member of its triangle, and the fora where X meets
    # them: one list beside the executor (lines to every party would hide the triangle).
    rows = []
    if tri.afspraken:
        rows.append(f'<TR><TD ALIGN="LEFT"><FONT POINT-SIZE="10"><B>{esc(t["afspraken"])}</B></FONT></TD></TR>')
        rows.extend(agreement_row(dg, ag) for ag in tri.afspraken)
    fora = [ov for ov in ctx.forums_of(x) if ctx.deelnemers[ov] & members]
    if fora:
        rows.append(f'<TR><TD ALIGN="LEFT"><FONT POINT-SIZE="10"><B>{esc(t["overleggen"])}</B></FONT></TD></TR>')
        for ov in fora:
            who = ", ".join(dg.naam(p) for p in sorted(ctx.deelnemers[ov], key=lambda p: (dg.naam(p), p)))
            rows.append(f'<TR><TD ALIGN="LEFT" BALIGN="LEFT"><FONT POINT-SIZE="9">{esc(dg.naam(ov), 46)}</FONT><BR/>'
                        f'<FONT POINT-SIZE="8" COLOR="{MUTED}">{esc(t["deelnemers"] + ": " + who, 60)}</FONT></TD></TR>')
    beside = [P(dg.org_id(x))]
    if rows:
        nid = P("list:afspraken")
        d.node(nid, shape="note", style="filled", fillcolor="#FFFBEA", color="#A08C4A", label=H(table(rows)))
        d.edge(P(dg.org_id(x)), nid, style="dotted", dir="none", color="#A08C4A", minlen=2)
        beside.append(nid)
    ladders = ladders_of(ctx, x)
    ladder = _ladder_rows(dg, x, members, ladders)
    if ladder:
        nid = P("list:escalatie")
        marks = [m for m in dg.marks.of(x) if m.code == "S04"]
        marks += [m for ag in ladders for m in dg.marks.of(ag.id) if m.code == "S05"]
        a = sev_attrs(marks, {"shape": "box", "style": "filled", "fillcolor": LADDER_FILL, "color": LADDER_LINE})
        a["fillcolor"] = LADDER_FILL  # the border tells the severity; the text stays readable
        d.node(nid, label=H(table(ladder)), tooltip=tooltip(t["escalatie"], marks, dg.lang), **a)
        d.edge(beside[-1], nid, style="invis", minlen=1)
        beside.append(nid)
    if len(beside) > 1:
        d.same_rank(beside)
    return [P(dg.org_id(o)) for o in top], P(dg.org_id(x))


def _fte(dg: Diagram, x: float) -> str:
    return f"{number_text(x, dg.lang)} {dg.t['fte']}"


def _ladder_rows(dg: Diagram, x: str, members: set[str], ladders: list[Agreement]) -> list[str]:
    """The escalation paths that bind X, each as its steps in order up to the top (with whom the top
    has authority over), the S05 badge on a ladder whose top cannot settle for every party, and the
    S04 statement when no ladder binds the whole triangle. Empty when X has no triangle and no ladder."""
    t = dg.t
    s04 = [m for m in dg.marks.of(x) if m.code == "S04"]
    if not ladders and not (s04 or members):
        return []
    rows = [f'<TR><TD ALIGN="LEFT"><FONT POINT-SIZE="10"><B>{esc(t["escalatie"], 40)}</B></FONT></TD></TR>']
    if s04:
        colour = SEV_STYLE[worst(s04) or "warning"][0]
        rows.append(badged_row(f'<FONT POINT-SIZE="9" COLOR="{colour}"><B>{esc(t["geen_escalatie"], 40)}</B></FONT>', s04))
    for ag in ladders:
        valid = dg.valid(ag)
        s05 = [m for m in dg.marks.of(ag.id) if m.code == "S05"]
        colour = INK if valid else FADED
        mark = esc(CHANGED_MARK) if dg.changed(ag.id) else ""
        head = f'<FONT POINT-SIZE="9" COLOR="{colour}"><B>{mark}{esc(dg.naam(ag.id), 46)}</B></FONT>'
        if not valid:
            head += f'<BR/><FONT POINT-SIZE="8" COLOR="{colour}"><I>{esc(t["niet_geldig"])}</I></FONT>'
        rows.append(f'<TR><TD ALIGN="LEFT" BALIGN="LEFT">{head}</TD></TR>')
        n = len(ag.escalatie)
        for i, step in enumerate(ag.escalatie, 1):
            is_top = i == n
            w = worst(s05) if is_top and valid else None
            c = SEV_STYLE[w][0] if w else colour
            name = esc(f"{i}. {dg.naam(step)}", 44)
            line = f'<FONT POINT-SIZE="9" COLOR="{c}">{f"<B>{name}</B>" if is_top else name}</FONT>'
            if is_top:
                gezag = [dg.naam(b) for b in sorted(dg.ctx.gezag(step))]
                who = ", ".join(gezag) if gezag else t["geen_bestuur"]
                line += (f'<BR/><FONT POINT-SIZE="8" COLOR="{MUTED}">{esc(t["top"] + " · " + t["gezag"] + " " + who, 56)}'
                         f'</FONT>')
                rows.append(badged_row(line, s05))
            else:
                line += f'<BR/><FONT POINT-SIZE="8" COLOR="{MUTED}">&#8595;</FONT>'
                rows.append(f'<TR><TD ALIGN="LEFT" BALIGN="LEFT">{line}</TD></TR>')
    return rows


def view(dg: Diagram, subject: Optional[str]) -> str:
    """The triangle of ``subject``, or every executor's triangle in one file (rows of
    :data:`GRID_COLUMNS`)."""
    ctx = dg.ctx
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
            ends.append(draw(d, dg, x, prefix=f"t:{x}/"))
            d.close()
        for i in range(GRID_COLUMNS, len(ends)):
            above = ends[i - GRID_COLUMNS][1]
            for top in ends[i][0] or [ends[i][1]]:
                d.edge(above, top, style="invis", weight=0)
    elif subs:
        draw(d, dg, subs[0])
    lg = legend(dg.t, ["bestuur", "eenheid", "uitvoerder", "overig", "afspraak", "escalatie"],
                ["eigenaar", "opdrachtgever", "coordinerend"], dg.notes(["cluster_ministerie"]))
    return finish(d, title, lg, "TB", ranksep=0.7, nodesep=0.4)
