"""Rules of theme opdrachtgevers: meervoudig opdrachtgeverschap (RULES.md, M01-M05).

An executor that serves several commissioners needs one coordinator (M01), a joint forum or
agenda (M02), assignments that do not collide (M03) and fit its capacity (M04); commissioners from
several governments make all of this harder (M05). Source: Werk aan Uitvoering, theme "Driehoek",
meervoudig opdrachtgeverschap.

Every check iterates in sorted order and uses the indexes of :class:`~ketengraaf.graph.view.Context`:
M03 only compares opdrachten within a group (opdrachtnemer, raakt id) with a sweep over their
periodes, M04 is a sweep over period boundaries per opdrachtnemer.

Each check yields the *facts* its rule declares (plain values the Cypher queries in
``queries/rules/M0*.cypher`` compute too); each rule's ``present`` derives the message fields of one
language. Names are the ``naam`` of a node (its id when it has none); lists of names are in the
order of the nodes' ids.

M04 is arithmetic: how much the running opdrachten ask on the busiest day, summed exactly. Both
backends gather the same raw rows (each executor with a capaciteit and its not-finished opdrachten)
and one function, :func:`peak_demand`, decides for both — and for every diagram that prints the
demand next to an M04 badge.
"""

from __future__ import annotations

import heapq
from decimal import Decimal, localcontext
from typing import Any, Iterable, Iterator, Mapping, Optional, TypedDict

from ketengraaf.rules.base import Fact, Hit, Kind, Rule
from ketengraaf.rules.figures import EXACT, dec, number_text, q9
from ketengraaf.rules.examples import example
from ketengraaf.rules.text import namen as _namen
from ketengraaf.rules.text import opsomming as _join

#: Sorts after every ISO date: an open upper bound.
_OPEN_END = "\uffff"


# ---------------------------------------------------------------------------------------- helpers
def _start(ctx: Any, a: Any) -> str:
    """First day of the opdracht's periode on or after the peildatum."""
    return a.van if a.van is not None and a.van > ctx.peil else ctx.peil


def _end(a: Any) -> str:
    return a.tot if a.tot is not None else _OPEN_END


def _multi(ctx: Any) -> Iterator[tuple[str, list[str]]]:
    """(X, opdrachtgevers(X)) for every X with at least two opdrachtgevers, X sorted."""
    for x in sorted(ctx.opdrachtgever_rels):
        ogs = ctx.opdrachtgevers(x)
        if len(ogs) >= 2:
            yield x, ogs


# ---------------------------------------------------------------------------------------- M01
def _check_m01(ctx: Any, p: Mapping[str, Any]) -> Iterator[Hit]:
    for x, ogs in _multi(ctx):
        coord = sorted({r.van for r in ctx.opdrachtgever_rels[x] if r.coordinerend})
        if len(coord) == 1:
            continue
        yield Hit(x, ogs, {"x": ctx.naam(x), "opdrachtgevers": _namen(ctx, ogs),
                           "coordinerend": _namen(ctx, coord)})


_M01_STAAT = {"nl": ("geen van hen is aangewezen als coördinerend opdrachtgever",
                     "{n} van hen zijn als coördinerend opdrachtgever aangemerkt ({lijst})"),
              "en": ("none of them is designated as the coordinating commissioner",
                     "{n} of them are marked as coordinating commissioner ({lijst})")}


def _present_m01(f: dict[str, Any], lang: str, p: Mapping[str, Any]) -> dict[str, Any]:
    coord = f["coordinerend"]
    geen, meer = _M01_STAAT[lang]
    staat = meer.format(n=len(coord), lijst=_join(coord, lang)) if coord else geen
    return {**_present_og(f, lang, p), "staat": staat}


def _present_og(f: dict[str, Any], lang: str, p: Mapping[str, Any]) -> dict[str, Any]:
    return {"n": len(f["opdrachtgevers"]), "og_lijst": _join(f["opdrachtgevers"], lang)}


_MULTI_FACTS = (Fact("x", str, "naam of the executor X"),
                Fact("opdrachtgevers", list[str], "naam of each opdrachtgever of X, sorted by id"))


