"""What every pass of the interpretation shares: the :class:`Item` each imported element (and each
sturingsrelatie and gegevensstroom) becomes, and :class:`InterpreterBase` with the state of one
document, the report, the errors, and the reading and checking of ``ketengraaf:*`` properties.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field
from typing import Any, Optional

from ketengraaf.archimate.mapping import Mapping
from ketengraaf.archimate.model.properties import (ELEMENT_KEYS, FINDING, KENMERK, KINDS_EN, MODEL_KEYS, PREFIX,
                                                   RELATION_KEYS, ROLE_NAMES)
from ketengraaf.archimate.model.results import Report, Skip
from ketengraaf.archimate.reader import Concept, Document, Prop


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
            return f"{self.c.label()} already has {key} {name_of(self.one[key][0])!r}"
        self.one[key] = (other, line)
        return None

    def add(self, key: str, other: "Item", line: int) -> bool:
        """Add ``other`` to the list ``key``; False when it is in it already."""
        lst = self.many.setdefault(key, [])
        if any(x is other for x, _ in lst):
            return False
        lst.append((other, line))
        return True


class InterpreterBase:
    """The state of one document's interpretation and the helpers every pass uses."""

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
                what = f"this {c.type} relationship" if kind == "other" else f"{with_article(kind)} ({c.type} relationship)"
            else:
                what = f"{with_article(kind)} ({c.type} '{c.name or c.identifier}')"
            where = ", ".join(KINDS_EN.get(b, b + "s") for b in belongs) if belongs else (
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


def with_article(word: str) -> str:
    return f"{'an' if word[:1] in 'aeiou' else 'a'} {word}"


@dataclass(frozen=True)
class Ref:
    """A reference by id or name in a ketengraaf property, resolved once ids are given."""

    text: str
    kind: str


def name_of(x: Any) -> str:
    if isinstance(x, Ref):
        return x.text
    if isinstance(x, Item):
        return x.c.name or x.c.identifier
    return "" if x is None else str(x)
