"""Indexes over the NetworkX graph that the rules query, and the derived notions of MODEL.md.

:class:`Context` reads the graph once (linear) into plain dicts and lists, then answers the
questions the rules ask in near-constant time: who owns / commissions X, is there a valid
agreement of these soorten between these parties, is there a forum with these members, and the
derived notions *ancestors*, *verantwoord* and *besturen* (computed once, linearly).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from functools import cached_property
from typing import Any, Iterable, Iterator, Optional

import networkx as nx


@dataclass
class Rel:
    """A sturingsrelatie as an edge of the graph."""

    rol: str  # eigenaar | opdrachtgever
    van: str
    naar: str
    coordinerend: bool = False
    sturingsmodel: Optional[str] = None

    @property
    def key(self) -> str:
        return f"{self.rol}:{self.van}->{self.naar}"


@dataclass
class Agreement:
    id: str
    soort: str
    partijen: frozenset[str]
    geldig_van: Optional[str]
    geldig_tot: Optional[str]
    meerjarig: Optional[bool]
    keten: Optional[str]
    gegevens: Optional[frozenset[str]]
    #: The escalation ladder in order (its last id is the top); empty when the afspraak has none.
    escalatie: tuple[str, ...] = ()


@dataclass
class Assignment:
    id: str
    naam: Optional[str]
    opdrachtgever: str
    opdrachtnemer: str
    capaciteit: Optional[float]
    van: Optional[str]
    tot: Optional[str]
    raakt: list[str]
    nieuw_beleid: bool
    uitvoeringstoets: Optional[bool]


@dataclass
class Link:
    id: str
    naam: str
    keten: str
    volgorde: int
    uitvoerder: Optional[str]
    eigenaar: Optional[str]
    volgt_op: list[str]
    gebruikt: list[str]
    levert: list[str]
    prestatie: Optional[float]


@dataclass
class Chain:
    id: str
    naam: str
    regisseur: Optional[str]
    bestuur: Optional[str]
    doorzettingsmacht: bool
    schakels: list[Link] = field(default_factory=list)


@dataclass
class Dataset:
    id: str
    naam: str
    soort: str
    persoonsgegevens: bool
    eigenaar: Optional[str]
    beheerder: Optional[str]
    verwerkingsverantwoordelijke: Optional[str]
    bronhouders: list[str]
    afgeleid_van: list[str]


@dataclass
class Flow:
    id: str
    gegevens: str
    van: str
    naar: str
    grondslag: Optional[str]
    verwerker: bool


@dataclass
class Exception_:
    regel: str
    onderwerp: str
    reden: str
    geldig_tot: Optional[str]


class Context:
    """What the rules see of one graph at one peildatum.

    >>> import networkx as nx
    >>> G = nx.MultiDiGraph(model="m", peildatum="2026-01-01")
    >>> G.add_node("min", label="Organisatie", id="min", naam="Min", soort="ministerie", groep="bestuur")
    >>> G.add_node("sg", label="Organisatie", id="sg", naam="SG", soort="functie", groep="eenheid")
    >>> G.add_node("ag", label="Organisatie", id="ag", naam="Ag", soort="agentschap", groep="uitvoerder")
    >>> _ = G.add_edge("sg", "min", key="ONDERDEEL_VAN"); _ = G.add_edge("sg", "ag", key="EIGENAAR_VAN")
    >>> ctx = Context(G)
    >>> sorted(ctx.verantwoord), sorted(ctx.besturen("ag"))
    (['ag', 'min', 'sg'], ['min'])
    """

    def __init__(self, G: nx.MultiDiGraph, peildatum: Optional[date] = None):
        # One pass over NetworkX's adjacency dicts (its documented dict-of-dicts layout; the
        # public edge views cost several times more at 500,000 edges): out[u][type] = {v: data}.
        out: dict[str, dict[str, dict[str, dict[str, Any]]]] = {}
        for u, nbrs in G._succ.items():
            if not nbrs:
                continue
            ou: dict[str, dict[str, dict[str, Any]]] = {}
            for v, keydict in nbrs.items():
                for k, d in keydict.items():
                    vs = ou.get(k)
                    if vs is None:
                        ou[k] = {v: d}
                    else:
                        vs[v] = d
            out[u] = ou
        p = G.graph.get("peildatum")
        self._init(G._node, out, G.graph.get("model", ""),
                   peildatum or (date.fromisoformat(p) if p else date.today()))

    @classmethod
    def of_lists(cls, nodes: Iterable[tuple[str, dict[str, Any]]], edges: Iterable[tuple[str, str, str, dict[str, Any]]],
                 *, model_id: str, peildatum: date) -> "Context":
        """The same context, read straight from :func:`ketengraaf.graph.build.iter_graph`'s lists,
        without building the NetworkX graph first (what ``analyse`` needs: the rules read the
        context). Nodes and edges merge as the graph merges them: a repeated node or (source,
        target, type) updates the attributes of the first.

        >>> from datetime import date
        >>> ctx = Context.of_lists([("a", {"label": "Organisatie", "id": "a", "naam": "A", "soort": "agentschap",
        ...                                "groep": "uitvoerder"})], [], model_id="m", peildatum=date(2026, 1, 1))
        >>> ctx.naam("a"), ctx.orgs["a"]["groep"]
        ('A', 'uitvoerder')
        """
        node: dict[str, dict[str, Any]] = {}
        for n, a in nodes:
            d = node.get(n)
            if d is None:
                node[n] = a
            else:
                d.update(a)
        out: dict[str, dict[str, dict[str, dict[str, Any]]]] = {}
        for u, v, k, d in edges:
            ou = out.get(u)
            if ou is None:
                out[u] = {k: {v: d}}
                continue
            vs = ou.get(k)
            if vs is None:
                ou[k] = {v: d}
            elif v in vs:
                vs[v].update(d)
            else:
                vs[v] = d
        self = cls.__new__(cls)
        self._init(node, out, model_id, peildatum)
        return self

    def _init(self, nodes: dict[str, dict[str, Any]], out: dict[str, dict[str, dict[str, dict[str, Any]]]],
              model_id: str, peildatum: date) -> None:
        self._nodes = nodes
        self.peildatum: date = peildatum
        self.peil: str = peildatum.isoformat()
        self.model_id: str = model_id

        self.orgs: dict[str, dict[str, Any]] = {}
        self.parent: dict[str, str] = {}
        self.children: dict[str, list[str]] = {}
        self.deelnemers: dict[str, set[str]] = {}  # overleg -> members
        self.relations: list[Rel] = []
        self.eigenaars: dict[str, list[str]] = {}  # X -> distinct E (sorted)
        self.opdrachtgever_rels: dict[str, list[Rel]] = {}  # X -> relations O->X
        self.assignments: list[Assignment] = []
        self.agreements: list[Agreement] = []
        self.chains: list[Chain] = []
        self.datasets: dict[str, Dataset] = {}
        self.flows: list[Flow] = []
        self.exceptions: list[Exception_] = []
        self.middelen: dict[str, dict[str, Any]] = {}
        self._read(nodes, out)

    # ---------------------------------------------------------------------------------- reading
    def _read(self, nodes: dict[str, dict[str, Any]], out: dict[str, dict[str, dict[str, dict[str, Any]]]]) -> None:
        no_out: dict[str, dict[str, dict[str, Any]]] = {}

        def ordered(ou: dict[str, dict[str, dict[str, Any]]], k: str) -> list[str]:
            vs = ou.get(k)
            if not vs:
                return []
            if len(vs) > 1:
                return [v for v, _ in sorted(vs.items(), key=lambda vd: vd[1].get("volgorde", 0))]
            return list(vs)

        def one(ou: dict[str, dict[str, dict[str, Any]]], k: str) -> Optional[str]:
            vs = ou.get(k)
            return next(iter(vs)) if vs else None

        chains: dict[str, Chain] = {}
        links: list[tuple[int, dict[str, Any]]] = []
        for n, a in nodes.items():
            lab = a.get("label")
            ou = out.get(n, no_out)
            if lab == "Organisatie":
                self.orgs[n] = a
                if not ou:
                    continue
                p = one(ou, "ONDERDEEL_VAN")
                if p is not None:
                    self.parent[n] = p
                    self.children.setdefault(p, []).append(n)
                for ov in ou.get("DEELNEMER_VAN", ()):
                    self.deelnemers.setdefault(ov, set()).add(n)
                for t, e in ou.get("EIGENAAR_VAN", no_out).items():
                    self.relations.append(Rel("eigenaar", n, t, False, e.get("sturingsmodel")))
                for t, e in ou.get("OPDRACHTGEVER_VAN", no_out).items():
                    self.relations.append(Rel("opdrachtgever", n, t, bool(e.get("coordinerend")), e.get("sturingsmodel")))
            elif lab == "Opdracht":
                self.assignments.append(Assignment(
                    n, a.get("naam"), one(ou, "OPDRACHTGEVER") or "", one(ou, "OPDRACHTNEMER") or "",
                    a.get("capaciteit"), a.get("van"), a.get("tot"), ordered(ou, "RAAKT"),
                    bool(a.get("nieuw_beleid")), a.get("uitvoeringstoets")))
            elif lab == "Afspraak":
                g = ou.get("GEGEVENS")
                self.agreements.append(Agreement(
                    n, a["soort"], frozenset(ou.get("PARTIJ", ())), a.get("geldig_van"),
                    a.get("geldig_tot"), a.get("meerjarig"), one(ou, "KETEN"),
                    frozenset(g) if g else None, tuple(ordered(ou, "ESCALATIE"))))
            elif lab == "Keten":
                chains[n] = Chain(n, a.get("naam", n), one(ou, "REGISSEUR"), one(ou, "BESTUUR"),
                                  bool(a.get("doorzettingsmacht")))
            elif lab == "Schakel":
                links.append((a.get("volgorde", 0), a))
            elif lab == "Gegevens":
                self.datasets[n] = Dataset(
                    n, a.get("naam", n), a.get("soort", "dataset"), bool(a.get("persoonsgegevens")),
                    one(ou, "EIGENAAR"), one(ou, "BEHEERDER"), one(ou, "VERWERKINGSVERANTWOORDELIJKE"),
                    ordered(ou, "BRONHOUDER"), ordered(ou, "AFGELEID_VAN"))
            elif lab == "Gegevensstroom":  # the most numerous node: one() inlined
                g, v, t = ou.get("OVER"), ou.get("STROOM_VAN"), ou.get("STROOM_NAAR")
                self.flows.append(Flow(n, next(iter(g)) if g else "", next(iter(v)) if v else "",
                                       next(iter(t)) if t else "", a.get("grondslag"), bool(a.get("verwerker"))))
            elif lab == "Middel":
                self.middelen[n] = a
            elif lab == "Uitzondering":
                self.exceptions.append(Exception_(a["regel"], a["onderwerp"], a["reden"], a.get("geldig_tot")))
        for _, a in sorted(links, key=lambda t: t[0]):
            n = a["id"]
            ou = out.get(n, no_out)
            chains[a["keten"]].schakels.append(Link(
                n, a.get("naam", n), a["keten"], a.get("volgorde", 0), one(ou, "UITVOERDER"), one(ou, "EIGENAAR"),
                ordered(ou, "VOLGT_OP"), ordered(ou, "GEBRUIKT"), ordered(ou, "LEVERT"), a.get("prestatie")))
        self.chains = sorted(chains.values(), key=lambda c: c.id)
        self.assignments.sort(key=lambda x: x.id)
        self.agreements.sort(key=lambda x: x.id)
        self.flows.sort(key=lambda x: x.id)
        self.relations.sort(key=lambda r: (r.rol, r.van, r.naar))
        eig: dict[str, set[str]] = {}
        for r in self.relations:
            if r.rol == "eigenaar":
                eig.setdefault(r.naar, set()).add(r.van)
            else:
                self.opdrachtgever_rels.setdefault(r.naar, []).append(r)
        self.eigenaars = {x: sorted(s) for x, s in eig.items()}

        # agreement index: (soort, party) -> valid agreements
        self._agr_by: dict[tuple[str, str], list[Agreement]] = {}
        #: party -> valid agreements (of any soort) with an escalation ladder, sorted by id
        self.ladders_by: dict[str, list[Agreement]] = {}
        for ag in self.agreements:
            if not self.valid(ag.geldig_van, ag.geldig_tot):
                continue
            for p in ag.partijen:
                self._agr_by.setdefault((ag.soort, p), []).append(ag)
                if ag.escalatie:
                    self.ladders_by.setdefault(p, []).append(ag)
        self._forum_by: dict[str, list[str]] = {}
        for ov, members in self.deelnemers.items():
            if self.orgs.get(ov, {}).get("soort") == "overleg":
                for m in members:
                    self._forum_by.setdefault(m, []).append(ov)

    # ---------------------------------------------------------------------------------- helpers
    def naam(self, id_: str) -> str:
        """The display name of any node (its ``naam``, else its id)."""
        a = self._nodes.get(id_)
        return a.get("naam") or id_ if a is not None else id_

    def groep(self, x: str) -> Optional[str]:
        return self.orgs.get(x, {}).get("groep")

    def soort(self, x: str) -> Optional[str]:
        return self.orgs.get(x, {}).get("soort")

    def valid(self, van: Optional[str], tot: Optional[str]) -> bool:
        """``van <= peildatum <= tot`` with open bounds (ISO strings compare as dates)."""
        return (van is None or van <= self.peil) and (tot is None or self.peil <= tot)

    def finished(self, a: Assignment) -> bool:
        """An opdracht whose periode ends before the peildatum (MODEL.md)."""
        return a.tot is not None and a.tot < self.peil

    @cached_property
    def active_assignments(self) -> list[Assignment]:
        """Opdrachten that are not finished, sorted by id."""
        return [a for a in self.assignments if not self.finished(a)]

    @cached_property
    def _assignments_by_nemer(self) -> dict[str, list[Assignment]]:
        out: dict[str, list[Assignment]] = {}
        for a in self.active_assignments:
            out.setdefault(a.opdrachtnemer, []).append(a)
        return out

    def assignments_to(self, x: str) -> list[Assignment]:
        """The opdrachten to ``x`` that are not finished, sorted by id."""
        return self._assignments_by_nemer.get(x, [])

    def executors_with_assignments(self) -> list[str]:
        """Every opdrachtnemer of an opdracht that is not finished, sorted."""
        return sorted(self._assignments_by_nemer)

    @cached_property
    def _agreements_by_party(self) -> dict[str, list[Agreement]]:
        out: dict[str, list[Agreement]] = {}
        for ag in self.agreements:
            for p in ag.partijen:
                out.setdefault(p, []).append(ag)
        return out

    def agreements_of(self, x: str) -> list[Agreement]:
        """Every afspraak ``x`` is a partij of, valid or not, sorted by id."""
        return self._agreements_by_party.get(x, [])

    @cached_property
    def _relations_by_naar(self) -> dict[str, list[Rel]]:
        out: dict[str, list[Rel]] = {}
        for r in self.relations:
            out.setdefault(r.naar, []).append(r)
        return out

    def relations_to(self, x: str) -> list[Rel]:
        """The sturingsrelaties to ``x``, in the order of :attr:`relations`."""
        return self._relations_by_naar.get(x, [])

    def forums_of(self, x: str) -> list[str]:
        """The ``overleg`` organisations ``x`` takes part in, sorted."""
        return sorted(self._forum_by.get(x, ()))

    def opdrachtgevers(self, x: str) -> list[str]:
        """*opdrachtgevers(X)*: the distinct ``van`` of opdrachtgever relations to X, sorted."""
        return sorted({r.van for r in self.opdrachtgever_rels.get(x, ())})

    def valid_agreements(self, soorten: Iterable[str], parties: Iterable[str], *,
                         keten: Optional[str] = None, gegevens: Optional[str] = None,
                         meerjarig: Optional[bool] = None) -> Iterator[Agreement]:
        """The *valid* afspraken of one of ``soorten`` whose partijen include all ``parties``, per
        soort in the order given (each soort's candidates come from the rarest party).

        ``keten``: only agreements whose keten is absent or this one count.
        ``gegevens``: only agreements whose gegevens is absent or contains this one count.
        ``meerjarig``: only agreements with exactly this meerjarig value count.
        """
        ps = set(parties)
        if not ps:
            return
        for soort in soorten:
            # Scan the shortest candidate list among the parties.
            best: Optional[list[Agreement]] = None
            for p in ps:
                c = self._agr_by.get((soort, p))
                if not c:
                    best = None
                    break
                if best is None or len(c) < len(best):
                    best = c
            for ag in best or ():
                if not ps <= ag.partijen:
                    continue
                if keten is not None and ag.keten is not None and ag.keten != keten:
                    continue
                if gegevens is not None and ag.gegevens is not None and gegevens not in ag.gegevens:
                    continue
                if meerjarig is not None and bool(ag.meerjarig) != meerjarig:
                    continue
                yield ag

    def has_agreement(self, soorten: Iterable[str], parties: Iterable[str], *,
                      keten: Optional[str] = None, gegevens: Optional[str] = None,
                      meerjarig: Optional[bool] = None) -> bool:
        """Is there a *valid* afspraak of one of ``soorten`` whose partijen include all ``parties``?
        (The look-up of the rules that ask for an agreement: :meth:`valid_agreements`.)"""
        return next(self.valid_agreements(soorten, parties, keten=keten, gegevens=gegevens,
                                          meerjarig=meerjarig), None) is not None

    def find_agreement(self, soorten: Iterable[str], parties: Iterable[str], *,
                       keten: Optional[str] = None, gegevens: Optional[str] = None) -> Optional[Agreement]:
        """The agreement (smallest id) that makes :meth:`has_agreement` true, for a picture to name."""
        return min(self.valid_agreements(soorten, parties, keten=keten, gegevens=gegevens),
                   key=lambda ag: ag.id, default=None)

    def agreements_with(self, soort: str, party: str) -> list[Agreement]:
        """Valid agreements of ``soort`` that ``party`` is a partij of."""
        return self._agr_by.get((soort, party), [])

    def has_forum(self, members: Iterable[str]) -> bool:
        """Is there an ``overleg`` whose deelnemers include all ``members``?"""
        ms = set(members)
        best: Optional[list[str]] = None
        for m in ms:
            c = self._forum_by.get(m)
            if not c:
                return False
            if best is None or len(c) < len(best):
                best = c
        return any(ms <= self.deelnemers[ov] for ov in best or ())

    # ---------------------------------------------------------------------------------- derived notions
    def ancestors(self, x: str) -> set[str]:
        """*ancestors(X)*: organisations reached by following ``onderdeel_van`` upwards."""
        out: set[str] = set()
        p = self.parent.get(x)
        while p is not None and p not in out:
            out.add(p)
            p = self.parent.get(p)
        return out

    @cached_property
    def verantwoord(self) -> frozenset[str]:
        """*verantwoord*: the least set closed under MODEL.md's five rules, by forward propagation
        (each organisation enters the worklist once, each edge is looked at once)."""
        orgs = self.orgs
        eig_out: dict[str, list[str]] = {}
        og_out: dict[str, list[str]] = {}
        for r in self.relations:
            if r.van == r.naar:
                continue
            (eig_out if r.rol == "eigenaar" else og_out).setdefault(r.van, []).append(r.naar)
        done: set[str] = set()
        work = [x for x, a in orgs.items() if a.get("groep") == "bestuur" or a.get("onafhankelijk")]
        while work:
            x = work.pop()
            if x in done:
                continue
            done.add(x)
            gx = orgs[x].get("groep")
            for t in eig_out.get(x, ()):  # rule 2
                if t not in done:
                    work.append(t)
            for c in self.children.get(x, ()):  # rules 3 and 4
                gc = orgs.get(c, {}).get("groep")
                if c not in done and (gc == "eenheid" or orgs[c].get("soort") == "overleg"
                                      or (gc == "uitvoerder" and gx == "uitvoerder")):
                    work.append(c)
            for t in og_out.get(x, ()):  # rule 5
                if t not in done and orgs.get(t, {}).get("soort") in ("private", "overig"):
                    work.append(t)
        return frozenset(done)

    @cached_property
    def _nearest_bestuur(self) -> dict[str, Optional[str]]:
        memo: dict[str, Optional[str]] = {}
        for x in self.orgs:
            chain = []
            y: Optional[str] = x
            found: Optional[str] = None
            while y is not None:
                if y in memo:
                    found = memo[y]
                    break
                chain.append(y)
                if self.orgs.get(y, {}).get("groep") == "bestuur":
                    found = y
                    break
                y = self.parent.get(y)
            # everything on the walk (up to and including the found bestuur) maps to it
            for z in chain:
                memo[z] = found
        return memo

    @cached_property
    def _besturen(self) -> dict[str, frozenset[str]]:
        """*besturen* for every organisation: nearest bestuur ancestor-or-self; otherwise the
        union over eigenaars of X and of its ancestors — a reachability, computed over the strongly
        connected components of the dependency graph X -> parent(X), X -> eigenaar(X)."""
        near = self._nearest_bestuur
        D = nx.DiGraph()
        base: dict[str, frozenset[str]] = {}
        for x in self.orgs:
            b = near.get(x)
            if b is not None:
                base[x] = frozenset((b,))
                continue
            D.add_node(x)
            p = self.parent.get(x)
            if p is not None and p in self.orgs:
                D.add_edge(x, p)
            for e in self.eigenaars.get(x, ()):
                if e in self.orgs:
                    D.add_edge(x, e)
        result: dict[str, frozenset[str]] = dict(base)
        if D.number_of_nodes():
            C = nx.condensation(D)
            members = C.graph["mapping"]
            comp_val: dict[int, frozenset[str]] = {}
            for c in reversed(list(nx.topological_sort(C))):
                acc: set[str] = set()
                for x in C.nodes[c]["members"]:
                    for y in D.successors(x):
                        if y in base:
                            acc |= base[y]
                for c2 in C.successors(c):
                    acc |= comp_val[c2]
                comp_val[c] = frozenset(acc)
            for x, c in members.items():
                if x not in base:  # a bestuur-grounded eigenaar keeps its own answer
                    result[x] = comp_val[c]
        return result

    def besturen(self, x: str) -> frozenset[str]:
        """*besturen(X)*: the democratically accountable roots X answers to."""
        return self._besturen.get(x, frozenset())

    def gezag(self, t: str) -> frozenset[str]:
        """*gezag(T)*: whose disagreements T can settle: besturen(T), and for an ``overleg`` also
        besturen(D) of each of its deelnemers D. Not recursive: a deelnemer that is itself an
        overleg adds its own besturen, not those of its deelnemers."""
        g = self.besturen(t)
        if self.soort(t) == "overleg":
            g = g.union(*(self.besturen(d) for d in self.deelnemers.get(t, ())))
        return g