M01 = Rule(
    code="M01",
    severity="error",
    name={"nl": "Meerdere opdrachtgevers zonder eenduidige coördinatie",
          "en": "Several commissioners without one coordinator"},
    message={
        "nl": "{x} heeft {n} opdrachtgevers ({og_lijst}), maar {staat}. Wijs precies één coördinerend "
              "opdrachtgever aan (coordinerend: true) die de opdrachten van alle opdrachtgevers afstemt en "
              "prioriteert.",
        "en": "{x} has {n} commissioners ({og_lijst}), but {staat}. Designate exactly one coordinating "
              "commissioner (coordinerend: true) who aligns and prioritises the assignments of all commissioners.",
    },
    rationale={
        "nl": "Werk aan Uitvoering (thema Driehoek, meervoudig opdrachtgeverschap) beschrijft wat er gebeurt als "
              "één uitvoerder opdrachten krijgt van meerdere opdrachtgevers: opdrachten overlappen of "
              "beïnvloeden elkaar, het overzicht gaat verloren en de volle portefeuille dwingt tot prioriteren. "
              "Een coördinerend opdrachtgever die de andere opdrachtgevers 'adopteert' is een van de oplossingen "
              "uit de praktijk. Zonder coördinator, of met meerdere die elkaar de rol betwisten, belandt de "
              "afweging tussen opdrachtgevers bij de uitvoerder, terwijl prioriteren een verantwoordelijkheid van "
              "de hele driehoek is.",
        "en": "Werk aan Uitvoering (theme Driehoek, multiple commissioning) describes what happens when one "
              "executor takes assignments from several commissioners: assignments overlap or affect each other, "
              "overview is lost and the full portfolio forces prioritisation. A coordinating commissioner who "
              "'adopts' the other commissioners is one of the remedies seen in practice. Without a coordinator, "
              "or with several who contest the role, the trade-off between commissioners lands on the executor, "
              "while prioritising is a responsibility of the whole triangle.",
    },
    fix={
        "nl": "Zet coordinerend: true op precies één opdrachtgeverrelatie naar de uitvoerder en haal het bij de "
              "andere weg; leg in het opdrachtgeversberaad vast hoe de coördinerend opdrachtgever de overige "
              "opdrachtgevers vertegenwoordigt.",
        "en": "Set coordinerend: true on exactly one commissioner relation to the executor and remove it from the "
              "others; agree in the commissioners' forum how the coordinating commissioner represents the others.",
    },
    source="Werk aan Uitvoering, thema Driehoek: meervoudig opdrachtgeverschap",
    bad=example("M01", "bad"),
    good=example("M01", "good"),
    check=_check_m01,
    subject=Kind.organisatie,
    facts=_MULTI_FACTS + (Fact("coordinerend", list[str], "naam of each opdrachtgever with coordinerend: true, "
                                                          "sorted by id (none, or two or more)"),),
    present=_present_m01,
    derived=("n", "og_lijst", "staat"),
)


# ---------------------------------------------------------------------------------------- M02
def _check_m02(ctx: Any, p: Mapping[str, Any]) -> Iterator[Hit]:
    soorten = p["soorten"]
    for x, ogs in _multi(ctx):
        members = [x, *ogs]
        if ctx.has_forum(members) or ctx.has_agreement(soorten, members):
            continue
        yield Hit(x, ogs, {"x": ctx.naam(x), "opdrachtgevers": _namen(ctx, ogs)})


