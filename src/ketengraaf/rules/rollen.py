"""Rules of theme rollen (RULES.md, R01–R08): the three roles of the steering triangle
(eigenaar, opdrachtgever, opdrachtnemer), their separation and their grounding.

Every check iterates in sorted order and is near-linear in the size of the model:

* R04 (roles mixed through hierarchy) never compares eigenaars and opdrachtgevers pairwise: it
  numbers the ``onderdeel_van`` forest once (pre-order, :mod:`ketengraaf.rules.hierarchie`), so
  "A is an ancestor of B" becomes "B's number lies in A's subtree range", and finds all
  participants of a pair with binary search and a difference array per steered organisation.
* R05 (circular steering) uses strongly connected components (networkx), never cycle enumeration.

Each check yields *facts* (ids, names, booleans; lists of names sorted by the ids they belong to),
which the Cypher queries in ``queries/rules/R0*.cypher`` compute too; each rule's ``present`` turns
them into the message parameters of one language (joins, singular/plural, conditional phrases).
"""

from __future__ import annotations

from typing import Any, Iterable, Mapping

import networkx as nx

from ketengraaf.rules.base import Fact, Hit, Kind, Rule
from ketengraaf.rules.examples import example
from ketengraaf.rules.hierarchie import euler, hierarchy_pairs
from ketengraaf.rules.text import namen as _namen
from ketengraaf.rules.text import opsomming as _opsomming
from ketengraaf.rules.text import ROLLEN_DERIVED, rollen, soort_label, soorten_tekst

# ---------------------------------------------------------------------------------------- helpers

def _uitvoerders(ctx: Any) -> list[str]:
    return sorted(x for x, a in ctx.orgs.items() if a.get("groep") == "uitvoerder")


def _opdrachtgever_paren(ctx: Any) -> set[tuple[str, str]]:
    return {(r.van, r.naar) for rs in ctx.opdrachtgever_rels.values() for r in rs}


# ---------------------------------------------------------------------------------------- R01


def _check_r01(ctx: Any, p: Mapping[str, Any]) -> Iterable[Hit]:
    ver = ctx.verantwoord
    for x in _uitvoerders(ctx):
        if x in ver:
            continue
        eig = [e for e in ctx.eigenaars.get(x, ()) if e != x]
        yield Hit(x, (), {"naam": ctx.naam(x), "soort": ctx.soort(x) or "", "eigenaars": _namen(ctx, eig),
                          "zelf": x in ctx.eigenaars.get(x, ())})


_R01_WHY = {
    "nl": {"eigenaars": "{lijst} {staat} als eigenaar vermeld, maar {is_} zelf niet verankerd in een bestuur of "
                        "onafhankelijk orgaan",
           "een": {"staat": "staat", "is_": "is"}, "meer": {"staat": "staan", "is_": "zijn"},
           "zelf": "de enige eigenaarsrelatie is die met zichzelf", "geen": "er is geen eigenaarsrelatie vastgelegd"},
    "en": {"eigenaars": "{lijst} {staat} recorded as owner but {is_} not grounded in a government or independent "
                        "body {zelf}",
           "een": {"staat": "is", "is_": "is", "zelf": "itself"},
           "meer": {"staat": "are", "is_": "are", "zelf": "themselves"},
           "zelf": "its only owner relation is with itself", "geen": "no owner is recorded"},
}


def _present_r01(f: dict[str, Any], lang: str, p: Mapping[str, Any]) -> dict[str, Any]:
    w = _R01_WHY[lang]
    eig = f["eigenaars"]
    if eig:
        toel = w["eigenaars"].format(lijst=_opsomming(eig, lang), **w["een" if len(eig) == 1 else "meer"])
    else:
        toel = w["zelf"] if f["zelf"] else w["geen"]
    return {"soort_woord": soort_label(f["soort"], lang), "toelichting": toel}


