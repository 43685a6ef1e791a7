"""View ``overzicht``: the whole model nested by ``onderdeel_van`` with the steering relations;
folded above :data:`~ketengraaf.render.dot.style.MAX_ORGS` organisations."""

from __future__ import annotations

import math
from typing import Optional

from ketengraaf.graph.view import Context
from ketengraaf.render.dot.diagram import Diagram, rel_edge
from ketengraaf.render.dot.marks import pills, worst
from ketengraaf.render.dot.style import EDGE_STYLE, MAX_ORGS, MUTED, SEV_STYLE
from ketengraaf.render.dot.widgets import block, legend, stack
from ketengraaf.render.dot.writer import H, Dot, esc, finish
from ketengraaf.texts import soort_label


def view(dg: Diagram, subject: Optional[str], max_orgs: int = MAX_ORGS) -> str:
    """The organisations nested by ``onderdeel_van`` with the steering relations between them.

    Folding, so that the picture stays readable (documented in docs/diagrams.md):

    1. up to ``max_orgs`` organisations: all of them;
    2. more: the organisations with an open finding, their steering partners and their
       ``onderdeel_van`` ancestors; the rest is counted in the frame of its top-level organisation;
    3. when that is still more than ``max_orgs``: one node per top-level organisation, with counts,
       and the steering relations summed between them.
    """
    ctx, t = dg.ctx, dg.t
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
        _top(d, dg, orgs)
        lg = legend(t, ["folded"], ["eigenaar", "opdrachtgever"])
        return finish(d, dg.title("overzicht", dg.naam(subject) if subject else None, note), lg, "LR", **opts)

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
            rel_edge(d, dg, r.rol, r.van, r.naar, r.coordinerend, None, show_label=False, coord_label=False)
    lg = legend(t, ["bestuur", "eenheid", "uitvoerder", "overleg", "overig"],
                ["eigenaar", "opdrachtgever", "coordinerend"], dg.notes(["cluster_org"]))
    return finish(d, dg.title("overzicht", dg.naam(subject) if subject else None, note), lg, "LR", **opts)


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


def _top(d: Dot, dg: Diagram, orgs: set[str]) -> None:
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