M02 = Rule(
    code="M02",
    severity="warning",
    name={"nl": "Opdrachtgevers zonder gezamenlijk overleg", "en": "Commissioners without a joint forum"},
    message={
        "nl": "{x} heeft {n} opdrachtgevers ({og_lijst}), maar er is geen overleg waarin {x} en al deze "
              "opdrachtgevers samen zitten, en ook geen geldige opdrachtgeversagenda die zij samen hebben "
              "afgesloten. Richt een opdrachtgeversberaad in met alle opdrachtgevers en {x}, of bundel de "
              "opdrachten in een gezamenlijke opdrachtgeversagenda.",
        "en": "{x} has {n} commissioners ({og_lijst}), but there is no forum in which {x} and all these "
              "commissioners meet, nor a valid commissioners' agenda (opdrachtgeversagenda) they have agreed "
              "together. Set up a commissioners' forum with all commissioners and {x}, or bundle the assignments "
              "in a joint commissioners' agenda.",
    },
    rationale={
        "nl": "Werk aan Uitvoering (thema Driehoek, meervoudig opdrachtgeverschap) noemt als oplossingen uit de "
              "praktijk dat opdrachtgevers aanschuiven bij het driehoeksoverleg en dat alle opdrachten worden "
              "gebundeld in een gezamenlijke opdrachtgeversagenda. Zonder zo'n gezamenlijk overleg of agenda "
              "weegt niemand de opdrachten tegen elkaar af en moet de uitvoerder zelf kiezen tussen zijn "
              "opdrachtgevers.",
        "en": "Werk aan Uitvoering (theme Driehoek, multiple commissioning) names as remedies from practice that "
              "commissioners join the triangle's meeting and that all assignments are bundled in a joint "
              "commissioners' agenda. Without such a joint forum or agenda nobody weighs the assignments against "
              "each other and the executor has to choose between its commissioners itself.",
    },
    fix={
        "nl": "Voeg een organisatie van soort overleg toe met de uitvoerder en al zijn opdrachtgevers als "
              "deelnemers, of een geldige afspraak van soort opdrachtgeversagenda met hen allen als partijen.",
        "en": "Add an organisation of soort overleg with the executor and all its commissioners as deelnemers, or "
              "a valid afspraak of soort opdrachtgeversagenda with all of them as partijen.",
    },
    source="Werk aan Uitvoering, thema Driehoek: meervoudig opdrachtgeverschap",
    bad=example("M02", "bad"),
    good=example("M02", "good"),
    check=_check_m02,
    subject=Kind.organisatie,
    facts=_MULTI_FACTS,
    present=_present_og,
    derived=("n", "og_lijst"),
    params={"soorten": ("opdrachtgeversagenda",)},
)


# ---------------------------------------------------------------------------------------- M03
def _overlapping_pairs(ctx: Any) -> dict[tuple[str, str], tuple[Any, Any, str]]:
    """Pairs of active opdrachten with the same opdrachtnemer, a shared raakt id, different
    opdrachtgevers and periodes that overlap on or after the peildatum.

    Grouped by (opdrachtnemer, raakt id); within a group a sweep by start day keeps the open
    opdrachten bucketed by opdrachtgever, so a new one is only compared with open ones of *other*
    opdrachtgevers (each such comparison is a result): O(n log n + pairs).
    Returns {(id_a, id_b) sorted: (a, b, first common day)}.
    """
    groups: dict[tuple[str, str], list[Any]] = {}
    for a in ctx.active_assignments:
        for r in set(a.raakt):
            groups.setdefault((a.opdrachtnemer, r), []).append(a)
    pairs: dict[tuple[str, str], tuple[Any, Any, str]] = {}
    for key in sorted(groups):
        items = groups[key]
        if len(items) < 2:
            continue
        items = sorted(items, key=lambda a: (_start(ctx, a), a.id))
        open_by_og: dict[str, dict[str, Any]] = {}  # opdrachtgever -> {id: opdracht}
        ends: list[tuple[str, str, str]] = []  # heap of (end, id, opdrachtgever)
        for a in items:
            s = _start(ctx, a)
            while ends and ends[0][0] < s:  # periodes are inclusive: ending the day before s is closed
                _, oid, og = heapq.heappop(ends)
                bucket = open_by_og[og]
                del bucket[oid]
                if not bucket:
                    del open_by_og[og]
            for og in sorted(open_by_og):
                if og == a.opdrachtgever:
                    continue
                for b in open_by_og[og].values():
                    k = (a.id, b.id) if a.id < b.id else (b.id, a.id)
                    if k not in pairs:
                        pairs[k] = (a, b, s)
            open_by_og.setdefault(a.opdrachtgever, {})[a.id] = a
            heapq.heappush(ends, (_end(a), a.id, a.opdrachtgever))
    return pairs