R01 = Rule(
    code="R01",
    severity="error",
    name={"nl": "Uitvoerder zonder eigenaar", "en": "Executor without owner"},
    message={
        "nl": "{naam} ({soort_woord}) heeft geen eigenaar die verantwoording aflegt aan een bestuur "
              "(ministerie, gemeente, provincie of waterschap) of aan een onafhankelijk orgaan: {toelichting}. "
              "Niemand bewaakt zo de continuïteit van deze uitvoerder. Leg een eigenaar vast, bijvoorbeeld de "
              "secretaris-generaal van het verantwoordelijke ministerie.",
        "en": "{naam} ({soort_woord}) has no owner who answers to a government (ministry, municipality, province or "
              "water authority) or to an independent body: {toelichting}. Nobody guards the continuity of this "
              "executor. Record an owner, for instance the secretary-general of the responsible ministry.",
    },
    rationale={
        "nl": "De Regeling agentschappen 2024 (Stcrt. 2024, 32572) scheidt drie rollen: naast opdrachtgever "
              "(beleidsverantwoordelijke) en opdrachtnemer is er de eigenaar (continuïteitsverantwoordelijke, "
              "doorgaans de secretaris-generaal), die toeziet op de continuïteit, de bedrijfsvoering en het "
              "stelsel van werkafspraken en governance. Die verantwoordelijkheid moet uiteindelijk uitkomen bij "
              "een democratisch verantwoordelijk bestuur of een onafhankelijk orgaan; een kring van eigenaars "
              "die naar elkaar wijzen, telt niet. Een agentschap dat alleen organisatorisch onder een "
              "ministerie valt, heeft daarmee nog geen eigenaar: het model vraagt een expliciete eigenaar.",
        "en": "The Regeling agentschappen 2024 (Stcrt. 2024, 32572) separates three roles: besides the "
              "commissioner (beleidsverantwoordelijke) and the executor there is the owner "
              "(continuïteitsverantwoordelijke, usually the secretary-general), who oversees continuity, "
              "operations and the system of working agreements and governance. That responsibility must end "
              "with a democratically accountable government or an independent body; a loop of owners pointing "
              "at each other does not count. An agency that is merely placed under a ministry does not have an "
              "owner by that alone: the model asks for an explicit one.",
    },
    fix={
        "nl": "Voeg een sturingsrelatie met rol eigenaar toe vanuit een organisatie die zelf verantwoord is "
              "(bijvoorbeeld de secretaris-generaal, als functie onder het ministerie). Is de organisatie bij "
              "wet onafhankelijk, zet dan onafhankelijk: true.",
        "en": "Add a sturingsrelatie with rol eigenaar from an organisation that is itself accountable (for "
              "instance the secretary-general, a functie under the ministry). If the organisation is "
              "independent by law, set onafhankelijk: true.",
    },
    source="Regeling agentschappen 2024 (Stcrt. 2024, 32572), art. 6–7",
    bad=example("R01", "bad"),
    good=example("R01", "good"),
    check=_check_r01,
    subject=Kind.organisatie,
    facts=(Fact("naam", str, "naam of the uitvoerder X"),
           Fact("soort", str, "soort of X"),
           Fact("eigenaars", list[str], "naam of each eigenaar of X other than X itself, sorted by id"),
           Fact("zelf", bool, "X has an eigenaar relation to itself")),
    present=_present_r01,
    derived=("soort_woord", "toelichting"),
)

# ---------------------------------------------------------------------------------------- R02


def _check_r02(ctx: Any, p: Mapping[str, Any]) -> Iterable[Hit]:
    for x in _uitvoerders(ctx):
        if ctx.orgs[x].get("onafhankelijk") or ctx.opdrachtgever_rels.get(x):
            continue
        yield Hit(x, (), {"naam": ctx.naam(x), "soort": ctx.soort(x) or ""})


def _present_soort(f: dict[str, Any], lang: str, p: Mapping[str, Any]) -> dict[str, Any]:
    return {"soort_woord": soort_label(f["soort"], lang)}


