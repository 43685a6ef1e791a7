"""View ``keten``: one chain, links in handover order left to right, grouped by executing
organisation, with its regie, doorzettingsmacht and performance (as K07 computes and prints it)."""

from __future__ import annotations

from typing import Optional

from ketengraaf.graph.view import Chain, Context, Link
from ketengraaf.render.dot.diagram import Diagram
from ketengraaf.render.dot.marks import pills, sev_attrs, tooltip, worst
from ketengraaf.render.dot.style import EDGE_STYLE, INK, MUTED, SEV_STYLE
from ketengraaf.render.dot.widgets import block, legend, stack, table, warn_row
from ketengraaf.render.dot.writer import H, Dot, esc, finish
from ketengraaf.rules.figures import share_text
from ketengraaf.rules.ketens import measured_performance, performance_texts, threshold
from ketengraaf.texts import soort_label


def chain(ctx: Context, kid: str) -> Chain:
    for c in ctx.chains:
        if c.id == kid:
            return c
    raise KeyError(kid)


def performance_row(dg: Diagram, c: Chain) -> Optional[str]:
    """"79,999% (3 schakels)": the chain's performance as K07 computes it, with as many decimals as
    K07's message needs to tell it from the threshold the rule ran with; None when no link has a
    prestatie."""
    got = measured_performance(c)
    if got is None:
        return None
    value, n = got
    pct, _ = performance_texts(value, threshold(dg.params("K07")), dg.lang)
    return f"{pct} ({n} {dg.t['schakel' if n == 1 else 'schakels']})"


def draw(d: Dot, dg: Diagram, c: Chain, prefix: str = "") -> list[str]:
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
            lines.append(f"{t['prestatie']} {share_text(s.prestatie, dg.lang)}")
        if s.gebruikt:
            lines.append(f"{t['gebruikt']}: " + ", ".join(dg.naam(g) for g in s.gebruikt))
        base = {"shape": "box", "style": "rounded,filled", "fillcolor": "#FFFFFF", "penwidth": "1.4"}
        if not s.uitvoerder:
            base.update(style="rounded,filled,dashed", penwidth="2.4", color=MUTED)
        d.node(P(f"s:{s.id}"), label=block(s.naam, lines, ms, rows=rows, width=22),
               tooltip=tooltip(s.naam, ms, dg.lang), **dg.changed_attrs(s.id, sev_attrs(ms, base)))

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
    k04 = dg.params("K04")["soorten"]  # the agreements K04 accepts for a handover
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
                ag = ctx.find_agreement(k04, (pu, su), keten=c.id)
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
    perf = performance_row(dg, c)
    if perf is not None:
        row(t["ketenprestatie"], perf, worst([m for m in cm if m.code == "K07"]))
    if cm:
        rows.append(f'<TR><TD ALIGN="LEFT"><FONT POINT-SIZE="10" COLOR="{MUTED}">{esc(t["bevindingen"].capitalize())}</FONT></TD>'
                    f'<TD ALIGN="LEFT">{pills(cm)}</TD></TR>')
    return rows


def view(dg: Diagram, subject: Optional[str]) -> str:
    """The chain ``subject``, or every chain in one file."""
    ctx, t = dg.ctx, dg.t
    d = Dot()
    chains = [chain(ctx, subject)] if subject else list(ctx.chains)
    if subject is not None:
        c = chains[0]
        rows = draw(d, dg, c)
        title = dg.title("keten", c.naam)
        title = H(title[:-len("</TABLE>")] + f'<TR><TD ALIGN="LEFT">{table(rows)}</TD></TR></TABLE>')
    else:
        for c in chains:
            inner = Dot()
            inner.depth = d.depth + 1
            inner._n = d._n
            rows = draw(inner, dg, c, prefix=f"k:{c.id}/")
            d._n = inner._n
            d.open(d.cluster_name("k"), label=H(f'<TABLE BORDER="0" CELLBORDER="0" CELLSPACING="0">'
                                                 f'<TR><TD ALIGN="LEFT"><FONT POINT-SIZE="14"><B>{esc(c.naam, 60)}</B></FONT></TD></TR>'
                                                 f'<TR><TD ALIGN="LEFT">{table(rows)}</TD></TR></TABLE>'),
                   style="rounded", color="#9AA5B1", margin=12)
            d.lines.extend(inner.lines)
            d.close()
        title = dg.title("keten", None, "" if chains else t["geen_ketens"])
    lg = legend(t, ["schakel"], ["overdracht"], dg.notes(["cluster_uitvoerder"]))
    return finish(d, title, lg, "LR", ranksep=0.55, nodesep=0.3)
