"""The elements of an exchange file: their kind and soort, then the ketens with their schakels, the
opdrachten and the afspraken, which need some relationships before the others are read.
"""

from __future__ import annotations

import difflib

from ketengraaf.archimate.mapping import DEFAULT_SOORT, KIND_SOORTEN, MIDDEL_SOORT, TYPES
from ketengraaf.archimate.model.base import InterpreterBase, Item
from ketengraaf.archimate.model.properties import ELEMENT_KEYS, PREFIX
from ketengraaf.importers.roo import mapping as roo


class ElementPasses(InterpreterBase):
    """Which elements become which kind of item, and which are left out."""

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
                        self.skip(c, "does not stand for an organisatie: no soort in ketengraaf:soort, its "
                                     "properties or its name (give it ketengraaf:soort to import it)")
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
