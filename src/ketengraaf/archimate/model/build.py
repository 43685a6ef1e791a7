"""From items to the model's data: ids (given or made from names, unique whatever the order of the
file), then each item as the mapping a YAML file would hold, with where each key and list entry
stands in the XML.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from typing import Any, Optional

from ketengraaf.archimate import values as V
from ketengraaf.archimate.model.base import InterpreterBase, Item, Ref, name_of
from ketengraaf.archimate.model.properties import (BOOL_KEYS, FIELDS, KENMERK, MODEL_KEYS, NUMBER_KEYS, PREFIX,
                                                   SECTION, TEXT_KEYS)
from ketengraaf.archimate.model.results import Mapped, XmlDoc
from ketengraaf.archimate.reader import Prop
from ketengraaf.importers.roo import mapping as roo


class BuildPass(InterpreterBase):
    """Ids and the data, once every element and relationship is read."""

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
                name = it.c.name or f"{name_of(g)} {name_of(it.extra['van'])} {name_of(it.extra['naar'])}"
            else:
                name = it.c.name or ""
            base = roo.base_id(name, [], it.soort if it.kind == "organisatie" and it.soort else "overig") or it.kind
            derived.setdefault(base, []).append(it)
        for base, group in sorted(derived.items()):
            group.sort(key=lambda x: (x.c.identifier, name_of(x.extra.get("gegevens", (None,))[0])))
            for i, it in enumerate(group):
                if i == 0 and base not in taken:
                    it.id = base
                else:
                    h = _suffix(it.c.identifier + "\0" + name_of(it.extra.get("gegevens", (None,))[0]))
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
            if isinstance(g, Ref):
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
