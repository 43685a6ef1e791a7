"""Run the rules' checks, on two processes when the model is large and the platform allows it.

The checks are pure functions of one read-only :class:`~ketengraaf.graph.view.Context`, so they
split cleanly: after the context is built the process forks; the child runs one group of rules and
sends its hits back through a pipe (pickled), the parent runs the other group meanwhile. Fork
shares the context copy-on-write, so nothing is rebuilt or copied up front.

The groups are the themes: ``K`` and ``D`` in the child, the rest in the parent. That keeps the
rules that share a derived notion (``besturen`` for K05; ``verantwoord`` and the hierarchy numbering
for R) in one process, and the two halves took about the same time on generated models of
100,000 organisations (docs/performance.md).

The result never depends on the split: hits are collected per rule and the engine sorts the
findings; ``tests/test_parallel.py`` compares both ways on generated models. When anything goes
wrong with the child (it cannot be started, dies or sends something unreadable) the parent runs the
child's rules itself, so the only visible difference is time.

Two processes are used when :mod:`ketengraaf.forking` allows a child (a single-threaded process
on Linux/BSD, ``KETENGRAAF_WORKERS`` not ``1``) and the model has at least
:data:`MIN_ORGANISATIONS` organisations (below that, forking costs more than it saves).
"""

from __future__ import annotations

from typing import Any, Callable, Iterable, Optional

from ketengraaf.forking import Background, workers
from ketengraaf.rules.base import Hit, Rule

#: Below this many organisations the rules run in one process.
MIN_ORGANISATIONS = 5_000
#: Themes whose rules the child process runs.
CHILD_THEMES = frozenset("KD")

Hits = dict[str, list[Hit]]

#: How the last :func:`check_all` ran: "one" process, "two", or "fallback" (the child failed and
#: the parent did its work). For benchmarks and tests.
last_mode = ""


def check_all(ctx: Any, rules: Iterable[Rule], *, progress: Optional[Callable[[str], None]] = None,
              parallel: Optional[bool] = None) -> Hits:
    """``{code: hits}`` for every rule in ``rules``, in the order given.

    ``parallel``: None decides by model size (and :mod:`ketengraaf.forking`'s conditions);
    True/False force it (True still needs a fork to be possible).
    """
    global last_mode
    rules = list(rules)
    if parallel is None:
        parallel = workers() > 1 and len(ctx.orgs) >= MIN_ORGANISATIONS
    child_rules = [r for r in rules if r.code[0] in CHILD_THEMES]
    own_rules = [r for r in rules if r.code[0] not in CHILD_THEMES]
    if not (parallel and child_rules and own_rules):
        last_mode = "one"
        return {r.code: _run(r, ctx, progress) for r in rules}

    with Background(lambda: {r.code: list(r.check(ctx)) for r in child_rules}) as child:
        hits = {r.code: _run(r, ctx, progress) for r in own_rules}
        if progress:
            for r in child_rules:
                progress(r.code)
        hits.update(child.result())
    last_mode = {"child": "two", "fallback": "fallback", "here": "one"}[child.mode]
    return {r.code: hits[r.code] for r in rules}


def _run(rule: Rule, ctx: Any, progress: Optional[Callable[[str], None]]) -> list[Hit]:
    if progress:
        progress(rule.code)
    return list(rule.check(ctx))
