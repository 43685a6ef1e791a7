"""Rules of theme stewardship (RULES.md, S01–S03): how relations are steered (principaal-agent or
stewardship), the preconditions stewardship needs, and the multi-year governance agenda.

All checks iterate in sorted order and are linear in the relations, plus, for S03, the total size of
the werkagenda's partijen lists of each uitvoerder.

Each check yields *facts* (names, booleans, lists of names sorted by the ids they belong to), which
the Cypher queries in ``queries/rules/S0*.cypher`` compute too; each rule's ``present`` turns them
into the message parameters of one language.
"""

from __future__ import annotations

from typing import Any, Iterable

from ketengraaf.rules.base import Hit, Rule
from ketengraaf.rules.text import opsomming as _opsomming

_ROL_EN = {"eigenaar": "owner", "opdrachtgever": "commissioner"}


# ---------------------------------------------------------------------------------------- S01


def _check_s01(ctx: Any) -> Iterable[Hit]:
    """Facts: ``van`` and ``naar``: names of the two organisations; ``rol``: eigenaar | opdrachtgever."""
    for r in sorted(ctx.relations, key=lambda r: r.key):
        if r.sturingsmodel != "principaal-agent":
            continue
        yield Hit(r.key, (r.van, r.naar), {"van": ctx.naam(r.van), "naar": ctx.naam(r.naar), "rol": r.rol})


def _present_s01(f: dict[str, Any], lang: str) -> dict[str, Any]:
    rol = f["rol"] if lang == "nl" else _ROL_EN.get(f["rol"], f["rol"])
    return {"van": f["van"], "naar": f["naar"], ("rol" if lang == "nl" else "rol_en"): rol}


