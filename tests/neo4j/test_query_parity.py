"""Parity of ``ketengraaf query``: every named query gives the same rows on the embedded engine
(LadybugDB) and on Neo4j, for every model in modellen/, the spec's voorbeeld and generated models.

Each query runs with many parameter values drawn from the model (every organisation as ``$id`` in
the small models, senders and receivers of gegevensstromen for ``gegevenspaden``, several ``$dagen``),
and the rows are compared with their columns in order. A new named query without parameters here
fails :func:`test_every_named_query_is_covered`.
"""

from __future__ import annotations

import os
import random
from pathlib import Path
from typing import Any, Iterator

import pytest

from ketengraaf.generate import write_model
from ketengraaf.pipeline import Analysis, Neo4jRules, NetworkXRules, load_model
from ketengraaf.query.command import Query, rule_rows
from ketengraaf.query.embedded import EmbeddedGraph
from ketengraaf.query.named import named_queries

from .conftest import ROOT, VOORBEELD

MODELS = [VOORBEELD] + sorted((ROOT / "modellen").glob("*.yaml")) + [ROOT / "modellen" / "uitvoering-sociaal-domein",
                                                                     ROOT / "modellen" / "financien-szw"]
SEEDS = [(1, 120), (5, 300), (9, 900)]

#: Organisations per model that get every per-organisation query (all of them in a small model).
SAMPLE = 60
SEED = int(os.environ.get("KETENGRAAF_QUERY_PARITY_SEED", "1"))


def cases(model: Any) -> Iterator[tuple[str, dict[str, Any]]]:
    """(query name, parameters) for every named query on ``model``."""
    rnd = random.Random(SEED)
    orgs = sorted(o.id for o in model.organisaties)
    some = orgs if len(orgs) <= SAMPLE else rnd.sample(orgs, SAMPLE)
    for name in ("driehoek", "ketens-van", "opdrachtgevers-van", "gestuurd-door"):
        for i in some + ["bestaat-niet"]:
            yield name, {"id": i}
    senders = sorted({s.van for s in model.gegevensstromen})
    receivers = sorted({s.naar for s in model.gegevensstromen})
    pairs = [(a, b) for a in senders for b in receivers if a != b]
    for a, b in (pairs if len(pairs) <= 80 else rnd.sample(pairs, 80)) + [("bestaat-niet", "bestaat-ook-niet")]:
        for m in (1, 4, 8):
            yield "gegevenspaden", {"van": a, "naar": b, "max": m}
    for d in (0, 30, 365, 5000):
        yield "afspraken-verlopen", {"dagen": d}
    yield "overzicht", {}
    yield "modellen", {}
    yield "zonder-eigenaar", {}


def test_every_named_query_is_covered():
    class M:
        id = "m"
        organisaties: list = []
        gegevensstromen: list = []

    assert {n for n, _ in cases(M())} == set(named_queries())


def _rows(rows: list[dict[str, Any]]) -> list[list[tuple[str, Any]]]:
    return [list(r.items()) for r in rows]


def check_parity(model: Any, backend: Any, settings: Any) -> dict[str, int]:
    """Compare every case; return the number of rows per query (so a test can ask for real answers)."""
    backend.load(model)
    graph = EmbeddedGraph(model)
    analysis = Analysis(model)
    base = {"model": model.id, "peildatum": analysis.peildatum.isoformat()}
    found: dict[str, int] = {}
    queries = {name: (Query(name, embedded=True), Query(name, embedded=False)) for name in named_queries()}
    for name, params in cases(model):
        emb, neo = queries[name]
        values = {**base, **params}
        if emb.rules is not None:
            a = rule_rows(analysis, emb.rules, NetworkXRules(parallel=False))
            b = rule_rows(analysis, neo.rules, Neo4jRules(settings))
        else:
            a = graph.read_query(emb.cypher, values, name=name, native=emb.native)
            b = backend.read_query(neo.cypher, values, name=name)
            if name == "modellen":  # Neo4j holds other models too
                b = [r for r in b if r["model"] == model.id]
        assert _rows(a) == _rows(b), (name, params)
        found[name] = found.get(name, 0) + len(a)
    return found


@pytest.mark.parametrize("path", MODELS, ids=[Path(p).name for p in MODELS])
def test_named_queries_agree_on_examples(path, backend, neo4j_settings, new_id):
    model = load_model(path)
    model.id = new_id(model.id)
    found = check_parity(model, backend, neo4j_settings)
    assert found["overzicht"] >= 8 and found["modellen"] == 1
    assert found["driehoek"] > 0 and found["opdrachtgevers-van"] > 0 and found["gestuurd-door"] > 0


