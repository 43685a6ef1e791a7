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


def _clean(attrs: dict[str, Any]) -> dict[str, Any]:
    """Absent values are absent, not None."""
    return {k: v for k, v in attrs.items() if v is not None}


def iter_graph(model: Model) -> tuple[list[tuple[str, dict[str, Any]]], list[tuple[str, str, str, dict[str, Any]]]]:
    """The nodes ``(id, attrs)`` and edges ``(source, target, type, attrs)`` of the model.

    Both backends consume these two lists: NetworkX adds them, Neo4j writes them in batches.
    Every node's attrs carry ``label``; edges carry their type separately.
    """
    nodes: list[tuple[str, dict[str, Any]]] = []
    edges: list[tuple[str, str, str, dict[str, Any]]] = []
    n_add = nodes.append
    e_add = edges.append

    def many(src: str, targets: Optional[Iterable[str]], typ: str) -> None:
        for i, t in enumerate(targets or ()):
            e_add((src, t, typ, {"volgorde": i}))

    for o in model.organisaties:
        n_add((o.id, _clean({"label": "Organisatie", "id": o.id, "naam": o.naam, "soort": o.soort.value,
                             "groep": GROEPEN[o.soort.value], "onafhankelijk": o.onafhankelijk,
                             "capaciteit": o.capaciteit, "kenmerken": o.kenmerken or None})))
        if o.onderdeel_van is not None:
            e_add((o.id, o.onderdeel_van, "ONDERDEEL_VAN", {}))
        for i, d in enumerate(o.deelnemers or ()):
            e_add((d, o.id, "DEELNEMER_VAN", {"volgorde": i}))
    for r in model.sturingsrelaties:
        sm = r.sturingsmodel.value if r.sturingsmodel else None
        if r.rol.value == "eigenaar":
            e_add((r.van, r.naar, "EIGENAAR_VAN", _clean({"sturingsmodel": sm, "kenmerken": r.kenmerken or None})))
        else:
            e_add((r.van, r.naar, "OPDRACHTGEVER_VAN", _clean({"coordinerend": r.coordinerend, "sturingsmodel": sm,
                                                                "kenmerken": r.kenmerken or None})))
    for a in model.opdrachten:
        p = a.periode
        n_add((a.id, _clean({"label": "Opdracht", "id": a.id, "naam": a.naam, "capaciteit": a.capaciteit,
                             "van": _iso(p.van) if p else None, "tot": _iso(p.tot) if p else None,
                             "nieuw_beleid": a.nieuw_beleid, "uitvoeringstoets": a.uitvoeringstoets,
                             "kenmerken": a.kenmerken or None})))
        e_add((a.id, a.opdrachtgever, "OPDRACHTGEVER", {}))
        e_add((a.id, a.opdrachtnemer, "OPDRACHTNEMER", {}))
        many(a.id, a.raakt, "RAAKT")
    for f in model.afspraken:
        n_add((f.id, _clean({"label": "Afspraak", "id": f.id, "naam": f.naam, "soort": f.soort.value,
                             "geldig_van": _iso(f.geldig_van), "geldig_tot": _iso(f.geldig_tot),
                             "meerjarig": f.meerjarig, "kenmerken": f.kenmerken or None})))
        many(f.id, f.partijen, "PARTIJ")
        if f.keten is not None:
            e_add((f.id, f.keten, "KETEN", {}))
        many(f.id, f.gegevens, "GEGEVENS")
    for k in model.ketens:
        n_add((k.id, _clean({"label": "Keten", "id": k.id, "naam": k.naam, "doorzettingsmacht": k.doorzettingsmacht,
                             "kenmerken": k.kenmerken or None})))
        if k.regisseur is not None:
            e_add((k.id, k.regisseur, "REGISSEUR", {}))
        if k.bestuur is not None:
            e_add((k.id, k.bestuur, "BESTUUR", {}))
        for j, s in enumerate(k.schakels):
            n_add((s.id, _clean({"label": "Schakel", "id": s.id, "naam": s.naam, "keten": k.id, "volgorde": j,
                                 "prestatie": s.prestatie, "kenmerken": s.kenmerken or None})))
            e_add((k.id, s.id, "SCHAKEL", {"volgorde": j}))
            if s.uitvoerder is not None:
                e_add((s.id, s.uitvoerder, "UITVOERDER", {}))
            if s.eigenaar is not None:
                e_add((s.id, s.eigenaar, "EIGENAAR", {}))
            many(s.id, s.volgt_op, "VOLGT_OP")
            many(s.id, s.gebruikt, "GEBRUIKT")
            many(s.id, s.levert, "LEVERT")
    for g in model.gegevens:
        n_add((g.id, _clean({"label": "Gegevens", "id": g.id, "naam": g.naam, "soort": g.soort.value,
                             "persoonsgegevens": g.persoonsgegevens, "kenmerken": g.kenmerken or None})))
        for key, typ in (("eigenaar", "EIGENAAR"), ("beheerder", "BEHEERDER"),
                         ("verwerkingsverantwoordelijke", "VERWERKINGSVERANTWOORDELIJKE")):
            v = getattr(g, key)
            if v is not None:
                e_add((g.id, v, typ, {}))
        many(g.id, g.bronhouders, "BRONHOUDER")
        many(g.id, g.afgeleid_van, "AFGELEID_VAN")
    for st in model.gegevensstromen:
        n_add((st.id, _clean({"label": "Gegevensstroom", "id": st.id,
                              "grondslag": st.grondslag if st.heeft_grondslag else None,
                              "verwerker": st.verwerker, "kenmerken": st.kenmerken or None})))
        e_add((st.id, st.van, "STROOM_VAN", {}))
        e_add((st.id, st.naar, "STROOM_NAAR", {}))
        e_add((st.id, st.gegevens, "OVER", {}))
    for m in model.middelen:
        n_add((m.id, _clean({"label": "Middel", "id": m.id, "naam": m.naam, "soort": m.soort.value,
                             "kenmerken": m.kenmerken or None})))
        if m.beheerder is not None:
            e_add((m.id, m.beheerder, "BEHEERDER", {}))
    for u in model.uitzonderingen:
        key = f"{u.regel}:{u.onderwerp}"
        n_add((key, _clean({"label": "Uitzondering", "id": key, "regel": u.regel, "onderwerp": u.onderwerp,
                            "reden": u.reden, "geldig_tot": _iso(u.geldig_tot)})))
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
