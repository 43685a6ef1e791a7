"""The explicit registry of rules (like yamllint's): every theme module lists its ``RULES``.

>>> codes()[:3]
['D01', 'D02', 'D03']
>>> [r.code for r in select(["K01", "U"])]
['K01', 'U01']
>>> [r.code for r in select(["S04,s05", "R01"])]
['R01', 'S04', 'S05']
"""

from __future__ import annotations

from typing import Iterable, Optional

from ketengraaf.errors import UsageError
from ketengraaf.rules import gegevens, ketens, opdrachtgevers, rollen, stewardship, uitzonderingen
from ketengraaf.rules.base import THEMES, Rule

MODULES = (rollen, opdrachtgevers, ketens, gegevens, stewardship, uitzonderingen)


def _collect() -> dict[str, Rule]:
    out: dict[str, Rule] = {}
    for m in MODULES:
        for r in m.RULES:
            if r.code in out:
                raise RuntimeError(f"duplicate rule code {r.code}")
            out[r.code] = r
    return dict(sorted(out.items()))


RULES: dict[str, Rule] = _collect()


def codes() -> list[str]:
    """All rule codes, sorted."""
    return list(RULES)


def get(code: str) -> Rule:
    try:
        return RULES[code.upper()]
    except KeyError:
        import difflib

        m = difflib.get_close_matches(code.upper(), list(RULES), n=1)
        hint = f"; did you mean {m[0]}?" if m else f"; the codes are {', '.join(RULES)}"
        raise UsageError(f"unknown rule '{code}'{hint}") from None


def select(selectors: Optional[Iterable[str]] = None, *, severity: Optional[str] = None) -> list[Rule]:
    """Rules chosen by codes and/or theme letters (all when none are given), sorted by code."""
    sel = [s.strip().upper() for sel_ in (selectors or ()) for s in sel_.split(",") if s.strip()]
    if not sel:
        chosen = list(RULES.values())
    else:
        picked: dict[str, Rule] = {}
        for s in sel:
            if len(s) == 1 and s in THEMES:
                picked.update({c: r for c, r in RULES.items() if c[0] == s})
            elif s.lower() in {t[0] for t in THEMES.values()}:
                letter = next(k for k, t in THEMES.items() if t[0] == s.lower())
                picked.update({c: r for c, r in RULES.items() if c[0] == letter})
            else:
                r = get(s)
                picked[r.code] = r
        chosen = [picked[c] for c in sorted(picked)]
    if severity:
        chosen = [r for r in chosen if r.severity == severity]
    return chosen
