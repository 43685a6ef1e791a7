"""Load → graph keeps every node and edge; splitting over files or reordering changes nothing."""

from __future__ import annotations

import random

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ketengraaf.generate import generate_model
import networkx as nx

from ketengraaf.graph.build import build_graph, check_schema, iter_graph
from ketengraaf.pipeline import load_model
from ketengraaf.model.types import SECTIONS

SETTINGS = settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])


def dump(data: dict) -> str:
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=10_000)


def canon(G):
    nodes = sorted((n, sorted(a.items(), key=lambda kv: kv[0])) for n, a in G.nodes(data=True))
    edges = sorted((u, v, k, sorted(a.items())) for u, v, k, a in G.edges(keys=True, data=True))
    return repr(nodes), repr(edges), sorted((k, str(v)) for k, v in G.graph.items())


def expected_counts(data: dict) -> tuple[int, int]:
    """Nodes and edges the schema promises for the raw data (computed independently of build.py)."""
    n = e = 0
    for o in data.get("organisaties", []):
        n += 1
        e += bool(o.get("onderdeel_van")) + len(set(o.get("deelnemers") or []))
    e += len({(r["rol"], r["van"], r["naar"]) for r in data.get("sturingsrelaties", [])})
    for a in data.get("opdrachten", []):
        n += 1
        e += 2 + len(set(a.get("raakt") or []))
    for a in data.get("afspraken", []):
        n += 1
        e += len(set(a["partijen"])) + bool(a.get("keten")) + len(set(a.get("gegevens") or []))
        e += len(set(a.get("escalatie") or []))
    for k in data.get("ketens", []):
        n += 1
        e += bool(k.get("regisseur")) + bool(k.get("bestuur"))
        for s in k.get("schakels", []):
            n += 1
            e += 1 + bool(s.get("uitvoerder")) + bool(s.get("eigenaar"))
            e += sum(len(set(s.get(x) or [])) for x in ("volgt_op", "gebruikt", "levert"))
    for g in data.get("gegevens", []):
        n += 1
        e += sum(bool(g.get(x)) for x in ("eigenaar", "beheerder", "verwerkingsverantwoordelijke"))
        e += len(set(g.get("bronhouders") or [])) + len(set(g.get("afgeleid_van") or []))
    n += len(data.get("gegevensstromen", []))
    e += 3 * len(data.get("gegevensstromen", []))
    for m in data.get("middelen", []):
        n += 1
        e += bool(m.get("beheerder"))
    n += len(data.get("uitzonderingen", []))
    return n, e


@SETTINGS
@given(seed=st.integers(0, 10_000), n=st.integers(20, 120))
def test_graph_preserves_every_node_and_edge(tmp_path_factory, seed, n):
    data = generate_model(n, seed)
    f = tmp_path_factory.mktemp("g") / "m.yaml"
    f.write_text(dump(data), encoding="utf-8")
    G = build_graph(load_model(f))
    assert check_schema(G) == []
    assert (G.number_of_nodes(), G.number_of_edges()) == expected_counts(data)
    ids = {o["id"] for o in data["organisaties"]}
    assert ids <= set(G.nodes)


@SETTINGS
@given(seed=st.integers(0, 10_000), n=st.integers(20, 120))
def test_direct_fill_equals_networkx_public_methods(tmp_path_factory, seed, n):
    """build_graph writes NetworkX's dicts directly for speed; it must equal the public methods."""
    f = tmp_path_factory.mktemp("g") / "m.yaml"
    f.write_text(dump(generate_model(n, seed)), encoding="utf-8")
    model = load_model(f)
    G = build_graph(model)
    nodes, edges = iter_graph(model)
    H = nx.MultiDiGraph(**G.graph)
    H.add_nodes_from(nodes)
    H.add_edges_from(edges)
    assert nx.utils.graphs_equal(G, H)
    assert canon(G) == canon(H)
    assert [list(G.succ[n].items()) for n in G] == [list(H.succ[n].items()) for n in H]  # same order
    assert [list(G.pred[n].items()) for n in G] == [list(H.pred[n].items()) for n in H]


@SETTINGS
@given(seed=st.integers(0, 10_000), shuffle_seed=st.integers(0, 10_000), parts=st.integers(2, 5))
def test_split_and_reorder_do_not_change_the_graph(tmp_path_factory, seed, shuffle_seed, parts):
    data = generate_model(60, seed)
    base = tmp_path_factory.mktemp("one")
    (base / "m.yaml").write_text(dump(data), encoding="utf-8")
    G1 = build_graph(load_model(base / "m.yaml"))

    rnd = random.Random(shuffle_seed)
    files: list[dict] = [{"ketengraaf": 1} for _ in range(parts)]
    files[rnd.randrange(parts)]["model"] = data["model"]
    for s in SECTIONS:
        items = list(data.get(s, []))
        rnd.shuffle(items)
        for it in items:
            files[rnd.randrange(parts)].setdefault(s, []).append(it)
    d = tmp_path_factory.mktemp("split") / "m"
    d.mkdir()
    for i, fdata in enumerate(files):
        sub = d / (f"deel{i}" if i % 2 else "") / f"{i:02d}.yaml"
        sub.parent.mkdir(parents=True, exist_ok=True)
        sub.write_text(dump(fdata), encoding="utf-8")
    G2 = build_graph(load_model(d))
    assert canon(G1) == canon(G2)


