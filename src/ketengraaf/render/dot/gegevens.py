"""View ``gegevens``: datasets (cylinders, beside their beheerder) and the data flows between
organisations, labelled with dataset, grondslag and the agreement D05 finds for them; D01–D07
marked."""

from __future__ import annotations

from ketengraaf.render.dot.diagram import Diagram
from ketengraaf.render.dot.marks import most, pills, sev_attrs, tooltip, worst
from ketengraaf.render.dot.style import EDGE_STYLE, MAX_ORGS, MUTED, SEV_STYLE
from ketengraaf.render.dot.widgets import block, legend, stack, warn_row
from ketengraaf.render.dot.writer import H, Dot, esc, finish
from ketengraaf.texts import soort_label

ONLY = ("D",)  # the findings drawn on organisations here


def view(dg: Diagram, max_orgs: int = MAX_ORGS) -> str:
    """Datasets (cylinders, beside their beheerder) and data flows between organisations, labelled
    with dataset, grondslag and the agreement that covers them; D01–D07 marked."""
    ctx, t = dg.ctx, dg.t
    d = Dot()
    flows, datasets = list(ctx.flows), dict(ctx.datasets)
    d7 = {s.id for c in ctx.chains for s in c.schakels if any(m.code == "D07" for m in dg.marks.of(s.id))}
    folded = ""
    if len(flows) + len(datasets) > max_orgs:
        # Too many to read (and minutes of Graphviz): the flows and datasets with the most open D
        # findings, max_orgs of them together, with the datasets the kept flows carry.
        flows, _ = most(flows, lambda f: dg.marks.open_count([f.id], ONLY), max_orgs // 2, weighted_only=True)
        ranked, _ = most(sorted(datasets), lambda g: dg.marks.open_count([g], ONLY), max_orgs - len(flows),
                         weighted_only=True)
        keep_g = set(ranked) | {f.gegevens for f in flows}
        datasets = {g: v for g, v in datasets.items() if g in keep_g}
        uses = {x.id: x.gebruikt for c in ctx.chains for x in c.schakels}
        d7 = {s for s in d7 if any(g in datasets for g in uses.get(s, ()))}
        folded = t["folded_gegevens"].format(f=len(flows), nf=len(ctx.flows), g=len(datasets), ng=len(ctx.datasets))
    orgs: set[str] = set()
    for f in flows:
        orgs |= {f.van, f.naar}
    for g in datasets.values():
        if g.beheerder:
            orgs.add(g.beheerder)
        elif g.eigenaar:
            orgs.add(g.eigenaar)
    for o in sorted(orgs):
        if o in ctx.orgs:
            dg.org_node(d, o, only=ONLY)
    for gid in sorted(datasets):
        g = datasets[gid]
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
            if src in datasets:
                d.edge(f"g:{src}", f"g:{gid}", label=H(f'<FONT POINT-SIZE="8" COLOR="{MUTED}">{esc(t["afgeleid"])}</FONT>'),
                       **EDGE_STYLE["afgeleid"])
    d05 = dg.params("D05")["soorten"]  # the agreements D05 accepts for a flow
    for f in flows:
        ms = dg.marks.of(f.id)
        parts = [f"<B>{esc(dg.naam(f.gegevens), 26)}</B>"]
        if f.grondslag:
            parts.append(f'<FONT COLOR="{MUTED}">{esc(t["grondslag"])}: {esc(f.grondslag, 30)}</FONT>')
        else:
            sev = worst([m for m in ms if m.code == "D04"])
            parts.append(f'<FONT COLOR="{SEV_STYLE[sev][0] if sev else MUTED}">{esc(t["geen_grondslag"])}</FONT>')
        if f.verwerker:
            parts.append(f'<FONT COLOR="{MUTED}">{esc(t["verwerker"])}</FONT>')
        ag = ctx.find_agreement(d05, (f.van, f.naar), gegevens=f.gegevens) if f.van != f.naar else None
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
                    if gid in datasets:
                        d.edge(f"g:{gid}", f"s:{s.id}", **EDGE_STYLE["gebruikt"])
    note = folded or ("" if (ctx.datasets or ctx.flows) else t["geen_gegevens"])
    lg = legend(t, ["bestuur", "uitvoerder", "gegevens", "schakel"], ["stroom", "beheert", "afgeleid", "gebruikt"], dg.notes([]))
    return finish(d, dg.title("gegevens", None, note), lg, "LR", ranksep=1.0, nodesep=0.35)
