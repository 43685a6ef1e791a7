"""The data's path as one object: model → graph → context → findings.

:class:`Analysis` is what the command line, ``report``, ``diagram``, the exporters, the rule-case
harness and the benchmark use. It owns the concurrency of an analysis: the loader's cross-checks
run beside the graph build (:mod:`ketengraaf.forking`), and the NetworkX rules on two processes
for large models (:mod:`.parallel`). Where the rules run is a strategy (:mod:`.backends`):
:class:`NetworkXRules` on the context in Python, :class:`Neo4jRules` as Cypher inside Neo4j; both
give the same :class:`~ketengraaf.rules.engine.Report`.

>>> from pathlib import Path
>>> a = Analysis.open(Path(__file__).parents[3] / "modellen" / "rijkswaterstaat.yaml")
>>> report = a.findings(selectors=["M04"], keep_facts=True)
>>> [(f.rule, f.subject, f.facts["som"], f.facts["dag"]) for f in report.findings]
[('M04', 'rws', 2200, '2027-01-01')]
"""

from ketengraaf.pipeline.analysis import Analysis, load_model, rule_codes
from ketengraaf.pipeline.backends import Neo4jRules, NetworkXRules, RuleBackend

__all__ = ["Analysis", "Neo4jRules", "NetworkXRules", "RuleBackend", "load_model", "rule_codes"]