R02 = Rule(
    code="R02",
    severity="warning",
    name={"nl": "Uitvoerder zonder opdrachtgever", "en": "Executor without commissioner"},
    message={
        "nl": "{naam} ({soort_woord}) heeft geen opdrachtgever: niemand bepaalt namens de beleidskant wát deze "
              "uitvoerder moet leveren. Leg vast welk directoraat-generaal of welke directie opdrachtgever is, "
              "of markeer de organisatie als onafhankelijk als zij bij wet niet wordt aangestuurd.",
        "en": "{naam} ({soort_woord}) has no commissioner: nobody on the policy side decides what this executor is "
              "to deliver. Record which directorate-general or directorate commissions it, or mark the "
              "organisation as independent if the law places it outside steering.",
    },
    rationale={
        "nl": "In de driehoek van de Regeling agentschappen 2024 (Stcrt. 2024, 32572) is de opdrachtgever "
              "(beleidsverantwoordelijke, een DG of directeur) degene die producten of diensten vraagt. Werk aan "
              "Uitvoering (thema Driehoek, rolvastheid) legt het zo uit: de opdrachtgever bepaalt het wat, de "
              "opdrachtnemer het hoe. Zonder opdrachtgever vult de uitvoerder het wat zelf in, of krijgt zij "
              "opdrachten via informele lijnen. Organisaties die bij wet onafhankelijk zijn (rechtspraak, Hoge "
              "Colleges van Staat, onafhankelijke toezichthouders) vallen hierbuiten.",
        "en": "In the triangle of the Regeling agentschappen 2024 (Stcrt. 2024, 32572) the commissioner "
              "(beleidsverantwoordelijke, a DG or director) is the one who asks for products or services. Werk aan "
              "Uitvoering (theme Driehoek, rolvastheid) puts it this way: the commissioner decides the what, the "
              "executor the how. Without a commissioner the executor fills in the what itself, or receives "
              "assignments through informal lines. Organisations that are independent by law (the judiciary, "
              "High Councils of State, independent supervisors) are exempt.",
    },
    fix={
        "nl": "Voeg een sturingsrelatie met rol opdrachtgever toe vanuit de beleidsverantwoordelijke DG of "
              "directie, of zet onafhankelijk: true als de organisatie bij wet niet wordt aangestuurd.",
        "en": "Add a sturingsrelatie with rol opdrachtgever from the responsible policy DG or directorate, or set "
              "onafhankelijk: true if the organisation is independent by law.",
    },
    source="Regeling agentschappen 2024 (Stcrt. 2024, 32572); Werk aan Uitvoering, Driehoek (rolvastheid)",
    bad=example("R02", "bad"),
    good=example("R02", "good"),
    check=_check_r02,
    subject=Kind.organisatie,
    facts=(Fact("naam", str, "naam of the uitvoerder X"), Fact("soort", str, "soort of X")),
    present=_present_soort,
    derived=("soort_woord",),
)

# ---------------------------------------------------------------------------------------- R03


def _check_r03(ctx: Any, p: Mapping[str, Any]) -> Iterable[Hit]:
    for x in sorted(ctx.eigenaars):
        beide = sorted(set(ctx.eigenaars[x]) & {r.van for r in ctx.opdrachtgever_rels.get(x, ())})
        if not beide:
            continue
        yield Hit(x, beide, {"naam": ctx.naam(x), "actoren": _namen(ctx, beide)})


_IS = {"nl": ("is", "zijn"), "en": ("is", "are")}


def _present_r03(f: dict[str, Any], lang: str, p: Mapping[str, Any]) -> dict[str, Any]:
    return {"actoren_lijst": _opsomming(f["actoren"], lang), "is_woord": _IS[lang][len(f["actoren"]) != 1]}


