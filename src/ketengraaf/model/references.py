"""Which keys of the model name which kind of item: the one table of references (MODEL.md).

The loader's cross-checks (:mod:`ketengraaf.model.loader.crosschecks`) check every reference it
lists, and the editor server (:mod:`ketengraaf.lsp`) reads it to complete, find and rename ids, so
a new reference key is declared once, here.

>>> [(r.field, r.kind) for r in REFERENCES if r.section == "sturingsrelaties"]
[('van', 'organisatie'), ('naar', 'organisatie')]
>>> reference("ketens", "volgt_op", within="schakels").kind
'schakel'
>>> reference("ketens", "bestuur").soort
'overleg'
>>> DECLARES["schakels"]
'schakel'
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Iterator, Optional


@dataclass(frozen=True)
class Reference:
    """``field`` of an item of ``section`` (of each of its ``within`` items, for the schakels of a
    keten) names an id of ``kind``; ``many``: a list of ids. ``soort``: the organisation it names
    must be of this soort (checked apart, with its own message)."""

    section: str
    field: str
    kind: str
    many: bool = False
    within: Optional[str] = None
    soort: Optional[str] = None

    def values(self, item: Any) -> list[str]:
        """The ids ``item`` (an item of :attr:`section`, or of :attr:`within`) names here."""
        v = getattr(item, self.field)
        if v is None:
            return []
        return list(v) if self.many else [v]


_O, _G = "organisatie", "gegevens"

#: Every reference of the model format, per section in the order the cross-checks report them.
REFERENCES: tuple[Reference, ...] = (
    Reference("organisaties", "onderdeel_van", _O),
    Reference("organisaties", "deelnemers", _O, many=True),
    Reference("sturingsrelaties", "van", _O),
    Reference("sturingsrelaties", "naar", _O),
    Reference("opdrachten", "opdrachtgever", _O),
    Reference("opdrachten", "opdrachtnemer", _O),
    Reference("opdrachten", "raakt", "middel", many=True),
    Reference("afspraken", "partijen", _O, many=True),
    Reference("afspraken", "keten", "keten"),
    Reference("afspraken", "gegevens", _G, many=True),
    Reference("afspraken", "escalatie", _O, many=True),
    Reference("ketens", "regisseur", _O),
    Reference("ketens", "bestuur", _O, soort="overleg"),
    Reference("ketens", "uitvoerder", _O, within="schakels"),
    Reference("ketens", "eigenaar", _O, within="schakels"),
    Reference("ketens", "gebruikt", _G, many=True, within="schakels"),
    Reference("ketens", "levert", _G, many=True, within="schakels"),
    Reference("ketens", "volgt_op", "schakel", many=True, within="schakels"),
    Reference("gegevens", "eigenaar", _O),
    Reference("gegevens", "beheerder", _O),
    Reference("gegevens", "verwerkingsverantwoordelijke", _O),
    Reference("gegevens", "bronhouders", _O, many=True),
    Reference("gegevens", "afgeleid_van", _G, many=True),
    Reference("gegevensstromen", "gegevens", _G),
    Reference("gegevensstromen", "van", _O),
    Reference("gegevensstromen", "naar", _O),
    Reference("middelen", "beheerder", _O),
)

#: The sections (and ``schakels``, inside a keten) whose items declare an id, and the kind of that id.
#: (The loader's ``KIND_NAME`` spells the same words; this module stays below the loader, which reads it.)
DECLARES: dict[str, str] = {"organisaties": "organisatie", "opdrachten": "opdracht", "afspraken": "afspraak",
                            "ketens": "keten", "gegevens": "gegevens", "gegevensstromen": "gegevensstroom",
                            "middelen": "middel", "schakels": "schakel"}

_BY_KEY = {(r.section, r.within, r.field): r for r in REFERENCES}


def reference(section: str, field: str, within: Optional[str] = None) -> Optional[Reference]:
    """The reference at ``field`` of an item of ``section`` (or of its ``within`` items), if any."""
    return _BY_KEY.get((section, within, field))


def of_section(section: str, within: Optional[str] = None) -> tuple[Reference, ...]:
    """The references of an item of ``section`` (or of its ``within`` items), in table order."""
    return tuple(r for r in REFERENCES if r.section == section and r.within == within)


def sites(model: Any) -> Iterator[tuple[Reference, int, tuple, str]]:
    """Every reference a model makes: ``(reference, item index in its section, path inside the
    item, id)``; the path as the loader places it (``("schakels", j, "levert", k)``)."""
    for section in dict.fromkeys(r.section for r in REFERENCES):
        top, inner = of_section(section), of_section(section, "schakels")
        for i, item in enumerate(getattr(model, section)):
            for r in top:
                yield from _values(r, item, i, ())
            for j, sch in enumerate(getattr(item, "schakels", ()) if inner else ()):
                for r in inner:
                    yield from _values(r, sch, i, ("schakels", j))


def _values(r: Reference, item: Any, i: int, prefix: tuple) -> Iterator[tuple[Reference, int, tuple, str]]:
    if r.many:
        for k, v in enumerate(r.values(item)):
            yield r, i, prefix + (r.field, k), v
    else:
        for v in r.values(item):
            yield r, i, prefix + (r.field,), v
