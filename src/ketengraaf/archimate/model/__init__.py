"""An exchange file as a ketengraaf model: the data a YAML file would hold, where each part stands in
the XML, and what was not imported and why.

The path of the data::

    FILE.xml --reader (streaming, checked)--> Document --kinds, soorten, relations, ids--> data
             (a model file's Python data)  --the loader (as for YAML)--> the validated Model

:func:`read_model` is what the loader calls for an ``.xml`` model (:mod:`ketengraaf.model.formats`):
it returns the data, and an :class:`XmlDoc` that places every item, key and list entry at the line of
the element, relationship or property it came from, so that every error, rule, SARIF and JUnit
location points into the XML. The import (``ketengraaf import archimate``) writes the same data as
YAML and prints the :class:`Report`.

The choices (docs/archimate.md has the table):

* every element gets a **kind** (:mod:`.mapping`); an element whose kind needs a soort, a keten or
  ends that it does not have is not imported, and the report says why;
* relationships become references by their type, the kinds of their ends and their role: a
  Composition between organisaties is ``onderdeel_van``, a directed Association named eigenaar or
  opdrachtgever between organisaties a ``sturingsrelatie``, ...; only a relationship between two
  organisaties needs a direction (who steers whom), elsewhere the kinds say which end is which;
* what would make the model invalid is not imported and reported instead (a second parent, a cycle
  of ``onderdeel_van``, a handover between two ketens, the same relation twice): every file that is
  valid against the schemas imports. Only the ``ketengraaf:*`` properties a person wrote can make a
  model invalid (an unknown one, a capaciteit that is no number, an escalatie naming nobody), and
  those are reported like errors in a YAML model, with their line;
* ids: ``ketengraaf:id``, else a readable id from the name (the ROO import's rules), made unique
  whatever the order of the file: of several elements with the same name, the one with the smallest
  identifier keeps it, the others get a suffix from their identifier.
"""

from __future__ import annotations

import difflib
import hashlib
import os
from collections import Counter
from dataclasses import dataclass, field
from typing import Any, Optional

from ketengraaf.archimate import values as V
from ketengraaf.archimate.mapping import COORDINEREND, DEFAULT_SOORT, KIND_SOORTEN, MIDDEL_SOORT, TYPES, Mapping
from ketengraaf.archimate.reader import Concept, Document, Lines, Prop, read_document
from ketengraaf.importers.roo import mapping as roo
from ketengraaf.model import yamlio

PREFIX = "ketengraaf:"
FINDING = "ketengraaf:bevinding"
KENMERK = "ketengraaf:kenmerk:"

#: ketengraaf property -> the kinds of element it belongs to.
ELEMENT_KEYS: dict[str, tuple[str, ...]] = {
    "id": ("organisatie", "keten", "schakel", "afspraak", "gegevens", "middel", "opdracht"),
    "type": TYPES,
    "soort": ("organisatie", "afspraak", "gegevens", "middel"),
    "onafhankelijk": ("organisatie",),
    "capaciteit": ("organisatie", "opdracht"),
    "geldig_van": ("afspraak",),
    "geldig_tot": ("afspraak", "uitzondering"),
    "meerjarig": ("afspraak",),
    "escalatie": ("afspraak",),
    "doorzettingsmacht": ("keten",),
    "prestatie": ("schakel",),
    "persoonsgegevens": ("gegevens",),
    "periode.van": ("opdracht",),
    "periode.tot": ("opdracht",),
    "nieuw_beleid": ("opdracht",),
    "uitvoeringstoets": ("opdracht",),
    "regel": ("uitzondering",),
    "onderwerp": ("uitzondering",),
    "reden": ("uitzondering",),
}
#: ketengraaf property -> what relationship it belongs to.
RELATION_KEYS: dict[str, tuple[str, ...]] = {
    "rol": ("any",),
    "coordinerend": ("sturingsrelatie",),
    "sturingsmodel": ("sturingsrelatie",),
    "id": ("gegevensstroom",),
    "gegevens": ("gegevensstroom",),
    "grondslag": ("gegevensstroom",),
    "verwerker": ("gegevensstroom",),
}
MODEL_KEYS = ("id", "peildatum")
#: The values of ketengraaf:rol.
ROLE_NAMES = ("eigenaar", "opdrachtgever", "regisseur", "bestuur", "beheerder", "verwerkingsverantwoordelijke",
              "bronhouder", "afgeleid_van")
BOOL_KEYS = frozenset({"onafhankelijk", "meerjarig", "doorzettingsmacht", "persoonsgegevens", "nieuw_beleid",
                       "uitvoeringstoets", "coordinerend", "verwerker"})
NUMBER_KEYS = frozenset({"capaciteit", "prestatie"})
#: Keys whose value is text as written (not stripped).
TEXT_KEYS = frozenset({"grondslag", "reden", "onderwerp"})

#: For each kind, its keys in the order of MODEL.md and where each comes from: a ketengraaf
#: property (p), one relationship (1), several relationships (n), or as named (naam? is optional).
FIELDS: dict[str, tuple[str, ...]] = {
    "organisatie": ("id", "naam", "soort", "1 onderdeel_van", "p onafhankelijk", "p capaciteit", "n deelnemers"),
    "opdracht": ("id", "naam?", "1 opdrachtgever", "1 opdrachtnemer", "p capaciteit", "periode", "n raakt",
                 "p nieuw_beleid", "p uitvoeringstoets"),
    "afspraak": ("id", "naam?", "soort", "n partijen", "p geldig_van", "p geldig_tot", "1 keten", "n gegevens",
                 "p meerjarig", "escalatie"),
    "keten": ("id", "naam", "1 regisseur", "1 bestuur", "p doorzettingsmacht", "schakels"),
    "schakel": ("id", "naam", "1 uitvoerder", "1 eigenaar", "n volgt_op", "n gebruikt", "n levert", "p prestatie"),
    "gegevens": ("id", "naam", "soort", "1 eigenaar", "1 beheerder", "n bronhouders", "1 verwerkingsverantwoordelijke",
                 "p persoonsgegevens", "n afgeleid_van"),
    "middel": ("id", "naam", "soort", "1 beheerder"),
}
SECTION = {"organisatie": "organisaties", "afspraak": "afspraken", "keten": "ketens", "gegevens": "gegevens",
           "middel": "middelen", "opdracht": "opdrachten", "uitzondering": "uitzonderingen",
           "sturingsrelatie": "sturingsrelaties", "gegevensstroom": "gegevensstromen"}
