"""Rules of theme ketens: chains and their links (RULES.md, K01-K07).

A chain has "geen baas" (NORA, "Ketens de baas"): it needs direction (K01), every link an executor
(K02) and someone accountable (K03), agreements at every handover between organisations (K04),
override authority when it crosses governments (K05), a linear order (K06) and enough performance
as a whole (K07).

Every check walks ``ctx.chains`` (sorted by id) and their links in file order; K06 uses the
strongly connected components of each chain's ``volgt_op`` graph.

Each check yields the *facts* its rule declares (plain values the Cypher queries in
``queries/rules/K0*.cypher`` compute too); each rule's ``present`` derives the message fields of one
language. Names are the ``naam`` of a node (its id when it has none); lists of names are in the
order of the nodes' ids.

K07 is arithmetic: the chain's performance is the exact product of its links' prestaties. Both
backends gather the same raw rows (each chain with the links that have a prestatie) and one
function, :func:`chain_performance`, decides for both — and for every diagram that prints a chain's
performance (:func:`performance_texts` writes it as the message does).
"""

from __future__ import annotations

from typing import Any, Iterable, Iterator, Mapping, Optional, TypedDict

import networkx as nx

from ketengraaf.rules.base import Fact, Hit, Kind, Rule
from ketengraaf.rules.figures import dec, decimals_apart, product, q9, share_text
from ketengraaf.rules.examples import example
from ketengraaf.rules.text import namen as _namen
from ketengraaf.rules.text import opsomming as _join
from ketengraaf.rules.text import soorten_tekst


# ---------------------------------------------------------------------------------------- helpers
def _uitvoerders(chain: Any) -> list[str]:
    """The chain's distinct uitvoerders, sorted."""
    return sorted({s.uitvoerder for s in chain.schakels if s.uitvoerder is not None})


# ---------------------------------------------------------------------------------------- K01
def _check_k01(ctx: Any, p: Mapping[str, Any]) -> Iterator[Hit]:
    for k in ctx.chains:
        us = _uitvoerders(k)
        if len(us) < 2 or k.regisseur is not None or k.bestuur is not None:
            continue
        yield Hit(k.id, us, {"keten": ctx.naam(k.id), "uitvoerders": _namen(ctx, us)})


def _present_k01(f: dict[str, Any], lang: str, p: Mapping[str, Any]) -> dict[str, Any]:
    return {"n": len(f["uitvoerders"]), "uitvoerders_lijst": _join(f["uitvoerders"], lang)}


K01 = Rule(
    code="K01",
    severity="error",
    name={"nl": "Keten zonder regie", "en": "Chain without direction"},
    message={
        "nl": "De keten {keten} wordt uitgevoerd door {n} organisaties ({uitvoerders_lijst}), maar heeft geen "
              "ketenregisseur en geen ketenbestuur. Wijs een ketenregisseur aan of richt een ketenberaad in dat "
              "over de keten als geheel beslist.",
        "en": "The chain {keten} is carried out by {n} organisations ({uitvoerders_lijst}), but has no chain "
              "director (ketenregisseur) and no chain board (ketenbestuur). Appoint a chain director or set up a "
              "chain board that decides on the chain as a whole.",
    },
    rationale={
        "nl": "NORA (\"Ketens de baas\") wijst erop dat een keten 'geen baas' heeft: geen overkoepelend gezag dat "
              "conflicten tussen ketenpartners beslecht. Ketenregie en een ketenbestuur zijn daarom "
              "bouwstenen van ketensturing. Zonder regisseur of bestuur optimaliseert elke partner zijn eigen "
              "schakel en is niemand verantwoordelijk voor het resultaat van de keten.",
        "en": "NORA (\"Ketens de baas\") points out that a chain has 'no boss': no overarching authority that "
              "settles conflicts between chain partners. Chain direction and a chain board are therefore building "
              "blocks of chain steering. Without a director or board each partner optimises its own link and "
              "nobody is responsible for the result of the chain.",
    },
    fix={
        "nl": "Geef de keten een regisseur (een organisatie) of een bestuur (een organisatie van soort overleg, "
              "bijvoorbeeld het ketenberaad).",
        "en": "Give the chain a regisseur (an organisation) or a bestuur (an organisation of soort overleg, such "
              "as the chain board).",
    },
    source="NORA, \"Ketens de baas\" (2013): ketenregie, ketenbestuur, \"geen baas\"",
    bad=example("K01", "bad"),
    good=example("K01", "good"),
    check=_check_k01,
    subject=Kind.keten,
    facts=(Fact("keten", str, "naam of the keten"),
           Fact("uitvoerders", list[str], "naam of each distinct uitvoerder of its schakels, sorted by id")),
    present=_present_k01,
    derived=("n", "uitvoerders_lijst"),
)


