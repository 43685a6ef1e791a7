"""Hostile texts load, round-trip exactly and unload, and nothing else in the database changes."""

from __future__ import annotations

import json
import uuid

from ketengraaf.pipeline import load_model
from tests.neo4j.conftest import INJECTION, VOORBEELD, kg, load_as, snapshot, yaml_as
from tests.neo4j.test_load import assert_same_graph, neo_nodes

PAYLOAD = "'}) MATCH (n) DETACH DELETE n //"


def _sentinel(backend) -> tuple[str, str]:
    """A node outside every model (no ``model`` property), created by this test only."""
    label = f"KgTestSentinel{uuid.uuid4().hex[:12]}"
    with backend._session() as s:
        s.run(f"CREATE (:{label} {{naam: $n}})", n="blijf staan").consume()
    return label, "blijf staan"


def _sentinel_ok(backend, label: str) -> bool:
    rows = backend.read_query(f"MATCH (n:{label}) RETURN n.naam AS naam")
    return rows == [{"naam": "blijf staan"}]


def _drop_sentinel(backend, label: str) -> None:
    with backend._session() as s:
        s.run(f"MATCH (n:{label}) DELETE n").consume()


def test_hostile_texts_round_trip_and_touch_nothing_else(backend, new_id, tmp_path):
    hostile, other = new_id("injectie"), new_id("buur")
    label, _ = _sentinel(backend)
    try:
        backend.load(load_as(VOORBEELD, other))
        before = snapshot(backend, other)

        f = yaml_as(INJECTION, hostile, tmp_path)
        r = kg("load", str(f))
        assert r.returncode == 0, r.stderr
        m = load_model(f)
        assert_same_graph(backend, m, hostile)
        got = neo_nodes(backend, hostile)
        assert got["min-a"][1]["naam"] == PAYLOAD
        assert got["dg-a"][1]["naam"] == "`)-[:EIGENAAR_VAN]->(x) SET x.model = 'weg' //"
        assert got["uitv"][1]["naam"] == "$model $rows $meta row.id n.model"
        assert got["dir-a"][1]["naam"] == "Directie\nmet 'twee' \"regels\"\n{ } [ ] ; // /* */"
        k = json.loads(got["min-a"][1]["kenmerken"])
        assert k[PAYLOAD] == "`x`" and k["`x`"] == "$model" and k["line\nbreak key"] == 3 and k["niets"] is None
        assert got["st-x"][1]["grondslag"] == "Wet '}) MATCH (n) DETACH DELETE n // art. `1` $model {x}\nlid 2"
        assert got["M01:uitv"][1]["reden"].startswith("Reden '}) MATCH (n) DETACH DELETE n //\n`x` $model")
        meta = [dict(p) for labels, p in snapshot(backend, hostile)[0] if labels == ["KetengraafModel"]][0]
        assert meta["naam"] == m.naam and meta["beschrijving"] == m.beschrijving

        # the exploration queries return the texts as data
        r = kg("query", "driehoek", "--param", f"model={hostile}", "--param", "id=uitv", "--format", "json")
        assert r.returncode == 0, r.stderr
        rows = json.loads(r.stdout)
        assert {x["naam"] for x in rows} >= {"\"}) MATCH (n) DETACH DELETE n //",
                                             "`)-[:EIGENAAR_VAN]->(x) SET x.model = 'weg' //"}
        r = kg("query", "driehoek", "--param", f"model={hostile}", "--param", "id=uitv")  # table: no markup
        assert r.returncode == 0 and "`)-[:EIGENAAR_VAN]->(x)" in r.stdout

        assert kg("load", str(f)).returncode == 0  # reload
        assert snapshot(backend, other) == before and _sentinel_ok(backend, label)
        r = kg("unload", hostile)
        assert r.returncode == 0, r.stderr
        assert snapshot(backend, hostile) == ([], [])
        assert snapshot(backend, other) == before
        assert _sentinel_ok(backend, label)
    finally:
        _drop_sentinel(backend, label)


def test_hostile_model_id_from_the_file_name(backend, new_id, tmp_path):
    """Without a ``model:`` block the id is the file name, which may hold anything a file name can."""
    stem = f"kgtest-{uuid.uuid4().hex[:8]}'}}) MATCH (n) DETACH DELETE n `b` $model {{x}}"
    body = INJECTION.read_text(encoding="utf-8")
    start = body.index("model:\n")
    end = body.index("organisaties:")
    f = tmp_path / f"{stem}.yaml"
    f.write_text(body[:start] + body[end:], encoding="utf-8")
    other = new_id("buur2")
    backend.load(load_as(VOORBEELD, other))
    before = snapshot(backend, other)
    label, _ = _sentinel(backend)
    try:
        r = kg("load", str(f))
        assert r.returncode == 0, r.stderr
        assert r.stdout.startswith(f"{stem}: loaded ")
        assert backend.counts(stem)[0]["Organisatie"] == 7
        assert {x["model"] for x in backend.models()} >= {stem, other}
        r = kg("unload", stem)
        assert r.returncode == 0, r.stderr
        assert backend.counts(stem) == ({}, {})
        assert snapshot(backend, other) == before and _sentinel_ok(backend, label)
    finally:
        _drop_sentinel(backend, label)
        if backend.counts(stem)[0]:
            backend.unload(stem)
