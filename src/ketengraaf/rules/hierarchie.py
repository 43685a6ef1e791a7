"""The ``onderdeel_van`` forest numbered once, so "A is an ancestor of B" is a range test.

R04 (roles mixed through hierarchy) asks, for the eigenaars and opdrachtgevers of each steered
organisation, which of them lie above one another. Comparing them pairwise would be quadratic on a
large steering triangle; :func:`euler` numbers the forest in pre-order once per context and
:func:`hierarchy_pairs` answers the question for whole lists with binary search and a difference
array.

>>> from datetime import date
>>> from ketengraaf.graph.view import Context
>>> org = lambda i: (i, {"label": "Organisatie", "id": i, "naam": i, "soort": "directie", "groep": "beleid"})
>>> ctx = Context.of_lists([org("min"), org("dg"), org("x")], [("dg", "min", "ONDERDEEL_VAN", {})],
...                        model_id="m", peildatum=date(2026, 1, 1))
>>> hierarchy_pairs(ctx, ["min", "x"], ["dg"])
({'min'}, {'dg'})
"""

from __future__ import annotations

import weakref
from bisect import bisect_right
from typing import Any

_EULER: "weakref.WeakKeyDictionary[Any, tuple[dict[str, int], dict[str, int]]]" = weakref.WeakKeyDictionary()


def euler(ctx: Any) -> tuple[dict[str, int], dict[str, int]]:
    """Pre-order numbers of the ``onderdeel_van`` forest (memoised per Context).

    Returns ``(tin, last)``: B lies in the subtree of A (A ∈ ancestors(B) or A = B) exactly when
    ``tin[A] <= tin[B] <= last[A]``. Linear; iterative, so deep hierarchies do not overflow the
    stack. The loader guarantees that ``onderdeel_van`` has no cycle.
    """
    got = _EULER.get(ctx)
    if got is not None:
        return got
    tin: dict[str, int] = {}
    last: dict[str, int] = {}
    roots = sorted(x for x in ctx.orgs if ctx.parent.get(x) not in ctx.orgs)
    children = {p: sorted(cs) for p, cs in ctx.children.items()}
    n = 0
    for r in roots:
        stack: list[tuple[str, bool]] = [(r, False)]
        while stack:
            x, done = stack.pop()
            if done:
                last[x] = n - 1
                continue
            tin[x] = n
            n += 1
            stack.append((x, True))
            for c in reversed(children.get(x, ())):
                if c not in tin:
                    stack.append((c, False))
    # Anything unreached (only possible in a graph the loader would have refused) is its own root.
    for x in sorted(ctx.orgs):
        if x not in tin:
            tin[x] = last[x] = n
            n += 1
    _EULER[ctx] = (tin, last)
    return tin, last


def hierarchy_pairs(ctx: Any, es: list[str], os_: list[str]) -> tuple[set[str], set[str]]:
    """The E ∈ ``es`` and the O ∈ ``os_`` that are in some pair with E ≠ O and E ∈ ancestors(O) or
    O ∈ ancestors(E), as two sets (an actor can be in both lists but in a pair in one role only).
    O((|es| + |os_|) log) — no pairwise comparison."""
    tin, last = euler(ctx)
    e_out: set[str] = set()
    o_out: set[str] = set()

    def sweep(uppers: list[str], lowers: list[str], u_out: set[str], l_out: set[str]) -> None:
        # Every U in `uppers` with a proper descendant in `lowers`, and those descendants.
        lowers = sorted(lowers, key=lambda x: tin[x])
        pos = [tin[x] for x in lowers]
        diff = [0] * (len(lowers) + 1)
        for u in uppers:
            lo = bisect_right(pos, tin[u])  # strictly below u: excludes u itself
            hi = bisect_right(pos, last[u])
            if lo < hi:
                u_out.add(u)
                diff[lo] += 1
                diff[hi] -= 1
        run = 0
        for i, x in enumerate(lowers):
            run += diff[i]
            if run:
                l_out.add(x)

    sweep(es, os_, e_out, o_out)  # E ∈ ancestors(O)
    sweep(os_, es, o_out, e_out)  # O ∈ ancestors(E)
    return e_out, o_out
