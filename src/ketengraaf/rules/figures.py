"""The figures rules report, computed and written once: exact decimal arithmetic on numbers as the
model author wrote them, rounded the way both backends round, and their text in each language.

Rules decide with these functions and their messages print with them; diagrams and the report that
show a rule's figure print it with the same function, so a number is never printed twice in two ways.

>>> number_text(q9(dec(0.1) + dec(0.2)), "nl"), share_text(0.79999, "en"), share_text(0.79999, "en", 3)
('0,3', '80%', '79.999%')
"""

from __future__ import annotations

from decimal import ROUND_HALF_EVEN, Decimal, localcontext
from typing import Any, Iterable, Optional

#: Decimal digits that keep every sum of floats exact (1e-324 .. 1e308, 17 significant digits).
EXACT = 800


def dec(x: Optional[float]) -> Decimal:
    """A number as written (its shortest decimal form), so sums and products are exact; None is 0."""
    return Decimal(repr(float(x))) if x is not None else Decimal(0)


def q9(d: Decimal) -> Any:
    """``d`` rounded half-even to 9 decimals, exactly in decimal (as the Cypher twins do); a float,
    or an int when integral (and below 9e15, where a float still tells integral values apart)."""
    with localcontext() as c:
        c.prec = EXACT
        q = d.quantize(Decimal(1).scaleb(-9), rounding=ROUND_HALF_EVEN)
    return int(q) if q == q.to_integral_value() and abs(q) < Decimal("9e15") else float(q)


def product(values: Iterable[Optional[float]]) -> Decimal:
    """The exact product of the values as written. Exact, because a product of a few short decimals
    often ends on a rounding tie (0.95^5 = 0.7737809375), where rounding a float could go either way."""
    ds = [dec(v) for v in values]
    with localcontext() as c:
        c.prec = sum(len(d.as_tuple().digits) for d in ds) + 2  # enough digits to be exact
        out = Decimal(1)
        for d in ds:
            out *= d
        return out


def number_text(x: float, lang: str) -> str:
    """A number rounded to 9 decimals without trailing zeros; a decimal comma in Dutch."""
    s = f"{round(float(x), 9):.9f}".rstrip("0").rstrip(".")
    if s in ("", "-0"):
        s = "0"
    return s.replace(".", ",") if lang == "nl" else s


def share_text(x: Any, lang: str, decimals: int = 1) -> str:
    """A share as a percentage without trailing zeros: '69%', '81,5%' (nl) / '81.5%' (en)."""
    s = f"{float(x) * 100:.{decimals}f}"
    if "." in s:
        s = s.rstrip("0").rstrip(".")
    s += "%"
    return s.replace(".", ",") if lang == "nl" else s


def decimals_apart(a: Any, b: Any) -> int:
    """The fewest decimals (1..7) at which two shares, as percentages, print differently, so a
    share just below a threshold does not read as equal to it."""
    for d in range(1, 8):
        if f"{float(a) * 100:.{d}f}" != f"{float(b) * 100:.{d}f}":
            return d
    return 7