# ---------------------------------------------------------------------------------------- K02
def _check_k02(ctx: Any, p: Mapping[str, Any]) -> Iterator[Hit]:
    for k in ctx.chains:
        for s in k.schakels:
            if s.uitvoerder is None:
                yield Hit(s.id, [k.id], {"schakel": ctx.naam(s.id), "keten": ctx.naam(k.id)})


K02 = Rule(
    code="K02",
    severity="error",
    name={"nl": "Schakel zonder uitvoerder", "en": "Link without executor"},
    message={
        "nl": "De schakel {schakel} in de keten {keten} heeft geen uitvoerder. Leg vast welke organisatie deze "
              "stap uitvoert.",
        "en": "The link {schakel} in the chain {keten} has no executor. Record which organisation carries out "
              "this step.",
    },
    rationale={
        "nl": "Een keten is volgens de WRR (2010), zoals aangehaald door NORA (\"Ketens de baas\"), een proces "
              "waarin verschillende organisaties samen aan een gemeenschappelijk resultaat werken. Een schakel "
              "zonder uitvoerder is een gat in die keten: de overdracht naar en van deze stap heeft geen "
              "aanspreekpunt en zaken kunnen er blijven liggen.",
        "en": "According to the WRR (2010), as cited by NORA (\"Ketens de baas\"), a chain is a process in which "
              "different organisations work together towards a common result. A link without an executor is a "
              "gap in that chain: the handovers to and from this step have no point of contact and cases can get "
              "stuck there.",
    },
    fix={
        "nl": "Vul bij de schakel uitvoerder in met de organisatie die de stap uitvoert, of verwijder de schakel "
              "als die stap niet (meer) bestaat.",
        "en": "Set the link's uitvoerder to the organisation that carries out the step, or remove the link if the "
              "step does not exist (any more).",
    },
    source="NORA, \"Ketens de baas\" (2013); WRR (2010), definitie van een keten",
    bad=example("K02", "bad"),
    good=example("K02", "good"),
    check=_check_k02,
    subject=Kind.schakel,
    facts=(Fact("schakel", str, "naam of the schakel"), Fact("keten", str, "naam of its keten")),
)


# ---------------------------------------------------------------------------------------- K03
def _check_k03(ctx: Any, p: Mapping[str, Any]) -> Iterator[Hit]:
    verantwoord = ctx.verantwoord
    for k in ctx.chains:
        for s in k.schakels:
            u = s.uitvoerder
            if u is None or s.eigenaar is not None or u in verantwoord:
                continue
            yield Hit(s.id, [k.id, u], {"schakel": ctx.naam(s.id), "keten": ctx.naam(k.id), "u": ctx.naam(u)})


K03 = Rule(
    code="K03",
    severity="error",
    name={"nl": "Schakel zonder eigenaar", "en": "Unowned chain link"},
    message={
        "nl": "De schakel {schakel} in de keten {keten} wordt uitgevoerd door {u}, maar niemand is er "
              "eindverantwoordelijk voor: de schakel heeft geen eigenaar en voor {u} is geen eigenaar vastgelegd "
              "die teruggaat op een bestuur of een onafhankelijk orgaan. Wijs een eigenaar van de schakel aan, of "
              "leg vast wie eigenaar is van {u}.",
        "en": "The link {schakel} in the chain {keten} is carried out by {u}, but nobody is ultimately accountable "
              "for it: the link has no owner and {u} has no recorded owner leading back to a government or an "
              "independent body. Appoint an owner of the link, or record who owns {u}.",
    },
    rationale={
        "nl": "De Regeling agentschappen 2024 (Stcrt. 2024, 32572) legt de continuïteit van een uitvoerder bij een "
              "eigenaar (de continuïteitsverantwoordelijke). NORA (\"Ketens de baas\") wijst erop dat in een keten "
              "niemand vanzelf eigenaar is van het geheel. Een schakel die door een organisatie zonder verantwoorde "
              "eigenaar wordt uitgevoerd, en die zelf geen eigenaar heeft, valt buiten elke verantwoordingslijn.",
        "en": "The Regeling agentschappen 2024 (Stcrt. 2024, 32572) places the continuity of an executor with an "
              "owner (the continuïteitsverantwoordelijke). NORA (\"Ketens de baas\") points out that in a chain "
              "nobody is the owner of the whole by default. A link carried out by an organisation without an "
              "accountable owner, and that has no owner of its own, falls outside every line of accountability.",
    },
    fix={
        "nl": "Geef de schakel een eigenaar (eigenaar: <organisatie>), of geef de uitvoerder een eigenaarrelatie "
              "vanuit een verantwoorde organisatie (sturingsrelatie met rol: eigenaar).",
        "en": "Give the link an owner (eigenaar: <organisation>), or give the executor an owner relation from an "
              "accountable organisation (a sturingsrelatie with rol: eigenaar).",
    },
    source="Regeling agentschappen 2024 (Stcrt. 2024, 32572); NORA, \"Ketens de baas\" (2013)",
    bad=example("K03", "bad"),
    good=example("K03", "good"),
    check=_check_k03,
    subject=Kind.schakel,
    facts=(Fact("schakel", str, "naam of the schakel"), Fact("keten", str, "naam of its keten"),
           Fact("u", str, "naam of its uitvoerder U")),
)


