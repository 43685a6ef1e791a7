"""The relationships of an exchange file: each becomes a reference between items (by its type, the
kinds of its ends and its role), a sturingsrelatie or a gegevensstroom, or is left out with its
reason.
"""

from __future__ import annotations

from typing import Any, Optional

from ketengraaf.archimate import values as V
from ketengraaf.archimate.mapping import COORDINEREND
from ketengraaf.archimate.model.base import InterpreterBase, Item, Ref, with_article
from ketengraaf.archimate.model.properties import RELATION_KEYS
from ketengraaf.archimate.reader import Concept, Prop


class RelationPasses(InterpreterBase):
    """What every relationship adds to the items."""

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
            return f"associates an afspraak with {with_article(other.kind)}, which has no meaning in ketengraaf"

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
                    return f"Association {what} between an organisatie and {with_article(x.kind)} has no meaning in ketengraaf"
                return (f"Association {what} between an organisatie and {with_article(x.kind)} names no role of "
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
        what = lambda k, c: with_article(k) if k != "relatie" else f"a {c.type} relationship"  # noqa: E731
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
            carried = [(Ref(v, "gegevens"), p.line) for v in V.ids(p.value)] or carried
        self.check(Item("", r, dict(rp), list(kenmerken)), RELATION_KEYS, "gegevensstroom")
        if not carried:
            return ("Flow between organisaties carries no gegevens: associate the BusinessObject or DataObject it "
                    "carries with it (or give it ketengraaf:gegevens) to make it a gegevensstroom")
        if "id" in rp and len(carried) > 1:
            self.error(rp["id"].line, f"ketengraaf:id names one gegevensstroom, and this Flow carries {len(carried)} gegevens")
        for g, line in carried:
            it = Item("gegevensstroom", r, rp, kenmerken)
            it.extra.update(van=s, naar=t, gegevens=(g, line))
            self.relations.append(it)
        return None


def _again(added: bool, r: Concept) -> Optional[str]:
    """None when a relationship added something; else why not: another one says the same."""
    return None if added else f"says what another {r.type} relationship between the same two already says"
