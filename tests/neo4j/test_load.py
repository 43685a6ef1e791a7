"""Loading into the real Neo4j: the same graph as NetworkX, idempotent, atomic, isolated."""

from __future__ import annotations

import dataclasses
import json
from collections import Counter

import pytest

from ketengraaf.backends.neo4j import MODEL_LABEL, Neo4jBackend, Plan, plan_model
from ketengraaf.errors import Unavailable, UsageError
from ketengraaf.graph.build import build_graph
from ketengraaf.graph.schema import kenmerken_json
from tests.neo4j.conftest import INJECTION, ROOT, VOORBEELD, kg, load_as, snapshot, yaml_as

MODELLEN = sorted(p for p in (ROOT / "modellen").iterdir() if p.suffix == ".yaml" or p.is_dir())


def nx_counts(G) -> tuple[Counter, Counter]:
    return (Counter(a["label"] for _, a in G.nodes(data=True)),
            Counter(k for _, _, k in G.edges(keys=True)))


def expected_node(attrs: dict, model_id: str) -> dict:
    out = {k: (kenmerken_json(v) if k == "kenmerken" else v) for k, v in attrs.items() if k != "label"}
    out["model"] = model_id
    return out


def neo_nodes(backend: Neo4jBackend, model_id: str) -> dict[str, tuple[list[str], dict]]:
    nodes, _ = snapshot(backend, model_id)
    out = {}
    for labels, props in nodes:
        p = dict(props)
        if labels == [MODEL_LABEL]:
            continue
        out[p["id"]] = (labels, p)
    return out


def assert_same_graph(backend: Neo4jBackend, model, model_id: str) -> None:
    """Counts per label/type, every node's properties and every relationship equal NetworkX's graph."""
    G = build_graph(model)
    labels, types = backend.counts(model_id)
    want_labels, want_types = nx_counts(G)
    assert Counter(labels) == want_labels
    assert Counter(types) == want_types
    got = neo_nodes(backend, model_id)
    assert set(got) == set(G.nodes)
    for nid, attrs in G.nodes(data=True):
        lab, props = got[nid]
        assert lab == [attrs["label"]], nid
        assert props == expected_node(attrs, model_id), nid
        for k, v in props.items():
            assert v is not None
            assert type(v) in (str, int, float, bool), (nid, k, v)
    _, rels = snapshot(backend, model_id)
    got_rels = sorted(((a, t, b, dict(p)) for a, out, t, p, b, bm in rels if out), key=repr)
    assert all(bm == model_id for *_, bm in rels)
    want_rels = sorted(((u, k, v, {x: (kenmerken_json(y) if x == "kenmerken" else y) for x, y in a.items()})
                        for u, v, k, a in G.edges(keys=True, data=True)), key=repr)
    assert [r[:3] for r in got_rels] == [r[:3] for r in want_rels]
    assert got_rels == want_rels


def test_voorbeeld_equals_networkx(backend, new_id):
    mid = new_id("voorbeeld")
    m = load_as(VOORBEELD, mid)
    r = backend.load(m)
    assert r.status == "new"
    G = build_graph(m)
    assert (r.nodes, r.relationships) == (G.number_of_nodes(), G.number_of_edges())
    assert_same_graph(backend, m, mid)
    got = neo_nodes(backend, mid)
    # spot checks: dates are ISO text, numbers stay numbers, absent values are absent
    opd = got["opd-kot-2027"][1]
    assert opd["van"] == "2027-01-01" and opd["tot"] == "2027-12-31" and isinstance(opd["van"], str)
    assert got["dienst-toeslagen"][1]["capaciteit"] == 500
    assert "capaciteit" not in got["belastingdienst"][1]
    assert "grondslag" not in got["st-brp-bd"][1] and got["st-brp-toeslagen"][1]["grondslag"] == "Wet BRP"
    assert got["K01:strafrechtketen"][1]["geldig_tot"] == "2027-12-31"
    meta = [dict(p) for labels, p in snapshot(backend, mid)[0] if labels == [MODEL_LABEL]]
    assert len(meta) == 1
    assert meta[0]["naam"] == m.naam and meta[0]["peildatum"] == "2026-11-27"
    assert meta[0]["knopen"] == r.nodes and meta[0]["relaties"] == r.relationships
    assert meta[0]["sha256"] == plan_model(m).meta["sha256"]
    assert "beschrijving" not in meta[0]  # absent, not null