R03 = Rule(
    code="R03",
    severity="error",
    name={"nl": "Eigenaar is ook opdrachtgever", "en": "Owner is also commissioner"},
    message={
        "nl": "{actoren_lijst} {is_woord} zowel eigenaar als opdrachtgever van {naam}. Wie de opdrachten geeft, bewaakt "
              "dan ook zelf de continuïteit, en niemand weegt de belangen van beide rollen tegen elkaar af. "
              "Beleg het eigenaarschap bij een ander, bijvoorbeeld de secretaris-generaal.",
        "en": "{actoren_lijst} {is_woord} both owner and commissioner of {naam}. Whoever gives the assignments then also "
              "guards the continuity, and nobody weighs the interests of the two roles against each other. Give "
              "ownership to someone else, for instance the secretary-general.",
    },
    rationale={
        "nl": "De Regeling agentschappen 2024 (Stcrt. 2024, 32572) legt eigenaarschap "
              "(continuïteitsverantwoordelijke: de secretaris-generaal of diens plaatsvervanger) en "
              "opdrachtgeverschap (beleidsverantwoordelijke: een DG of directeur) bewust in verschillende "
              "handen. De eigenaar beschermt de lange termijn – financiën, bedrijfsvoering, governance – tegen "
              "de vragen van vandaag. Werk aan Uitvoering (thema Driehoek) noemt rolvastheid als "
              "samenwerkingsprincipe; wie beide rollen heeft, kan niet rolvast zijn.",
        "en": "The Regeling agentschappen 2024 (Stcrt. 2024, 32572) deliberately puts ownership "
              "(continuïteitsverantwoordelijke: the secretary-general or deputy) and commissioning "
              "(beleidsverantwoordelijke: a DG or director) in different hands. The owner protects the long term "
              "– finances, operations, governance – against today's demands. Werk aan Uitvoering (theme "
              "Driehoek) names rolvastheid (staying in one's role) as a working principle; whoever holds both "
              "roles cannot.",
    },
    fix={
        "nl": "Houd voor deze actor één rol over: meestal blijft de DG opdrachtgever en gaat het eigenaarschap "
              "naar de secretaris-generaal.",
        "en": "Keep one role for this actor: usually the DG stays commissioner and ownership moves to the "
              "secretary-general.",
    },
    source="Regeling agentschappen 2024 (Stcrt. 2024, 32572); Werk aan Uitvoering, Driehoek (rolvastheid)",
    bad=example("R03", "bad"),
    good=example("R03", "good"),
    check=_check_r03,
    subject=Kind.organisatie,
    facts=(Fact("naam", str, "naam of X"),
           Fact("actoren", list[str], "naam of each actor that is both eigenaar and opdrachtgever of X, sorted by id")),
    present=_present_r03,
    derived=("actoren_lijst", "is_woord"),
)

# ---------------------------------------------------------------------------------------- R04


def _check_r04(ctx: Any, p: Mapping[str, Any]) -> Iterable[Hit]:
    for x in sorted(ctx.eigenaars):
        es = ctx.eigenaars[x]
        os_ = ctx.opdrachtgevers(x)
        if not os_:
            continue
        e_set, o_set = hierarchy_pairs(ctx, list(es), os_)
        if not e_set:
            continue
        yield Hit(x, sorted(e_set | o_set), {"naam": ctx.naam(x), "eigenaars": _namen(ctx, sorted(e_set)),
                                             "opdrachtgevers": _namen(ctx, sorted(o_set))})


def _present_r04(f: dict[str, Any], lang: str, p: Mapping[str, Any]) -> dict[str, Any]:
    return rollen(f["eigenaars"], f["opdrachtgevers"], lang)


R04 = Rule(
    code="R04",
    severity="warning",
    name={"nl": "Rollen hiërarchisch vermengd", "en": "Roles mixed through hierarchy"},
    message={
        "nl": "Bij {naam} staan {e_woord} {eigenaars_lijst} en {o_woord} {opdrachtgevers_lijst} in dezelfde "
              "hiërarchische lijn: de een is onderdeel van de ander. De scheiding tussen eigenaar en "
              "opdrachtgever bestaat dan alleen op papier. Beleg het eigenaarschap buiten de lijn van de "
              "opdrachtgever, bijvoorbeeld bij de secretaris-generaal.",
        "en": "For {naam}, {e_woord} {eigenaars_lijst} and {o_woord} {opdrachtgevers_lijst} sit in the same line of "
              "hierarchy: one is part of the other. The separation between owner and commissioner then exists "
              "on paper only. Place ownership outside the commissioner's line, for instance with the "
              "secretary-general.",
    },
    rationale={
        "nl": "De Regeling agentschappen 2024 (Stcrt. 2024, 32572) belegt het eigenaarschap bij de "
              "secretaris-generaal en het opdrachtgeverschap bij een DG of directeur, zodat de twee rollen "
              "elkaar in evenwicht houden. Valt de eigenaar onder de opdrachtgever (of andersom), dan beslist "
              "uiteindelijk één lijn over beide; dat is een vorm van rolvermenging die Werk aan Uitvoering "
              "(thema Driehoek, rolvastheid) wil voorkomen. De secretaris-generaal en de DG's zijn zusters "
              "onder het ministerie, en vallen dus niet onder elkaar.",
        "en": "The Regeling agentschappen 2024 (Stcrt. 2024, 32572) gives ownership to the secretary-general and "
              "commissioning to a DG or director, so the two roles balance each other. When the owner sits "
              "under the commissioner (or the other way round), one line ultimately decides on both; that is "
              "the mixing of roles that Werk aan Uitvoering (theme Driehoek, rolvastheid) aims to prevent. The "
              "secretary-general and the DGs are siblings under the ministry, so neither is part of the other.",
    },
    fix={
        "nl": "Verplaats het eigenaarschap naar een organisatie buiten de lijn van de opdrachtgever, meestal de "
              "secretaris-generaal, of laat de opdracht lopen via een opdrachtgever die niet boven of onder de "
              "eigenaar staat.",
        "en": "Move ownership to an organisation outside the commissioner's line, usually the "
              "secretary-general, or let commissioning run through a commissioner that is neither above nor "
              "below the owner.",
    },
    source="Regeling agentschappen 2024 (Stcrt. 2024, 32572); Werk aan Uitvoering, Driehoek (rolvastheid)",
    bad=example("R04", "bad"),
    good=example("R04", "good"),
    check=_check_r04,
    subject=Kind.organisatie,
    facts=(Fact("naam", str, "naam of X"),
           Fact("eigenaars", list[str], "naam of each eigenaar E in a pair (E != O, one an ancestor of the other), "
                                        "sorted by id"),
           Fact("opdrachtgevers", list[str], "naam of each opdrachtgever O in such a pair, sorted by id")),
    present=_present_r04,
    derived=ROLLEN_DERIVED,
)