def _findings(path):
    from ketengraaf.pipeline import Analysis

    a = Analysis.open(path)
    report = a.findings()
    return a.model, a.graph, [(f.rule, f.severity, f.subject, f.related, f.suppressed, f.message) for f in report.findings]


@SETTINGS
@given(seed=st.integers(0, 10_000), shuffle_seed=st.integers(0, 10_000))
def test_findings_do_not_change_when_split_or_reordered(tmp_path_factory, seed, shuffle_seed):
    data = generate_model(80, seed)
    one = tmp_path_factory.mktemp("one") / "m.yaml"
    one.write_text(dump(data), encoding="utf-8")
    _, _, f1 = _findings(one)
    rnd = random.Random(shuffle_seed)
    d = tmp_path_factory.mktemp("split") / "m"
    d.mkdir()
    parts = [{"ketengraaf": 1, "model": data["model"]}, {"ketengraaf": 1}, {"ketengraaf": 1}]
    for s in SECTIONS:
        items = list(data.get(s, []))
        rnd.shuffle(items)
        for it in items:
            parts[rnd.randrange(3)].setdefault(s, []).append(it)
    for i, p in enumerate(parts):
        (d / f"{i}.yaml").write_text(dump(p), encoding="utf-8")
    _, _, f2 = _findings(d)
    assert f1 == f2


@SETTINGS
@given(seed=st.integers(0, 10_000), n=st.integers(30, 200))
def test_every_id_in_a_finding_exists(tmp_path_factory, seed, n):
    data = generate_model(n, seed)
    f = tmp_path_factory.mktemp("ids") / "m.yaml"
    f.write_text(dump(data), encoding="utf-8")
    model, G, findings = _findings(f)
    ids = {n for n, a in G.nodes(data=True) if a["label"] != "Uitzondering"}
    rels = {f"{'eigenaar' if k == 'EIGENAAR_VAN' else 'opdrachtgever'}:{u}->{v}"
            for u, v, k in G.edges(keys=True) if k in ("EIGENAAR_VAN", "OPDRACHTGEVER_VAN")}
    for rule, _sev, subject, related, _s, _m in findings:
        assert set(related) <= ids, (rule, related)
        if rule == "U01":
            continue
        if rule in ("R06", "S01", "S02"):
            assert subject in rels
        elif rule == "K04":
            p, s = subject.split("->")
            assert {p, s} <= ids and G.has_edge(s, p, "VOLGT_OP")
        else:
            assert set(subject.split("+")) <= ids, (rule, subject)


def _context_state(ctx) -> dict:
    """Everything the rules read from a Context, as plain comparable values."""
    skip = {"_nodes"}
    return {k: repr(v) for k, v in sorted(vars(ctx).items()) if k not in skip} | {"_nodes": repr(sorted(
        (n, sorted(a.items(), key=lambda kv: kv[0])) for n, a in ctx._nodes.items()))}


@SETTINGS
@given(seed=st.integers(0, 10_000), n=st.integers(20, 120), peil=st.sampled_from(["2025-06-30", "2026-11-27", "2028-01-01"]))
def test_context_from_lists_equals_context_from_the_graph(tmp_path_factory, seed, n, peil):
    """analyse reads the rule context straight from iter_graph's lists (Context.of_lists); diagrams,
    the report and older callers read it from the NetworkX graph (Context(G)). Both must hold the
    same indexes, in the same order, and give the same findings."""
    from datetime import date

    from ketengraaf.graph.view import Context
    from ketengraaf.pipeline import parallel
    from ketengraaf.rules import registry

    f = tmp_path_factory.mktemp("c") / "m.yaml"
    f.write_text(dump(generate_model(n, seed)), encoding="utf-8")
    model = load_model(f)
    d = date.fromisoformat(peil)
    from_graph = Context(build_graph(model), d)
    nodes, edges = iter_graph(model)
    from_lists = Context.of_lists(nodes, edges, model_id=model.id, peildatum=d)
    assert _context_state(from_lists) == _context_state(from_graph)
    rules = registry.select()
    assert parallel.check_all(from_lists, rules, parallel=False) == parallel.check_all(from_graph, rules, parallel=False)