@pytest.mark.parametrize("path", MODELLEN, ids=lambda p: p.stem)
def test_example_models_equal_networkx(backend, new_id, path):
    mid = new_id(path.stem)
    m = load_as(path, mid)
    backend.load(m)
    assert_same_graph(backend, m, mid)


def test_kenmerken_round_trip_as_canonical_json(backend, new_id):
    mid = new_id("kenmerken")
    m = load_as(INJECTION, mid)
    backend.load(m)
    assert_same_graph(backend, m, mid)
    got = neo_nodes(backend, mid)
    k = json.loads(got["min-a"][1]["kenmerken"])
    assert k == m.organisaties[0].kenmerken
    assert got["min-a"][1]["kenmerken"] == json.dumps(k, sort_keys=True, ensure_ascii=False)


def test_load_twice_is_idempotent(backend, new_id):
    mid = new_id("twice")
    m = load_as(VOORBEELD, mid)
    first = backend.load(m)
    before = snapshot(backend, mid)
    counts = backend.counts(mid)
    second = backend.load(m)
    assert second.status == "unchanged" and second.previous_nodes == first.nodes
    assert backend.counts(mid) == counts
    assert snapshot(backend, mid) == before


def test_different_content_needs_replace(backend, new_id):
    mid = new_id("replace")
    m = load_as(VOORBEELD, mid)
    backend.load(m)
    before = snapshot(backend, mid)
    smaller = dataclasses.replace(m, uitzonderingen=m.uitzonderingen[:1],
                                  organisaties=[o.model_copy(update={"naam": o.naam + " (nieuw)"}) if o.id == "rws" else o
                                                for o in m.organisaties])
    with pytest.raises(UsageError, match=r"different content .*--replace"):
        backend.load(smaller)
    assert snapshot(backend, mid) == before
    r = backend.load(smaller, replace=True)
    assert r.status == "replaced" and r.previous_nodes == len(before[0]) - 1
    assert_same_graph(backend, smaller, mid)
    assert neo_nodes(backend, mid)["rws"][1]["naam"] == "Rijkswaterstaat (nieuw)"


def test_replace_drops_properties_and_nodes_that_are_gone(backend, new_id):
    mid = new_id("drop")
    m = load_as(VOORBEELD, mid)
    backend.load(m)
    # a property someone added by hand, and a node of the model nobody declared
    with backend._session() as s:
        s.run("MATCH (n:Organisatie {model: $m, id: 'rws'}) SET n.handwerk = 'weg ermee'", m=mid).consume()
        s.run("CREATE (:Middel {model: $m, id: 'los-middel', naam: 'los'})", m=mid).consume()
    backend.load(m, replace=True)
    assert_same_graph(backend, m, mid)


def _break_late_batch(plan: Plan) -> None:
    """Give the last relationship row a map value, which Neo4j cannot store as a property."""
    key = [k for k, rows in plan.edges.items() if k[0] in ("DEELNEMER_VAN", "RAAKT", "SCHAKEL", "VOLGT_OP",
                                                               "GEBRUIKT", "BRONHOUDER", "AFGELEID_VAN",
                                                               "PARTIJ", "GEGEVENS", "LEVERT")][-1]
    plan.edges[key][-1]["volgorde"] = {"kan": "niet"}


