"""What an ArchiMate element or relationship means in ketengraaf: the default mapping, and the small
YAML mapping file that adds to it (``--mapping FILE``).

docs/archimate.md shows these tables; ``tests/archimate`` test every row and that the docs show it.
Change a row here and there together.

An element's **kind** (organisatie, keten or schakel, afspraak, gegevens, middel, opdracht) comes
from its ``ketengraaf:type`` property, else from its ArchiMate type (:data:`ELEMENTS`). Its **soort**
comes from ``ketengraaf:soort``, else from the first of its properties named in :data:`PROPERTIES`
whose value says one, else from its name (:data:`SOORTEN`: regular expressions, case-insensitive,
searched in the text), else the kind's default. A property value may also be a type of the Register
van Overheidsorganisaties ("Zelfstandig bestuursorgaan", "Hoog College van Staat"): the ROO import's
table gives its soort (docs/import-roo.md). A relationship's **role** comes from ``ketengraaf:rol``,
else from its name (:data:`ROLES`).

>>> m = Mapping.default()
>>> m.soort_of_text("organisatie", "Ministerie van Financiën"), m.soort_of_text("organisatie", "DG Fiscale Zaken")
('ministerie', 'directoraat-generaal')
>>> m.soort_of_text("afspraak", "Meerjarige werkagenda RWS"), m.role("is eigenaar van")
('werkagenda', 'eigenaar')
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Optional

from ketengraaf.archimate import oef
from ketengraaf.errors import ModelInvalid, Problem
from ketengraaf.importers.roo import mapping as roo
from ketengraaf.model import inputs, yamlio
from ketengraaf.model.types import AfspraakSoort, GegevensSoort, MiddelSoort, OrganisatieSoort

ENV = "KETENGRAAF_ARCHIMATE_MAPPING"
FORMAT = 1

#: What an ArchiMate element type can become (the values of :data:`ELEMENTS` and of ``elementen``
#: in a mapping file).
KINDS: dict[str, str] = {
    "organisatie": "always an organisatie; soort overig when nothing says which",
    "herkende-organisatie": "an organisatie only when ketengraaf:soort, a property or its name gives a soort",
    "keten-of-schakel": "a keten or schakel when ketengraaf:type, a property or its name says so, or a keten "
                        "composes it (then a schakel)",
    "afspraak": "an afspraak when ketengraaf:soort, a property or its name gives its soort",
    "gegevens": "always gegevens; soort dataset when nothing says which",
    "middel": "always a middel; soort systeem for an ApplicationComponent, dienst for an ApplicationService",
    "opdracht": "an opdracht when an organisatie is assigned to it (opdrachtnemer) and one is associated with it "
                "as opdrachtgever",
    "niet": "not imported (listed in the report)",
}

#: ArchiMate element type -> kind. Types not listed are not imported (and listed in the report).
ELEMENTS: dict[str, str] = {
    "BusinessActor": "organisatie",
    "BusinessRole": "herkende-organisatie",
    "BusinessCollaboration": "herkende-organisatie",
    "BusinessProcess": "keten-of-schakel",
    "BusinessFunction": "keten-of-schakel",
    "Contract": "afspraak",
    "BusinessObject": "gegevens",
    "DataObject": "gegevens",
    "ApplicationComponent": "middel",
    "WorkPackage": "opdracht",
}

#: The values of ``ketengraaf:type`` (what the export writes on every element).
TYPES: tuple[str, ...] = ("organisatie", "keten", "schakel", "afspraak", "gegevens", "middel", "opdracht",
                          "uitzondering")

#: Properties read for the soort after ``ketengraaf:soort``, in this order (names compared without
#: regard to case). Archi writes a specialization as the property "Specialization".
PROPERTIES: tuple[str, ...] = ("Specialization", "Specialisatie", "Soort", "Type")

#: The soorten each kind has, in the order their patterns are tried.
KIND_SOORTEN: dict[str, tuple[str, ...]] = {
    "organisatie": tuple(s.value for s in OrganisatieSoort),
    "afspraak": ("gegevensleveringsovereenkomst", "verwerkersovereenkomst", "opdrachtgeversagenda", "werkagenda",
                 "ketenafspraak", "resultaatafspraak", "convenant", "samenwerkingsafspraak", "wettelijke-regeling"),
    "gegevens": tuple(s.value for s in GegevensSoort),
    "middel": tuple(s.value for s in MiddelSoort),
    "keten-of-schakel": ("keten", "schakel"),
}
assert set(KIND_SOORTEN["afspraak"]) == {s.value for s in AfspraakSoort}

_ONDERDELEN = {soort: pattern for pattern, soort, _ in roo.ONDERDELEN}

#: soort -> patterns (regular expressions, case-insensitive, searched in a property value or a
#: name). The soort's own name always counts (``zbo``, ``Convenant``). Directoraat-generaal,
#: directie and functie use the ROO import's patterns for names (docs/import-roo.md).
SOORTEN: dict[str, tuple[str, ...]] = {
    # organisaties
    "ministerie": (r"^ministerie\b",),
    "gemeente": (r"^gemeente\b",),
    "provincie": (r"^provincie\b",),
    "waterschap": (r"^(?:waterschap|hoogheemraadschap|wetterskip)\b",),
    "directoraat-generaal": ("^" + _ONDERDELEN["directoraat-generaal"],),
    "directie": ("^" + _ONDERDELEN["directie"],),
    "functie": ("^" + _ONDERDELEN["functie"],),
    "agentschap": (r"^agentschap\b",),
    "zbo": (r"^zelfstandig bestuursorgaan$",),
    "rwt": (r"^rechtspersoon met een wettelijke taak$",),
    "uitvoeringsorganisatie": (),
    "overleg": (r"overleg\b", r"beraad\b"),
    "private": (r"^privaat$", r"^private partij$", r"\b(?:b\.?v|n\.?v)\.?$"),
    "overig": (),
    # afspraken
    "gegevensleveringsovereenkomst": (r"gegevensleverings?overeenkomst", r"\bglo\b", r"leveringsovereenkomst"),
    "verwerkersovereenkomst": (r"verwerkers?overeenkomst",),
    "opdrachtgeversagenda": (r"opdrachtgevers?agenda",),
    "werkagenda": (r"werkagenda",),
    "ketenafspraak": (r"ketenafspra",),
    "resultaatafspraak": (r"resultaatafspra", r"prestatieafspra"),
    "convenant": (r"convenant",),
    "samenwerkingsafspraak": (r"samenwerkings(?:afspra|overeenkomst)",),
    "wettelijke-regeling": (r"wettelijke[- ]regeling", r"^wet\b", r"wetboek", r"besluit\b", r"^regeling\b"),
    # gegevens
    "basisregistratie": (r"basisregistratie",),
    "registratie": (r"registratie\b", r"register\b"),
    "dataset": (),
    # middelen
    "systeem": (r"^applicatie$",),
    "dienst": (),
    # ketens and schakels
    "keten": (r"keten$", r"^keten\b"),
    "schakel": (r"^ketenschakel$",),
}

#: Relationship role -> patterns on the relationship's name (case-insensitive, searched). Where a
#: relationship needs a role is in docs/archimate.md; partij, keten and gegevens of an afspraak,
#: raakt of an opdracht and the deelnemers of an overleg need none.
ROLES: dict[str, tuple[str, ...]] = {
    "eigenaar": (r"\beigenaar\b",),
    "opdrachtgever": (r"\bopdrachtgever\b",),
    "regisseur": (r"regisseur\b", r"\bregie\b"),
    "bestuur": (r"\bbestuur\b", r"ketenbestuur", r"ketenberaad"),
    "beheerder": (r"\bbeheerder\b", r"\bbeheert\b"),
    "verwerkingsverantwoordelijke": (r"verwerkingsverantwoordelijke",),
    "bronhouder": (r"bronhouder",),
    "afgeleid_van": (r"afgeleid",),
}
#: A name that makes an opdrachtgever relation the coördinerend one.
COORDINEREND = re.compile(r"co[öo]rdinerend", re.IGNORECASE)

#: Kind -> the soort when nothing says which (None: the element is not imported without one).
DEFAULT_SOORT: dict[str, Optional[str]] = {"organisatie": "overig", "herkende-organisatie": None,
                                           "afspraak": None, "gegevens": "dataset", "middel": "overig",
                                           "keten-of-schakel": None}
MIDDEL_SOORT = {"ApplicationComponent": "systeem", "ApplicationService": "dienst"}


def _compile(patterns: tuple[str, ...] | list[str]) -> list[re.Pattern[str]]:
    return [re.compile(p, re.IGNORECASE) for p in patterns]


@dataclass
class Mapping:
    """The mapping in force: the defaults, with a mapping file's additions tried first."""

    elements: dict[str, str]
    properties: tuple[str, ...]
    soorten: dict[str, list[re.Pattern[str]]]
    roles: dict[str, list[re.Pattern[str]]]
    #: the mapping file, when there is one
    path: Optional[str] = None
    _props_lower: tuple[str, ...] = field(default=(), repr=False)

    def __post_init__(self) -> None:
        self._props_lower = tuple(p.casefold() for p in self.properties)

    @classmethod
    def default(cls) -> "Mapping":
        return cls(dict(ELEMENTS), PROPERTIES, {s: _compile(p) for s, p in SOORTEN.items()},
                   {r: _compile(p) for r, p in ROLES.items()})

    @classmethod
    def from_env(cls) -> "Mapping":
        """The default mapping, plus the file ``KETENGRAAF_ARCHIMATE_MAPPING`` names (what
        ``--mapping`` sets)."""
        path = os.environ.get(ENV, "").strip()
        return load(path) if path else cls.default()

    # ---- soorten

    def property_rank(self, key: str) -> Optional[int]:
        """Where a property stands among the soort properties (None: not one of them)."""
        k = key.casefold()
        return self._props_lower.index(k) if k in self._props_lower else None

    def soort_of_text(self, kind: str, text: str) -> Optional[str]:
        """The soort a property value or a name gives, for an element of ``kind``."""
        t = " ".join(text.split())
        if not t:
            return None
        soorten = KIND_SOORTEN.get("organisatie" if kind == "herkende-organisatie" else kind, ())
        low = t.casefold()
        for s in soorten:
            if low == s or low == s.replace("-", " "):
                return s
        for s in soorten:
            for rx in self.soorten.get(s, ()):
                if rx.search(t):
                    return s
        return None

    # ---- roles

    def role(self, name: Optional[str]) -> Optional[str]:
        """The role a relationship's name gives (the first role with a matching pattern)."""
        if not name:
            return None
        t = " ".join(name.split())
        for r, patterns in self.roles.items():
            if any(rx.search(t) for rx in patterns):
                return r
        return None


