"""Rules of theme stewardship (RULES.md, S01–S05): how relations are steered (principaal-agent or
stewardship), the preconditions stewardship needs, the multi-year governance agenda, and what the
parties do when the relation comes under strain (the escalation ladder and the authority at its top).

All checks iterate in sorted order and are linear in the relations, plus, for S03 and S04, the total
size of the partijen lists of the agreements each uitvoerder is bound by, and for S05 the total size
of the ladders' partijen lists and of their tops' deelnemers lists.

Each check yields the *facts* its rule declares (names, booleans, lists of names sorted by the ids
they belong to), which the Cypher queries in ``queries/rules/S0*.cypher`` compute too; each rule's
``present`` derives the message fields of one language from them.
"""

from __future__ import annotations

from typing import Any, Iterable, Mapping, TypedDict

from ketengraaf.rules.base import Fact, Hit, Kind, Rule
from ketengraaf.rules.examples import example
from ketengraaf.rules.text import ROLLEN_DERIVED, rollen
from ketengraaf.rules.text import namen as _namen
from ketengraaf.rules.text import opsomming as _opsomming

_ROL_EN = {"eigenaar": "owner", "opdrachtgever": "commissioner"}


# ---------------------------------------------------------------------------------------- S01


def _check_s01(ctx: Any, p: Mapping[str, Any]) -> Iterable[Hit]:
    model = p["sturingsmodel"]
    for r in sorted(ctx.relations, key=lambda r: r.key):
        if r.sturingsmodel != model:
            continue
        yield Hit((r.rol, r.van, r.naar), (r.van, r.naar), {"van": ctx.naam(r.van), "naar": ctx.naam(r.naar),
                                                              "rol": r.rol})


def _present_s01(f: dict[str, Any], lang: str, p: Mapping[str, Any]) -> dict[str, Any]:
    return {"rol_woord": f["rol"] if lang == "nl" else _ROL_EN.get(f["rol"], f["rol"])}


S01 = Rule(
    code="S01",
    severity="info",
    name={"nl": "Sturing volgens principaal-agent", "en": "Principal-agent steering"},
    message={
        "nl": "{van} stuurt {naar} als {rol_woord} volgens het principaal-agentmodel: op controle, prikkels en "
              "verantwoording achteraf. Bespreek in de driehoek of sturing op basis van vertrouwen, gedeelde "
              "doelen en dialoog (stewardship) hier beter past.",
        "en": "{van} steers {naar} as {rol_woord} on the principal-agent model: through control, incentives and "
              "accounting afterwards. Discuss in the triangle whether steering based on trust, shared goals and "
              "dialogue (stewardship) fits better here.",
    },
    rationale={
        "nl": "Davis, Schoorman & Donaldson (1997) zetten de principaal-agenttheorie, die uitgaat van "
              "uiteenlopende belangen en daarom stuurt op controle, tegenover stewardship, dat uitgaat van "
              "gedeelde doelen en stuurt op vertrouwen. Het agentschapsmodel steunt op principaal-agentdenken "
              "(informatieasymmetrie, toezicht, prikkels); Werk aan Uitvoering (thema Driehoek) beveelt aan om "
              "de relatie tussen eigenaar, opdrachtgever en uitvoerder naar stewardship te brengen. Dit is een "
              "signalering, geen fout: principaal-agent kan een bewuste keuze zijn.",
        "en": "Davis, Schoorman & Donaldson (1997) contrast principal-agent theory, which assumes diverging "
              "interests and therefore steers by control, with stewardship, which assumes shared goals and steers "
              "by trust. The agency model rests on principal-agent thinking (information asymmetry, monitoring, "
              "incentives); Werk aan Uitvoering (theme Driehoek) recommends moving the relation between owner, "
              "commissioner and executor towards stewardship. This is a signal, not an error: principal-agent "
              "can be a deliberate choice.",
    },
    fix={
        "nl": "Kies bewust: houd principaal-agent en leg de reden vast in een uitzondering, of stap over op "
              "sturingsmodel: stewardship met een resultaatafspraak en een gezamenlijk overleg.",
        "en": "Choose deliberately: keep principal-agent and record the reason in an uitzondering, or move to "
              "sturingsmodel: stewardship with a result agreement and a joint forum.",
    },
    source="Davis, Schoorman & Donaldson 1997; Werk aan Uitvoering, Driehoek (stewardship)",
    bad=example("S01", "bad"),
    good=example("S01", "good"),
    check=_check_s01,
    subject=Kind.relatie,
    facts=(Fact("van", str, "naam of the organisation holding the role"),
           Fact("naar", str, "naam of the organisation steered"),
           Fact("rol", str, "eigenaar or opdrachtgever")),
    present=_present_s01,
    derived=("rol_woord",),
    params={"sturingsmodel": "principaal-agent"},
)