# ---------------------------------------------------------------------------------------- K04
def _check_k04(ctx: Any, p: Mapping[str, Any]) -> Iterator[Hit]:
    soorten = p["soorten"]
    for k in ctx.chains:
        by_id = {s.id: s for s in k.schakels}
        for s in k.schakels:
            if s.uitvoerder is None:
                continue
            for pid in sorted(set(s.volgt_op)):
                q = by_id.get(pid)
                if q is None or q.uitvoerder is None or q.uitvoerder == s.uitvoerder:
                    continue
                if ctx.has_agreement(soorten, (q.uitvoerder, s.uitvoerder), keten=k.id):
                    continue
                yield Hit((q.id, s.id), [q.uitvoerder, s.uitvoerder], {
                    "p": ctx.naam(q.id), "s": ctx.naam(s.id), "keten": ctx.naam(k.id),
                    "pu": ctx.naam(q.uitvoerder), "su": ctx.naam(s.uitvoerder)})


def _present_soorten(f: dict[str, Any], lang: str, p: Mapping[str, Any]) -> dict[str, Any]:
    return {"soorten_tekst": soorten_tekst(p["soorten"], lang)}


K04 = Rule(
    code="K04",
    severity="warning",
    name={"nl": "Overdracht zonder afspraak", "en": "Handover without agreement"},
    message={
        "nl": "In de keten {keten} draagt {pu} het werk van de schakel {p} over aan {su} voor de schakel {s}, maar "
              "er is geen geldige afspraak tussen {pu} en {su} die voor deze keten geldt. Leg de overdracht vast "
              "in een {soorten_tekst}.",
        "en": "In the chain {keten}, {pu} hands the work of the link {p} over to {su} for the link {s}, but there "
              "is no valid agreement between {pu} and {su} that applies to this chain. Record the handover in a "
              "{soorten_tekst}.",
    },
    rationale={
        "nl": "NORA (\"Ketens de baas\") beschrijft ketenpartners als wederzijds afhankelijk, met tegenstrijdige "
              "belangen en zonder baas. Waar het werk van de ene organisatie overgaat naar de andere, moeten de "
              "voorwaarden (wat wordt geleverd, wanneer, in welke kwaliteit) daarom expliciet zijn afgesproken; "
              "een afspraak die alleen voor een andere keten geldt of is verlopen, telt niet.",
        "en": "NORA (\"Ketens de baas\") describes chain partners as mutually dependent, with conflicting interests "
              "and no boss. Where the work of one organisation passes to another, the terms (what is delivered, "
              "when, at what quality) must therefore be agreed explicitly; an agreement that only applies to "
              "another chain or has expired does not count.",
    },
    fix={
        "nl": "Voeg een geldige afspraak toe van soort ketenafspraak, samenwerkingsafspraak, convenant of "
              "wettelijke-regeling met beide uitvoerders als partijen, zonder keten of met keten: deze keten.",
        "en": "Add a valid afspraak of soort ketenafspraak, samenwerkingsafspraak, convenant or "
              "wettelijke-regeling with both executors as partijen, without keten or with keten: this chain.",
    },
    source="NORA, \"Ketens de baas\" (2013): ketensamenwerking en ketenafspraken",
    bad=example("K04", "bad"),
    good=example("K04", "good"),
    check=_check_k04,
    subject=Kind.overdracht,
    facts=(Fact("p", str, "naam of the schakel P that hands over"), Fact("s", str, "naam of the schakel S"),
           Fact("keten", str, "naam of their keten"), Fact("pu", str, "naam of P's uitvoerder"),
           Fact("su", str, "naam of S's uitvoerder")),
    present=_present_soorten,
    derived=("soorten_tekst",),
    params={"soorten": ("ketenafspraak", "samenwerkingsafspraak", "convenant", "wettelijke-regeling")},
)


