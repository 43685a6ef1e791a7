"""A ketengraaf model as the elements and relationships of an exchange file, before any XML.

Every item of the model becomes an element or a relationship, and what ArchiMate has no place for
goes into typed ``ketengraaf:*`` properties, so that importing the file gives back the same model
(the round trip; docs/archimate.md has the table):

=================  ================================================================================
organisatie        BusinessActor; onderdeel_van a Composition from the parent, deelnemers of an
                   overleg Aggregations from it
sturingsrelatie    a directed Association named eigenaar, opdrachtgever or coördinerend opdrachtgever
opdracht           WorkPackage; its opdrachtnemer assigned to it, its opdrachtgever associated
afspraak           Contract; an Association named partij to each partij, keten and gegevens to those
keten, schakel     BusinessProcess; the keten composes its schakels, in order; uitvoerder an
                   Assignment, volgt_op a Triggering, gebruikt/levert an Access (Read/Write)
gegevens           BusinessObject; eigenaar, beheerder, verwerkingsverantwoordelijke, bronhouder and
                   afgeleid van as named Associations
gegevensstroom     a Flow between the organisaties, the gegevens associated with it
middel             ApplicationComponent (systeem), ApplicationService (dienst), Resource (overig)
uitzondering       Assessment
=================  ================================================================================

Identifiers are derived from ketengraaf ids (``id-belastingdienst``; a relationship
``id-sg-fin-EIGENAAR-belastingdienst``: ids are lower case, so the upper-case word between them
keeps every identifier unique), elements and relationships are listed in a fixed order.

:func:`concepts` is a pure function of the model; :mod:`.export` adds the findings and the views
and writes the XML.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from typing import Any, Iterable, Optional

from ketengraaf.archimate import oef
from ketengraaf.archimate import values as V
from ketengraaf.archimate.model.properties import BOOL_KEYS, NUMBER_KEYS  # one definition, shared with the import
from ketengraaf.model.loader import Model

P = "ketengraaf:"
MIDDEL_TYPE = {"systeem": "ApplicationComponent", "dienst": "ApplicationService", "overig": "Resource"}
#: Subfolders of Archi's folders, one per kind (in Dutch, as the model's sections).
SUBFOLDER = {"organisatie": "Organisaties", "keten": "Ketens", "schakel": "Ketens", "afspraak": "Afspraken",
             "gegevens": "Gegevens", "middel": "Middelen", "opdracht": "Opdrachten", "uitzondering": "Uitzonderingen"}


@dataclass
class Concept:
    identifier: str
    type: str
    name: Optional[str]
    props: list[tuple[str, str]]
    folder: tuple[str, ...] = ()
    source: str = ""
    target: str = ""
    access: Optional[str] = None
    directed: bool = False
    documentation: Optional[str] = None


@dataclass
class ModelConcepts:
    """Every element and relationship of a model, and their identifiers by ketengraaf key."""

    elements: list[Concept] = field(default_factory=list)
    relationships: list[Concept] = field(default_factory=list)
    ids: set[str] = field(default_factory=set)
    #: ketengraaf key (an id, a relation key, a handover P->S, REGEL:ONDERWERP) -> identifier
    by_key: dict[str, str] = field(default_factory=dict)
    #: kenmerk name -> the types of its values
    kenmerk_types: dict[str, set[str]] = field(default_factory=dict)

    def element(self, c: Concept, key: Optional[str] = None) -> None:
        self.elements.append(c)
        self.ids.add(c.identifier)
        if key is not None:
            self.by_key[key] = c.identifier

    def relationship(self, c: Concept, key: Optional[str] = None) -> bool:
        if c.identifier in self.ids:  # the same relationship twice in a list (partijen: [a, a, b])
            return False
        self.relationships.append(c)
        self.ids.add(c.identifier)
        if key is not None:
            self.by_key[key] = c.identifier
        return True


def element_id(kid: str) -> str:
    """The identifier of the element for ketengraaf id ``kid``."""
    return f"id-{kid}"


def relationship_id(src: str, token: str, tgt: str) -> str:
    """``id-SRC-TOKEN-TGT``: ids are lower case and TOKEN upper case, so the identifier says which
    relationship it is and no two relationships share one."""
    return f"id-{src}-{token}-{tgt}"


def _hash_id(prefix: str, text: str) -> str:
    return f"id-{prefix}-{hashlib.sha1(text.encode('utf-8')).hexdigest()[:12]}"


def exception_id(regel: str, onderwerp: str) -> str:
    return _hash_id("UITZONDERING", f"{regel}:{onderwerp}")


def _props(out: ModelConcepts, obj: Any, keys: Iterable[str]) -> list[tuple[str, str]]:
    """The ketengraaf properties of ``obj``: the given keys that have a value (booleans only when
    true, Optional[bool] whenever set), then its kenmerken."""
    props: list[tuple[str, str]] = []
    for key in keys:
        attr = key.replace("periode.", "")
        v = getattr(obj.periode, attr, None) if key.startswith("periode.") and getattr(obj, "periode", None) else (
            None if key.startswith("periode.") else getattr(obj, key, None))
        if v is None:
            continue
        if key in BOOL_KEYS:
            if v is False and key not in ("meerjarig", "uitvoeringstoets"):
                continue
            props.append((P + key, V.format_bool(v)))
        elif key in NUMBER_KEYS:
            props.append((P + key, V.format_number(v)))
        elif key == "escalatie":
            props.append((P + key, ", ".join(v)))
        elif hasattr(v, "isoformat"):
            props.append((P + key, v.isoformat()))
        elif hasattr(v, "value"):
            props.append((P + key, v.value))
        else:
            props.append((P + key, str(v)))
    for k, v in (getattr(obj, "kenmerken", None) or {}).items():
        props.append((f"{P}kenmerk:{k}", V.format_kenmerk(v)))
        out.kenmerk_types.setdefault(k, set()).add(
            "boolean" if isinstance(v, bool) else "number" if isinstance(v, (int, float)) else "string")
    return props


def _typed(kind: str, kid: str, props: list[tuple[str, str]]) -> list[tuple[str, str]]:
    return [(P + "id", kid), (P + "type", kind), *props]


def concepts(m: Model) -> ModelConcepts:
    """Every element and relationship of the model, in the export's fixed order."""
    out = ModelConcepts()
    R = out.relationship

    def rel(typ: str, src: str, token: str, tgt: str, name: Optional[str] = None, *, directed: bool = False,
            access: Optional[str] = None, props: Optional[list[tuple[str, str]]] = None, key: Optional[str] = None,
            identifier: Optional[str] = None) -> None:
        R(Concept(identifier or relationship_id(src, token, tgt), typ, name, props or [], ("Relations",),
                  element_id(src) if not src.startswith("id-") else src,
                  element_id(tgt) if not tgt.startswith("id-") else tgt, access, directed), key)

    def item(kind: str, obj: Any, typ: str, keys: tuple[str, ...] = (), *, soort: bool = True,
             folder: tuple[str, ...] = ()) -> None:
        """The element of ``obj``: its id and kind, its soort, the properties ``keys``, its
        kenmerken; named after its id when it has no naam (afspraken, opdrachten)."""
        props = [(P + "soort", obj.soort.value)] if soort else []
        name = obj.naam if obj.naam is not None else obj.id
        out.element(Concept(element_id(obj.id), typ, name, _typed(kind, obj.id, props + _props(out, obj, keys)),
                            (oef.FOLDER_OF[typ], SUBFOLDER[kind], *folder)), obj.id)

    orgs = sorted(m.organisaties, key=lambda o: o.id)
    for o in orgs:
        item("organisatie", o, "BusinessActor", ("onafhankelijk", "capaciteit"))
    ketens = sorted(m.ketens, key=lambda k: k.id)
    for k in ketens:
        item("keten", k, "BusinessProcess", ("doorzettingsmacht",), soort=False)
        for s in k.schakels:
            item("schakel", s, "BusinessProcess", ("prestatie",), soort=False, folder=(k.naam,))
    afspraken = sorted(m.afspraken, key=lambda a: a.id)
    for a in afspraken:
        item("afspraak", a, "Contract", ("geldig_van", "geldig_tot", "meerjarig", "escalatie"))
    gegevens = sorted(m.gegevens, key=lambda g: g.id)
    for g in gegevens:
        item("gegevens", g, "BusinessObject", ("persoonsgegevens",))
    middelen = sorted(m.middelen, key=lambda x: x.id)
    for x in middelen:
        item("middel", x, MIDDEL_TYPE[x.soort.value])
    opdrachten = sorted(m.opdrachten, key=lambda a: a.id)
    for a in opdrachten:
        item("opdracht", a, "WorkPackage", ("capaciteit", "periode.van", "periode.tot", "nieuw_beleid",
                                            "uitvoeringstoets"), soort=False)
    for u in sorted(m.uitzonderingen, key=lambda u: (u.regel, u.onderwerp)):
        props = [(P + "type", "uitzondering"), (P + "regel", u.regel), (P + "onderwerp", u.onderwerp),
                 (P + "reden", u.reden)]
        if u.geldig_tot is not None:
            props.append((P + "geldig_tot", u.geldig_tot.isoformat()))
        out.element(Concept(exception_id(u.regel, u.onderwerp), "Assessment", f"Uitzondering {u.regel}: {u.onderwerp}",
                            props, ("Motivation", SUBFOLDER["uitzondering"])), f"{u.regel}:{u.onderwerp}")

    # relationships, item by item in the same order; lists in their order
    for o in orgs:
        if o.onderdeel_van:
            rel("Composition", o.onderdeel_van, "ONDERDEEL", o.id)
        for d in o.deelnemers or ():
            rel("Aggregation", o.id, "DEELNEMER", d)
    for r in sorted(m.sturingsrelaties, key=lambda r: (r.naar, r.rol.value, r.van)):
        name = "coördinerend opdrachtgever" if r.coordinerend else r.rol.value
        props = [(P + "sturingsmodel", r.sturingsmodel.value)] if r.sturingsmodel else []
        props += _props(out, r, ())
        rel("Association", r.van, r.rol.value.upper(), r.naar, name, directed=True, props=props, key=r.key)
    for k in ketens:
        if k.regisseur:
            rel("Association", k.regisseur, "REGISSEUR", k.id, "regisseur", directed=True)
        if k.bestuur:
            rel("Association", k.bestuur, "BESTUUR", k.id, "bestuur", directed=True)
        for s in k.schakels:
            rel("Composition", k.id, "SCHAKEL", s.id)
        for s in k.schakels:
            if s.uitvoerder:
                rel("Assignment", s.uitvoerder, "UITVOERDER", s.id)
            if s.eigenaar:
                rel("Association", s.eigenaar, "EIGENAAR", s.id, "eigenaar", directed=True)
            for p in s.volgt_op or ():
                rel("Triggering", p, "OVERDRACHT", s.id, key=f"{p}->{s.id}")
            for g in s.gebruikt or ():
                rel("Access", s.id, "GEBRUIKT", g, access="Read")
            for g in s.levert or ():
                rel("Access", s.id, "LEVERT", g, access="Write")
    for a in afspraken:
        for p in a.partijen:
            rel("Association", a.id, "PARTIJ", p, "partij")
        if a.keten:
            rel("Association", a.id, "KETEN", a.keten, "keten")
        for g in a.gegevens or ():
            rel("Association", a.id, "GEGEVENS", g, "gegevens")
    for g in gegevens:
        for who, token, name in ((g.eigenaar, "EIGENAAR", "eigenaar"), (g.beheerder, "BEHEERDER", "beheerder")):
            if who:
                rel("Association", who, token, g.id, name, directed=True)
        for b in g.bronhouders or ():
            rel("Association", b, "BRONHOUDER", g.id, "bronhouder", directed=True)
        if g.verwerkingsverantwoordelijke:
            rel("Association", g.verwerkingsverantwoordelijke, "VERWERKINGSVERANTWOORDELIJKE", g.id,
                "verwerkingsverantwoordelijke", directed=True)
        for src in g.afgeleid_van or ():
            rel("Association", g.id, "AFGELEID", src, "afgeleid van", directed=True)
    naam = {g.id: g.naam for g in m.gegevens}
    for st in sorted(m.gegevensstromen, key=lambda s: s.id):
        props = _typed("gegevensstroom", st.id, [])[:1]
        if st.grondslag is not None:
            props.append((P + "grondslag", st.grondslag))
        if st.verwerker:
            props.append((P + "verwerker", "true"))
        props += _props(out, st, ())
        rel("Flow", st.van, "", st.naar, naam.get(st.gegevens, st.gegevens), props=props, key=st.id,
            identifier=element_id(st.id))
        rel("Association", st.gegevens, "DRAAGT", element_id(st.id), "gegevens",
            identifier=relationship_id(st.gegevens, "DRAAGT", st.id))
    for x in middelen:
        if x.beheerder:
            rel("Association", x.beheerder, "BEHEERDER", x.id, "beheerder", directed=True)
    for a in opdrachten:
        rel("Association", a.opdrachtgever, "OPDRACHTGEVER", a.id, "opdrachtgever", directed=True)
        rel("Assignment", a.opdrachtnemer, "OPDRACHTNEMER", a.id)
        for x in a.raakt or ():
            rel("Association", a.id, "RAAKT", x, "raakt")
    return out
