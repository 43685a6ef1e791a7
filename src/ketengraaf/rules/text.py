"""Small text helpers the rules' ``present`` functions share (the words themselves live in the
one catalogue, :mod:`ketengraaf.texts`).

>>> opsomming(["A", "B", "C"], "nl"), opsomming(["A", "B"], "en"), opsomming(["A"], "nl")
('A, B en C', 'A and B', 'A')
"""

from __future__ import annotations

from typing import Any, Iterable

from ketengraaf.texts import alternatieven, opsomming, soort_label, soorten_tekst

__all__ = ["alternatieven", "opsomming", "soort_label", "soorten_tekst", "namen", "rollen"]

#: Singular and plural of the two steering roles, per language.
_ROLE_WORDS = {"nl": {"eigenaar": ("eigenaar", "eigenaars"), "opdrachtgever": ("opdrachtgever", "opdrachtgevers")},
               "en": {"eigenaar": ("owner", "owners"), "opdrachtgever": ("commissioner", "commissioners")}}


def rollen(eigenaars: list[str], opdrachtgevers: list[str], lang: str) -> dict[str, str]:
    """The derived fields of a message that lists eigenaars and opdrachtgevers (R04, S03, S04):
    the two lists joined, and the role words in singular or plural.

    >>> rollen(["SG"], ["DG A", "DG B"], "en")["o_woord"]
    'commissioners'
    """
    w = _ROLE_WORDS[lang]
    return {"eigenaars_lijst": opsomming(eigenaars, lang), "opdrachtgevers_lijst": opsomming(opdrachtgevers, lang),
            "e_woord": w["eigenaar"][len(eigenaars) != 1], "o_woord": w["opdrachtgever"][len(opdrachtgevers) != 1]}


#: The field names :func:`rollen` derives.
ROLLEN_DERIVED = ("eigenaars_lijst", "opdrachtgevers_lijst", "e_woord", "o_woord")


def namen(ctx: Any, ids: Iterable[str]) -> list[str]:
    """Display names of ``ids``, in the given order (the facts keep lists sorted by id)."""
    return [ctx.naam(i) for i in ids]
