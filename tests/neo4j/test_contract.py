"""The finding contract on Neo4j (issue 13): every rule's Cypher twin produces exactly the hits the
NetworkX check produces — the same subjects (as parts), related ids and declared facts — and, for
the rules that decide in Python (M04, K07), the same raw rows. On every rule case and on generated
models. (The output parity of the whole JSON is tests/neo4j/test_parity.py.)"""

from __future__ import annotations

import json
from datetime import date
from typing import Any

import pytest

from ketengraaf.backends.neo4j_rules import _plain, hits_of, query_params, rule_query
from ketengraaf.generate import write_model
from ketengraaf.graph.build import build_graph
from ketengraaf.graph.view import Context
from ketengraaf.pipeline import load_model
from ketengraaf.rules import registry
from ketengraaf.rules.base import Hit
from ketengraaf.rules.ketens import performances
from ketengraaf.rules.opdrachtgevers import loads

from ..rules.test_cases import _load_cases, materialise
from ..test_contract import check_hits

RULES = [r for r in registry.RULES.values() if r.code != "U01"]
RAW = {"M04": loads, "K07": performances}


def _key(rule: Any, h: Hit) -> Any:
    return rule.subject_of(h).parts, tuple(sorted(set(h.related))), json.dumps(h.facts, sort_keys=True, ensure_ascii=False)


def _compare(backend: Any, model: Any, overrides: dict[str, Any]) -> int:
    backend.load(model, replace=True)
    ctx = Context(build_graph(model), model.peildatum or date(2026, 11, 27))
    peil = ctx.peil
    compared = 0

    def work(tx: Any) -> dict[str, list[Any]]:
        return {r.code: list(tx.run(rule_query(r.code), model=model.id, peildatum=peil, **query_params(r, overrides)))
                for r in RULES}

    rows = backend._read(work, "compare the rules")
    for r in RULES:
        if r.code in RAW:  # the raw rows are the same too, not only what decide makes of them
            canon = lambda row: json.dumps(row, sort_keys=True, ensure_ascii=False)  # noqa: E731
            assert sorted(canon(_plain(dict(x))) for x in rows[r.code]) == sorted(map(canon, RAW[r.code](ctx))), r.code
        neo = hits_of(r, rows[r.code], overrides)
        check_hits(r, neo)
        nx_hits = list(r.run(ctx, overrides))
        assert sorted(_key(r, h) for h in neo) == sorted(_key(r, h) for h in nx_hits), r.code
        compared += len(nx_hits)
    return compared


@pytest.mark.parametrize("rule,case", _load_cases())
def test_cypher_hits_equal_networkx_hits_on_every_rule_case(tmp_path, rule, case, backend, new_id):
    model = load_model(materialise(tmp_path, rule, case))
    model.id = new_id(rule)
    _compare(backend, model, {"drempel": case["drempel"]} if "drempel" in case else {})


@pytest.mark.parametrize("seed,n", [(1, 300), (2, 500)])
def test_cypher_hits_equal_networkx_hits_on_generated_models(tmp_path, seed, n, backend, new_id):
    f = tmp_path / "m.yaml"
    write_model(n, seed=seed, output=f)
    model = load_model(f)
    model.id = new_id("gen")
    assert _compare(backend, model, {}) > 100