# ---------------------------------------------------------------------------------------- K05
def _check_k05(ctx: Any, p: Mapping[str, Any]) -> Iterator[Hit]:
    for k in ctx.chains:
        if k.doorzettingsmacht:
            continue
        besturen: set[str] = set()
        for u in _uitvoerders(k):
            besturen |= ctx.besturen(u)
        if len(besturen) < 2:
            continue
        bs = sorted(besturen)
        yield Hit(k.id, bs, {"keten": ctx.naam(k.id), "besturen": _namen(ctx, bs)})


def _present_k05(f: dict[str, Any], lang: str, p: Mapping[str, Any]) -> dict[str, Any]:
    return {"n": len(f["besturen"]), "besturen_lijst": _join(f["besturen"], lang)}


K05 = Rule(
    code="K05",
    severity="warning",
    name={"nl": "Keten over meerdere besturen zonder doorzettingsmacht",
          "en": "Chain across governments without override"},
    message={
        "nl": "De uitvoerders van de keten {keten} vallen onder {n} besturen ({besturen_lijst}), maar niemand in de "
              "keten heeft doorzettingsmacht. Beleg doorzettingsmacht, bijvoorbeeld bij een ketenbestuur, zodat "
              "er knopen worden doorgehakt als de ketenpartners het oneens zijn.",
        "en": "The executors of the chain {keten} answer to {n} governments ({besturen_lijst}), but nobody in the "
              "chain has override authority (doorzettingsmacht). Assign override authority, for example to a chain "
              "board, so decisions get made when the chain partners disagree.",
    },
    rationale={
        "nl": "NORA (\"Ketens de baas\") noemt het ontbreken van een baas als kenmerk van ketens: geen "
              "overkoepelend gezag dat conflicten beslecht. Als de uitvoerders aan verschillende besturen "
              "verantwoording afleggen, kan geen van die besturen via de lijn ingrijpen; zonder afgesproken "
              "doorzettingsmacht blijven geschillen in de keten dan onopgelost.",
        "en": "NORA (\"Ketens de baas\") names the absence of a boss as a feature of chains: no overarching "
              "authority that settles conflicts. When the executors answer to different governments, none of "
              "those governments can intervene through the line; without agreed override authority disputes in "
              "the chain remain unresolved.",
    },
    fix={
        "nl": "Leg vast wie bij een geschil beslist (bijvoorbeeld een ketenbestuur met een besluitvormingsmodel) en "
              "zet doorzettingsmacht: true bij de keten.",
        "en": "Record who decides in a dispute (for example a chain board with a decision-making model) and set "
              "doorzettingsmacht: true on the chain.",
    },
    source="NORA, \"Ketens de baas\" (2013): \"geen baas\", besluitvormingsmodel",
    bad=example("K05", "bad"),
    good=example("K05", "good"),
    check=_check_k05,
    subject=Kind.keten,
    facts=(Fact("keten", str, "naam of the keten"),
           Fact("besturen", list[str], "naam of each bestuur in the union of besturen(U) over its uitvoerders, "
                                       "sorted by id")),
    present=_present_k05,
    derived=("n", "besturen_lijst"),
)


# ---------------------------------------------------------------------------------------- K06
def _on_cycle(chain: Any) -> list[str]:
    """Ids of the links that lie on a cycle of the chain's volgt_op graph: members of a strongly
    connected component with two or more links, and links that follow themselves."""
    G = nx.DiGraph()
    ids = {s.id for s in chain.schakels}
    G.add_nodes_from(ids)
    for s in chain.schakels:
        for p in s.volgt_op:
            if p in ids:
                G.add_edge(p, s.id)
    out: set[str] = set()
    for comp in nx.strongly_connected_components(G):
        if len(comp) >= 2:
            out |= comp
        else:
            (n,) = comp
            if G.has_edge(n, n):
                out.add(n)
    return sorted(out)