def _check_m03(ctx: Any, p: Mapping[str, Any]) -> Iterator[Hit]:
    soorten = p["soorten"]
    for (id1, id2), (a, b, vanaf) in sorted(_overlapping_pairs(ctx).items()):
        if a.id != id1:
            a, b = b, a
        x = a.opdrachtnemer
        if ctx.has_agreement(soorten, (x, a.opdrachtgever, b.opdrachtgever)):
            continue
        gedeeld = sorted(set(a.raakt) & set(b.raakt))
        yield Hit((id1, id2), [a.opdrachtgever, b.opdrachtgever, x, *gedeeld], {
            "a": ctx.naam(a.id), "b": ctx.naam(b.id), "og_a": ctx.naam(a.opdrachtgever),
            "og_b": ctx.naam(b.opdrachtgever), "x": ctx.naam(x), "vanaf": vanaf,
            "op_peildatum": vanaf == ctx.peil, "middelen": _namen(ctx, gedeeld),
        })


_OVERLAP = {"nl": ("lopen vanaf {vanaf} tegelijk", "lopen op de peildatum ({vanaf}) al tegelijk"),
            "en": ("run at the same time from {vanaf}", "already run at the same time on the reference date ({vanaf})")}


def _present_m03(f: dict[str, Any], lang: str, p: Mapping[str, Any]) -> dict[str, Any]:
    return {"overlap": _OVERLAP[lang][f["op_peildatum"]].format(vanaf=f["vanaf"]),
            "middelen_lijst": _join(f["middelen"], lang)}


M03 = Rule(
    code="M03",
    severity="error",
    name={"nl": "Conflicterende opdrachten", "en": "Conflicting assignments"},
    message={
        "nl": "De opdrachten '{a}' van {og_a} en '{b}' van {og_b} aan {x} {overlap} en raken "
              "allebei {middelen_lijst}, maar er is geen geldige opdrachtgeversagenda van {x} met beide "
              "opdrachtgevers. Laat {og_a} en {og_b} samen met {x} de opdrachten op elkaar afstemmen en "
              "prioriteren, en leg dat vast in een opdrachtgeversagenda.",
        "en": "The assignments '{a}' from {og_a} and '{b}' from {og_b} to {x} {overlap} "
              "and both touch {middelen_lijst}, but there is no valid commissioners' agenda of {x} with both "
              "commissioners. Have {og_a} and {og_b} align and prioritise the assignments together with {x}, "
              "and record this in a commissioners' agenda (opdrachtgeversagenda).",
    },
    rationale={
        "nl": "Werk aan Uitvoering (thema Driehoek, meervoudig opdrachtgeverschap) noemt overlappende of elkaar "
              "beïnvloedende opdrachten als eerste gevolg van meervoudig opdrachtgeverschap. Twee opdrachten van "
              "verschillende opdrachtgevers die tegelijk hetzelfde systeem of dezelfde dienst veranderen, botsen "
              "in de uitvoering; een gezamenlijke opdrachtgeversagenda bundelt en prioriteert ze vooraf.",
        "en": "Werk aan Uitvoering (theme Driehoek, multiple commissioning) names overlapping or mutually "
              "influencing assignments as the first effect of multiple commissioning. Two assignments from "
              "different commissioners that change the same system or service at the same time collide in "
              "execution; a joint commissioners' agenda bundles and prioritises them beforehand.",
    },
    fix={
        "nl": "Stem de opdrachten af: verschuif een periode zodat ze elkaar niet overlappen, of sluit een geldige "
              "afspraak van soort opdrachtgeversagenda met de uitvoerder en beide opdrachtgevers als partijen.",
        "en": "Align the assignments: move one periode so they no longer overlap, or agree a valid afspraak of "
              "soort opdrachtgeversagenda with the executor and both commissioners as partijen.",
    },
    source="Werk aan Uitvoering, thema Driehoek: meervoudig opdrachtgeverschap",
    bad=example("M03", "bad"),
    good=example("M03", "good"),
    check=_check_m03,
    subject=Kind.combinatie,
    facts=(Fact("a", str, "naam of the opdracht with the smaller id"),
           Fact("b", str, "naam of the other opdracht"),
           Fact("og_a", str, "naam of a's opdrachtgever"), Fact("og_b", str, "naam of b's opdrachtgever"),
           Fact("x", str, "naam of their opdrachtnemer"),
           Fact("vanaf", str, "the first day on or after the peildatum both run (ISO date)"),
           Fact("op_peildatum", bool, "vanaf is the peildatum"),
           Fact("middelen", list[str], "naam of each middel both touch, sorted by id")),
    present=_present_m03,
    derived=("overlap", "middelen_lijst"),
    params={"soorten": ("opdrachtgeversagenda",)},
)