_KINDS_EN = {"organisatie": "organisaties", "keten": "ketens", "schakel": "schakels", "afspraak": "afspraken",
             "gegevens": "gegevens", "middel": "middelen", "opdracht": "opdrachten", "uitzondering": "uitzonderingen"}


# ------------------------------------------------------------------------------------------------
# results


@dataclass
class Skip:
    """An element or relationship that was not imported, and why."""

    line: int
    tag: str
    label: str
    reason: str


@dataclass
class Report:
    """What the import did with the file: counts per ArchiMate type, and every object left out."""

    elements: Counter = field(default_factory=Counter)  # ArchiMate type -> count in the file
    relationships: Counter = field(default_factory=Counter)
    #: (ArchiMate type, what it became) -> count
    imported: Counter = field(default_factory=Counter)
    skipped: list[Skip] = field(default_factory=list)
    views: int = 0
    #: ketengraaf:bevinding:* properties of an earlier export --with-findings, ignored
    findings: int = 0
    #: (property name, value) -> elements whose soort property said nothing ketengraaf knows
    unrecognised: Counter = field(default_factory=Counter)
    #: elements without a name, named after their identifier
    unnamed: list[str] = field(default_factory=list)

    @property
    def skipped_elements(self) -> Counter:
        return Counter(s.label.split(" ", 1)[0] for s in self.skipped if s.tag == "element")

    @property
    def skipped_relationships(self) -> Counter:
        return Counter(s.label.split(" ", 1)[0] for s in self.skipped if s.tag == "relationship")


class XmlDoc:
    """Where the parts of a model read from an exchange file stand, for the loader (the interface of
    ``yamlio.PreciseDoc``: :meth:`pos`, ``scalar_text``, ``errors``)."""

    def __init__(self, lines: Lines, where: dict[tuple, tuple[int, str]], errors: list[tuple[int, str, str]],
                 report: Report, document: Document):
        self._lines = lines
        self._where = where
        self.scalar_text: dict[tuple, str] = {}
        self.date_paths: set[tuple] = set()
        self.errors = [(self._at(line, tag), msg) for line, tag, msg in errors]
        self.report = report
        self.document = document
        #: the model's data, as read (what ``ketengraaf import archimate`` writes as YAML)
        self.data: dict[str, Any] = {}

    def _at(self, line: int, tag: str) -> yamlio.Pos:
        ln, col = self._lines.at(line, tag)
        return yamlio.Pos(ln, col)

    def pos(self, path: tuple, *, key: bool = False) -> yamlio.Pos:
        p = tuple(path)
        while p:
            hit = self._where.get(p)
            if hit is not None:
                return self._at(*hit)
            p = p[:-1]
        return self._at(*self._where.get((), (1, "model")))


@dataclass
class Mapped:
    data: dict[str, Any]
    doc: XmlDoc


def read_model(path: str | os.PathLike[str], display: Optional[str] = None, *,
               mapping: Optional[Mapping] = None, progress: Any = None) -> tuple[bytes, dict[str, Any], XmlDoc]:
    """The model in the exchange file at ``path``: ``(raw bytes, data, positions)``. Raises
    :class:`~ketengraaf.errors.ModelInvalid` for a file that is not a valid exchange file."""
    doc = read_document(path, display, progress=progress)
    m = interpret(doc, mapping or Mapping.from_env(), stem=os.path.basename(str(path)))
    return doc.raw, m.data, m.doc


# ------------------------------------------------------------------------------------------------
# the interpretation


@dataclass(eq=False)
class Item:
    """One thing the model will hold, with the concept it comes from and what relationships add."""

    kind: str
    c: Concept
    kp: dict[str, Prop]
    kenmerken: list[Prop]
    soort: Optional[str] = None
    soort_at: Optional[tuple[int, str]] = None
    onafhankelijk: bool = False
    id: str = ""
    #: field -> (Item or text, line) for single references; list fields -> [(Item or text, line)]
    one: dict[str, tuple[Any, int]] = field(default_factory=dict)
    many: dict[str, list[tuple[Any, int]]] = field(default_factory=dict)
    #: schakels: their keten; ketens: their schakels in order
    keten: Optional["Item"] = None
    schakels: list["Item"] = field(default_factory=list)
    extra: dict[str, Any] = field(default_factory=dict)

    def set(self, key: str, other: "Item", line: int) -> Optional[str]:
        """Set the single reference ``key``; why not when it is set already (None: set)."""
        if key in self.one:
            return f"{self.c.label()} already has {key} {_name(self.one[key][0])!r}"
        self.one[key] = (other, line)
        return None

    def add(self, key: str, other: "Item", line: int) -> bool:
        """Add ``other`` to the list ``key``; False when it is in it already."""
        lst = self.many.setdefault(key, [])
        if any(x is other for x, _ in lst):
            return False
        lst.append((other, line))
        return True