# ---------------------------------------------------------------------------------------- R05


def _check_r05(ctx: Any, p: Mapping[str, Any]) -> Iterable[Hit]:
    D = nx.DiGraph()
    self_loops: set[str] = set()
    for r in ctx.relations:
        if r.van == r.naar:
            self_loops.add(r.van)
        D.add_edge(r.van, r.naar)
    comps: list[list[str]] = []
    for comp in nx.strongly_connected_components(D):
        if len(comp) >= 2 or next(iter(comp)) in self_loops:
            comps.append(sorted(comp))
    for members in sorted(comps, key=lambda c: "+".join(c)):
        yield Hit(tuple(members), members, {"leden": _namen(ctx, members)})


_KRING = {"nl": ("{lijst} stuurt zichzelf aan als eigenaar of opdrachtgever",
                 "{lijst} sturen elkaar in een kring aan als eigenaar of opdrachtgever"),
          "en": ("{lijst} steers itself as owner or commissioner",
                 "{lijst} steer each other in a loop as owner or commissioner")}


def _present_r05(f: dict[str, Any], lang: str, p: Mapping[str, Any]) -> dict[str, Any]:
    return {"kring": _KRING[lang][len(f["leden"]) != 1].format(lijst=_opsomming(f["leden"], lang))}


R05 = Rule(
    code="R05",
    severity="warning",
    name={"nl": "Circulaire sturing", "en": "Circular steering"},
    message={
        "nl": "{kring}. Zo is niet meer te zeggen wie wie aanstuurt, en de verantwoording loopt rond in plaats "
              "van uit te komen bij een bestuur. Doorbreek de kring: leg vast wie opdrachtgever is en wie "
              "opdrachtnemer, en maak onderlinge leveringen tot afspraken in plaats van sturingsrelaties.",
        "en": "{kring}. It is no longer clear who steers whom, and accountability goes round in circles "
              "instead of ending with a government. Break the loop: record who is commissioner and who is "
              "executor, and turn mutual deliveries into agreements rather than steering relations.",
    },
    rationale={
        "nl": "De driehoek van de Regeling agentschappen 2024 (Stcrt. 2024, 32572) gaat uit van een richting: "
              "eigenaar en opdrachtgever sturen, de opdrachtnemer voert uit en legt verantwoording af. Werk aan "
              "Uitvoering (thema Driehoek) vraagt rolvastheid: ieder blijft in de eigen rol. Als organisaties "
              "elkaar wederzijds aansturen, is geen van beide rolvast, en verantwoording die in een kring "
              "loopt, komt nergens uit bij een democratisch verantwoordelijk bestuur. Samenwerking tussen "
              "gelijken hoort in een samenwerkingsafspraak, niet in een sturingsrelatie.",
        "en": "The triangle of the Regeling agentschappen 2024 (Stcrt. 2024, 32572) has a direction: owner and "
              "commissioner steer, the executor delivers and accounts for it. Werk aan Uitvoering (theme "
              "Driehoek) asks for rolvastheid: everyone stays in their own role. When organisations steer each "
              "other, neither is in a fixed role, and accountability that runs in a loop never reaches a "
              "democratically accountable government. Cooperation between equals belongs in a cooperation "
              "agreement, not in a steering relation.",
    },
    fix={
        "nl": "Verwijder de sturingsrelatie die de kring sluit; leg wederzijdse leveringen vast als "
              "samenwerkingsafspraak.",
        "en": "Remove the steering relation that closes the loop; record mutual deliveries as a "
              "samenwerkingsafspraak.",
    },
    source="Regeling agentschappen 2024 (Stcrt. 2024, 32572); Werk aan Uitvoering, Driehoek (rolvastheid)",
    bad=example("R05", "bad"),
    good=example("R05", "good"),
    check=_check_r05,
    subject=Kind.combinatie,
    facts=(Fact("leden", list[str], "naam of each member of the component, sorted by id"),),
    present=_present_r05,
    derived=("kring",),
)

