"""One model on its way through ketengraaf: :class:`Analysis`."""

from __future__ import annotations

import os
from datetime import date
from functools import cached_property
from typing import TYPE_CHECKING, Any, Callable, Iterable, Mapping, Optional

from ketengraaf.errors import ModelInvalid
from ketengraaf.forking import Background
from ketengraaf.model import loader
from ketengraaf.model.loader import Model
from ketengraaf.rules import registry
from ketengraaf.rules.engine import Report

if TYPE_CHECKING:
    from ketengraaf.pipeline.backends import RuleBackend

Progress = Callable[[str], None]


def rule_codes() -> list[str]:
    """The codes an ``uitzondering`` may name: every rule in the registry."""
    return registry.codes()


def load_model(path: str | os.PathLike[str], *,
               progress: Optional[Callable[[str, int, int], None]] = None) -> Model:
    """Read, validate and cross-check the model at ``path`` (every error at once, as
    :class:`~ketengraaf.errors.ModelInvalid`), with the registry's rule codes."""
    return loader.load_model(path, rule_codes=rule_codes(), progress=progress)


class Analysis:
    """A model, its graph, its rule context and its findings, each made once when first needed.

    Make one with :meth:`open` (from files: the cross-checks run beside the graph build) or from a
    :class:`~ketengraaf.model.loader.Model` already checked. ``peildatum``: the reference date of
    the context and the findings (default: the model's, else today).

    Until the cross-checks have confirmed the model (:meth:`confirm`, called by :attr:`context`
    and by every backend before its rules run), it is only known to be well-typed: the graph may be
    built from it, nothing may rely on its references. A model whose cross-checks fail raises
    :class:`~ketengraaf.errors.ModelInvalid` there and is never analysed.
    """

    def __init__(self, model: Model, *, peildatum: Optional[date] = None,
                 confirm: Optional[Callable[[], None]] = None):
        self.model = model
        self.peildatum: date = peildatum or model.peildatum or date.today()
        self._confirm = confirm

    @classmethod
    def open(cls, path: str | os.PathLike[str], *, peildatum: Optional[date] = None, background: bool = True,
             progress: Optional[Callable[[str, int, int], None]] = None) -> "Analysis":
        """Read and validate the model at ``path``; its cross-checks run in a second process
        (``background``, where :mod:`ketengraaf.forking` allows one) until :meth:`confirm`."""
        loaded = loader.read_model(path, rule_codes=rule_codes(), progress=progress)
        checks = Background(loaded.cross_checks, wanted=background)

        def confirm() -> None:
            try:
                problems = checks.result()
            finally:
                checks.cancel()
            if problems:
                raise ModelInvalid(problems)

        return cls(loaded.model, peildatum=peildatum, confirm=confirm)

    def confirm(self) -> None:
        """Wait for the cross-checks; raise :class:`ModelInvalid` with every error they found."""
        c, self._confirm = self._confirm, None
        if c is not None:
            c()

    @cached_property
    def graph(self) -> Any:
        """The model's graph (``docs/graph-schema.md``), a NetworkX MultiDiGraph."""
        from ketengraaf.graph.build import build_graph

        try:
            return build_graph(self.model)
        except Exception:
            self.confirm()  # an invalid model explains the failure better than the failure itself
            raise

    @cached_property
    def context(self) -> Any:
        """The rules' read-only view of the graph on the peildatum
        (:class:`~ketengraaf.graph.view.Context`); confirmed before it is returned.

        Read from the graph's node and edge lists (:func:`~ketengraaf.graph.build.iter_graph`, the
        one definition of the graph that NetworkX and Neo4j load too) without building the NetworkX
        graph, which the rules do not need; from :attr:`graph` when that was built already."""
        from ketengraaf.graph.build import iter_graph
        from ketengraaf.graph.view import Context

        try:
            if "graph" in self.__dict__:
                ctx = Context(self.graph, self.peildatum)
            else:
                nodes, edges = iter_graph(self.model)
                ctx = Context.of_lists(nodes, edges, model_id=self.model.id, peildatum=self.peildatum)
        finally:
            self.confirm()
        return ctx

    def findings(self, *, selectors: Optional[Iterable[str]] = None, lang: str = "nl", audit: bool = False,
                 overrides: Optional[Mapping[str, Any]] = None, keep_facts: bool = False,
                 backend: Optional["RuleBackend"] = None, progress: Optional[Progress] = None) -> Report:
        """Run the selected rules (``selectors``: codes or theme letters; None: all) and return the
        report. ``overrides``: rule parameters that replace the declared ones (``--drempel``).
        ``keep_facts``: the findings keep their typed subjects and facts, for renderers.
        ``backend``: where the rules run (default :class:`NetworkXRules`)."""
        from ketengraaf.pipeline.backends import NetworkXRules

        rules = registry.select(selectors)
        return (backend or NetworkXRules()).run(self, rules, lang=lang, audit=audit, overrides=dict(overrides or {}),
                                                keep_facts=keep_facts, progress=progress)