def _check_k06(ctx: Any, p: Mapping[str, Any]) -> Iterator[Hit]:
    for k in ctx.chains:
        cyc = _on_cycle(k)
        if cyc:
            yield Hit(k.id, cyc, {"keten": ctx.naam(k.id), "schakels": _namen(ctx, cyc)})


def _present_k06(f: dict[str, Any], lang: str, p: Mapping[str, Any]) -> dict[str, Any]:
    return {"schakels_lijst": _join(f["schakels"], lang)}


K06 = Rule(
    code="K06",
    severity="warning",
    name={"nl": "Cyclus in keten", "en": "Cycle in chain"},
    message={
        "nl": "De keten {keten} bevat een kringloop: de schakels {schakels_lijst} volgen via volgt_op (indirect) op "
              "zichzelf. Controleer de volgorde; is de terugkoppeling bedoeld, leg dan vast wie bewaakt dat zaken "
              "niet eindeloos rondgaan.",
        "en": "The chain {keten} contains a loop: the links {schakels_lijst} follow themselves (indirectly) through "
              "volgt_op. Check the order; if the feedback is intended, record who makes sure cases do not circle "
              "endlessly.",
    },
    rationale={
        "nl": "De WRR (2010), aangehaald door NORA (\"Ketens de baas\"), omschrijft een keten als een lineair "
              "proces waarin organisaties samen aan een gemeenschappelijk resultaat werken. Een kringloop in de "
              "volgorde is vaak een modelleerfout; is hij echt, dan kunnen zaken blijven rondgaan zonder dat "
              "iemand het resultaat bewaakt.",
        "en": "The WRR (2010), cited by NORA (\"Ketens de baas\"), describes a chain as a linear process in which "
              "organisations work towards a common result. A loop in the order is often a modelling error; if it "
              "is real, cases can keep circling without anyone guarding the result.",
    },
    fix={
        "nl": "Corrigeer volgt_op zodat de schakels een volgorde zonder kringloop vormen, of accepteer een bewuste "
              "terugkoppeling als uitzondering met de reden en wie haar bewaakt.",
        "en": "Correct volgt_op so the links form an order without loops, or accept a deliberate feedback loop as "
              "an uitzondering stating the reason and who guards it.",
    },
    source="NORA, \"Ketens de baas\" (2013); WRR (2010), keten als lineair proces",
    bad=example("K06", "bad"),
    good=example("K06", "good"),
    check=_check_k06,
    subject=Kind.keten,
    facts=(Fact("keten", str, "naam of the keten"),
           Fact("schakels", list[str], "naam of each schakel that lies on a cycle, sorted by id")),
    present=_present_k06,
    derived=("schakels_lijst",),
)


# ---------------------------------------------------------------------------------------- K07
class Measured(TypedDict):
    """K07's raw rows: a schakel with a prestatie."""

    id: str
    naam: str
    prestatie: float


class Performance(TypedDict):
    """K07's raw row per keten with at least one measured schakel."""

    keten: str  # id
    naam: str
    schakels: list[Measured]  # in file order


def chain_performance(prestaties: Iterable[float]) -> Any:
    """The chain's performance: the exact product of the prestaties as written, rounded half-even
    to 9 decimals (an int when integral). The one definition: K07 decides with it on both backends,
    and every diagram that prints a chain's performance prints this.

    >>> chain_performance([0.95, 0.95, 0.95, 0.95, 0.95])
    0.773780938
    """
    return q9(product(prestaties))


def performances(ctx: Any) -> Iterator[Performance]:
    """K07's raw rows on NetworkX (its Cypher twin returns the same): every keten, sorted by id,
    with the schakels that have a prestatie, in file order."""
    for k in ctx.chains:
        measured = [s for s in k.schakels if s.prestatie is not None]
        if measured:  # no link has a prestatie: nothing is known, and there is no weakest link to name
            yield Performance(keten=k.id, naam=ctx.naam(k.id), schakels=[
                Measured(id=s.id, naam=ctx.naam(s.id), prestatie=s.prestatie) for s in measured])


def _decide_k07(rows: Iterable[Performance], p: Mapping[str, Any]) -> Iterator[Hit]:
    grens = threshold(p)
    for row in rows:
        measured = row["schakels"]
        product = chain_performance(s["prestatie"] for s in measured)
        if not product < grens:
            continue
        weakest = min(measured, key=lambda s: (q9(dec(s["prestatie"])), s["id"]))
        yield Hit(row["keten"], [weakest["id"]], {
            "keten": row["naam"], "n": len(measured), "schakel": weakest["naam"],
            "product": product, "drempel": grens, "prestatie": weakest["prestatie"]})


