"""Parity: `analyse --backend neo4j` gives exactly the JSON of the NetworkX backend (messages included).

On the spec's voorbeeld.yaml, every model in modellen/, and 24 generated models (seeded). The
Neo4j side runs every rule as its Cypher query from queries/rules/ in one read transaction.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from ketengraaf.generate import write_model
from ketengraaf.pipeline import load_model
from ketengraaf.render.findings import to_json
from ketengraaf.pipeline import Analysis, Neo4jRules

from .conftest import ROOT, VOORBEELD

MODELS = [VOORBEELD] + sorted((ROOT / "modellen").glob("*.yaml")) + [ROOT / "modellen" / "uitvoering-sociaal-domein",
                                                                     ROOT / "modellen" / "financien-szw"]
SEEDS = [(s, 40 + (s * 37) % 260) for s in range(1, 25)]


def _both(model, settings, lang="nl", peildatum=None, drempel=0.8):
    peil = peildatum or model.peildatum
    a = Analysis(model, peildatum=peil)
    nx_report = a.findings(lang=lang, overrides={"drempel": drempel})
    neo_report = a.findings(lang=lang, overrides={"drempel": drempel}, backend=Neo4jRules(settings))
    a = json.loads(to_json(nx_report))
    b = json.loads(to_json(neo_report))
    assert b.pop("backend") == "neo4j" and a.pop("backend") == "networkx"
    return a, b


@pytest.mark.parametrize("path", MODELS, ids=[p.name for p in MODELS])
def test_parity_on_examples(path, neo4j_settings, new_id):
    model = load_model(path)
    model.id = new_id(model.id)
    for lang in ("nl", "en"):
        a, b = _both(model, neo4j_settings, lang=lang)
        assert a == b


@pytest.mark.parametrize("seed,n", SEEDS, ids=[f"seed{s}-n{n}" for s, n in SEEDS])
def test_parity_on_generated_models(seed, n, neo4j_settings, new_id, tmp_path):
    f = tmp_path / "m.yaml"
    write_model(n, seed=seed, output=f)
    model = load_model(f)
    model.id = new_id("gen")
    a, b = _both(model, neo4j_settings)
    assert a["findings"], "a generated model without findings tests nothing"
    assert a == b


@pytest.mark.parametrize("seed", [3, 8])
def test_parity_of_escalation_rules_on_generated_models(seed, neo4j_settings, new_id, tmp_path):
    """S04 and S05 on generated models with many ladders (complete, partial, expired, ending at an SG,
    bestuurlijk overleg with a ministry left out): both rules fire, and both backends agree."""
    f = tmp_path / "m.yaml"
    write_model(1500, seed=seed, output=f)
    model = load_model(f)
    model.id = new_id("gen-esc")
    peil = model.peildatum
    an = Analysis(model, peildatum=peil)
    a = json.loads(to_json(an.findings(selectors=["S04", "S05"])))
    b = json.loads(to_json(an.findings(selectors=["S04", "S05"], backend=Neo4jRules(neo4j_settings))))
    assert {f["rule"] for f in a["findings"]} == {"S04", "S05"}
    assert sum(f["rule"] == "S05" for f in a["findings"]) >= 3
    a.pop("backend"), b.pop("backend")
    assert a == b


def test_parity_with_other_peildatum_and_drempel(neo4j_settings, new_id):
    from datetime import date

    model = load_model(VOORBEELD)
    model.id = new_id("voorbeeld")
    a, b = _both(model, neo4j_settings, peildatum=date(2028, 6, 1), drempel=0.9)
    assert a == b


def test_conformance_tool_on_neo4j(neo4j_settings):
    p = subprocess.run([sys.executable, str(ROOT.parent / "shared" / "tools" / "conformance.py"),
                        str(Path(sys.executable).parent / "ketengraaf"), "--backend", "neo4j"],
                       capture_output=True, text=True, env={**__import__("os").environ, "NEO4J_URI": neo4j_settings.uri})
    assert p.returncode == 0, p.stdout + p.stderr


def test_every_rule_has_a_read_only_query():
    import re

    from ketengraaf.backends.neo4j_rules import queries_dir
    from ketengraaf.rules import registry

    for code in registry.codes():
        if code == "U01":
            continue
        q = (queries_dir() / "rules" / f"{code}.cypher").read_text(encoding="utf-8")
        assert q.startswith(f"// {code}"), code
        body = "\n".join(line.split("//", 1)[0] for line in q.splitlines())
        assert "$model" in body
        assert not re.search(r"\b(CREATE|MERGE|DELETE|DETACH|SET|REMOVE|LOAD\s+CSV)\b|apoc\.|gds\.", body, re.I), code