def test_named_queries_agree_on_an_empty_model(backend, neo4j_settings, new_id, tmp_path):
    """A model with nothing in it yet: the same rows on both (overzicht: the model row with 0)."""
    f = tmp_path / "leeg.yaml"
    f.write_text("ketengraaf: 1\nmodel: {id: leeg, naam: Leeg, peildatum: 2026-01-01}\n", encoding="utf-8")
    model = load_model(f)
    model.id = new_id("leeg")
    found = check_parity(model, backend, neo4j_settings)
    assert found["overzicht"] == 1 and found["modellen"] == 1

@pytest.mark.parametrize("seed,n", SEEDS, ids=[f"seed{s}-n{n}" for s, n in SEEDS])
def test_named_queries_agree_on_generated_models(seed, n, backend, neo4j_settings, new_id, tmp_path):
    f = tmp_path / "m.yaml"
    write_model(n, seed=seed, output=f)
    model = load_model(f)
    model.id = new_id("gen")
    found = check_parity(model, backend, neo4j_settings)
    for name in ("driehoek", "ketens-van", "opdrachtgevers-van", "gestuurd-door", "gegevenspaden",
                 "afspraken-verlopen", "zonder-eigenaar"):
        assert found[name] > 0, f"{name} found nothing on a generated model: the comparison tests nothing"


def test_the_command_gives_the_same_output_on_both_engines(backend, new_id, tmp_path):
    """`ketengraaf query … --model PATH` with and without --backend neo4j: the same bytes, several
    names in one call (the model is loaded into Neo4j first, its id is $model)."""
    import json

    from .conftest import kg, yaml_as

    mid = new_id("cli")
    path = yaml_as(ROOT / "modellen" / "strafrechtketen.yaml", mid, tmp_path)
    args = ["query", "opdrachtgevers-van", "gestuurd-door", "zonder-eigenaar", "afspraken-verlopen", "--model",
            str(path), "--param", "id=om", "--param", "dagen=400", "--format", "json"]
    embedded = kg(*args)
    neo = kg(*args, "--backend", "neo4j")
    assert embedded.returncode == 0 and neo.returncode == 0, (embedded.stderr, neo.stderr)
    assert embedded.stdout == neo.stdout
    out = json.loads(neo.stdout)
    assert list(out) == ["opdrachtgevers-van", "gestuurd-door", "zonder-eigenaar", "afspraken-verlopen"]
    assert out["zonder-eigenaar"] and out["afspraken-verlopen"]
    assert mid in [m["model"] for m in backend.models()]
    # without --model, on the model loaded before, with $model given
    again = kg("query", "gestuurd-door", "--param", f"model={mid}", "--param", "id=om", "--format", "json")
    assert again.returncode == 0 and json.loads(again.stdout) == out["gestuurd-door"]


#: A user's own queries in the common subset that return whole nodes, relationships and paths.
WHOLE = {
    "nodes": "MATCH (n:Organisatie {model: $model}) RETURN n ORDER BY n.id",
    "relationships": "MATCH (a {model: $model})-[r]->(b) RETURN a.id AS van, type(r) AS soort, b.id AS naar, r "
                     "ORDER BY van, soort, naar",
    "paths": "MATCH p = (a:Organisatie {model: $model})-[:ONDERDEEL_VAN*1..3]->(b:Organisatie) "
             "RETURN a.id AS van, b.id AS naar, p ORDER BY van, naar",
}


@pytest.mark.parametrize("path", [VOORBEELD, ROOT / "modellen" / "uitvoering-sociaal-domein"],
                         ids=["voorbeeld", "uitvoering-sociaal-domein"])
def test_whole_nodes_relationships_and_paths_agree(path, backend, new_id):
    """Relationships carry `_type`, `_van` and `_naar` (their nodes' ids) and their properties on
    both engines; paths alternate nodes and relationships in the same shapes."""
    model = load_model(path)
    model.id = new_id(model.id)
    backend.load(model)
    graph = EmbeddedGraph(model)
    for name, cypher in WHOLE.items():
        a = graph.read_query(cypher, {"model": model.id}, name=name)
        b = backend.read_query(cypher, {"model": model.id}, name=name)
        assert _rows(a) == _rows(b), name
        assert len(a) > 5, name
    rels = graph.read_query(WHOLE["relationships"], {"model": model.id})
    assert {r["r"]["_type"] for r in rels} >= {"ONDERDEEL_VAN", "PARTIJ", "EIGENAAR", "KETEN", "SCHAKEL"}
    assert all(r["r"]["_van"] == r["van"] and r["r"]["_naar"] == r["naar"] for r in rels)
