"""The documented tables of the ROO import: ROO type to soort, organisatieonderdelen by name, ids.

docs/import-roo.md shows these tables with their reasons and sources; ``tests/importers`` test
every row. Change a row here and there together.

>>> choose_type(["Rechtspersoon met een wettelijke taak", "Zelfstandig bestuursorgaan"]).soort
'zbo'
>>> [onderdeel_soort(n) for n in ("Directoraat-generaal Toeslagen", "DG Fiscale Zaken", "Directie Toeslagen",
...                                "Programmadirectie Herstel", "Bureau Directoraat-Generaal", "Afdeling Beleid")]
['directoraat-generaal', 'directoraat-generaal', 'directie', 'directie', 'overig', 'overig']
>>> slug("Financiën"), slug("Control & Financiën"), slug("'s-Hertogenbosch"), slug("DF&A")
('financien', 'control-en-financien', 's-hertogenbosch', 'df-en-a')
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from typing import Optional


@dataclass(frozen=True)
class TypeRow:
    """One row of the type table: the ROO type, the soort it becomes, whether the organisation is
    ``onafhankelijk``, and why (shown in docs/import-roo.md)."""

    roo_type: str
    soort: str
    onafhankelijk: bool
    why: str


#: ``p:types/p:type`` to soort. An organisation with several types takes the first row that matches
#: (so a zbo that is also an rwt is a zbo: the Kaderwet zbo's applies to it). Every ROO type is
#: kept in ``kenmerken.roo_type``.
TYPES: tuple[TypeRow, ...] = (
    TypeRow("Ministerie", "ministerie", False, "a bestuur: the minister answers to parliament"),
    TypeRow("Provincie", "provincie", False, "a bestuur"),
    TypeRow("Gemeente", "gemeente", False, "a bestuur"),
    TypeRow("Waterschap", "waterschap", False, "a bestuur"),
    TypeRow("Caribisch openbaar lichaam", "gemeente", False,
            "Bonaire, Sint Eustatius and Saba: an island council and executive in the place of a gemeente; "
            "the nearest bestuur"),
    TypeRow("Hoog College van Staat", "overig", True,
            "independent by the Grondwet (Raad van State, Algemene Rekenkamer, Nationale ombudsman); MODEL.md "
            "names the Hoge Colleges van Staat as onafhankelijk"),
    TypeRow("Rechtspraak", "overig", True, "the judiciary: independent by law; MODEL.md names it as onafhankelijk"),
    TypeRow("Rechterlijke macht", "overig", True, "the older name of the type Rechtspraak"),
    TypeRow("Provinciale Rekenkamer", "overig", True,
            "the audit office of a province, independent of its bestuur by the Provinciewet"),
    TypeRow("Agentschap", "agentschap", False, "Regeling agentschappen 2024"),
    TypeRow("Zelfstandig bestuursorgaan", "zbo", False, "Kaderwet zbo's"),
    TypeRow("Rechtspersoon met een wettelijke taak", "rwt", False, "a legal person with a statutory task"),
    TypeRow("Politie", "uitvoeringsorganisatie", False, "executes a public task; not an agentschap or zbo"),
    TypeRow("Inspectie", "uitvoeringsorganisatie", False,
            "supervision is execution; its independence of judgement is not an independence by law"),
    TypeRow("Gemeenschappelijke regeling", "uitvoeringsorganisatie", False,
            "a body that executes tasks for the governments taking part in it"),
    TypeRow("Regionaal samenwerkingsorgaan", "uitvoeringsorganisatie", False, "as a gemeenschappelijke regeling"),
    TypeRow("Grensoverschrijdend regionaal samenwerkingsorgaan", "uitvoeringsorganisatie", False,
            "as a gemeenschappelijke regeling"),
    TypeRow("Brandweer", "uitvoeringsorganisatie", False, "executes a public task"),
    TypeRow("Politie en brandweer", "uitvoeringsorganisatie", False, "the older name of Politie and Brandweer"),
    TypeRow("Interdepartementale commissie", "overleg", False, "a forum of ministries"),
    TypeRow("Adviescollege", "overig", False, "advises, does not execute; not independent in MODEL.md's sense"),
    TypeRow("Externe commissie", "overig", False, "as an adviescollege"),
    TypeRow("Kabinet van de Koning", "overig", False, "a service of its own between the King and the government"),
    TypeRow("Openbaar lichaam voor beroep en bedrijf", "overig", False,
            "a self-governing body of a profession; it answers to its members, not to an eigenaar"),
    TypeRow("Koepelorganisatie", "overig", False, "an association of governments (VNG, IPO, UvW)"),
    TypeRow("Organisatie met overheidsbemoeienis", "private", False,
            "a private-law body in which the government has a say"),
    TypeRow("Overheidsstichting of -vereniging", "private", False, "a foundation or association under private law"),
    TypeRow("Directoraat-Generaal", "directoraat-generaal", False, "a unit of a ministry"),
    TypeRow("Directie", "directie", False, "a unit"),
    TypeRow("Afdeling", "overig", False, "a unit below a directie; the model has no soort for it"),
    TypeRow("Organisatieonderdeel", "(by name)", False, "see organisatieonderdelen by name"),
)
_BY_TYPE = {r.roo_type.casefold(): r for r in TYPES}
_RANK = {r.roo_type.casefold(): i for i, r in enumerate(TYPES)}

#: Where the export gives no type, or one this table does not know (reported in the summary).
UNKNOWN = TypeRow("", "overig", False, "a ROO type without a row in this table")
ONDERDEEL = "Organisatieonderdeel"


def choose_type(types: list[str]) -> TypeRow:
    """The row for an organisation's ROO types: the first in table order; :data:`UNKNOWN` when none
    is known."""
    known = [t.casefold() for t in types if t.casefold() in _BY_TYPE]
    if not known:
        return UNKNOWN
    return _BY_TYPE[min(known, key=_RANK.__getitem__)]


def unknown_types(types: list[str]) -> list[str]:
    return [t for t in types if t.casefold() not in _BY_TYPE]


# ------------------------------------------------------------------------------------------------
# organisatieonderdelen by name

#: (pattern on the name, case-insensitive, from its start; soort). The first that matches wins.
ONDERDELEN: tuple[tuple[str, str, str], ...] = (
    (r"(?:directoraat[- ]generaal|dg)\b", "directoraat-generaal", "Directoraat-generaal Toeslagen, DG Fiscale Zaken"),
    (r"[a-z]*directie\b", "directie", "Directie Toeslagen, Programmadirectie, Hoofddirectie"),
    (r"(?:plaatsvervangend |plv\.? )?secretaris[- ]generaal\b(?!.*\bcluster\b)", "functie",
     "Secretaris-generaal, Plaatsvervangend secretaris-generaal"),
)
_ONDERDELEN = [(re.compile(p, re.IGNORECASE), s) for p, s, _ in ONDERDELEN]
_SG_CLUSTER = re.compile(r"(?=.*\b(?:sg|secretaris[- ]generaal)\b)(?=.*\bcluster\b)", re.IGNORECASE)


def onderdeel_soort(naam: str) -> str:
    """The soort of an organisatieonderdeel, from the start of its name; ``overig`` otherwise
    (afdelingen, bureaus, teams, clusters, sectoren, locaties, ...)."""
    n = " ".join(naam.split())
    for rx, soort in _ONDERDELEN:
        if rx.match(n):
            return soort
    return "overig"


def is_sg_cluster(naam: str) -> bool:
    """"SG Cluster", "Secretaris-generaal cluster", "Cluster SG", ...: the secretaris-generaal's part
    of a ministry, under which the register places most DGs.

    >>> [is_sg_cluster(n) for n in ("SG Cluster", "Cluster Secretaris-Generaal", "SG-cluster", "Cluster IV-Beleid")]
    [True, True, True, False]
    """
    return bool(_SG_CLUSTER.match(naam))


# ------------------------------------------------------------------------------------------------
# ids


def slug(text: str) -> str:
    """Lower-case ASCII words joined by ``-``: accents dropped, ``&`` read as ``en``."""
    t = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii").lower()
    t = t.replace("&", " en ")
    return re.sub(r"[^a-z0-9]+", "-", t).strip("-")


#: Longest id derived from a name (cut at a word boundary).
MAX_ID = 40
_PREFIX = {"ministerie": "min-", "gemeente": "gemeente-", "provincie": "provincie-"}


def _usable(afkorting: str, shortest: int) -> Optional[str]:
    """An afkorting that makes a good id: ``shortest`` to 20 characters, a letter, no ``&`` (``C&F``
    reads better as its name)."""
    s = slug(afkorting)
    return s if shortest <= len(s) <= 20 and "&" not in afkorting and re.search(r"[a-z]", s) else None


def _cut(s: str) -> str:
    if len(s) <= MAX_ID:
        return s
    cut = s[: MAX_ID + 1].rsplit("-", 1)[0]
    return cut if len(cut) >= 8 else s[:MAX_ID].rstrip("-")


def base_id(naam: str, afkortingen: list[str], soort: str) -> str:
    """The readable id an organisation asks for (before collisions are resolved).

    - a ministerie: ``min-`` and its afkorting (``min-fin``, ``min-szw``, ``min-bz``), else its name;
    - a name of one word up to 24 letters is the id itself (``belastingdienst``, ``fiod``);
    - else the first afkorting of 3-20 characters without ``&`` (``uwv``, ``dg-douane``, ``afm``;
      two letters, such as a unit's ``MT`` or ``IV``, say too little outside their parent);
    - else the name, cut at a word boundary after 40 characters;
    - gemeenten and provincies get their soort in front unless the name starts with it
      (``gemeente-utrecht`` and ``provincie-utrecht``).

    >>> base_id("Financiën", ["Fin"], "ministerie"), base_id("Belastingdienst", ["BD"], "agentschap")
    ('min-fin', 'belastingdienst')
    >>> base_id("Uitvoeringsinstituut Werknemersverzekeringen", ["UWV"], "zbo"), base_id("Utrecht", [], "provincie")
    ('uwv', 'provincie-utrecht')
    >>> base_id("Adviescommissie beoordeling aangeboden cultuurbezit uit nalatenschappen", [], "overig")
    'adviescommissie-beoordeling-aangeboden'
    """
    name = slug(naam)
    afk = next((a for a in (_usable(x, 2 if soort == "ministerie" else 3) for x in afkortingen) if a), None)
    if soort == "ministerie":
        name = re.sub(r"^ministerie-van-(?:de-)?", "", name)
        b = afk or _cut(name)
    elif len(naam.split()) == 1 and 0 < len(name) <= 24:
        b = name
    elif afk:
        b = afk
    else:
        b = _cut(name)
    prefix = _PREFIX.get(soort)
    if prefix and b and not b.startswith(prefix):
        b = prefix + b
    return b