# ---------------------------------------------------------------------------------------- R06

def _check_r06(ctx: Any, p: Mapping[str, Any]) -> Iterable[Hit]:
    soorten = p["soorten"]
    for x in sorted(ctx.opdrachtgever_rels):
        for r in sorted(ctx.opdrachtgever_rels[x], key=lambda r: r.van):
            if ctx.has_agreement(soorten, (r.van, r.naar)):
                continue
            yield Hit(("opdrachtgever", r.van, r.naar), (r.van, r.naar),
                      {"opdrachtgever": ctx.naam(r.van), "opdrachtnemer": ctx.naam(r.naar)})


def _present_soorten(f: dict[str, Any], lang: str, p: Mapping[str, Any]) -> dict[str, Any]:
    return {"soorten_tekst": soorten_tekst(p["soorten"], lang)}


R06 = Rule(
    code="R06",
    severity="warning",
    name={"nl": "Opdrachtgeverschap zonder afspraak", "en": "Commissioning without agreement"},
    message={
        "nl": "{opdrachtgever} is opdrachtgever van {opdrachtnemer}, maar er is geen geldige {soorten_tekst} "
              "waarin beide partij zijn. Leg vast wat "
              "{opdrachtnemer} levert, met welke middelen en tot wanneer.",
        "en": "{opdrachtgever} commissions {opdrachtnemer}, but there is no valid {soorten_tekst} to which both "
              "are party. Record what "
              "{opdrachtnemer} delivers, with which resources and until when.",
    },
    rationale={
        "nl": "Opdrachtgeverschap krijgt pas inhoud in afspraken. De Regeling agentschappen 2024 (Stcrt. 2024, "
              "32572) laat de eigenaar toezien op het stelsel van werkafspraken, en Werk aan Uitvoering (thema "
              "Driehoek) vraagt gelijkwaardigheid tussen opdrachtgever en opdrachtnemer: zonder vastgelegde "
              "afspraak kan de opdrachtnemer niet zeggen wat wel en niet bij de opdracht hoort, en loopt de "
              "sturing via informele lijnen. Een wettelijke regeling die de verhouding vastlegt, telt ook.",
        "en": "Commissioning only gets substance through agreements. The Regeling agentschappen 2024 (Stcrt. "
              "2024, 32572) has the owner oversee the system of working agreements, and Werk aan Uitvoering "
              "(theme Driehoek) asks for equal standing between commissioner and executor: without a recorded "
              "agreement the executor cannot say what is and is not part of the assignment, and steering runs "
              "through informal lines. A law or regulation that fixes the relationship counts as well.",
    },
    fix={
        "nl": "Voeg een afspraak toe (resultaatafspraak, samenwerkingsafspraak, werkagenda of "
              "wettelijke-regeling) met opdrachtgever en opdrachtnemer als partijen, die op de peildatum geldt.",
        "en": "Add an agreement (resultaatafspraak, samenwerkingsafspraak, werkagenda or wettelijke-regeling) "
              "with commissioner and executor as partijen, valid on the peildatum.",
    },
    source="Regeling agentschappen 2024 (Stcrt. 2024, 32572); Werk aan Uitvoering, Driehoek (gelijkwaardigheid)",
    bad=example("R06", "bad"),
    good=example("R06", "good"),
    check=_check_r06,
    subject=Kind.relatie,
    facts=(Fact("opdrachtgever", str, "naam of the opdrachtgever O"),
           Fact("opdrachtnemer", str, "naam of the steered organisation X")),
    present=_present_soorten,
    derived=("soorten_tekst",),
    params={"soorten": ("resultaatafspraak", "samenwerkingsafspraak", "werkagenda", "wettelijke-regeling")},
)

