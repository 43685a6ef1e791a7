"""Every rule's examples once more, on Neo4j: the bad model gives a finding of its rule through the
rule's Cypher twin, the good one none, and both give exactly the JSON NetworkX gives (all rules
run, as ``ketengraaf analyse --backend neo4j`` runs them). The NetworkX side is
``tests/rules/test_examples.py``.

Each model is loaded under a fresh id (``new_id``): the examples' own ids would meet themselves
across test runs, and ``Neo4jRules`` refuses a different model under an id that is taken.
"""

from __future__ import annotations

import json

import pytest

from ketengraaf.pipeline import Analysis, Neo4jRules, load_model
from ketengraaf.render.findings import to_json
from ketengraaf.rules import registry

from ..rules.test_examples import unsuppressed, write_example


@pytest.mark.parametrize("which", ["bad", "good"])
@pytest.mark.parametrize("code", registry.codes())
def test_rule_example_on_neo4j(tmp_path, code, which, neo4j_settings, new_id):
    model = load_model(write_example(tmp_path, registry.RULES[code], which))
    model.id = new_id(f"{code}-{which}")
    an = Analysis(model)
    neo = an.findings(backend=Neo4jRules(neo4j_settings))
    if which == "bad":
        assert unsuppressed(neo.findings, code)
    else:
        assert [f for f in neo.findings if f.rule == code] == []
    a = json.loads(to_json(an.findings()))
    b = json.loads(to_json(neo))
    assert a.pop("backend") == "networkx" and b.pop("backend") == "neo4j"
    assert a == b