# ------------------------------------------------------------------------------------------------
# the mapping file

_KEYS = ("ketengraaf-mapping", "elementen", "eigenschappen", "soorten", "rollen")
_CACHE: dict[tuple[str, int, int], Mapping] = {}


def load(path: str) -> Mapping:
    """The default mapping with the mapping file at ``path`` added; raises :class:`ModelInvalid`
    with every problem in it as ``FILE:LINE:COLUMN: message``."""
    try:
        st = os.stat(path)
        key = (os.path.realpath(path), st.st_mtime_ns, st.st_size)
    except OSError:
        key = None
    if key is not None and key in _CACHE:
        return _CACHE[key]
    raw = inputs.read(Path(path), inputs.Limits.from_env(), path)
    try:
        doc = yamlio.read_precise(raw)
    except yamlio.YamlProblem as e:
        p = e.pos or yamlio.Pos(1, 1)
        raise ModelInvalid([Problem(path, p.line, p.column, e.message)]) from None
    m = _build(path, doc)
    if key is not None:
        _CACHE[key] = m
    return m


def _build(path: str, doc: yamlio.PreciseDoc) -> Mapping:
    problems: list[Problem] = []

    def err(where: tuple, message: str, *, key: bool = False) -> None:
        p = doc.pos(where, key=key)
        problems.append(Problem(path, p.line, p.column, message))

    data = doc.data
    base = Mapping.default()
    if not isinstance(data, dict):
        raise ModelInvalid([Problem(path, 1, 1, f"a mapping file is a mapping that starts with "
                                                f"'ketengraaf-mapping: {FORMAT}' (docs/archimate.md)")])
    if data.get("ketengraaf-mapping") != FORMAT:
        err(("ketengraaf-mapping",) if "ketengraaf-mapping" in data else (),
            f"a mapping file starts with 'ketengraaf-mapping: {FORMAT}' (the format version)")
    for k in data:
        if k not in _KEYS:
            err((k,), f"unknown key '{k}'{_near(str(k), _KEYS)}; a mapping file has {', '.join(_KEYS[1:])}", key=True)

    elements = dict(base.elements)
    for t, kind in _pairs(data, "elementen", err):
        if t not in oef.ELEMENT_TYPES:
            err(("elementen", t), f"'{t}' is not an ArchiMate 3.1 element type{_near(str(t), oef.ELEMENT_TYPES)}",
                key=True)
        elif kind is None or kind == "niet":
            elements.pop(t, None)
        elif kind not in KINDS:
            err(("elementen", t), f"'{kind}' is not a kind{_near(str(kind), tuple(KINDS))} (one of: {', '.join(KINDS)})")
        else:
            elements[t] = kind

    props = list(base.properties)
    extra = data.get("eigenschappen")
    if extra is not None:
        if not isinstance(extra, list) or not all(isinstance(x, str) and x.strip() for x in extra):
            err(("eigenschappen",), "'eigenschappen' is a list of property names, read in this order for the soort")
        else:
            props = [x.strip() for x in extra] + [p for p in props if p.casefold() not in {x.strip().casefold() for x in extra}]

    soorten = {s: list(p) for s, p in base.soorten.items()}
    for s, pats in _pairs(data, "soorten", err):
        if s not in SOORTEN:
            err(("soorten", s), f"'{s}' is not a soort{_near(str(s), tuple(SOORTEN))}", key=True)
            continue
        soorten[s] = _patterns(("soorten", s), pats, err) + soorten[s]

    roles = {r: list(p) for r, p in base.roles.items()}
    for r, pats in _pairs(data, "rollen", err):
        if r not in ROLES:
            err(("rollen", r), f"'{r}' is not a role that a name gives{_near(str(r), tuple(ROLES))} (one of: "
                               f"{', '.join(ROLES)})", key=True)
            continue
        roles[r] = _patterns(("rollen", r), pats, err) + roles[r]
    if problems:
        raise ModelInvalid(problems)
    return Mapping(elements, tuple(props), soorten, roles, path=path)


def _pairs(data: dict, key: str, err: Any) -> list[tuple[Any, Any]]:
    v = data.get(key)
    if v is None:
        return []
    if not isinstance(v, dict):
        err((key,), f"'{key}' is a mapping")
        return []
    return list(v.items())


def _patterns(where: tuple, pats: Any, err: Any) -> list[re.Pattern[str]]:
    if isinstance(pats, str):
        pats = [pats]
    if not isinstance(pats, list) or not all(isinstance(p, str) for p in pats):
        err(where, "give a list of regular expressions (texts)")
        return []
    out = []
    for i, p in enumerate(pats):
        try:
            out.append(re.compile(p, re.IGNORECASE))
        except re.error as e:
            err(where + ((i,) if len(pats) > 1 or isinstance(pats, list) else ()),
                f"'{p}' is not a regular expression ({e})")
    return out


def _near(word: str, choices: tuple[str, ...]) -> str:
    import difflib

    m = difflib.get_close_matches(word, choices, n=1, cutoff=0.6)
    return f"; did you mean '{m[0]}'?" if m else ""