S01 = Rule(
    code="S01",
    severity="info",
    name={"nl": "Sturing volgens principaal-agent", "en": "Principal-agent steering"},
    message={
        "nl": "{van} stuurt {naar} als {rol} volgens het principaal-agentmodel: op controle, prikkels en "
              "verantwoording achteraf. Bespreek in de driehoek of sturing op basis van vertrouwen, gedeelde "
              "doelen en dialoog (stewardship) hier beter past.",
        "en": "{van} steers {naar} as {rol_en} on the principal-agent model: through control, incentives and "
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
    bad="sturingsrelaties:\n"
        "  - {van: dgrr, naar: om, rol: opdrachtgever, sturingsmodel: principaal-agent}",
    good="sturingsrelaties:\n"
         "  - {van: dgrr, naar: om, rol: opdrachtgever, sturingsmodel: stewardship}",
    check=_check_s01,
    present=_present_s01,
    subject_kind="relation",
)

# ---------------------------------------------------------------------------------------- S02


def _check_s02(ctx: Any) -> Iterable[Hit]:
    """Facts: ``opdrachtgever`` and ``opdrachtnemer``: names of O and X; ``afspraak``: a valid
    resultaatafspraak binds both; ``overleg``: an overleg has both among its deelnemers (never both
    true)."""
    for x in sorted(ctx.opdrachtgever_rels):
        for r in sorted(ctx.opdrachtgever_rels[x], key=lambda r: r.van):
            if r.sturingsmodel != "stewardship":
                continue
            partijen = (r.van, r.naar)
            afspraak = ctx.has_agreement(("resultaatafspraak",), partijen)
            overleg = ctx.has_forum(partijen)
            if afspraak and overleg:
                continue
            yield Hit(r.key, partijen, {"opdrachtgever": ctx.naam(r.van), "opdrachtnemer": ctx.naam(r.naar),
                                        "afspraak": afspraak, "overleg": overleg})


def _present_s02(f: dict[str, Any], lang: str) -> dict[str, Any]:
    afspraak, overleg = f["afspraak"], f["overleg"]
    if not afspraak and not overleg:
        mist_nl = "er is geen geldige resultaatafspraak en geen overleg waarin beide zitten"
        mist_en = "there is neither a valid result agreement nor a forum in which both take part"
        actie_nl = "Leg een resultaatafspraak vast en neem beide op in een gezamenlijk overleg."
        actie_en = "Record a result agreement and have both take part in a joint forum."
    elif not afspraak:
        mist_nl = "er is geen geldige resultaatafspraak tussen beide"
        mist_en = "there is no valid result agreement between them"
        actie_nl = "Leg een resultaatafspraak vast die op de peildatum geldt."
        actie_en = "Record a result agreement that is valid on the reference date."
    else:
        mist_nl = "er is geen overleg waarin beide zitten"
        mist_en = "there is no forum in which both take part"
        actie_nl = "Neem beide op in een gezamenlijk overleg, zoals een driehoeksoverleg."
        actie_en = "Have both take part in a joint forum, such as a triangle meeting."
    p = {"opdrachtgever": f["opdrachtgever"], "opdrachtnemer": f["opdrachtnemer"]}
    if lang == "nl":
        p.update(mist=mist_nl, actie=actie_nl)
    else:
        p.update(mist_en=mist_en, actie_en=actie_en)
    return p


S02 = Rule(
    code="S02",
    severity="warning",
    name={"nl": "Stewardship zonder randvoorwaarden", "en": "Stewardship without its preconditions"},
    message={
        "nl": "{opdrachtgever} stuurt {opdrachtnemer} volgens stewardship, maar {mist}. Sturen op vertrouwen "
              "vraagt om heldere resultaatafspraken én regelmatig overleg; zonder die twee is er geen houvast. "
              "{actie}",
        "en": "{opdrachtgever} steers {opdrachtnemer} on the stewardship model, but {mist_en}. Steering on trust "
              "needs clear result agreements and regular dialogue; without both there is nothing to hold on to. "
              "{actie_en}",
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
    bad="sturingsrelaties:\n"
        "  - {van: dgwb, naar: rws, rol: opdrachtgever, sturingsmodel: stewardship}",
    good="organisaties:\n"
         "  - {id: og-rws, naam: Opdrachtgeversberaad RWS, soort: overleg, deelnemers: [dgwb, rws]}\n"
         "sturingsrelaties:\n"
         "  - {van: dgwb, naar: rws, rol: opdrachtgever, sturingsmodel: stewardship}\n"
         "afspraken:\n"
         "  - {id: ra-dgwb-rws, soort: resultaatafspraak, partijen: [dgwb, rws]}",
    check=_check_s02,
    present=_present_s02,
    subject_kind="relation",
)

# ---------------------------------------------------------------------------------------- S03


def _check_s03(ctx: Any) -> Iterable[Hit]:
    """Facts: ``naam`` of X; ``eigenaars`` / ``opdrachtgevers``: names of X's eigenaars and
    opdrachtgevers, each sorted by id."""
    for x in sorted(ctx.eigenaars):
        if ctx.groep(x) != "uitvoerder":
            continue
        es = set(ctx.eigenaars[x])
        os_ = set(ctx.opdrachtgevers(x))
        if not es or not os_:
            continue
        ok = False
        for ag in ctx.agreements_with("werkagenda", x):  # valid ones, with x among partijen
            if not ag.meerjarig:
                continue
            if any(p in es for p in ag.partijen) and any(p in os_ for p in ag.partijen):
                ok = True
                break
        if ok:
            continue
        yield Hit(x, (), {"naam": ctx.naam(x), "eigenaars": [ctx.naam(e) for e in sorted(es)],
                          "opdrachtgevers": [ctx.naam(o) for o in sorted(os_)]})


def _present_s03(f: dict[str, Any], lang: str) -> dict[str, Any]:
    ne, no = len(f["eigenaars"]), len(f["opdrachtgevers"])
    if lang == "nl":
        return {"naam": f["naam"], "eigenaars": _opsomming(f["eigenaars"], lang),
                "opdrachtgevers": _opsomming(f["opdrachtgevers"], lang),
                "e_woord": "eigenaar" if ne == 1 else "eigenaars",
                "o_woord": "opdrachtgever" if no == 1 else "opdrachtgevers"}
    return {"naam": f["naam"], "eigenaars_en": _opsomming(f["eigenaars"], lang),
            "opdrachtgevers_en": _opsomming(f["opdrachtgevers"], lang),
            "e_woord_en": "owner" if ne == 1 else "owners",
            "o_woord_en": "commissioner" if no == 1 else "commissioners"}


S03 = Rule(
    code="S03",
    severity="warning",
    name={"nl": "Driehoek zonder meerjarige werkagenda", "en": "Triangle without multi-year agenda"},
    message={
        "nl": "De driehoek rond {naam} ({e_woord} {eigenaars}, {o_woord} {opdrachtgevers}) heeft geen geldige "
              "meerjarige werkagenda die {naam} samen met een eigenaar en een opdrachtgever heeft afgesproken. "
              "Stel een bestuurlijke werkagenda op voor meerdere jaren, met een financieel perspectief.",
        "en": "The triangle around {naam} ({e_woord_en} {eigenaars_en}, {o_woord_en} {opdrachtgevers_en}) has no "
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
    bad="afspraken:\n"
        "  - {id: wa-cjib, soort: werkagenda, meerjarig: false, partijen: [sg-jenv, dgsb, cjib]}",
    good="afspraken:\n"
         "  - {id: wa-cjib, soort: werkagenda, meerjarig: true, partijen: [sg-jenv, dgsb, cjib],\n"
         "     geldig_van: 2026-01-01, geldig_tot: 2029-12-31}",
    check=_check_s03,
    present=_present_s03,
    subject_kind="id",
)

RULES: list[Rule] = [S01, S02, S03]
