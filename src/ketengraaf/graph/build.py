"""Build the NetworkX graph of a validated model, following :mod:`ketengraaf.graph.schema`.

>>> from ketengraaf.model.loader import Model
>>> from ketengraaf.model.types import Organisatie, Sturingsrelatie
>>> m = Model(id="m", naam="M", beschrijving=None, peildatum=None,
...           organisaties=[Organisatie(id="sg", naam="SG", soort="functie"),
...                         Organisatie(id="rws", naam="RWS", soort="agentschap")],
...           sturingsrelaties=[Sturingsrelatie(van="sg", naar="rws", rol="eigenaar")])
>>> G = build_graph(m)
>>> G.nodes["rws"]["label"], G.nodes["rws"]["groep"]
('Organisatie', 'uitvoerder')
>>> list(G.edges(keys=True))
[('sg', 'rws', 'EIGENAAR_VAN')]
"""

from __future__ import annotations

from datetime import date
from typing import Any, Iterable, Optional

import networkx as nx

from ketengraaf.graph.schema import EDGE_KINDS, NODE_KINDS
from ketengraaf.model.loader import Model
from ketengraaf.model.types import GROEPEN


def _iso(d: Optional[date]) -> Optional[str]:
    return d.isoformat() if d is not None else None


def iter_graph(model: Model) -> tuple[list[tuple[str, dict[str, Any]]], list[tuple[str, str, str, dict[str, Any]]]]:
    """The nodes ``(id, attrs)`` and edges ``(source, target, type, attrs)`` of the model.

    Both backends consume these two lists: NetworkX adds them, Neo4j writes them in batches.
    Every node's attrs carry ``label``; edges carry their type separately. Absent values are
    absent (never ``None``).

    This runs once per item of a national model (a million times), so attribute dicts are built
    directly, optional values added only when present, and enum values read as ``_value_``.
    """
    nodes: list[tuple[str, dict[str, Any]]] = []
    edges: list[tuple[str, str, str, dict[str, Any]]] = []
    n_add = nodes.append
    e_add = edges.append

    def many(src: str, targets: Iterable[str], typ: str) -> None:
        for i, t in enumerate(targets):
            e_add((src, t, typ, {"volgorde": i}))

    for o in model.organisaties:
        soort = o.soort._value_
        a: dict[str, Any] = {"label": "Organisatie", "id": o.id, "naam": o.naam, "soort": soort,
                             "groep": GROEPEN[soort], "onafhankelijk": o.onafhankelijk}
        if o.capaciteit is not None:
            a["capaciteit"] = o.capaciteit
        if o.kenmerken:
            a["kenmerken"] = o.kenmerken
        n_add((o.id, a))
        if o.onderdeel_van is not None:
            e_add((o.id, o.onderdeel_van, "ONDERDEEL_VAN", {}))
        if o.deelnemers:
            for i, d in enumerate(o.deelnemers):
                e_add((d, o.id, "DEELNEMER_VAN", {"volgorde": i}))
    for r in model.sturingsrelaties:
        a = {}
        if r.rol._value_ == "eigenaar":
            typ = "EIGENAAR_VAN"
        else:
            typ = "OPDRACHTGEVER_VAN"
            a["coordinerend"] = r.coordinerend
        if r.sturingsmodel is not None:
            a["sturingsmodel"] = r.sturingsmodel._value_
        if r.kenmerken:
            a["kenmerken"] = r.kenmerken
        e_add((r.van, r.naar, typ, a))
    for x in model.opdrachten:
        a = {"label": "Opdracht", "id": x.id}
        if x.naam is not None:
            a["naam"] = x.naam
        if x.capaciteit is not None:
            a["capaciteit"] = x.capaciteit
        p = x.periode
        if p is not None:
            if p.van is not None:
                a["van"] = p.van.isoformat()
            if p.tot is not None:
                a["tot"] = p.tot.isoformat()
        a["nieuw_beleid"] = x.nieuw_beleid
        if x.uitvoeringstoets is not None:
            a["uitvoeringstoets"] = x.uitvoeringstoets
        if x.kenmerken:
            a["kenmerken"] = x.kenmerken
        n_add((x.id, a))
        e_add((x.id, x.opdrachtgever, "OPDRACHTGEVER", {}))
        e_add((x.id, x.opdrachtnemer, "OPDRACHTNEMER", {}))
        if x.raakt:
            many(x.id, x.raakt, "RAAKT")
    for f in model.afspraken:
        a = {"label": "Afspraak", "id": f.id}
        if f.naam is not None:
            a["naam"] = f.naam
        a["soort"] = f.soort._value_
        if f.geldig_van is not None:
            a["geldig_van"] = f.geldig_van.isoformat()
        if f.geldig_tot is not None:
            a["geldig_tot"] = f.geldig_tot.isoformat()
        if f.meerjarig is not None:
            a["meerjarig"] = f.meerjarig
        if f.kenmerken:
            a["kenmerken"] = f.kenmerken
        n_add((f.id, a))
        many(f.id, f.partijen, "PARTIJ")
        if f.keten is not None:
            e_add((f.id, f.keten, "KETEN", {}))
        if f.gegevens:
            many(f.id, f.gegevens, "GEGEVENS")
        if f.escalatie:
            many(f.id, f.escalatie, "ESCALATIE")
    for k in model.ketens:
        a = {"label": "Keten", "id": k.id, "naam": k.naam, "doorzettingsmacht": k.doorzettingsmacht}
        if k.kenmerken:
            a["kenmerken"] = k.kenmerken
        n_add((k.id, a))
        if k.regisseur is not None:
            e_add((k.id, k.regisseur, "REGISSEUR", {}))
        if k.bestuur is not None:
            e_add((k.id, k.bestuur, "BESTUUR", {}))
        for j, s in enumerate(k.schakels):
            a = {"label": "Schakel", "id": s.id, "naam": s.naam, "keten": k.id, "volgorde": j}
            if s.prestatie is not None:
                a["prestatie"] = s.prestatie
            if s.kenmerken:
                a["kenmerken"] = s.kenmerken
            n_add((s.id, a))
            e_add((k.id, s.id, "SCHAKEL", {"volgorde": j}))
            if s.uitvoerder is not None:
                e_add((s.id, s.uitvoerder, "UITVOERDER", {}))
            if s.eigenaar is not None:
                e_add((s.id, s.eigenaar, "EIGENAAR", {}))
            if s.volgt_op:
                many(s.id, s.volgt_op, "VOLGT_OP")
            if s.gebruikt:
                many(s.id, s.gebruikt, "GEBRUIKT")
            if s.levert:
                many(s.id, s.levert, "LEVERT")
    for g in model.gegevens:
        a = {"label": "Gegevens", "id": g.id, "naam": g.naam, "soort": g.soort._value_,
             "persoonsgegevens": g.persoonsgegevens}
        if g.kenmerken:
            a["kenmerken"] = g.kenmerken
        n_add((g.id, a))
        if g.eigenaar is not None:
            e_add((g.id, g.eigenaar, "EIGENAAR", {}))
        if g.beheerder is not None:
            e_add((g.id, g.beheerder, "BEHEERDER", {}))
        if g.verwerkingsverantwoordelijke is not None:
            e_add((g.id, g.verwerkingsverantwoordelijke, "VERWERKINGSVERANTWOORDELIJKE", {}))
        if g.bronhouders:
            many(g.id, g.bronhouders, "BRONHOUDER")
        if g.afgeleid_van:
            many(g.id, g.afgeleid_van, "AFGELEID_VAN")
    for st in model.gegevensstromen:
        a = {"label": "Gegevensstroom", "id": st.id}
        if st.heeft_grondslag and st.grondslag is not None:
            a["grondslag"] = st.grondslag
        a["verwerker"] = st.verwerker
        if st.kenmerken:
            a["kenmerken"] = st.kenmerken
        n_add((st.id, a))
        e_add((st.id, st.van, "STROOM_VAN", {}))
        e_add((st.id, st.naar, "STROOM_NAAR", {}))
        e_add((st.id, st.gegevens, "OVER", {}))
    for m in model.middelen:
        a = {"label": "Middel", "id": m.id, "naam": m.naam, "soort": m.soort._value_}
        if m.kenmerken:
            a["kenmerken"] = m.kenmerken
        n_add((m.id, a))
        if m.beheerder is not None:
            e_add((m.id, m.beheerder, "BEHEERDER", {}))
    for u in model.uitzonderingen:
        key = f"{u.regel}:{u.onderwerp}"
        a = {"label": "Uitzondering", "id": key, "regel": u.regel, "onderwerp": u.onderwerp, "reden": u.reden}
        if u.geldig_tot is not None:
            a["geldig_tot"] = u.geldig_tot.isoformat()
        n_add((key, a))
    return nodes, edges