# ---------------------------------------------------------------------------------------- M04
class Claim(TypedDict):
    """M04's raw rows: a not-finished opdracht to an executor with a capaciteit."""

    id: str
    naam: str
    start: str  # the first day of its periode on or after the peildatum (ISO date)
    tot: Optional[str]  # the last day, inclusive; None = open
    capaciteit: Optional[float]  # FTE it claims; None counts 0


class Load(TypedDict):
    """M04's raw row per executor: what it has and what is asked of it."""

    x: str  # id of the executor
    naam: str
    cap: float  # its capaciteit
    peil: str  # the peildatum (ISO date)
    opdrachten: list[Claim]  # sorted by id


def peak_demand(peil: str, items: Iterable[Claim]) -> tuple[Any, str, list[str]]:
    """The highest summed capaciteit over the candidate days (the peildatum and every start after
    it), rounded half-even to 9 decimals, the earliest day it is reached, and the ids of the
    opdrachten running that day: a sweep over starts and ends with exact decimal sums.

    The one definition of "demand" in ketengraaf: M04 decides with it on both backends, and every
    diagram that prints the demand beside an M04 badge prints this.

    >>> peak_demand("2026-01-01", [Claim(id="a", naam="A", start="2026-01-01", tot="2026-06-30", capaciteit=0.1),
    ...                            Claim(id="b", naam="B", start="2026-03-01", tot=None, capaciteit=0.2)])
    (0.3, '2026-03-01', ['a', 'b'])
    """
    items = list(items)
    starts = sorted(((a["start"], dec(a["capaciteit"])) for a in items), key=lambda t: t[0])
    ends = sorted(((a["tot"] if a["tot"] is not None else _OPEN_END, dec(a["capaciteit"])) for a in items),
                  key=lambda t: t[0])
    days = sorted({peil, *(s for s, _ in starts)})
    total = Decimal(0)
    i = j = 0
    best: Optional[tuple[Any, str]] = None
    with localcontext() as c:
        c.prec = EXACT
        for d in days:
            while i < len(starts) and starts[i][0] <= d:
                total += starts[i][1]
                i += 1
            while j < len(ends) and ends[j][0] < d:  # inclusive end: active through its tot
                total -= ends[j][1]
                j += 1
            r = q9(total)
            if best is None or r > best[0]:
                best = (r, d)
    assert best is not None
    som, day = best
    active = sorted(a["id"] for a in items if a["start"] <= day <= (a["tot"] if a["tot"] is not None else _OPEN_END))
    return som, day, active


def load_of(ctx: Any, x: str) -> Optional[Load]:
    """M04's raw row for executor ``x`` (None when it has no capaciteit): its capaciteit and its
    not-finished opdrachten, sorted by id."""
    cap = ctx.orgs.get(x, {}).get("capaciteit")
    if cap is None:
        return None
    return Load(x=x, naam=ctx.naam(x), cap=cap, peil=ctx.peil, opdrachten=[
        Claim(id=a.id, naam=ctx.naam(a.id), start=_start(ctx, a), tot=a.tot, capaciteit=a.capaciteit)
        for a in ctx.assignments_to(x)])


def loads(ctx: Any) -> Iterator[Load]:
    """M04's raw rows on NetworkX (its Cypher twin returns the same): every executor with a
    capaciteit and at least one not-finished opdracht, sorted by id."""
    for x in ctx.executors_with_assignments():
        row = load_of(ctx, x)
        if row is not None:
            yield row