# ---------------------------------------------------------------------------------------- S02


def _check_s02(ctx: Any, p: Mapping[str, Any]) -> Iterable[Hit]:
    soorten, model = p["soorten"], p["sturingsmodel"]
    for x in sorted(ctx.opdrachtgever_rels):
        for r in sorted(ctx.opdrachtgever_rels[x], key=lambda r: r.van):
            if r.sturingsmodel != model:
                continue
            partijen = (r.van, r.naar)
            afspraak = ctx.has_agreement(soorten, partijen)
            overleg = ctx.has_forum(partijen)
            if afspraak and overleg:
                continue
            yield Hit(("opdrachtgever", r.van, r.naar), partijen,
                      {"opdrachtgever": ctx.naam(r.van), "opdrachtnemer": ctx.naam(r.naar),
                       "afspraak": afspraak, "overleg": overleg})


#: S02's phrases by what is missing: (no agreement, no forum) -> (what is missing, what to do).
_S02_GAPS = {
    "nl": {(True, True): ("er is geen geldige resultaatafspraak en geen overleg waarin beide zitten",
                          "Leg een resultaatafspraak vast en neem beide op in een gezamenlijk overleg."),
           (True, False): ("er is geen geldige resultaatafspraak tussen beide",
                           "Leg een resultaatafspraak vast die op de peildatum geldt."),
           (False, True): ("er is geen overleg waarin beide zitten",
                           "Neem beide op in een gezamenlijk overleg, zoals een driehoeksoverleg.")},
    "en": {(True, True): ("there is neither a valid result agreement nor a forum in which both take part",
                          "Record a result agreement and have both take part in a joint forum."),
           (True, False): ("there is no valid result agreement between them",
                           "Record a result agreement that is valid on the reference date."),
           (False, True): ("there is no forum in which both take part",
                           "Have both take part in a joint forum, such as a triangle meeting.")},
}


def _present_s02(f: dict[str, Any], lang: str, p: Mapping[str, Any]) -> dict[str, Any]:
    mist, actie = _S02_GAPS[lang][(not f["afspraak"], not f["overleg"])]
    return {"mist": mist, "actie": actie}


S02 = Rule(
    code="S02",
    severity="warning",
    name={"nl": "Stewardship zonder randvoorwaarden", "en": "Stewardship without its preconditions"},
    message={
        "nl": "{opdrachtgever} stuurt {opdrachtnemer} volgens stewardship, maar {mist}. Sturen op vertrouwen "
              "vraagt om heldere resultaatafspraken én regelmatig overleg; zonder die twee is er geen houvast. "
              "{actie}",
        "en": "{opdrachtgever} steers {opdrachtnemer} on the stewardship model, but {mist}. Steering on trust "
              "needs clear result agreements and regular dialogue; without both there is nothing to hold on to. "
              "{actie}",
    },
    rationale={
        "nl": "Werk aan Uitvoering (thema Driehoek) wil de sturing tussen opdrachtgever en uitvoerder van "
              "principaal-agent naar stewardship brengen: vertrouwen en gedeelde doelen in plaats van controle "
              "(Davis, Schoorman & Donaldson 1997). Vertrouwen moet dan wel concreet worden gemaakt: "
              "resultaatafspraken in plaats van gedetailleerde prestatie-indicatoren, en dialoog in een vast "
              "overleg. Stewardship zonder afspraak en zonder overleg is sturen zonder houvast, voor beide "
              "partijen.",
        "en": "Werk aan Uitvoering (theme Driehoek) aims to move steering between commissioner and executor from "
              "principal-agent to stewardship: trust and shared goals instead of control (Davis, Schoorman & "
              "Donaldson 1997). Trust must then be made concrete: result agreements instead of detailed "
              "performance indicators, and dialogue in a standing forum. Stewardship without an agreement and "
              "without a forum is steering without anything to hold on to, for both parties.",
    },
    fix={
        "nl": "Voeg een geldige resultaatafspraak met opdrachtgever en opdrachtnemer als partijen toe, en een "
              "overleg (soort: overleg) met beide onder deelnemers.",
        "en": "Add a valid resultaatafspraak with commissioner and executor as partijen, and an overleg "
              "(soort: overleg) with both among its deelnemers.",
    },
    source="Werk aan Uitvoering, Driehoek (stewardship); Davis, Schoorman & Donaldson 1997",
    bad=example("S02", "bad"),
    good=example("S02", "good"),
    check=_check_s02,
    subject=Kind.relatie,
    facts=(Fact("opdrachtgever", str, "naam of the opdrachtgever O"),
           Fact("opdrachtnemer", str, "naam of the steered organisation X"),
           Fact("afspraak", bool, "a valid agreement of the accepted soorten binds O and X"),
           Fact("overleg", bool, "an overleg has O and X among its deelnemers (never both true)")),
    present=_present_s02,
    derived=("mist", "actie"),
    params={"sturingsmodel": "stewardship", "soorten": ("resultaatafspraak",)},
)