def _check_k07(ctx: Any, p: Mapping[str, Any]) -> Iterator[Hit]:
    return _decide_k07(performances(ctx), p)


def performance_texts(performance: Any, drempel: Any, lang: str) -> tuple[str, str]:
    """A chain's performance and the threshold as percentages, with as many decimals as it takes to
    tell them apart (79.999% is not printed as 80%). K07's message and the keten diagram print these.

    >>> performance_texts(0.79999, 0.8, "nl")
    ('79,999%', '80%')
    """
    d = decimals_apart(performance, drempel)
    return share_text(performance, lang, d), share_text(drempel, lang, d)


def measured_performance(chain: Any) -> Optional[tuple[Any, int]]:
    """``(chain_performance of its schakels' prestaties, how many have one)``; None when none has."""
    ps = [s.prestatie for s in chain.schakels if s.prestatie is not None]
    return (chain_performance(ps), len(ps)) if ps else None


def threshold(p: Mapping[str, Any]) -> Any:
    """K07's threshold from its effective params, rounded as the chain's performance is."""
    return q9(dec(p["drempel"]))


def _present_k07(f: dict[str, Any], lang: str, p: Mapping[str, Any]) -> dict[str, Any]:
    product_pct, drempel_pct = performance_texts(f["product"], f["drempel"], lang)
    return {"product_pct": product_pct, "drempel_pct": drempel_pct, "prestatie_pct": share_text(f["prestatie"], lang)}


K07 = Rule(
    code="K07",
    severity="info",
    name={"nl": "Zwakke keten", "en": "Weak chain"},
    message={
        "nl": "De keten {keten} haalt als geheel {product_pct} (het product van de prestaties van {n} schakels), "
              "minder dan de drempel van {drempel_pct}. De zwakste schakel is {schakel} met {prestatie_pct}; "
              "verbeteringen daar leveren de keten het meeste op.",
        "en": "The chain {keten} achieves {product_pct} as a whole (the product of the performance of {n} links), "
              "below the threshold of {drempel_pct}. The weakest link is {schakel} at {prestatie_pct}; improvements "
              "there gain the chain the most.",
    },
    rationale={
        "nl": "De prestatie van een keten is het product van de prestaties van haar schakels: vier schakels die "
              "elk 95% van de zaken goed afhandelen, halen samen ongeveer 81% (analyse van de strafrechtsketen, "
              "Ordina 2013). NORA (\"Ketens de baas\") vraagt daarom om ketenrapportage over het resultaat van de "
              "hele keten, niet alleen per schakel. Dit is een signaal, geen fout.",
        "en": "A chain's performance is the product of its links' performance: four links that each handle 95% of "
              "cases well achieve about 81% together (analysis of the criminal justice chain, Ordina 2013). NORA "
              "(\"Ketens de baas\") therefore asks for chain reporting on the result of the whole chain, not only "
              "per link. This is a signal, not an error.",
    },
    fix={
        "nl": "Verbeter de zwakste schakels (in ketenoverleg, met de ketenregisseur) of stel de drempel bewust "
              "anders in met --drempel; werk de prestatie van de schakels bij als er nieuwe cijfers zijn.",
        "en": "Improve the weakest links (in the chain forum, with the chain director) or set the threshold "
              "deliberately with --drempel; update the links' prestatie when new figures are available.",
    },
    source="NORA, \"Ketens de baas\" (2013): ketenrapportage; ketenprestatie als product (Ordina, 2013)",
    bad=example("K07", "bad"),
    good=example("K07", "good"),
    check=_check_k07,
    subject=Kind.keten,
    facts=(Fact("keten", str, "naam of the keten"),
           Fact("n", int, "number of its schakels with a prestatie"),
           Fact("schakel", str, "naam of the weakest schakel (the smallest id on ties)"),
           Fact("product", float, "the chain's performance: chain_performance() of the prestaties"),
           Fact("drempel", float, "the threshold, rounded the same way"),
           Fact("prestatie", float, "the weakest schakel's prestatie")),
    present=_present_k07,
    derived=("product_pct", "drempel_pct", "prestatie_pct"),
    params={"drempel": 0.8},
    decide=_decide_k07,
)


RULES: list[Rule] = [K01, K02, K03, K04, K05, K06, K07]
