"""Run the rules' checks, on two processes when the model is large and the platform allows it.

The checks are pure functions of one read-only :class:`~ketengraaf.graph.view.Context`, so they
split cleanly: after the context is built the process forks (the child sees the context
copy-on-write, so nothing is rebuilt or copied up front), both processes run rules, and the child
sends its results back through a pipe (pickled). With ``finish`` the pipeline has each process also
finish its rules' findings (rendered, suppressed, sorted, encoded), so the pipe carries finished
blocks rather than raw hits.

Which process runs which rules is decided while they run, not fixed in advance. The rules go in
*units*, one per theme (rules of a theme share derived notions of the context: ``besturen`` for
K05 and M05 aside, ``verantwoord`` and the hierarchy for R, the data lineage for D), handed out in
the order of :data:`UNIT_ORDER`: the child starts on the first unit, the parent on the second, and
whoever is free claims the next one. A fixed split cannot be right for every model: on a generated
model of 100,000 organisations the K and D rules take 40 % of the check time, but on one where
most data flows lack an agreement D05 alone takes half of it. The claims are single bytes in a
pipe that both processes read from (a read of one byte from a pipe is atomic), so no lock and no
message is needed. D goes first, to the child: it is the unit that grows with the findings, and
the parent has the output to write afterwards. D05 forms a unit of its own, ahead of the rest of D
(:data:`SOLO`): on a model where most data flows lack an agreement it finds 70 % of all findings, and
in one unit with the rest of D it kept the parent waiting for the child (1.4 s of 4.3 s at 100,000
organisations); alone it needs none of D's shared notions, so splitting it costs nothing twice.

The result never depends on the split: findings are finished per rule and the engine orders the
rules; ``tests/test_parallel.py`` compares both ways on generated models. When anything goes wrong
with the child (it cannot be started, dies or sends something unreadable) the parent runs every
rule it has no result for, so the only visible difference is time.

Two processes are used when :mod:`ketengraaf.forking` allows a child (a single-threaded process
on Linux/BSD, ``KETENGRAAF_WORKERS`` not ``1``) and the model has at least
:data:`MIN_ORGANISATIONS` organisations (below that, forking costs more than it saves).
"""

from __future__ import annotations

import os
from typing import Any, Callable, Iterable, Iterator, Mapping, Optional, TypeVar

from ketengraaf.forking import Background, workers
from ketengraaf.rules.base import Hit, Rule

#: Below this many organisations the rules run in one process.
MIN_ORGANISATIONS = 5_000
#: The order in which the themes' units are handed out (other themes follow, in order of appearance).
UNIT_ORDER = "DKRMS"
#: Rules that form a unit of their own, ahead of the rest of their theme: their work grows with the
#: findings and they share no derived notion with the other rules of the theme.
SOLO = ("D05",)

Hits = dict[str, list[Hit]]
T = TypeVar("T")

#: How the last :func:`check_all` ran: "one" process, "two", or "fallback" (the child failed and
#: the parent did its work). For benchmarks and tests.
last_mode = ""


def _hit_list(rule: Rule, hits: Iterable[Hit]) -> list[Hit]:
    return list(hits)


def units(rules: Iterable[Rule]) -> list[list[Rule]]:
    """The rules grouped by theme, the groups in :data:`UNIT_ORDER`, each in the order given; a rule
    of :data:`SOLO` alone, just before the rest of its theme.

    >>> from ketengraaf.rules import registry
    >>> [u[0].code if len(u) == 1 else u[0].code[0] for u in units(registry.select())]
    ['D05', 'D', 'K', 'R', 'M', 'S', 'U01']
    """
    by: dict[str, list[Rule]] = {}
    solo: dict[str, list[list[Rule]]] = {}
    for r in rules:
        if r.code in SOLO:
            solo.setdefault(r.code[0], []).append([r])
        else:
            by.setdefault(r.code[0], [])
            by[r.code[0]].append(r)
    themes = list(dict.fromkeys([r.code[0] for r in rules]))
    order = [t for t in UNIT_ORDER if t in themes] + [t for t in themes if t not in UNIT_ORDER]
    return [u for t in order for u in solo.get(t, []) + ([by[t]] if t in by else [])]


class _Claims:
    """Units 2.. as one byte each in a pipe; :meth:`take` yields a first unit, then claims more."""

    def __init__(self, n: int):
        self._r, w = os.pipe()
        try:
            os.write(w, bytes(range(2, n)))  # at most a few dozen bytes: far below the pipe's buffer
        finally:
            os.close(w)  # so a read of the emptied pipe returns b"" instead of waiting

    def take(self, first: int) -> Iterator[int]:
        yield first
        while self._r >= 0:
            b = os.read(self._r, 1)
            if not b:
                return
            yield b[0]

    def close(self) -> None:
        if self._r >= 0:
            os.close(self._r)
            self._r = -1


def check_all(ctx: Any, rules: Iterable[Rule], *, progress: Optional[Callable[[str], None]] = None,
              parallel: Optional[bool] = None,
              finish: Callable[[Rule, Iterable[Hit]], T] = _hit_list,  # type: ignore[assignment]
              overrides: Optional[Mapping[str, Any]] = None) -> dict[str, T]:
    """``{code: finish(rule, hits)}`` for every rule in ``rules``, in the order given; by
    default ``finish`` makes the list of hits.

    ``finish`` runs in the process that ran the rule, on the hits as the check yields them, and
    its result is what the child pickles back. The pipeline passes one that turns the hits into
    the rule's finished findings (:class:`ketengraaf.rules.engine.RuleFindings`), so the
    per-finding work of the child's rules happens on the second core and the pipe carries
    compact blocks instead of hits.

    ``parallel``: None decides by model size (and :mod:`ketengraaf.forking`'s conditions);
    True/False force it (True still needs a fork to be possible). ``overrides``: params that
    replace the rules' declared ones (``--drempel``).
    """
    global last_mode
    rules = list(rules)
    if parallel is None:
        parallel = workers() > 1 and len(ctx.orgs) >= MIN_ORGANISATIONS
    groups = units(rules)
    if not (parallel and len(groups) >= 2):
        last_mode = "one"
        return {r.code: _run(r, ctx, progress, finish, overrides) for r in rules}

    claims = _Claims(len(groups))

    def child_work() -> dict[str, T]:
        return {r.code: finish(r, r.run(ctx, overrides)) for i in claims.take(0) for r in groups[i]}

    try:
        with Background(child_work) as child:
            done = {r.code: _run(r, ctx, progress, finish, overrides) for i in claims.take(1) for r in groups[i]}
            got = child.result()  # in a fallback, this runs child_work here: unit 0, nothing left to claim
    finally:
        claims.close()
    if progress:
        for code in got:
            progress(code)
    done.update(got)
    for r in rules:  # what a failed child had claimed
        if r.code not in done:
            done[r.code] = _run(r, ctx, progress, finish, overrides)
    last_mode = {"child": "two", "fallback": "fallback", "here": "one"}[child.mode]
    return {r.code: done[r.code] for r in rules}


def _run(rule: Rule, ctx: Any, progress: Optional[Callable[[str], None]],
         finish: Callable[[Rule, Iterable[Hit]], T], overrides: Optional[Mapping[str, Any]] = None) -> T:
    if progress:
        progress(rule.code)
    return finish(rule, rule.run(ctx, overrides))