# ---------------------------------------------------------------------------------------- S03


def _check_s03(ctx: Any, p: Mapping[str, Any]) -> Iterable[Hit]:
    soorten = p["soorten"]
    for x in sorted(ctx.eigenaars):
        if ctx.groep(x) != "uitvoerder":
            continue
        es = set(ctx.eigenaars[x])
        os_ = set(ctx.opdrachtgevers(x))
        if not es or not os_:
            continue
        if any(ag.meerjarig and any(q in es for q in ag.partijen) and any(q in os_ for q in ag.partijen)
               for soort in soorten for ag in ctx.agreements_with(soort, x)):  # valid ones, with x a partij
            continue
        yield Hit(x, (), {"naam": ctx.naam(x), "eigenaars": _namen(ctx, sorted(es)),
                          "opdrachtgevers": _namen(ctx, sorted(os_))})


def _present_s03(f: dict[str, Any], lang: str, p: Mapping[str, Any]) -> dict[str, Any]:
    """The triangle's members as the message lists them (shared by S03 and S04)."""
    return rollen(f["eigenaars"], f["opdrachtgevers"], lang)


_TRIANGLE_FACTS = (Fact("naam", str, "naam of the uitvoerder X"),
                   Fact("eigenaars", list[str], "naam of every eigenaar of X, sorted by id"),
                   Fact("opdrachtgevers", list[str], "naam of every opdrachtgever of X, sorted by id"))
_TRIANGLE_DERIVED = ROLLEN_DERIVED


S03 = Rule(
    code="S03",
    severity="warning",
    name={"nl": "Driehoek zonder meerjarige werkagenda", "en": "Triangle without multi-year agenda"},
    message={
        "nl": "De driehoek rond {naam} ({e_woord} {eigenaars_lijst}, {o_woord} {opdrachtgevers_lijst}) heeft geen "
              "geldige meerjarige werkagenda die {naam} samen met een eigenaar en een opdrachtgever heeft afgesproken. "
              "Stel een bestuurlijke werkagenda op voor meerdere jaren, met een financieel perspectief.",
        "en": "The triangle around {naam} ({e_woord} {eigenaars_lijst}, {o_woord} {opdrachtgevers_lijst}) has no "
              "valid multi-year work agenda agreed by {naam} together with an owner and a commissioner. Draw up "
              "a governance work agenda spanning several years, with a budget perspective.",
    },
    rationale={
        "nl": "Werk aan Uitvoering (thema Driehoek) zet in op bestuurlijke werkagenda's: een gezamenlijke agenda "
              "van eigenaar, opdrachtgever en opdrachtnemer voor meerdere jaren, met een financieel perspectief. "
              "Een jaarlijkse cyclus alleen houdt de uitvoerder op korte termijn afhankelijk en laat "
              "investeringen in continuïteit (ICT, personeel) buiten beeld. Een werkagenda die niet meerjarig "
              "is, of waarin de eigenaar of de opdrachtgever ontbreekt, telt daarom niet.",
        "en": "Werk aan Uitvoering (theme Driehoek) promotes governance work agendas (bestuurlijke "
              "werkagenda's): a joint agenda of owner, commissioner and executor spanning several years, with a "
              "budget perspective. An annual cycle alone keeps the executor dependent in the short term and "
              "leaves investment in continuity (ICT, staff) out of sight. A work agenda that is not multi-year, "
              "or that lacks the owner or the commissioner, therefore does not count.",
    },
    fix={
        "nl": "Voeg een afspraak van soort werkagenda met meerjarig: true toe, met de opdrachtnemer, een eigenaar "
              "en een opdrachtgever als partijen, die op de peildatum geldt.",
        "en": "Add an agreement of soort werkagenda with meerjarig: true, with the executor, an owner and a "
              "commissioner as partijen, valid on the peildatum.",
    },
    source="Werk aan Uitvoering, Driehoek (bestuurlijke werkagenda's)",
    bad=example("S03", "bad"),
    good=example("S03", "good"),
    check=_check_s03,
    subject=Kind.organisatie,
    facts=_TRIANGLE_FACTS,
    present=_present_s03,
    derived=_TRIANGLE_DERIVED,
    params={"soorten": ("werkagenda",)},
)