def demand(ctx: Any, x: str) -> Optional[tuple[Any, Any, str]]:
    """``(capaciteit, peak demand, its day)`` of executor ``x`` as M04 computes them (None without a
    capaciteit): what a picture prints beside an M04 badge, from the same function."""
    row = load_of(ctx, x)
    if row is None:
        return None
    som, day, _ = peak_demand(row["peil"], row["opdrachten"])
    return q9(dec(row["cap"])), som, day


def _decide_m04(rows: Iterable[Load], p: Mapping[str, Any]) -> Iterator[Hit]:
    for row in rows:
        som, day, active = peak_demand(row["peil"], row["opdrachten"])
        cap = q9(dec(row["cap"]))
        if not som > cap:
            continue
        naam = {a["id"]: a["naam"] for a in row["opdrachten"]}
        yield Hit(row["x"], active, {"x": row["naam"], "dag": day, "som": som, "cap": cap,
                                     "opdrachten": [naam[i] for i in active]})


def _check_m04(ctx: Any, p: Mapping[str, Any]) -> Iterator[Hit]:
    return _decide_m04(loads(ctx), p)


def _present_m04(f: dict[str, Any], lang: str, p: Mapping[str, Any]) -> dict[str, Any]:
    return {"som_getal": number_text(f["som"], lang), "cap_getal": number_text(f["cap"], lang),
            "opdrachten_lijst": _join(f["opdrachten"], lang)}


M04 = Rule(
    code="M04",
    severity="error",
    name={"nl": "Overbelaste opdrachtnemer", "en": "Executor over capacity"},
    message={
        "nl": "Op {dag} vragen de lopende opdrachten aan {x} samen {som_getal} fte ({opdrachten_lijst}), terwijl "
              "{x} een capaciteit van {cap_getal} fte heeft. Prioriteer de opdrachten samen met de opdrachtgevers, "
              "spreid ze in de tijd of maak afspraken over extra capaciteit.",
        "en": "On {dag} the running assignments to {x} together claim {som_getal} FTE ({opdrachten_lijst}), while "
              "{x} has a capacity of {cap_getal} FTE. Prioritise the assignments together with the commissioners, spread "
              "them over time or agree on extra capacity.",
    },
    rationale={
        "nl": "Volgens Werk aan Uitvoering (thema Driehoek, meervoudig opdrachtgeverschap) leidt een volle "
              "portefeuille tot gedwongen prioriteren en hogere werkdruk, en is prioriteren een "
              "verantwoordelijkheid van de hele driehoek, niet alleen van de uitvoerder. De uitvoeringsanalyse "
              "van het Beleidskompas vraagt daarom vooraf naar de capaciteit van de uitvoering.",
        "en": "According to Werk aan Uitvoering (theme Driehoek, multiple commissioning) a full portfolio forces "
              "prioritisation and raises the workload, and prioritising is a responsibility of the whole "
              "triangle, not just of the executor. The Beleidskompas feasibility analysis (uitvoeringsanalyse) "
              "therefore asks about the executor's capacity beforehand.",
    },
    fix={
        "nl": "Verlaag of verschuif de capaciteit of periode van opdrachten zodat de som op geen enkele dag boven "
              "de capaciteit van de opdrachtnemer komt, of verhoog diens capaciteit na een besluit in de driehoek.",
        "en": "Lower or move the capaciteit or periode of assignments so the sum exceeds the executor's capacity "
              "on no day, or raise its capaciteit after a decision in the triangle.",
    },
    source="Werk aan Uitvoering, thema Driehoek: meervoudig opdrachtgeverschap; Beleidskompas (uitvoeringsanalyse)",
    bad=example("M04", "bad"),
    good=example("M04", "good"),
    check=_check_m04,
    subject=Kind.organisatie,
    facts=(Fact("x", str, "naam of the executor X"),
           Fact("dag", str, "the peak day (ISO date): the earliest day with the highest demand"),
           Fact("som", float, "the capaciteit the opdrachten running that day claim, summed exactly and rounded "
                              "half-even to 9 decimals (an int when integral)"),
           Fact("cap", float, "X's capaciteit, rounded the same way"),
           Fact("opdrachten", list[str], "naam of each opdracht running that day, sorted by id")),
    present=_present_m04,
    derived=("som_getal", "cap_getal", "opdrachten_lijst"),
    decide=_decide_m04,
)