# ---------------------------------------------------------------------------------------- R07


def _check_r07(ctx: Any, p: Mapping[str, Any]) -> Iterable[Hit]:
    for a in ctx.active_assignments:
        if not a.nieuw_beleid or a.uitvoeringstoets:
            continue
        yield Hit(a.id, (a.opdrachtgever, a.opdrachtnemer), {
            "opdracht": ctx.naam(a.id), "opdrachtgever": ctx.naam(a.opdrachtgever),
            "opdrachtnemer": ctx.naam(a.opdrachtnemer), "toets_vastgelegd": a.uitvoeringstoets is not None})


_TOETS = {"nl": ("is niet vastgelegd of er een uitvoeringstoets is gedaan", "is geen uitvoeringstoets gedaan"),
          "en": ("it is not recorded whether a feasibility test was done", "no feasibility test was done")}


def _present_r07(f: dict[str, Any], lang: str, p: Mapping[str, Any]) -> dict[str, Any]:
    return {"toets": _TOETS[lang][f["toets_vastgelegd"]]}


R07 = Rule(
    code="R07",
    severity="warning",
    name={"nl": "Nieuw beleid zonder uitvoeringstoets", "en": "New policy without feasibility test"},
    message={
        "nl": "Opdracht '{opdracht}' van {opdrachtgever} aan {opdrachtnemer} voert nieuw beleid uit, maar er "
              "{toets}. Laat {opdrachtnemer} toetsen of het beleid uitvoerbaar is (capaciteit, ICT, ketenregie, "
              "kosten) voordat het vastligt, en leg de uitkomst vast.",
        "en": "Assignment '{opdracht}' from {opdrachtgever} to {opdrachtnemer} carries out new policy, but "
              "{toets}. Have {opdrachtnemer} assess whether the policy can be carried out (capacity, ICT, "
              "chain direction, costs) before it is fixed, and record the outcome.",
    },
    rationale={
        "nl": "Het Beleidskompas vraagt bij nieuw beleid en nieuwe regelgeving om een uitvoeringsanalyse: kan "
              "de uitvoering het aan, wat betekent het voor capaciteit, ketenregie en ICT, en wie betaalt? De "
              "parlementaire ondervraging 'Klem tussen balie en beleid' (Kamerstuk 35387, nr. 2) noemt "
              "complex beleid en verwaarloosde uitvoerbaarheid als grondoorzaken van problemen in de "
              "uitvoering. Een uitvoeringstoets door de opdrachtnemer maakt die vraag expliciet.",
        "en": "For new policy and legislation the Beleidskompas asks for an implementation analysis "
              "(uitvoeringsanalyse): can the executor cope, what does it mean for capacity, chain direction and "
              "ICT, and who pays? The parliamentary inquiry 'Klem tussen balie en beleid' (Kamerstuk 35387, no. 2) "
              "names complex policy and neglected feasibility as root causes of failures in public service "
              "delivery. A feasibility test by the executor makes that question explicit.",
    },
    fix={
        "nl": "Laat de opdrachtnemer een uitvoeringstoets doen en zet daarna uitvoeringstoets: true bij de "
              "opdracht.",
        "en": "Have the executor carry out a feasibility test, then set uitvoeringstoets: true on the "
              "assignment.",
    },
    source="Beleidskompas (uitvoeringsanalyse)",
    bad=example("R07", "bad"),
    good=example("R07", "good"),
    check=_check_r07,
    subject=Kind.opdracht,
    facts=(Fact("opdracht", str, "naam (else id) of the opdracht"),
           Fact("opdrachtgever", str, "naam of its opdrachtgever"),
           Fact("opdrachtnemer", str, "naam of its opdrachtnemer"),
           Fact("toets_vastgelegd", bool, "uitvoeringstoets is present (and so false)")),
    present=_present_r07,
    derived=("toets",),
)