class _Interpreter:
    def __init__(self, doc: Document, mapping: Mapping, stem: str):
        self.doc = doc
        self.m = mapping
        self.stem = stem
        self.report = Report(views=doc.views)
        self.errors: list[tuple[int, str, str]] = []
        self.items: dict[str, Item] = {}  # element identifier -> item
        self.relations: list[Item] = []  # sturingsrelaties and gegevensstromen, in document order
        self.skipped_ids: dict[str, str] = {}  # identifier -> why its element is not imported
        self._refs: dict[str, dict[str, Item]] = {}
        #: identifier -> the relationships with it at one end, in document order
        self.touching: dict[str, list[Concept]] = {}
        for r in doc.relationships:
            self.touching.setdefault(r.source, []).append(r)
            if r.target != r.source:
                self.touching.setdefault(r.target, []).append(r)
        #: Associations between gegevens and a Flow: (the association, the flow)
        self.carriers: list[tuple[Concept, Concept]] = []

    # ---- helpers

    def skip(self, c: Concept, reason: str) -> None:
        tag = "relationship" if c.relationship else "element"
        self.report.skipped.append(Skip(c.line, tag, c.label(), reason))
        if not c.relationship:
            self.skipped_ids[c.identifier] = reason

    def error(self, line: int, message: str, tag: str = "property") -> None:
        self.errors.append((line, tag, message))

    def split(self, c: Concept) -> tuple[dict[str, Prop], list[Prop]]:
        """The ``ketengraaf:*`` properties of ``c`` (the first of each) and its kenmerken; findings
        of an earlier export are counted and left out."""
        kp: dict[str, Prop] = {}
        kenmerken: list[Prop] = []
        for p in c.props:
            k = p.key
            if not k.startswith(PREFIX):
                continue
            if k.startswith(FINDING):
                self.report.findings += 1
                continue
            if k.startswith(KENMERK):
                if any(x.key == k for x in kenmerken):
                    self.error(p.line, f"{k} is given twice on {c.label()}")
                else:
                    kenmerken.append(p)
                continue
            name = k[len(PREFIX):]
            if name in kp:
                self.error(p.line, f"{k} is given twice on {c.label()}; the first is at line {kp[name].line}")
                continue
            kp[name] = p
        return kp, kenmerken

    def check(self, it: Item, keys: dict[str, tuple[str, ...]], kind: Optional[str]) -> None:
        """Report (and drop) the ketengraaf properties of ``it`` that are unknown or do not belong to
        ``kind`` (None: the concept is not imported, so only unknown ones count)."""
        c = it.c
        for name, p in list(it.kp.items()):
            known = name in ELEMENT_KEYS or name in RELATION_KEYS or name in MODEL_KEYS
            if not known:
                every = sorted({*ELEMENT_KEYS, *RELATION_KEYS, *MODEL_KEYS})
                near = difflib.get_close_matches(name, every, n=1, cutoff=0.6)
                hint = f"; did you mean '{PREFIX}{near[0]}'?" if near else ""
                self.error(p.line, f"unknown property '{p.key}'{hint} (docs/archimate.md lists the ketengraaf "
                                   f"properties)")
                del it.kp[name]
                continue
            if kind is None:
                continue
            belongs = keys.get(name, ())
            if "any" in belongs or kind in belongs:
                if name == "rol" and p.value.strip() not in ROLE_NAMES:
                    near = difflib.get_close_matches(p.value.strip(), ROLE_NAMES, n=1, cutoff=0.6)
                    self.error(p.line, f"ketengraaf:rol '{p.value}' is not one of {', '.join(ROLE_NAMES)}"
                                       + (f"; did you mean '{near[0]}'?" if near else ""))
                    del it.kp[name]
                continue
            if c.relationship:
                what = f"this {c.type} relationship" if kind == "other" else f"{_a(kind)} ({c.type} relationship)"
            else:
                what = f"{_a(kind)} ({c.type} '{c.name or c.identifier}')"
            where = ", ".join(_KINDS_EN.get(b, b + "s") for b in belongs) if belongs else (
                "elements" if name in ELEMENT_KEYS else "relationships" if name in RELATION_KEYS else "the model")
            self.error(p.line, f"{p.key} does not belong to {what}; it belongs to {where}")
            del it.kp[name]
        if kind == "uitzondering" and it.kenmerken:
            self.error(it.kenmerken[0].line, f"{it.kenmerken[0].key} does not belong to an uitzondering "
                                             f"(uitzonderingen have no kenmerken)")
            it.kenmerken = []
        if c.relationship and kind not in ("sturingsrelatie", "gegevensstroom", None) and it.kenmerken:
            self.error(it.kenmerken[0].line, f"{it.kenmerken[0].key} does not belong to this {c.type} relationship "
                                             f"(kenmerken belong to sturingsrelaties and gegevensstromen)")
            it.kenmerken = []

    # ---- elements

    def kinds(self) -> None:
        for c in self.doc.elements:
            self.report.elements[c.type] += 1
            kp_type = next((p for p in c.props if p.key == PREFIX + "type"), None)
            if kp_type is not None:
                kind = kp_type.value.strip()
                if kind not in TYPES:
                    near = difflib.get_close_matches(kind, TYPES, n=1, cutoff=0.6)
                    self.error(kp_type.line, f"ketengraaf:type '{kp_type.value}' is not one of {', '.join(TYPES)}"
                                             + (f"; did you mean '{near[0]}'?" if near else ""))
                    self.skipped_ids[c.identifier] = "its ketengraaf:type is not valid"
                    continue
                kp, kenmerken = self.split(c)
                it = Item(kind, c, kp, kenmerken)
                if kind in ("organisatie", "afspraak", "gegevens", "middel"):
                    self.soort(it, kind)
                    if it.soort is None:  # an afspraak: there is no default soort
                        self.error(kp_type.line, f"{c.label()} is an afspraak (ketengraaf:type) without a soort: give "
                                                 f"it ketengraaf:soort (one of: {', '.join(sorted(KIND_SOORTEN[kind]))})")
                        self.skipped_ids[c.identifier] = "it has no soort"
                        continue
                self.items[c.identifier] = it
                continue
            mk = self.m.elements.get(c.type)
            if mk is None or mk == "niet":
                self.check(Item("", c, *self.split(c)), ELEMENT_KEYS, None)
                self.skip(c, f"ArchiMate type {c.type} is not mapped (ketengraaf has no counterpart; a mapping file "
                             f"can map it, or give it ketengraaf:type)")
                continue
            if mk == "keten-of-schakel":
                kp, kenmerken = self.split(c)
                it = Item("?", c, kp, kenmerken)
                self.soort(it, mk)
                if it.soort in ("keten", "schakel"):
                    it.kind = it.soort
                    it.soort = None
                self.items[c.identifier] = it  # a schakel once a keten composes it (self.ketens)
                continue
            kind = {"herkende-organisatie": "organisatie"}.get(mk, mk)
            kp, kenmerken = self.split(c)
            it = Item(kind, c, kp, kenmerken)
            if kind in ("organisatie", "afspraak", "gegevens", "middel"):
                self.soort(it, mk)
                if it.soort is None:
                    self.check(it, ELEMENT_KEYS, None)
                    if mk == "herkende-organisatie":
                        self.skip(c, f"does not stand for an organisatie: no soort in ketengraaf:soort, its "
                                     f"properties or its name (give it ketengraaf:soort to import it)")
                    else:
                        self.skip(c, f"has no soort of afspraak in ketengraaf:soort, its properties or its name "
                                     f"(one of: {', '.join(sorted(KIND_SOORTEN['afspraak']))})")
                    continue
            self.items[c.identifier] = it

    def soort(self, it: Item, mk: str) -> None:
        """Set the soort of ``it`` from ketengraaf:soort, a soort property, the ROO types, its name
        or the default (``mk``: the kind in the mapping's terms)."""
        c = it.c
        if "soort" in it.kp and mk != "keten-of-schakel":
            p = it.kp["soort"]
            it.soort, it.soort_at = p.value.strip(), (p.line, "property")
            return
        ranked = sorted(((r, i, p) for i, p in enumerate(c.props)
                         if not p.key.startswith(PREFIX) and (r := self.m.property_rank(p.key)) is not None),
                        key=lambda t: (t[0], t[1]))
        for _, _, p in ranked:
            s = self.m.soort_of_text(mk, p.value)
            if s is not None:
                it.soort, it.soort_at = s, (p.line, "property")
                return
            if mk in ("organisatie", "herkende-organisatie"):
                row = roo.choose_type([p.value.strip()])
                if row is not roo.UNKNOWN and row.roo_type != roo.ONDERDEEL:
                    it.soort, it.soort_at, it.onafhankelijk = row.soort, (p.line, "property"), row.onafhankelijk
                    return
            if p.value.strip():
                self.report.unrecognised[(p.key, " ".join(p.value.split()))] += 1
        s = self.m.soort_of_text(mk, c.name or "")
        if s is not None:
            it.soort, it.soort_at = s, (c.name_line, "name")
            return
        d = DEFAULT_SOORT.get(mk)
        if mk == "middel":
            d = MIDDEL_SOORT.get(c.type, d)
        it.soort = d

    # ---- the ketens and their schakels, and the opdrachten, before the other relationships

    def ketens(self) -> None:
        for r in self.doc.relationships:
            if r.type not in ("Composition", "Aggregation"):
                continue
            k, s = self.items.get(r.source), self.items.get(r.target)
            if k is None or s is None or k.kind != "keten" or s.kind not in ("schakel", "?"):
                continue
            if s.keten is not None:
                continue  # reported in the relationship pass
            s.kind, s.keten = "schakel", k
            s.extra["in_keten"] = r.identifier
            k.schakels.append(s)
        for ident, it in list(self.items.items()):
            if it.kind == "?":
                del self.items[ident]
                self.check(it, ELEMENT_KEYS, None)
                self.skip(it.c, "is neither a keten nor a schakel: no ketengraaf:type, property or name says keten, "
                                "and no keten composes it")
            elif it.kind == "schakel" and it.keten is None:
                del self.items[ident]
                self.skip(it.c, "is a schakel, but no keten composes it (a Composition from the keten)")

    def opdrachten(self) -> None:
        for it in [x for x in self.items.values() if x.kind == "opdracht"]:
            nemer = gever = None
            for r in self.touching.get(it.c.identifier, ()):
                other = self.items.get(r.source if r.target == it.c.identifier else r.target)
                if other is None or other.kind != "organisatie":
                    continue
                if r.type == "Assignment" and r.target == it.c.identifier and nemer is None:
                    nemer = r
                elif r.type == "Association" and gever is None and self.rol(r) == "opdrachtgever":
                    gever = r
            if nemer is None or gever is None:
                del self.items[it.c.identifier]
                missing = " and no ".join(w for w, r in (("opdrachtnemer (an organisatie assigned to it)", nemer),
                                                         ("opdrachtgever (an organisatie associated with it as "
                                                          "opdrachtgever)", gever)) if r is None)
                self.skip(it.c, f"is no opdracht: it has no {missing}")

    def rol(self, r: Concept) -> Optional[str]:
        """A relationship's role: ``ketengraaf:rol``, else a soort property (a specialization such
        as "Eigenaar"), else its name."""
        p = next((p for p in r.props if p.key == PREFIX + "rol"), None)
        if p is not None:
            return p.value.strip()
        for q in sorted((q for q in r.props if self.m.property_rank(q.key) is not None),
                        key=lambda q: self.m.property_rank(q.key)):
            role = self.m.role(q.value)
            if role is not None:
                return role
        return self.m.role(r.name)

    # ---- relationships

    def relationships(self) -> None:
        parent: dict[str, Item] = {}  # child identifier -> parent item
        seen_rel: dict[tuple[str, str, str], int] = {}
        for r in self.doc.relationships:
            self.report.relationships[r.type] += 1
            rp, kenmerken = self.split(r)
            it = Item("", r, rp, kenmerken)
            self.check(it, RELATION_KEYS, None)
            why = self.relationship(r, it.kp, it.kenmerken, parent, seen_rel)
            if why is not None:
                self.skip(r, why)
        streams = {x.c.identifier for x in self.relations if x.kind == "gegevensstroom"}
        for a, flow in self.carriers:
            if flow.identifier not in streams:
                self.skip(a, f"associates gegevens with {flow.label()}, which is not imported")

    def relationship(self, r: Concept, rp: dict[str, Prop], kenmerken: list[Prop], parent: dict[str, Item],
                     seen_rel: dict[tuple[str, str, str], int]) -> Optional[str]:
        """Read one relationship into the items; returns why it is not imported (None: imported)."""
        s, t = self.items.get(r.source), self.items.get(r.target)
        rs, rt = self.doc.concepts.get(r.source), self.doc.concepts.get(r.target)
        ks = s.kind if s else ("relatie" if rs is not None and rs.relationship else None)
        kt = t.kind if t else ("relatie" if rt is not None and rt.relationship else None)
        typ = r.type
        role = self.rol(r)

        def not_imported() -> Optional[str]:
            for end, k, c in ((r.source, ks, rs), (r.target, kt, rt)):
                if k is None and c is not None:
                    return f"connects {c.label()}, which is not imported"
            return None

        def extra_props(kind: str) -> None:
            """Report the ketengraaf properties that do not belong to this relationship read as
            ``kind`` (sturingsrelatie, or other: only ketengraaf:rol belongs)."""
            self.check(Item("", r, dict(rp), list(kenmerken)), RELATION_KEYS, kind)

        # Associations that carry gegevens on a flow are read with the flow.
        if typ == "Association" and {ks, kt} == {"gegevens", "relatie"}:
            flow = rt if kt == "relatie" else rs
            extra_props("other")
            if flow is None or flow.type != "Flow":
                return f"associates gegevens with a {flow.type if flow else '?'} relationship; only a Flow carries gegevens"
            self.carriers.append((r, flow))
            return None  # read with the flow (or reported after the pass)
        why = not_imported()
        if why is not None:
            return why

        # --- between organisaties
        if ks == kt == "organisatie":
            assert s is not None and t is not None
            if typ in ("Composition", "Aggregation"):
                extra_props("other")
                if typ == "Aggregation" and s.soort == "overleg":
                    return None if s.add("deelnemers", t, r.line) else f"{s.c.name!r} already has {t.c.name!r} as deelnemer"
                if t.c.identifier in parent:
                    return (f"{t.c.label()} is already part of {parent[t.c.identifier].c.label()}; an organisatie is "
                            f"onderdeel_van one other")
                x: Optional[Item] = s
                while x is not None:
                    if x is t:
                        return f"would make {t.c.label()} part of itself (onderdeel_van forms a cycle)"
                    x = parent.get(x.c.identifier)
                parent[t.c.identifier] = s
                t.one["onderdeel_van"] = (s, r.line)
                return None
            if typ == "Flow":
                return self.flow(r, rp, kenmerken, s, t)
            if typ == "Association":
                if role not in ("eigenaar", "opdrachtgever"):
                    extra_props("other")
                    what = f"'{r.name}'" if r.name else "without a name"
                    return (f"Association {what} between organisaties names no role; name it eigenaar or "
                            f"opdrachtgever (or give it ketengraaf:rol) for a sturingsrelatie")
                if not r.directed:
                    extra_props("sturingsrelatie")
                    return (f"is not directed, so it does not say who is {role} of whom; tick 'Directed' on the "
                            f"association in Archi (from the {role} to the organisatie it steers)")
                key = (role, r.source, r.target)
                if key in seen_rel:
                    extra_props("sturingsrelatie")
                    return f"{role} of {t.c.name!r} by {s.c.name!r} is already given at line {seen_rel[key]}"
                seen_rel[key] = r.line
                extra_props("sturingsrelatie")
                it = Item("sturingsrelatie", r, rp, kenmerken)
                it.extra.update(van=s, naar=t, rol=role)
                if role == "opdrachtgever" and "coordinerend" not in rp and r.name and COORDINEREND.search(r.name):
                    it.extra["coordinerend"] = True
                self.relations.append(it)
                return None
            extra_props("other")
            return f"{typ} between organisaties has no meaning in ketengraaf"

        # --- an afspraak and its partijen, keten, gegevens
        if typ == "Association" and "afspraak" in (ks, kt):
            extra_props("other")
            a, other = (s, t) if ks == "afspraak" else (t, s)
            assert a is not None and other is not None
            if other.kind == "organisatie":
                return None if a.add("partijen", other, r.line) else f"{other.c.name!r} is already a partij of {a.c.name!r}"
            if other.kind == "keten":
                return a.set("keten", other, r.line)
            if other.kind == "gegevens":
                return _again(a.add("gegevens", other, r.line), r)
            return f"associates an afspraak with {_a(other.kind)}, which has no meaning in ketengraaf"

        # --- ketens and schakels
        if typ in ("Composition", "Aggregation") and ks == "keten" and kt == "schakel":
            extra_props("other")
            assert t is not None
            if t.extra.get("in_keten") == r.identifier:
                return None
            return f"{t.c.label()} is already a schakel of keten {t.keten.c.name!r}"  # type: ignore[union-attr]
        if typ in ("Triggering", "Flow") and ks == kt == "schakel":
            extra_props("other")
            assert s is not None and t is not None
            if s.keten is not t.keten:
                return (f"hands over from a schakel of keten {s.keten.c.name!r} to one of keten "  # type: ignore[union-attr]
                        f"{t.keten.c.name!r}; volgt_op stays within a keten")  # type: ignore[union-attr]
            return None if t.add("volgt_op", s, r.line) else f"the handover from {s.c.name!r} to {t.c.name!r} is already given"
        if ks == "organisatie" and kt == "schakel" and typ == "Assignment":
            extra_props("other")
            assert s is not None and t is not None
            return t.set("uitvoerder", s, r.line)
        if typ == "Access" and ks == "schakel" and kt == "gegevens":
            extra_props("other")
            assert s is not None and t is not None
            added = [s.add(k, t, r.line) for k in {"Read": ("gebruikt",), "Access": ("gebruikt",), "Write": ("levert",),
                                                   "ReadWrite": ("gebruikt", "levert")}[r.access or "Access"]]
            return _again(any(added), r)

        # --- named associations from an organisatie to a keten, schakel, gegevens, middel or opdracht
        if typ == "Association" and "organisatie" in (ks, kt):
            o, x = (s, t) if ks == "organisatie" else (t, s)
            assert o is not None and x is not None
            extra_props("other")
            fields = {"keten": ("regisseur", "bestuur"), "schakel": ("eigenaar",),
                      "gegevens": ("eigenaar", "beheerder", "verwerkingsverantwoordelijke", "bronhouder"),
                      "middel": ("beheerder",), "opdracht": ("opdrachtgever",)}.get(x.kind, ())
            if role not in fields:
                what = f"'{r.name}'" if r.name else "without a name"
                if not fields:
                    return f"Association {what} between an organisatie and {_a(x.kind)} has no meaning in ketengraaf"
                return (f"Association {what} between an organisatie and {_a(x.kind)} names no role of "
                        f"{' or '.join(fields)}")
            if role == "bestuur" and o.soort != "overleg":
                return f"the bestuur of a keten is an organisatie of soort overleg, and {o.c.name!r} is {o.soort}"
            if role == "bronhouder":
                return _again(x.add("bronhouders", o, r.line), r)
            return x.set(role, o, r.line)
        if typ == "Assignment" and ks == "organisatie" and kt == "opdracht":
            extra_props("other")
            assert s is not None and t is not None
            return t.set("opdrachtnemer", s, r.line)
        if typ == "Association" and {ks, kt} == {"opdracht", "middel"}:
            extra_props("other")
            o, x = (s, t) if ks == "opdracht" else (t, s)
            assert o is not None and x is not None
            return _again(o.add("raakt", x, r.line), r)
        if typ == "Association" and ks == kt == "gegevens":
            extra_props("other")
            assert s is not None and t is not None
            if role != "afgeleid_van":
                what = f"'{r.name}'" if r.name else "without a name"
                return f"Association {what} between gegevens names no role; name it 'afgeleid van' (from the copy to its source)"
            return _again(s.add("afgeleid_van", t, r.line), r)
        extra_props("other")
        what = lambda k, c: _a(k) if k != "relatie" else f"a {c.type} relationship"  # noqa: E731
        return f"{typ} from {what(ks, rs)} to {what(kt, rt)} has no meaning in ketengraaf"

    def flow(self, r: Concept, rp: dict[str, Prop], kenmerken: list[Prop], s: Item, t: Item) -> Optional[str]:
        """A Flow between organisaties: one gegevensstroom for each gegevens it carries."""
        carried: list[tuple[Any, int]] = []
        for a in self.touching.get(r.identifier, ()):
            if a.type != "Association":
                continue
            other = self.items.get(a.target if a.source == r.identifier else a.source)
            if other is not None and other.kind == "gegevens" and not any(x is other for x, _ in carried):
                carried.append((other, a.line))
        if "gegevens" in rp:
            p = rp["gegevens"]
            carried = [(_Ref(v, "gegevens"), p.line) for v in V.ids(p.value)] or carried
        self.check(Item("", r, dict(rp), list(kenmerken)), RELATION_KEYS, "gegevensstroom")
        if not carried:
            return (f"Flow between organisaties carries no gegevens: associate the BusinessObject or DataObject it "
                    f"carries with it (or give it ketengraaf:gegevens) to make it a gegevensstroom")
        if "id" in rp and len(carried) > 1:
            self.error(rp["id"].line, f"ketengraaf:id names one gegevensstroom, and this Flow carries {len(carried)} gegevens")
        for g, line in carried:
            it = Item("gegevensstroom", r, rp, kenmerken)
            it.extra.update(van=s, naar=t, gegevens=(g, line))
            self.relations.append(it)
        return None

    def resolve(self, v: str, kind: str) -> Any:
        """An item of ``kind`` by its id or its name (when only one has it); else the text itself
        (the loader reports an unknown reference). Only once ids are given."""
        by = self._by_ref(kind)
        return by.get(v) or by.get(v.casefold()) or v

    def _by_ref(self, kind: str) -> dict[str, Item]:
        if kind not in self._refs:
            d: dict[str, Item] = {}
            names: Counter = Counter(it.c.name.casefold() for it in self.items.values() if it.kind == kind and it.c.name)
            for it in self.items.values():
                if it.kind == kind and it.c.name and names[it.c.name.casefold()] == 1:
                    d[it.c.name.casefold()] = it
            for it in self.items.values():
                if it.kind == kind:
                    d[it.id] = it
            self._refs[kind] = d
        return self._refs[kind]

    # ---- ids

    def assign_ids(self) -> None:
        taken: set[str] = set()
        derived: dict[str, list[Item]] = {}
        every = [*self.items.values(), *(x for x in self.relations if x.kind == "gegevensstroom")]
        for it in every:
            if "id" in it.kp:
                it.id = it.kp["id"].value.strip()
                taken.add(it.id)
        for it in every:
            if it.id or it.kind in ("uitzondering", "sturingsrelatie"):
                continue
            if it.kind == "gegevensstroom":
                g = it.extra["gegevens"][0]
                name = it.c.name or f"{_name(g)} {_name(it.extra['van'])} {_name(it.extra['naar'])}"
            else:
                name = it.c.name or ""
            base = roo.base_id(name, [], it.soort if it.kind == "organisatie" and it.soort else "overig") or it.kind
            derived.setdefault(base, []).append(it)
        for base, group in sorted(derived.items()):
            group.sort(key=lambda x: (x.c.identifier, _name(x.extra.get("gegevens", (None,))[0])))
            for i, it in enumerate(group):
                if i == 0 and base not in taken:
                    it.id = base
                else:
                    h = _suffix(it.c.identifier + "\0" + _name(it.extra.get("gegevens", (None,))[0]))
                    n = 6
                    while f"{base}-{h[:n]}" in taken and n < len(h):
                        n += 2
                    it.id = f"{base}-{h[:n]}"
                taken.add(it.id)
        for it in self.items.values():
            if it.kind in ("organisatie", "keten", "schakel", "afspraak", "gegevens", "middel", "opdracht") \
                    and not (it.c.name or "").strip() and "id" not in it.kp:
                self.report.unnamed.append(it.c.label())

    # ---- the data

    def build(self) -> Mapped:
        where: dict[tuple, tuple[int, str]] = {(): (self.doc.line, "model"), ("ketengraaf",): (self.doc.line, "model")}
        data: dict[str, Any] = {"ketengraaf": 1, "model": self.model_block(where)}
        sections: dict[str, list[dict[str, Any]]] = {s: [] for s in ("organisaties", "sturingsrelaties", "opdrachten",
                                                                     "afspraken", "ketens", "gegevens", "gegevensstromen",
                                                                     "middelen", "uitzonderingen")}
        for it in self.items.values():
            if it.kind == "schakel":
                continue
            sec = SECTION[it.kind]
            i = len(sections[sec])
            path = (sec, i)
            item = self.item(it, path, where)
            sections[sec].append(item)
            self.report.imported[(it.c.type, sec)] += 1
            if it.kind == "keten":
                for j, sch in enumerate(it.schakels):
                    spath = path + ("schakels", j)
                    item["schakels"].append(self.item(sch, spath, where))
                    self.report.imported[(sch.c.type, "schakels")] += 1
        for it in self.relations:
            sec = SECTION[it.kind]
            i = len(sections[sec])
            sections[sec].append(self.item(it, (sec, i), where))
        counted: set[str] = set()
        for it in self.relations:
            if it.c.identifier not in counted:
                counted.add(it.c.identifier)
                self.report.imported[(it.c.type, SECTION[it.kind])] += 1
        data.update(sections)
        doc = XmlDoc(self.doc.lines, where, self.errors, self.report, self.doc)
        doc.data = data
        return Mapped(data, doc)

    def model_block(self, where: dict[tuple, tuple[int, str]]) -> dict[str, Any]:
        d = self.doc
        kp: dict[str, Prop] = {}
        for p in d.props:
            if not p.key.startswith(PREFIX):
                continue
            name = p.key[len(PREFIX):]
            if name.startswith("bevinding"):
                continue
            if name not in MODEL_KEYS:
                self.error(p.line, f"{p.key} does not belong to the model (its properties are "
                                   f"{', '.join(PREFIX + k for k in MODEL_KEYS)})")
            elif name not in kp:
                kp[name] = p
        where[("model",)] = (d.line, "model")
        if "id" in kp:
            mid = kp["id"].value.strip()
            where[("model", "id")] = (kp["id"].line, "property")
        else:
            stem = self.stem.rsplit(".", 1)[0] if "." in self.stem else self.stem
            mid = roo.slug(stem) or "archimate"
        block: dict[str, Any] = {"id": mid, "naam": d.name if d.name and d.name.strip() else mid}
        if d.documentation is not None:
            block["beschrijving"] = d.documentation
        if "peildatum" in kp:
            block["peildatum"] = kp["peildatum"].value.strip()
            where[("model", "peildatum")] = (kp["peildatum"].line, "property")
        return block

    def item(self, it: Item, path: tuple, where: dict[tuple, tuple[int, str]]) -> dict[str, Any]:
        c = it.c
        tag = "relationship" if c.relationship else "element"
        where[path] = (c.line, tag)
        out: dict[str, Any] = {}

        def ref(x: Any) -> str:
            return x.id if isinstance(x, Item) else str(x)

        def put(key: str, value: Any, at: Optional[tuple[int, str]]) -> None:
            out[key] = value
            if at is not None:
                where[path + (key,)] = at

        def prop(key: str, field_: Optional[str] = None) -> None:
            p = it.kp.get(key)
            if p is None:
                return
            name = field_ or key
            v: Any
            if key in BOOL_KEYS:
                v = V.boolean(p.value)
            elif key in NUMBER_KEYS:
                v = V.number(p.value)
            elif key in TEXT_KEYS:
                v = p.value
            else:
                v = p.value.strip()
            put(name, v, (p.line, "property"))

        def one(key: str) -> None:
            if key in it.one:
                x, line = it.one[key]
                put(key, ref(x), (line, "relationship"))

        def many(key: str, field_: Optional[str] = None) -> None:
            lst = it.many.get(key)
            if lst:
                name = field_ or key
                put(name, [ref(x) for x, _ in lst], None)
                for j, (_, line) in enumerate(lst):
                    where[path + (name, j)] = (line, "relationship")

        def naam(optional: bool) -> None:
            name = c.name
            if optional and "id" in it.kp and name is not None and name == it.kp["id"].value.strip():
                return  # the export names an afspraak or opdracht without naam after its id
            if not (name or "").strip():
                if optional:
                    return
                name = it.id
            put("naam", name, (c.name_line, "name") if c.name_line else None)

        def kenmerken() -> None:
            if not it.kenmerken:
                return
            out["kenmerken"] = {p.key[len(KENMERK):]: V.kenmerk(p.value) for p in it.kenmerken}
            where[path + ("kenmerken",)] = (it.kenmerken[0].line, "property")
            for p in it.kenmerken:
                where[path + ("kenmerken", p.key[len(KENMERK):])] = (p.line, "property")

        k = it.kind
        if k == "sturingsrelatie":
            put("van", it.extra["van"].id, (c.line, tag))
            put("naar", it.extra["naar"].id, (c.line, tag))
            rp = it.kp.get("rol")
            put("rol", it.extra["rol"], (rp.line, "property") if rp else (c.name_line or c.line, "name" if c.name_line else tag))
            prop("coordinerend")
            if "coordinerend" not in out and it.extra.get("coordinerend"):
                put("coordinerend", True, (c.name_line or c.line, "name"))
            prop("sturingsmodel")
            kenmerken()
            return out
        if k == "gegevensstroom":
            put("id", it.id, (it.kp["id"].line, "property") if "id" in it.kp else None)
            g, gline = it.extra["gegevens"]
            if isinstance(g, _Ref):
                g = self.resolve(g.text, g.kind)
            put("gegevens", ref(g), (gline, "property" if "gegevens" in it.kp else "relationship"))
            put("van", it.extra["van"].id, None)
            put("naar", it.extra["naar"].id, None)
            prop("grondslag")
            prop("verwerker")
            kenmerken()
            return out
        if k == "uitzondering":
            for key in ("regel", "onderwerp", "reden", "geldig_tot"):
                prop(key)
            return out
        for step in FIELDS[k]:
            how, _, key = step.rpartition(" ")
            if key == "id":
                put("id", it.id, (it.kp["id"].line, "property") if "id" in it.kp else None)
            elif key in ("naam", "naam?"):
                naam(key == "naam?")
            elif key == "soort":
                put("soort", it.soort, it.soort_at)
            elif how == "p":
                prop(key)
            elif how == "1":
                one(key)
            elif how == "n":
                many(key)
            elif key == "periode":
                periode: dict[str, Any] = {}
                for end in ("van", "tot"):
                    pe = it.kp.get(f"periode.{end}")
                    if pe is not None:
                        periode[end] = pe.value.strip()
                        where[path + ("periode", end)] = (pe.line, "property")
                if periode:
                    out["periode"] = periode
            elif key == "escalatie" and "escalatie" in it.kp:
                pe = it.kp["escalatie"]
                put("escalatie", [ref(self.resolve(v, "organisatie")) for v in V.ids(pe.value)], (pe.line, "property"))
            elif key == "schakels":
                out["schakels"] = []
            if key == "partijen" and "partijen" not in out:
                out["partijen"] = []
            if key == "onafhankelijk" and "onafhankelijk" not in out and it.onafhankelijk:
                put("onafhankelijk", True, it.soort_at)  # a ROO type that makes it onafhankelijk
        kenmerken()
        return out

    def run(self) -> Mapped:
        self.kinds()
        self.ketens()
        self.opdrachten()
        self.afspraken()
        for it in self.items.values():
            self.check(it, ELEMENT_KEYS, it.kind)
        self.relationships()
        self.assign_ids()
        return self.build()

    def afspraken(self) -> None:
        """An afspraak binds at least two distinct organisaties: one that does not is left out (and
        its relationships with it)."""
        partners: dict[str, set[str]] = {}
        for r in self.doc.relationships:
            if r.type != "Association":
                continue
            for a, o in ((r.source, r.target), (r.target, r.source)):
                ia, io = self.items.get(a), self.items.get(o)
                if ia is not None and io is not None and ia.kind == "afspraak" and io.kind == "organisatie":
                    partners.setdefault(a, set()).add(o)
        for ident, it in list(self.items.items()):
            if it.kind != "afspraak":
                continue
            n = len(partners.get(ident, ()))
            if n < 2:
                del self.items[ident]
                self.skip(it.c, f"binds {n} organisatie{'s' if n != 1 else ''}; an afspraak binds at least two "
                                f"(associate the Contract with each of its partijen)")