# ---------------------------------------------------------------------------------------- M05
def _check_m05(ctx: Any, p: Mapping[str, Any]) -> Iterator[Hit]:
    for x, ogs in _multi(ctx):
        besturen: set[str] = set()
        for o in ogs:
            besturen |= ctx.besturen(o)
        if len(besturen) < 2:
            continue
        bs = sorted(besturen)
        yield Hit(x, bs, {"x": ctx.naam(x), "opdrachtgevers": _namen(ctx, ogs), "besturen": _namen(ctx, bs)})


def _present_m05(f: dict[str, Any], lang: str, p: Mapping[str, Any]) -> dict[str, Any]:
    return {"n": len(f["besturen"]), "og_lijst": _join(f["opdrachtgevers"], lang),
            "besturen_lijst": _join(f["besturen"], lang)}


M05 = Rule(
    code="M05",
    severity="info",
    name={"nl": "Opdrachtgevers uit meerdere besturen", "en": "Commissioners answering to several governments"},
    message={
        "nl": "De opdrachtgevers van {x} ({og_lijst}) vallen onder {n} verschillende besturen: {besturen_lijst}. "
              "Zorg voor bestuurlijke afspraken tussen deze besturen over prioriteiten en bekostiging, "
              "bijvoorbeeld in een gezamenlijk opdrachtgeversberaad.",
        "en": "The commissioners of {x} ({og_lijst}) answer to {n} different governments: {besturen_lijst}. Make sure "
              "these governments agree on priorities and funding, for example in a joint commissioners' forum.",
    },
    rationale={
        "nl": "Werk aan Uitvoering (thema Driehoek) beschrijft meervoudig opdrachtgeverschap als een uitvoerder "
              "die opdrachten uitvoert voor meerdere beleidsdirecties, vaak van verschillende ministeries. Wanneer "
              "de opdrachtgevers onder verschillende besturen vallen, kan geen van hen alleen over prioriteiten "
              "en geld beslissen; dat vraagt om afspraken tussen die besturen. Dit is een signaal, geen fout.",
        "en": "Werk aan Uitvoering (theme Driehoek) describes multiple commissioning as an executor carrying out "
              "assignments for several policy directorates, often in different ministries. When the commissioners "
              "answer to different governments, none of them can decide on priorities and money alone; that "
              "takes agreements between those governments. This is a signal, not an error.",
    },
    fix={
        "nl": "Leg de afstemming tussen de besturen vast in een opdrachtgeversberaad of opdrachtgeversagenda met "
              "alle opdrachtgevers. Wie de bevinding wil laten verdwijnen, laat één coördinerend opdrachtgever de "
              "wensen van de andere besturen 'adopteren', zodat die via de agenda meepraten in plaats van zelf "
              "opdrachten te geven; anders is dit een bewuste keuze die als uitzondering kan worden vastgelegd.",
        "en": "Record how the governments align in a commissioners' forum or agenda with all commissioners. To "
              "make the finding go away, let one coordinating commissioner 'adopt' the wishes of the other "
              "governments, so they take part through the agenda instead of commissioning themselves; otherwise "
              "this is a deliberate choice that can be recorded as an uitzondering.",
    },
    source="Werk aan Uitvoering, thema Driehoek: meervoudig opdrachtgeverschap",
    bad=example("M05", "bad"),
    good=example("M05", "good"),
    check=_check_m05,
    subject=Kind.organisatie,
    facts=_MULTI_FACTS + (Fact("besturen", list[str], "naam of each bestuur in the union of besturen(O) over "
                                                      "the opdrachtgevers O, sorted by id"),),
    present=_present_m05,
    derived=("n", "og_lijst", "besturen_lijst"),
)


RULES: list[Rule] = [M01, M02, M03, M04, M05]
