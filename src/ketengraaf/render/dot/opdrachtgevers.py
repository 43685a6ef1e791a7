"""View ``opdrachtgevers``: executors with two or more commissioners and those commissioners, each
in the frame of its ministry; conflicting assignments (M03) on the commissioning arrows, overload
(M04) at the executor with the demand M04 computed."""

from __future__ import annotations

from ketengraaf.render.dot.diagram import Diagram, demand_lines, rel_edge
from ketengraaf.render.dot.marks import Mark, dedupe, pills, sev_attrs
from ketengraaf.render.dot.style import MAX_ORGS
from ketengraaf.render.dot.widgets import legend
from ketengraaf.render.dot.writer import H, Dot, esc, finish

ONLY = ("M",)  # the findings drawn on organisations here


def view(dg: Diagram, max_orgs: int = MAX_ORGS) -> str:
    ctx, t = dg.ctx, dg.t
    xs = [x for x in sorted(ctx.opdrachtgever_rels) if len(ctx.opdrachtgevers(x)) >= 2]
    folded = ""
    if len(xs) + len({o for x in xs for o in ctx.opdrachtgevers(x)}) > max_orgs:
        # Too many to read (and minutes of Graphviz): the executors with the most open M findings,
        # on themselves and their assignments, as many as fit in max_orgs organisations.
        w = {x: dg.marks.open_count([x, *(a.id for a in ctx.assignments_to(x))], ONLY) for x in xs}
        kept: list[str] = []
        seen: set[str] = set()
        for x in sorted((x for x in xs if w[x]), key=lambda x: (-w[x], x)):  # heaviest first, while they fit
            add = {x, *ctx.opdrachtgevers(x)}
            if len(seen | add) > max_orgs:
                break
            kept.append(x)
            seen |= add
        folded = t["folded_opdrachtgevers"].format(k=len(kept), n=len(xs))
        xs = sorted(kept)
    d = Dot()
    shown: set[str] = set(xs)
    for x in xs:
        shown |= set(ctx.opdrachtgevers(x))
    # Opdracht marks (M03, R07, R08) per (opdrachtgever, opdrachtnemer), on the arrow.
    pair_marks: dict[tuple[str, str], list[Mark]] = {}
    for x in xs:
        for a in ctx.assignments_to(x):
            ms = [m for m in dg.marks.of(a.id) if m.code.startswith(ONLY)]
            if ms:
                pair_marks.setdefault((a.opdrachtgever, x), []).extend(ms)
    by_min: dict[str, list[str]] = {}
    for o in sorted(shown):
        by_min.setdefault(dg.top_bestuur(o) or "", []).append(o)
    xset = set(xs)
    for mn in sorted(by_min, key=lambda m: (m == "", dg.naam(m) if m else "")):
        inside = by_min[mn]
        if mn:
            d.open(d.cluster_name("min"), label=H(f"<B>{esc(dg.naam(mn), 45)}</B>"), style="rounded,filled",
                   fillcolor="#F4F6F9", color="#9AA5B1", margin=10, fontsize=12)
        for o in inside:
            lines = []
            if o in xset:
                lines.append(t["n_opdrachtgevers"].format(n=len(ctx.opdrachtgevers(o))))
                demand = demand_lines(dg, o)
                n_opd = len(ctx.assignments_to(o))
                if demand:
                    lines.extend(demand)
                elif n_opd:
                    lines.append(t["n_opdracht" if n_opd == 1 else "n_opdrachten"].format(n=n_opd))
            dg.org_node(d, o, only=ONLY, lines=lines)
        if mn:
            d.close()
    for x in xs:
        for r in ctx.opdrachtgever_rels.get(x, []):
            rel_edge(d, dg, "opdrachtgever", r.van, x, r.coordinerend, None, show_label=False,
                     extra_marks=pair_marks.get((r.van, x), ()))
    # Assignments whose opdrachtgever has no relation to X but still conflict: a thin arrow.
    for (og, x), ms in sorted(pair_marks.items()):
        if og not in ctx.opdrachtgevers(x) and og in shown:
            d.edge(dg.org_id(og), dg.org_id(x), label=H(pills(dedupe(ms), 8)),
                   **sev_attrs(dedupe(ms), {"style": "dashed", "color": "#8A8F94", "arrowhead": "empty"}, edge=True))
    note = folded or ("" if xs else t["geen_meervoudig"])
    lg = legend(t, ["bestuur", "eenheid", "uitvoerder"], ["opdrachtgever", "coordinerend"], dg.notes(["cluster_ministerie"]))
    return finish(d, dg.title("opdrachtgevers", None, note), lg, "LR", ranksep=1.6, nodesep=0.3)