# ---------------------------------------------------------------------------------------- S04


class Route(TypedDict):
    """S04: a valid afspraak with an escalatie that binds X but falls short."""

    afspraak: str  # its naam, else its id
    eigenaar: bool  # an eigenaar of X is among its partijen
    ontbreekt: list[str]  # naam of each opdrachtgever of X that is not, sorted by id


def _check_s04(ctx: Any, p: Mapping[str, Any]) -> Iterable[Hit]:
    for x in sorted(ctx.eigenaars):
        if ctx.groep(x) != "uitvoerder":
            continue
        es = ctx.eigenaars[x]
        os_ = ctx.opdrachtgevers(x)
        if not es or not os_:
            continue
        routes: list[Route] = []
        for ag in ctx.ladders_by.get(x, ()):  # valid, with a ladder, x among partijen; sorted by id
            eigenaar = any(e in ag.partijen for e in es)
            ontbreekt = [o for o in os_ if o not in ag.partijen]
            if eigenaar and not ontbreekt:
                break
            routes.append(Route(afspraak=ctx.naam(ag.id), eigenaar=eigenaar, ontbreekt=_namen(ctx, ontbreekt)))
        else:
            yield Hit(x, (*es, *os_), {"naam": ctx.naam(x), "eigenaars": _namen(ctx, es),
                                       "opdrachtgevers": _namen(ctx, os_), "routes": routes})


def _route_gaps(routes: list[Route], n_eigenaars: int, lang: str) -> str:
    """' De escalatieroute in A laat B en C buiten.' for each route that falls short."""
    out = []
    for r in routes:
        wie = list(r["ontbreekt"])
        if not r["eigenaar"]:
            if lang == "nl":
                wie.insert(0, "de eigenaar" if n_eigenaars == 1 else "alle eigenaars")
            else:
                wie.insert(0, "the owner" if n_eigenaars == 1 else "every owner")
        if lang == "nl":
            out.append(f" De escalatieroute in {r['afspraak']} laat {_opsomming(wie, lang)} buiten.")
        else:
            out.append(f" The escalation path in {r['afspraak']} leaves out {_opsomming(wie, lang)}.")
    return "".join(out)


def _present_s04(f: dict[str, Any], lang: str, p: Mapping[str, Any]) -> dict[str, Any]:
    return {**_present_s03(f, lang, p), "tekorten": _route_gaps(f["routes"], len(f["eigenaars"]), lang)}


