"""Every rule case of ``tests/rules/cases/`` once more, on Neo4j: the Cypher twin of each rule must
give exactly the findings (and messages) the case file expects and NetworkX gives.

The NetworkX harness (``tests/rules/test_cases.py``) proves the cases; this proves the queries on the
same small, pointed models, including the edge cases (ties, rounding, periods) that random
generated models rarely hit.
"""

from __future__ import annotations

import json
from datetime import date

import pytest

from ketengraaf.pipeline import load_model
from ketengraaf.render.findings import to_json
from ketengraaf.pipeline import Analysis, Neo4jRules

from ..rules.test_cases import _load_cases, materialise


@pytest.mark.parametrize("rule,case", _load_cases())
def test_rule_case_on_neo4j(tmp_path, rule, case, neo4j_settings, new_id):
    model = load_model(materialise(tmp_path, rule, case))
    model.id = new_id(rule)
    peil = model.peildatum or date(2026, 11, 27)
    an = Analysis(model, peildatum=peil)
    kwargs = dict(selectors=case.get("rules", [rule]),
                  overrides={"drempel": float(case["drempel"])} if "drempel" in case else {})
    neo = an.findings(backend=Neo4jRules(neo4j_settings), **kwargs)
    got = [{"subject": f.subject, "related": list(f.related), "suppressed": f.suppressed}
           for f in neo.findings if f.rule == rule]
    want = [{"subject": e["subject"], "related": list(e.get("related", [])),
             "suppressed": bool(e.get("suppressed", False))}
            for e in case.get("expect") or []]
    assert got == want
    a = json.loads(to_json(an.findings(**kwargs)))
    b = json.loads(to_json(neo))
    assert a.pop("backend") == "networkx" and b.pop("backend") == "neo4j"
    assert a == b