def test_failed_load_leaves_previous_version(backend, new_id):
    mid = new_id("atomic")
    m = load_as(VOORBEELD, mid)
    backend.load(m)
    before = snapshot(backend, mid)
    changed = dataclasses.replace(m, uitzonderingen=m.uitzonderingen[:2])  # nodes to delete, too
    changed = dataclasses.replace(changed, organisaties=[o.model_copy(update={"naam": "X"}) for o in changed.organisaties])
    written: list[int] = []
    with pytest.raises(Unavailable, match="refused to load .*nothing was changed") as err:
        # small batches: the nodes and many relationship batches are written before Neo4j refuses
        backend.load(changed, replace=True, batch_size=5, _rows_hook=_break_late_batch,
                     progress=lambda done, total: written.append(done))
    assert "Property values can only be of primitive types" in str(err.value)
    assert max(written) > len(before[0]) + 50  # all nodes and more than 50 relationships were written
    assert snapshot(backend, mid) == before


def test_interrupted_load_leaves_previous_version(backend, new_id):
    mid = new_id("interrupt")
    m = load_as(VOORBEELD, mid)
    backend.load(m)
    before = snapshot(backend, mid)
    changed = dataclasses.replace(m, organisaties=[o.model_copy(update={"naam": "Y"}) for o in m.organisaties])
    seen = []

    def progress(done: int, total: int) -> None:
        seen.append(done)
        if done > total // 2:
            raise KeyboardInterrupt  # as Ctrl-C halfway

    with pytest.raises(KeyboardInterrupt):
        backend.load(changed, replace=True, batch_size=7, progress=progress)
    assert len(seen) > 3
    assert snapshot(backend, mid) == before


def test_failed_first_load_leaves_nothing(backend, new_id):
    mid = new_id("atomic-new")
    with pytest.raises(Unavailable):
        backend.load(load_as(VOORBEELD, mid), batch_size=3, _rows_hook=_break_late_batch)
    assert backend.counts(mid) == ({}, {})
    assert snapshot(backend, mid) == ([], [])


def test_other_model_untouched_by_load_replace_unload(backend, new_id):
    a, b = new_id("a"), new_id("b")
    ma = load_as(VOORBEELD, a)
    backend.load(load_as(VOORBEELD, b))  # the same ids inside, another model
    other = snapshot(backend, b)
    backend.load(ma)
    assert snapshot(backend, b) == other
    backend.load(ma)
    assert snapshot(backend, b) == other
    backend.load(dataclasses.replace(ma, ketens=ma.ketens[:1], afspraken=[f for f in ma.afspraken if f.keten is None or f.keten == ma.ketens[0].id]),
                 replace=True)
    assert snapshot(backend, b) == other
    u = backend.unload(a)
    assert u.nodes > 0
    assert backend.counts(a) == ({}, {})
    assert snapshot(backend, a) == ([], [])
    assert snapshot(backend, b) == other


def test_unload_unknown_model_lists_models(backend, new_id):
    mid = new_id("known")
    backend.load(load_as(VOORBEELD, mid))
    with pytest.raises(UsageError) as err:
        backend.unload(mid + "x")
    msg = str(err.value)
    assert f"no model '{mid}x'" in msg and f"did you mean '{mid}'" in msg and "models present:" in msg


def test_cli_load_reload_replace_unload(backend, new_id, tmp_path):
    mid = new_id("cli")
    f = yaml_as(VOORBEELD, mid, tmp_path)
    r = kg("load", str(f))
    assert r.returncode == 0, r.stderr
    assert r.stdout.startswith(f"{mid}: loaded 93 nodes and 207 relationships into Neo4j at ")
    r = kg("load", str(f))
    assert r.returncode == 0 and "loaded already with the same content" in r.stdout
    edited = tmp_path / "edited.yaml"
    edited.write_text(f.read_text(encoding="utf-8").replace("naam: Rijkswaterstaat,", "naam: RWS nieuw,"),
                      encoding="utf-8")
    r = kg("load", str(edited))
    assert r.returncode == 2
    assert r.stderr.splitlines()[-1] == (f"ketengraaf: model '{mid}' is already in Neo4j at {backend.where} with different "
                                f"content (93 nodes); add --replace to replace it, or remove it first with "
                                f"ketengraaf unload {mid}")
    r = kg("load", str(edited), "--replace")
    assert r.returncode == 0 and "replaced the previous version (93 nodes)" in r.stdout
    assert neo_nodes(backend, mid)["rws"][1]["naam"] == "RWS nieuw"
    r = kg("unload", mid)
    assert r.returncode == 0 and r.stdout.strip() == (f"{mid}: removed 93 nodes and 207 relationships from Neo4j "
                                                      f"at {backend.where}")
    r = kg("unload", mid)
    assert r.returncode == 2 and f"no model '{mid}'" in r.stderr and "Traceback" not in r.stderr