S04 = Rule(
    code="S04",
    severity="warning",
    name={"nl": "Driehoek zonder escalatieroute", "en": "Triangle without an escalation path"},
    message={
        "nl": "De driehoek rond {naam} ({e_woord} {eigenaars_lijst}, {o_woord} {opdrachtgevers_lijst}) heeft geen "
              "geldige afspraak met een escalatieroute die {naam}, een eigenaar en alle opdrachtgevers samen "
              "bindt.{tekorten} "
              "Zo ligt niet vast waar een meningsverschil heen gaat als de relatie onder spanning komt te staan. "
              "Leg in een afspraak met al deze partijen een escalatieroute vast, bijvoorbeeld driehoeksoverleg, "
              "dan de SG als eigenaar, dan een bestuurlijk overleg van de betrokken ministeries.",
        "en": "The triangle around {naam} ({e_woord} {eigenaars_lijst}, {o_woord} {opdrachtgevers_lijst}) has no "
              "valid agreement with an escalation path that binds {naam}, an owner and every commissioner "
              "together.{tekorten} So nothing says where a disagreement goes when the relation comes under "
              "strain. Record an escalation path in an agreement with all these parties, for example the triangle "
              "meeting, then the secretary-general as owner, then a governance forum of the ministries involved.",
    },
    rationale={
        "nl": "Werk aan Uitvoering (thema Driehoek) stelt drie vragen over de samenwerking tussen eigenaar, "
              "opdrachtgevers en opdrachtnemer: hoe werken we samen, hoe blijven we gelijkwaardig, en wat doe je "
              "als de relatie onder spanning komt te staan? Het antwoord op de derde vraag is een afgesproken "
              "escalatieroute: eerst het driehoeksoverleg, dan de secretaris-generaal als eigenaar (ABDTOPConsult "
              "noemt de SG als escalatiepunt), dan een bestuurlijk overleg van de betrokken ministeries. Zo'n route "
              "werkt alleen als ze iedereen bindt die een meningsverschil kan hebben: de uitvoerder, de eigenaar "
              "en élke opdrachtgever. Een route die één opdrachtgever mist, laat juist het conflict tussen "
              "opdrachtgevers (meervoudig opdrachtgeverschap) zonder uitweg.",
        "en": "Werk aan Uitvoering (theme Driehoek) asks three questions about the cooperation of owner, "
              "commissioners and executor: how do we work together, how do we stay equal, and what do you do when "
              "the relation comes under strain? The answer to the third is an agreed escalation path: first the "
              "triangle meeting, then the secretary-general as owner (ABDTOPConsult names the SG as the escalation "
              "point), then a governance forum of the ministries involved. Such a path only works when it binds "
              "everyone who can disagree: the executor, the owner and every commissioner. A path that misses one "
              "commissioner leaves exactly the conflict between commissioners (multiple commissioning) without a "
              "way out.",
    },
    fix={
        "nl": "Geef een geldige afspraak (van welke soort ook) met de uitvoerder, een eigenaar en alle "
              "opdrachtgevers als partijen een escalatie: de stappen in volgorde, de laatste de top, bijvoorbeeld "
              "escalatie: [driehoeksoverleg, sg, bestuurlijk-overleg]. Zorg dat de top voor alle partijen kan "
              "beslissen (S05).",
        "en": "Give a valid agreement (of any soort) with the executor, an owner and every commissioner as partijen "
              "an escalatie: the steps in order, the last one the top, for example escalatie: [driehoeksoverleg, "
              "sg, bestuurlijk-overleg]. Make sure the top can decide for every party (S05).",
    },
    source="Werk aan Uitvoering, Driehoek (wat doe je als de relatie onder spanning komt te staan?); "
           "ABDTOPConsult, OCW 2025 (de SG als escalatiepunt)",
    bad=example("S04", "bad"),
    good=example("S04", "good"),
    check=_check_s04,
    subject=Kind.organisatie,
    facts=_TRIANGLE_FACTS + (Fact("routes", list[Route], "every valid afspraak with an escalatie that binds X, "
                                                         "sorted by afspraak id (all fall short)"),),
    present=_present_s04,
    derived=_TRIANGLE_DERIVED + ("tekorten",),
)

# ---------------------------------------------------------------------------------------- S05


def _check_s05(ctx: Any, p: Mapping[str, Any]) -> Iterable[Hit]:
    for ag in ctx.agreements:  # sorted by id
        if not ag.escalatie or not ctx.valid(ag.geldig_van, ag.geldig_tot):
            continue
        unie: set[str] = set()
        for p in ag.partijen:
            unie |= ctx.besturen(p)
        top = ag.escalatie[-1]
        gezag = ctx.gezag(top)
        buiten = sorted(unie - gezag)
        if buiten:
            yield Hit(ag.id, buiten, {"afspraak": ctx.naam(ag.id), "top": ctx.naam(top),
                                      "besturen": _namen(ctx, buiten), "gezag": _namen(ctx, sorted(gezag))})


