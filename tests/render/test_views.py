"""Every view of every example model renders to valid SVG with the real Graphviz, shows the names
and finding codes it should, and the DOT text is byte-identical from run to run."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.render.conftest import (
    VOORBEELD,
    diagram_for,
    example_models,
    model_id,
    need_dot,
    norm,
    open_codes,
    svg_text,
)

MODELS = example_models()
IDS = [model_id(p) for p in MODELS]


def render_svg(dg, view, subject=None) -> str:
    from ketengraaf.render import dot as D
    from ketengraaf.render.graphviz_run import render

    need_dot()
    return svg_text(render(D.to_dot(dg, view, subject), "svg"))


@pytest.mark.parametrize("path", MODELS, ids=IDS)
def test_driehoek_all_executors(path: Path) -> None:
    """Without --subject all triangles go into one picture: every executor is in it, with the codes
    of its open findings."""
    from ketengraaf.render import dot as D

    _, dg = diagram_for(str(path))
    text = render_svg(dg, "driehoek")
    execs = D.executors(dg.ctx)
    assert execs, "every example model has executors"
    for x in execs:
        assert norm(dg.naam(x)) in text, x
        for code in open_codes(dg.report, {x}):
            assert code in text.split(), (x, code)


@pytest.mark.parametrize("path", MODELS, ids=IDS)
def test_driehoek_one_executor(path: Path) -> None:
    """One triangle: the executor, its eigenaars and opdrachtgevers, the relation findings."""
    from ketengraaf.render import dot as D

    _, dg = diagram_for(str(path))
    ctx = dg.ctx
    # the executor with the most commissioners: the richest picture
    x = max(D.executors(ctx), key=lambda e: (len(ctx.opdrachtgevers(e)), e))
    text = render_svg(dg, "driehoek", x)
    words = text.split()
    for o in [x, *ctx.eigenaars.get(x, []), *ctx.opdrachtgevers(x)]:
        assert norm(dg.naam(o)) in text, o
    rel_keys = {r.key for r in ctx.relations if r.naar == x}
    for code in open_codes(dg.report, rel_keys | {x}):
        assert code in words, code


@pytest.mark.parametrize("path", MODELS, ids=IDS)
def test_opdrachtgevers(path: Path) -> None:
    _, dg = diagram_for(str(path))
    ctx = dg.ctx
    text = render_svg(dg, "opdrachtgevers")
    multi = [x for x in ctx.opdrachtgever_rels if len(ctx.opdrachtgevers(x)) >= 2]
    for x in multi:
        assert norm(dg.naam(x)) in text
        for o in ctx.opdrachtgevers(x):
            assert norm(dg.naam(o)) in text
        for code in open_codes(dg.report, {x}, ("M",)):
            assert code in text.split(), (x, code)
    # M03 is about two opdrachten of the executor: it is drawn on the commissioning arrows
    m03 = [f for f in dg.report.findings if f.rule == "M03" and not f.suppressed]
    if m03 and multi:
        assert "M03" in text.split()
    if not multi:
        assert ("Geen uitvoerder" in text) or ("No executor" in text)


@pytest.mark.parametrize("path", MODELS, ids=IDS)
def test_keten_every_chain(path: Path) -> None:
    _, dg = diagram_for(str(path))
    for c in dg.ctx.chains:
        text = render_svg(dg, "keten", c.id)
        assert norm(c.naam) in text
        for s in c.schakels:
            assert norm(s.naam) in text, s.id
        subjects = {c.id} | {s.id for s in c.schakels}
        subjects |= {f"{p}->{s.id}" for s in c.schakels for p in s.volgt_op}
        for code in open_codes(dg.report, subjects, ("K", "D07")):
            assert code in text.split(), (c.id, code)


@pytest.mark.parametrize("path", MODELS, ids=IDS)
def test_keten_all_chains_in_one_file(path: Path) -> None:
    _, dg = diagram_for(str(path))
    text = render_svg(dg, "keten")
    for c in dg.ctx.chains:
        assert norm(c.naam) in text
    if not dg.ctx.chains:
        assert "Het model bevat geen ketens." in text


@pytest.mark.parametrize("path", MODELS, ids=IDS)
def test_gegevens(path: Path) -> None:
    _, dg = diagram_for(str(path))
    text = render_svg(dg, "gegevens")
    for g in dg.ctx.datasets.values():
        assert norm(g.naam) in text, g.id
    subjects = set(dg.ctx.datasets) | {f.id for f in dg.ctx.flows}
    for code in open_codes(dg.report, subjects, ("D",)):
        assert code in text.split(), code


@pytest.mark.parametrize("path", MODELS, ids=IDS)
def test_overzicht(path: Path) -> None:
    _, dg = diagram_for(str(path))
    text = render_svg(dg, "overzicht")
    assert len(dg.ctx.orgs) <= 300
    for x in dg.ctx.orgs:
        assert norm(dg.naam(x)) in text, x


def test_english_labels() -> None:
    path = VOORBEELD if VOORBEELD.exists() else example_models()[0]
    _, dg = diagram_for(str(path), "en")
    text = render_svg(dg, "driehoek")
    assert "Legend" in text and "commissioner" in text and "owner" in text
    assert "Legenda" not in text


def test_suppressed_not_coloured_unless_audit() -> None:
    """voorbeeld.yaml accepts M01 for rws: grey badge normally, the error colour with --audit."""
    from ketengraaf.render import dot as D

    if not VOORBEELD.exists():
        pytest.skip("the shared voorbeeld.yaml is not beside this checkout")
    _, dg = diagram_for(str(VOORBEELD))
    plain = D.to_dot(dg, "driehoek", "rws")
    assert '<TD BGCOLOR="#9A9A9A" CELLPADDING="2"><FONT COLOR="#FFFFFF" POINT-SIZE="9"><B> M01 </B>' in plain
    _, dga = diagram_for(str(VOORBEELD), "nl", True)
    audit = D.to_dot(dga, "driehoek", "rws")
    assert '<TD BGCOLOR="#D55E00" CELLPADDING="2"><FONT COLOR="#FFFFFF" POINT-SIZE="9"><B> M01 </B>' in audit


@pytest.mark.parametrize("path", MODELS, ids=IDS)
def test_dot_is_stable(path: Path) -> None:
    """The same model gives byte-identical DOT: twice in one process, for every view."""
    from ketengraaf.render import dot as D

    _, dg = diagram_for(str(path))
    for view in D.VIEWS:
        assert D.to_dot(dg, view) == D.to_dot(dg, view), view


def test_dot_is_stable_across_processes(tmp_path: Path) -> None:
    """Byte-identical DOT from two CLI runs with different hash seeds (set iteration order differs)."""
    path = VOORBEELD if VOORBEELD.exists() else example_models()[0]
    outs = []
    for seed in ("1", "2"):
        for view in ("driehoek", "gegevens", "keten"):
            out = tmp_path / f"{view}-{seed}.dot"
            env = dict(os.environ, PYTHONHASHSEED=seed)
            r = subprocess.run([sys.executable, "-m", "ketengraaf", "diagram", str(path), "--view", view,
                                "-o", str(out)], env=env, capture_output=True, text=True)
            assert r.returncode == 0, r.stderr
        outs.append([(tmp_path / f"{v}-{seed}.dot").read_bytes()
                     for v in ("driehoek", "gegevens", "keten")])
    assert outs[0] == outs[1]


def test_overzicht_300_organisations_fast(tmp_path: Path) -> None:
    """A generated model of about 300 organisations: the overzicht stays drawable in well under 3 s,
    both folded (the default above 300) and with every organisation."""
    import time

    from ketengraaf.generate import write_model
    from ketengraaf.render import dot as D
    from ketengraaf.render.graphviz_run import render

    need_dot()
    out = tmp_path / "g300.yaml"
    write_model(300, seed=1, output=out)
    _, dg = diagram_for(str(out))
    for max_orgs in (D.MAX_ORGS, 100_000):
        txt = D.view_overzicht(dg, None, max_orgs=max_orgs)
        t = time.perf_counter()
        svg = render(txt, "svg")
        took = time.perf_counter() - t
        assert took < 3.0, f"overzicht of {len(dg.ctx.orgs)} organisations took {took:.2f} s"
        svg_text(svg)


def test_overzicht_folds_large_models() -> None:
    """Above MAX_ORGS the overzicht keeps organisations with findings and their partners, counts the rest."""
    from ketengraaf.render import dot as D

    path = VOORBEELD if VOORBEELD.exists() else example_models()[0]
    _, dg = diagram_for(str(path))
    full = D.view_overzicht(dg, None)
    folded = D.view_overzicht(dg, None, max_orgs=5)
    assert "ingeklapt" in folded and "ingeklapt" not in full
    assert folded.count("label=<") < full.count("label=<")


def test_overzicht_subject_narrows() -> None:
    from ketengraaf.render import dot as D

    path = VOORBEELD if VOORBEELD.exists() else example_models()[0]
    _, dg = diagram_for(str(path))
    top = next(x for x in sorted(dg.ctx.orgs) if dg.ctx.children.get(x))
    part = D.to_dot(dg, "overzicht", top)
    assert part.count("label=<") < D.to_dot(dg, "overzicht").count("label=<")


def test_empty_model_every_view(tmp_path: Path) -> None:
    """A model with nothing in it still gives a titled picture with a legend in every view."""
    from ketengraaf.render import dot as D

    path = tmp_path / "leeg.yaml"
    path.write_text("ketengraaf: 1\nmodel: {id: leeg, naam: Leeg model}\n", encoding="utf-8")
    _, dg = diagram_for(str(path))
    for view in D.VIEWS:
        text = render_svg(dg, view)
        assert "Leeg model" in text and "Legenda" in text


def test_driehoek_draws_the_escalation_ladder_with_s04_and_s05() -> None:
    """The ladder beside the triangle: its steps in order up to the top, with whom the top has
    authority over; S05 on the ladder whose top cannot settle for every party; S04 where no ladder
    binds the whole triangle."""
    _, dg = diagram_for(str(VOORBEELD))
    toeslagen = render_svg(dg, "driehoek", "dienst-toeslagen")
    assert ("Als de relatie onder spanning staat Samenwerkingsafspraak Dienst Toeslagen "
            "1. Secretaris-generaal Financiën top · gezag over Ministerie van Financiën S05") in toeslagen
    assert "geen escalatieroute" not in toeslagen  # its ladder binds the whole triangle: no S04 here
    cjib = render_svg(dg, "driehoek", "cjib")
    assert ("Als de relatie onder spanning staat geen escalatieroute die de uitvoerder, een eigenaar en alle "
            "opdrachtgevers bindt S04 wa-cjib 1. Opdrachtgeversberaad CJIB ↓ 2. Secretaris-generaal JenV top · "
            "gezag over Ministerie van Justitie en Veiligheid") in cjib
    assert "S05" not in cjib.split()
    rws = render_svg(dg, "driehoek", "rws")
    assert "wa-rws 1. Opdrachtgeversberaad Rijkswaterstaat ↓ 2. Secretaris-generaal IenW top" in rws
    assert "S04" not in rws.split() and "S05" not in rws.split()
    assert "escalatieroute (stappen naar de top)" in rws  # the legend names the ladder


def test_driehoek_ladder_in_english_and_not_valid() -> None:
    """An expired ladder is drawn greyed with 'not valid'; its top is not marked (S05 checks valid
    ladders only); texts follow --lang."""
    import tempfile

    body = VOORBEELD.read_text(encoding="utf-8").replace(
        "geldig_van: 2026-01-01, geldig_tot: 2026-12-31,\n     escalatie: [og-beraad-cjib, sg-jenv]",
        "geldig_van: 2026-01-01, geldig_tot: 2026-10-31,\n     escalatie: [og-beraad-cjib, sg-jenv]")
    assert body != VOORBEELD.read_text(encoding="utf-8")
    with tempfile.TemporaryDirectory() as d:
        p = Path(d) / "m.yaml"
        p.write_text(body, encoding="utf-8")
        _, dg = diagram_for(str(p), "en")
        text = render_svg(dg, "driehoek", "cjib")
    assert ("When the relation comes under strain no escalation path that binds the executor, an owner and every "
            "commissioner S04 wa-cjib not valid on the reference date 1. Opdrachtgeversberaad CJIB") in text


def test_highlight_draws_changed_elements_twice_and_nothing_else_changes() -> None:
    """``highlight`` (ketengraaf diff): a changed organisation gets a double outline, a changed
    relation a double line, a changed opdracht or afspraak a Δ before its row, each node and edge
    the SVG class "changed", and the legend a note; without it the DOT text is as it was."""
    import re
    import xml.etree.ElementTree as ET

    from ketengraaf.render import dot as D
    from ketengraaf.render.graphviz_run import render
    from tests.render.conftest import MODELLEN

    need_dot()
    _, dg = diagram_for(str(MODELLEN / "belastingdienst.yaml"))
    plain = D.to_dot(dg, "driehoek", "dienst-toeslagen")
    marked = D.Diagram(dg.ctx, dg.report, dg.lang, highlight=frozenset(
        {"dir-kinderopvang", "opdrachtgever:dg-volkshuisvesting->dienst-toeslagen", "ra-kot", "opd-zt-afbouw"}))
    assert D.to_dot(D.Diagram(dg.ctx, dg.report, dg.lang), "driehoek", "dienst-toeslagen") == plain
    dot = D.to_dot(marked, "driehoek", "dienst-toeslagen")
    assert "changed" not in plain and "\u0394" not in plain
    svg = render(dot, "svg").decode("utf-8")
    root = ET.fromstring(svg)
    ns = "{http://www.w3.org/2000/svg}"
    groups = [g for g in root.iter(f"{ns}g") if "changed" in (g.get("class") or "").split()]
    titles = {g.findtext(f"{ns}title") for g in groups}
    assert titles == {"o:dir-kinderopvang", "o:dg-volkshuisvesting->o:dienst-toeslagen"}
    node = next(g for g in groups if g.findtext(f"{ns}title") == "o:dir-kinderopvang")
    assert len(list(node.iter(f"{ns}path"))) == 2  # the double outline (a rounded box is a path)
    edge = next(g for g in groups if "->" in g.findtext(f"{ns}title"))
    assert len(list(edge.iter(f"{ns}path"))) == 3  # line, gap, line
    text = svg_text(svg)
    assert "\u0394 Uitvoeringsafspraken kinderopvangtoeslag" in text
    assert "\u0394 Zorgtoeslag" in text
    assert re.search(r"dubbele rand of dubbele lijn", text)


def test_opdrachtgevers_and_gegevens_fold_large_models(tmp_path: Path) -> None:
    """Above MAX_ORGS the opdrachtgevers view keeps the executors with the most open M findings and
    the gegevens view the flows and datasets with the most open D findings; each says so."""
    import re

    from ketengraaf.generate import write_model
    from ketengraaf.render.dot import MAX_ORGS, gegevens, opdrachtgevers

    f = tmp_path / "m.yaml"
    write_model(600, seed=3, output=f)
    _, dg = diagram_for(str(f))
    ctx = dg.ctx
    xs = [x for x in sorted(ctx.opdrachtgever_rels) if len(ctx.opdrachtgevers(x)) >= 2]

    def m_weight(x: str) -> int:
        return sum(1 for i in [x, *(a.id for a in ctx.assignments_to(x))] for m in dg.marks.of(i)
                   if m.code.startswith("M") and not m.suppressed)

    full = opdrachtgevers.view(dg)
    assert "ingeklapt" not in full and len(xs) + len({o for x in xs for o in ctx.opdrachtgevers(x)}) <= MAX_ORGS
    folded = opdrachtgevers.view(dg, max_orgs=30)
    m = re.search(rf"ingeklapt: (\d+) van {len(xs)} uitvoerders met meer opdrachtgevers", folded)
    assert m and 0 < int(m.group(1)) < len(xs)
    k = int(m.group(1))
    # every executor that weighs more than the k-th heaviest is drawn; the lightest are not
    kth = sorted((m_weight(x) for x in xs), reverse=True)[k - 1]
    assert all(f'"{dg.org_id(x)}" [' in folded for x in xs if m_weight(x) > kth)
    assert kth > 0 and any(f'"{dg.org_id(x)}" [' not in folded for x in xs if m_weight(x) == 0)
    shown = {x for x in ctx.orgs if f'"{dg.org_id(x)}" [' in folded}
    assert len(shown) <= 30

    full_g = gegevens.view(dg)
    assert "ingeklapt" not in full_g
    folded_g = gegevens.view(dg, max_orgs=20)
    n_flows = sum(1 for fl in ctx.flows if f"{fl.id}: " in folded_g)  # each drawn flow's tooltip starts with its id
    assert re.search(rf"ingeklapt: \d+ van {len(ctx.flows)} stromen en \d+ van {len(ctx.datasets)} gegevens", folded_g)
    assert 0 < folded_g.count("\"g:") < full_g.count("\"g:")  # the datasets (and their lines)
    assert 0 < n_flows <= 10
    for text in (folded, folded_g):  # still valid DOT that Graphviz draws
        need_dot()
        from ketengraaf.render.graphviz_run import render

        assert render(text, "svg").startswith(b"<?xml")