def interpret(doc: Document, mapping: Mapping, *, stem: str = "") -> Mapped:
    """The model in ``doc`` under ``mapping``."""
    return _Interpreter(doc, mapping, stem or os.path.basename(doc.path)).run()


#: Letters and digits for id suffixes: no ``e`` (an id like ``x-6e9`` would look like a number to the
#: YAML 1.1 checks of the loader's fast path), no ``0 1 i l o`` (easily mistaken).
_ALPHABET = "23456789abcdfghjkmnpqrstuvwxyz"


def _suffix(key: str) -> str:
    """A stable suffix for an id, from ``key`` (an identifier): 24 characters to take from."""
    n = int.from_bytes(hashlib.sha1(key.encode("utf-8")).digest()[:16], "big")
    out = []
    for _ in range(24):
        n, r = divmod(n, len(_ALPHABET))
        out.append(_ALPHABET[r])
    return "".join(out)


def _again(added: bool, r: Concept) -> Optional[str]:
    """None when a relationship added something; else why not: another one says the same."""
    return None if added else f"says what another {r.type} relationship between the same two already says"


def _a(word: str) -> str:
    return f"{'an' if word[:1] in 'aeiou' else 'a'} {word}"


@dataclass(frozen=True)
class _Ref:
    """A reference by id or name in a ketengraaf property, resolved once ids are given."""

    text: str
    kind: str


def _name(x: Any) -> str:
    if isinstance(x, _Ref):
        return x.text
    if isinstance(x, Item):
        return x.c.name or x.c.identifier
    return "" if x is None else str(x)