def test_cli_analyse_neo4j_follows_the_load_guard(backend, new_id, tmp_path):
    """Issue 13.8: analyse --backend neo4j loads the model first; a colleague's different model of
    the same id stays unless --replace."""
    mid = new_id("analyse-guard")
    f = yaml_as(VOORBEELD, mid, tmp_path)
    assert kg("load", str(f)).returncode == 0
    before = snapshot(backend, mid)
    r = kg("analyse", str(f), "--backend", "neo4j", "--format", "json", "--fail-on", "never")
    assert r.returncode == 0, r.stderr  # the same content: reused
    edited = tmp_path / "edited.yaml"
    edited.write_text(f.read_text(encoding="utf-8").replace("naam: Rijkswaterstaat,", "naam: RWS nieuw,"),
                      encoding="utf-8")
    r = kg("analyse", str(edited), "--backend", "neo4j", "--format", "json", "--fail-on", "never")
    assert (r.returncode, r.stdout) == (2, "")
    assert r.stderr.splitlines()[-1] == (f"ketengraaf: model '{mid}' is already in Neo4j at {backend.where} with "
                                         f"different content (93 nodes); add --replace to replace it, or remove it "
                                         f"first with ketengraaf unload {mid}")
    assert snapshot(backend, mid) == before
    r = kg("analyse", str(edited), "--backend", "neo4j", "--format", "json", "--fail-on", "never", "--replace")
    assert r.returncode == 0, r.stderr
    assert json.loads(r.stdout)["model"] == mid
    assert neo_nodes(backend, mid)["rws"][1]["naam"] == "RWS nieuw"
    r = kg("analyse", str(edited), "--replace")
    assert (r.returncode, r.stderr.splitlines()[-1]) == (
        2, "ketengraaf: --replace goes with --backend neo4j (the NetworkX backend keeps nothing to replace)")


def test_cli_load_invalid_model_exits_2(tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("ketengraaf: 1\norganisaties:\n  - {id: a, naam: A, soort: gemeentje}\n", encoding="utf-8")
    r = kg("load", str(bad), uri="bolt://127.0.0.1:1")  # the model is checked before connecting
    assert r.returncode == 2
    assert "bad.yaml:3:" in r.stderr and "the model has 1 error" in r.stderr


def test_plan_rejects_nothing_of_a_valid_model_and_keeps_schema_whitelist():
    from ketengraaf.backends.neo4j import constraint_statements, edge_statement, node_statement
    from ketengraaf.graph.schema import EDGE_KINDS, NODE_KINDS

    m = load_as(VOORBEELD, "x")
    p = plan_model(m)
    assert p.n_nodes == 93 and p.n_edges == 207
    stmts = [node_statement(k) for k in NODE_KINDS.values() if k.label != MODEL_LABEL]
    stmts += [edge_statement(e) for e in EDGE_KINDS.values()]
    stmts += [c[3] for c in constraint_statements()]
    for s in stmts:  # no value of the model ever appears in a statement's text
        assert "voorbeeld" not in s and "belastingdienst" not in s
    assert len({c[0] for c in constraint_statements()}) == len(NODE_KINDS)
