"""The one catalogue of words ketengraaf shows in two languages, outside the rules' own messages.

Everything a user reads in Dutch or English that is not a rule's declared message text lives here:
the labels of the model's enum values (soorten of organisations, agreements and datasets,
sturingsmodellen), and the joining of lists into a sentence. Rules (in their ``present``
functions), diagrams, the report and the CLI all read it, so a soort is called the same everywhere.

Both languages have exactly the same keys (``tests/test_texts.py``).

>>> soort_label("wettelijke-regeling", "nl"), soort_label("wettelijke-regeling", "en")
('wettelijke regeling', 'statutory regulation')
>>> soorten_tekst(("resultaatafspraak", "werkagenda", "wettelijke-regeling"), "nl")
'resultaatafspraak, werkagenda of wettelijke regeling'
>>> opsomming(["A", "B", "C"], "en"), opsomming(["A"], "nl")
('A, B and C', 'A')
"""

from __future__ import annotations

from functools import lru_cache
from typing import Iterable, Optional

_SOORTEN_EN = {
    "ministerie": "ministry", "gemeente": "municipality", "provincie": "province", "waterschap": "water authority",
    "directoraat-generaal": "directorate-general", "directie": "directorate", "functie": "position",
    "agentschap": "executive agency", "zbo": "independent administrative body (zbo)",
    "rwt": "legal entity with a statutory task (rwt)", "uitvoeringsorganisatie": "implementing organisation",
    "overleg": "forum", "private": "private party", "overig": "other",
    "resultaatafspraak": "result agreement", "samenwerkingsafspraak": "cooperation agreement",
    "convenant": "covenant", "ketenafspraak": "chain agreement",
    "gegevensleveringsovereenkomst": "data supply agreement",
    "verwerkersovereenkomst": "processing agreement", "opdrachtgeversagenda": "commissioners' agenda",
    "werkagenda": "work agenda", "wettelijke-regeling": "statutory regulation",
    "basisregistratie": "base registry", "registratie": "registration", "dataset": "dataset",
    "systeem": "system", "dienst": "service",
    "principaal-agent": "principal-agent", "stewardship": "stewardship",
    "eigenaar": "owner", "opdrachtgever": "commissioner",
}
#: Labels of the model's enum values (MODEL.md), per language. Dutch shows the value itself,
#: but for a hyphen that only the file format needs.
SOORTEN: dict[str, dict[str, str]] = {
    "nl": {k: k for k in _SOORTEN_EN} | {"wettelijke-regeling": "wettelijke regeling"},
    "en": _SOORTEN_EN,
}

_AND = {"nl": " en ", "en": " and "}
_OR = {"nl": " of ", "en": " or "}


def soort_label(soort: Optional[str], lang: str) -> str:
    """The label of an enum value of the model (a soort, a rol, a sturingsmodel) in ``lang``."""
    if not soort:
        return ""
    return SOORTEN[lang].get(soort, soort)


def _join(items: Iterable[str], last: str) -> str:
    ns = list(items)
    if len(ns) <= 1:
        return "".join(ns)
    return ", ".join(ns[:-1]) + last + ns[-1]


def opsomming(items: Iterable[str], lang: str) -> str:
    """Names joined as a reader expects: 'A', 'A en B', 'A, B en C' (nl) / 'A, B and C' (en)."""
    return _join(items, _AND[lang])


def alternatieven(items: Iterable[str], lang: str) -> str:
    """Alternatives joined: 'A, B of C' (nl) / 'A, B or C' (en)."""
    return _join(items, _OR[lang])


def soorten_tekst(soorten: Iterable[str], lang: str) -> str:
    """The agreement kinds a rule accepts, in words: 'convenant of wettelijke regeling'. (A rule's
    message asks for it once per finding, with the same kinds: the text is kept per kinds.)"""
    return _soorten_tekst(tuple(soorten), lang)


@lru_cache(maxsize=256)
def _soorten_tekst(soorten: tuple[str, ...], lang: str) -> str:
    return alternatieven((soort_label(s, lang) for s in soorten), lang)