# ---------------------------------------------------------------------------------------- R08


def _check_r08(ctx: Any, p: Mapping[str, Any]) -> Iterable[Hit]:
    paren = _opdrachtgever_paren(ctx)
    for a in ctx.active_assignments:
        if (a.opdrachtgever, a.opdrachtnemer) in paren:
            continue
        yield Hit(a.id, (a.opdrachtgever, a.opdrachtnemer), {
            "opdracht": ctx.naam(a.id), "opdrachtgever": ctx.naam(a.opdrachtgever),
            "opdrachtnemer": ctx.naam(a.opdrachtnemer),
            "eigenaar": a.opdrachtgever in ctx.eigenaars.get(a.opdrachtnemer, ())})


_ROL = {"nl": " (wel de eigenaar)", "en": " (it is the owner)"}


def _present_r08(f: dict[str, Any], lang: str, p: Mapping[str, Any]) -> dict[str, Any]:
    return {"rol": _ROL[lang] if f["eigenaar"] else ""}


R08 = Rule(
    code="R08",
    severity="warning",
    name={"nl": "Opdracht buiten de sturingslijn", "en": "Assignment outside the steering line"},
    message={
        "nl": "Opdracht '{opdracht}' komt van {opdrachtgever}, maar die is geen opdrachtgever van "
              "{opdrachtnemer}{rol}. Zo loopt de opdracht buiten de driehoek om en ontbreekt zij in het overzicht "
              "van de erkende opdrachtgevers. Laat de opdracht via een opdrachtgever van {opdrachtnemer} lopen, "
              "of leg de opdrachtgeversrelatie vast.",
        "en": "Assignment '{opdracht}' comes from {opdrachtgever}, which is not a commissioner of "
              "{opdrachtnemer}{rol}. The assignment bypasses the triangle and is missing from the overview of "
              "the recognised commissioners. Route it through a commissioner of {opdrachtnemer}, or record the "
              "commissioning relation.",
    },
    rationale={
        "nl": "In de Regeling agentschappen 2024 (Stcrt. 2024, 32572) vraagt de beleidsverantwoordelijke "
              "(opdrachtgever) producten en diensten; de eigenaar bewaakt de continuïteit en geeft geen "
              "opdrachten. Werk aan Uitvoering (thema Driehoek) wijst erop dat opdrachten van verschillende "
              "kanten elkaar overlappen en de uitvoerder het overzicht laten verliezen als ze niet samen in de "
              "driehoek worden besproken. Een opdracht van iemand die geen opdrachtgever is, ontsnapt aan die "
              "afweging.",
        "en": "Under the Regeling agentschappen 2024 (Stcrt. 2024, 32572) the beleidsverantwoordelijke "
              "(commissioner) asks for products and services; the owner guards continuity and does not commission "
              "work. Werk aan Uitvoering (theme Driehoek) points out that assignments from several sides overlap "
              "and cost the executor its overview unless they are discussed together in the triangle. An "
              "assignment from someone who is not a commissioner escapes that weighing.",
    },
    fix={
        "nl": "Geef de opdracht via een bestaande opdrachtgever van de opdrachtnemer, of voeg een sturingsrelatie "
              "met rol opdrachtgever toe als deze partij echt opdrachtgever is.",
        "en": "Issue the assignment through an existing commissioner of the executor, or add a sturingsrelatie "
              "with rol opdrachtgever if this party really is a commissioner.",
    },
    source="Regeling agentschappen 2024 (Stcrt. 2024, 32572); Werk aan Uitvoering, Driehoek",
    bad=example("R08", "bad"),
    good=example("R08", "good"),
    check=_check_r08,
    subject=Kind.opdracht,
    facts=(Fact("opdracht", str, "naam (else id) of the opdracht"),
           Fact("opdrachtgever", str, "naam of its opdrachtgever"),
           Fact("opdrachtnemer", str, "naam of its opdrachtnemer"),
           Fact("eigenaar", bool, "the opdrachtgever is an eigenaar of the opdrachtnemer")),
    present=_present_r08,
    derived=("rol",),
)

RULES: list[Rule] = [R01, R02, R03, R04, R05, R06, R07, R08]