_S05_WORDS = {
    "nl": {"reikwijdte": "het gezag van {top} reikt tot {gezag}", "geen": "{top} valt onder geen enkel bestuur",
           "b_woord": ("het bestuur", "de besturen")},
    "en": {"reikwijdte": "the authority of {top} extends to {gezag}", "geen": "{top} answers to no government at all",
           "b_woord": ("government", "governments")},
}


def _present_s05(f: dict[str, Any], lang: str, p: Mapping[str, Any]) -> dict[str, Any]:
    w = _S05_WORDS[lang]
    reach = (w["reikwijdte"].format(top=f["top"], gezag=_opsomming(f["gezag"], lang)) if f["gezag"]
             else w["geen"].format(top=f["top"]))
    return {"besturen_lijst": _opsomming(f["besturen"], lang), "b_woord": w["b_woord"][len(f["besturen"]) != 1],
            "reikwijdte": reach}


S05 = Rule(
    code="S05",
    severity="warning",
    name={"nl": "Escalatie eindigt zonder gezag", "en": "Escalation ends without authority"},
    message={
        "nl": "De escalatieroute van {afspraak} eindigt bij {top}, maar {top} kan niet beslissen voor "
              "{besturen_lijst}, "
              "{b_woord} waaronder partijen van de afspraak vallen ({reikwijdte}). Een meningsverschil met die "
              "partijen blijft zo aan de top van de ladder onbeslist. Laat de route eindigen bij wie voor alle "
              "betrokken besturen kan beslissen, zoals een bestuurlijk overleg van de betrokken ministeries.",
        "en": "The escalation path of {afspraak} ends at {top}, but {top} cannot decide for {besturen_lijst}, the "
              "{b_woord} that parties to the agreement answer to ({reikwijdte}). A disagreement with those "
              "parties stays unresolved at the top of the ladder. End the path at a body that can decide for every "
              "government involved, such as a governance forum of the ministries involved.",
    },
    rationale={
        "nl": "Een escalatieroute is zo sterk als haar top: daar moet een meningsverschil beslist kunnen worden. "
              "Een secretaris-generaal beslist binnen het eigen ministerie, maar niet over de directies van een "
              "ander ministerie; wie opdrachtgevers uit meerdere ministeries heeft, heeft aan de top een overleg "
              "nodig waarin al die ministeries zitten. NORA (Ketens de baas) noemt de situatie waarin niemand een "
              "conflict kan beslechten 'geen baas'. Een overleg heeft gezag over de besturen van zijn deelnemers; "
              "een organisatie over haar eigen bestuur.",
        "en": "An escalation path is as strong as its top: that is where a disagreement must be decided. A "
              "secretary-general decides within their own ministry, but not over the directorates of another "
              "ministry; an executor with commissioners from several ministries needs a forum of all those "
              "ministries at the top. NORA (Ketens de baas) calls the situation in which nobody can settle a "
              "conflict 'geen baas' (no boss). A forum has authority over the governments of its participants; an "
              "organisation over its own government.",
    },
    fix={
        "nl": "Voeg aan het eind van de escalatie een organisatie toe die voor alle betrokken besturen kan beslissen: "
              "een overleg (soort: overleg) met deelnemers uit elk bestuur van de partijen, zoals een bestuurlijk "
              "overleg van de betrokken ministeries.",
        "en": "Add a final step to the escalatie that can decide for every government involved: an overleg (soort: "
              "overleg) with deelnemers from each government of the parties, such as a governance forum of the "
              "ministries involved.",
    },
    source="Werk aan Uitvoering, Driehoek; ABDTOPConsult, OCW 2025 (de SG als escalatiepunt); NORA, Ketens de baas "
           "('geen baas')",
    bad=example("S05", "bad"),
    good=example("S05", "good"),
    check=_check_s05,
    subject=Kind.afspraak,
    facts=(Fact("afspraak", str, "naam (else id) of the afspraak A"),
           Fact("top", str, "naam of the ladder's last step T"),
           Fact("besturen", list[str], "naam of each bestuur of A's partijen outside gezag(T), sorted by id"),
           Fact("gezag", list[str], "naam of each bestuur in gezag(T), sorted by id (may be empty)")),
    present=_present_s05,
    derived=("besturen_lijst", "b_woord", "reikwijdte"),
)

RULES: list[Rule] = [S01, S02, S03, S04, S05]
