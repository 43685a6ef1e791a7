"""Where the rules run: a strategy of :class:`~ketengraaf.pipeline.Analysis`.

Both strategies give the same :class:`~ketengraaf.rules.engine.Report` (``tests/neo4j/test_parity.py``):
the hits differ only in where they are computed, and :mod:`ketengraaf.rules.engine` finishes them
(messages, uitzonderingen, U01, order) the same way.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Callable, Iterable, Mapping, Optional, Protocol

from ketengraaf.pipeline.parallel import check_all
from ketengraaf.rules.base import Hit, Rule
from ketengraaf.rules.engine import ExceptionSpec, Report, RuleFindings, exception_index, finalise, finalise_blocks

if TYPE_CHECKING:
    from ketengraaf.pipeline.analysis import Analysis

#: ``progress(event)``: a rule's code as it starts, or a stage ("load": loading into Neo4j).
Progress = Callable[[str], None]


class RuleBackend(Protocol):
    name: str

    def run(self, analysis: "Analysis", rules: list[Rule], *, lang: str, audit: bool, overrides: Mapping[str, Any],
            keep_facts: bool, progress: Optional[Progress]) -> Report: ...


class NetworkXRules:
    """The rules' checks in Python on the analysis's context; on two processes for a large model
    (:mod:`ketengraaf.pipeline.parallel`; ``parallel`` None decides by size, True/False force it)."""

    name = "networkx"

    def __init__(self, parallel: Optional[bool] = None):
        self.parallel = parallel

    def run(self, analysis: "Analysis", rules: list[Rule], *, lang: str, audit: bool, overrides: Mapping[str, Any],
            keep_facts: bool, progress: Optional[Progress]) -> Report:
        ctx = analysis.context
        exceptions = [ExceptionSpec(e.regel, e.onderwerp, e.reden, e.geldig_tot) for e in ctx.exceptions]
        index = exception_index(exceptions, peildatum=ctx.peildatum, rules=rules)

        def finish(rule: Rule, hits: Iterable[Hit]) -> RuleFindings:
            # Runs in the process that ran the rule: a child sends finished blocks, not hits.
            return RuleFindings.from_hits(rule, hits, index.get(rule.code), lang, audit, keep_facts)

        blocks = check_all(ctx, [r for r in rules if r.code != "U01"], progress=progress, parallel=self.parallel,
                           finish=finish, overrides=overrides)
        if progress and any(r.code == "U01" for r in rules):
            progress("U01")
        ordered = finalise_blocks(blocks, exceptions, peildatum=ctx.peildatum, rules=rules, lang=lang,
                                  keep_facts=keep_facts)
        return Report(model=ctx.model_id, naam=analysis.model.naam or ctx.model_id, peildatum=ctx.peil,
                      backend=self.name, rules=[r.code for r in rules], lang=lang, audit=audit, blocks=ordered,
                      overrides=overrides)


class Neo4jRules:
    """The rules as Cypher inside Neo4j (``queries/rules/``), after loading the model there with
    ``ketengraaf load``'s guard: a different model under the same id stays unless ``replace``."""

    name = "neo4j"

    def __init__(self, settings: Any = None, *, replace: bool = False):
        self.settings, self.replace = settings, replace

    def run(self, analysis: "Analysis", rules: list[Rule], *, lang: str, audit: bool, overrides: Mapping[str, Any],
            keep_facts: bool, progress: Optional[Progress]) -> Report:
        from ketengraaf.backends.neo4j_rules import query_hits

        analysis.confirm()  # only a checked model goes into the database
        m = analysis.model
        peil = analysis.peildatum
        hits, exceptions = query_hits(m, rules, peildatum=peil.isoformat(), overrides=overrides,
                                      settings=self.settings, replace=self.replace, progress=progress)
        if progress and any(r.code == "U01" for r in rules):
            progress("U01")
        findings = finalise(hits, exceptions, peildatum=peil, rules=rules, lang=lang, audit=audit,
                            keep_facts=keep_facts)
        return Report(model=m.id, naam=m.naam or m.id, peildatum=peil.isoformat(), backend=self.name,
                      rules=[r.code for r in rules], findings=findings, lang=lang, audit=audit, overrides=overrides)
