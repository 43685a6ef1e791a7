"""Small text helpers the rules' ``present`` functions share.

>>> opsomming(["A", "B", "C"], "nl"), opsomming(["A", "B"], "en"), opsomming(["A"], "nl")
('A, B en C', 'A and B', 'A')
"""

from __future__ import annotations

from typing import Any, Iterable


def opsomming(items: Iterable[str], lang: str) -> str:
    """Display names joined as a reader expects: 'A', 'A en B', 'A, B en C' (nl) / 'A, B and C' (en)."""
    ns = list(items)
    last = " en " if lang == "nl" else " and "
    if len(ns) <= 1:
        return "".join(ns)
    return ", ".join(ns[:-1]) + last + ns[-1]


def namen(ctx: Any, ids: Iterable[str]) -> list[str]:
    """Display names of ``ids``, in the given order (the facts keep lists sorted by id)."""
    return [ctx.naam(i) for i in ids]