def build_graph(model: Model) -> nx.MultiDiGraph:
    """A ``MultiDiGraph`` with one node per id and edges keyed by their type (schema.EDGE_KINDS)."""
    nodes, edges = iter_graph(model)
    G = nx.MultiDiGraph(model=model.id, naam=model.naam, beschrijving=model.beschrijving,
                        peildatum=_iso(model.peildatum))
    fill(G, nodes, edges)
    return G


def fill(G: nx.MultiDiGraph, nodes: Iterable[tuple[str, dict[str, Any]]],
         edges: Iterable[tuple[str, str, str, dict[str, Any]]]) -> None:
    """Add ``nodes`` and keyed ``edges`` to an empty ``G``, writing its adjacency dicts directly.

    ``G`` takes ownership of the attribute dicts (no copies): pass fresh ones, as iter_graph does.

    The result is exactly ``G.add_nodes_from(nodes); G.add_edges_from(edges)`` (an edge's type is
    its key; an endpoint that is not a node becomes one without attributes), but about three times
    faster: NetworkX's generic methods check and copy every item, which took 3 s of a 100,000
    organisation model. It relies on NetworkX's documented dict-of-dicts layout (``_node``,
    ``_succ``, ``_pred``, the keydict shared between both directions); ``tests/test_graph_properties``
    compares it with the public methods, so a NetworkX that changes the layout fails that test.

    >>> G = nx.MultiDiGraph()
    >>> fill(G, [("a", {"label": "Organisatie"})], [("a", "b", "X", {}), ("a", "b", "Y", {"volgorde": 1})])
    >>> H = nx.MultiDiGraph()
    >>> H.add_nodes_from([("a", {"label": "Organisatie"})])
    >>> _ = H.add_edges_from([("a", "b", "X", {}), ("a", "b", "Y", {"volgorde": 1})])
    >>> nx.utils.graphs_equal(G, H)
    True
    """
    node, succ, pred = G._node, G._succ, G._pred
    if node:
        raise ValueError("fill() expects an empty graph")
    for n, a in nodes:
        if n in node:
            node[n].update(a)
        else:
            node[n] = a
            succ[n] = {}
            pred[n] = {}
    for u, v, k, d in edges:
        su = succ.get(u)
        if su is None:
            node[u], su, pred[u] = {}, {}, {}
            succ[u] = su
        if v not in node:
            node[v], succ[v], pred[v] = {}, {}, {}
        kd = su.get(v)
        if kd is None:
            kd = su[v] = {}
            pred[v][u] = kd
        kd[k] = d


def check_schema(G: nx.MultiDiGraph) -> list[str]:
    """Everything in ``G`` that the schema does not allow (empty for graphs built here)."""
    bad: list[str] = []
    for n, a in G.nodes(data=True):
        kind = NODE_KINDS.get(a.get("label", ""))
        if kind is None:
            bad.append(f"node {n!r} has unknown label {a.get('label')!r}")
            continue
        extra = set(a) - set(kind.properties) - {"label"}
        if extra:
            bad.append(f"node {n!r} has properties outside the schema: {sorted(extra)}")
    for u, v, k, a in G.edges(keys=True, data=True):
        ek = EDGE_KINDS.get(k)
        if ek is None:
            bad.append(f"edge {u!r}->{v!r} has unknown type {k!r}")
            continue
        if G.nodes[u].get("label") not in ek.source or G.nodes[v].get("label") not in ek.target:
            bad.append(f"edge {k} {u!r}->{v!r} joins {G.nodes[u].get('label')}->{G.nodes[v].get('label')}")
        extra = set(a) - set(ek.properties)
        if extra:
            bad.append(f"edge {k} {u!r}->{v!r} has properties outside the schema: {sorted(extra)}")
    return bad
