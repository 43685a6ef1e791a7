"""Rules of theme D, datagovernance (RULES.md): D01-D07.

Datasets need an accountable owner, a steward and, for personal data, a controller; flows of data
need an agreement, flows of personal data a legal basis, and processors a processing agreement;
chain links must not lean on data that nobody is accountable for.

Every check iterates in sorted order and runs in (near) linear time: D05/D06 ask the agreement
index of :class:`~ketengraaf.graph.view.Context`; D07 computes, once for all datasets, which
*ongeborgde* datasets each one reaches over ``afgeleid_van`` via the condensation (strongly
connected components) of the derivation graph.

Checks yield the facts their rules declare (ids, names, lists sorted by id); each rule's ``present``
derives the message fields. The same facts come from the Cypher queries ``queries/rules/D01.cypher``
... ``D07.cypher`` for the Neo4j backend.
"""

from __future__ import annotations

from typing import Any, Iterable, Iterator, Mapping, Optional

import networkx as nx

from ketengraaf.rules.base import Fact, Hit, Kind, Rule
from ketengraaf.rules.examples import example
from ketengraaf.rules.text import soorten_tekst

#: The constants of D05 and D06: the agreement kinds that cover a data flow and a processor.
_D05 = {"soorten": ("gegevensleveringsovereenkomst", "convenant", "verwerkersovereenkomst", "wettelijke-regeling")}
_D06 = {"soorten": ("verwerkersovereenkomst", "wettelijke-regeling")}


# ---------------------------------------------------------------------------------------- helpers
def _heeft_grondslag(g: Optional[str]) -> bool:
    """Empty or blank counts as absent (MODEL.md); the graph already drops those."""
    return bool(g and g.strip())


def _d01(ds: Any) -> bool:
    return ds.eigenaar is None


def _d03(ds: Any) -> bool:
    return ds.persoonsgegevens and ds.verwerkingsverantwoordelijke is None


def _ongeborgd_bereik(ctx: Any, gebruikt: Iterable[str]) -> dict[str, frozenset[str]]:
    """For every dataset reachable from ``gebruikt`` (the datasets that links use): the datasets
    meeting D01 or D03 among itself and all datasets reachable from it over ``afgeleid_van``
    (transitively, cycles allowed).

    Computed once for all over the condensation (strongly connected components) of the derivation
    graph restricted to what the used datasets reach, in reverse topological order, each component
    from its successors' results (no walk per schakel). A component that adds nothing shares its
    successor's set, so the common case (few ungoverned datasets) stays linear.
    """
    datasets = ctx.datasets
    D = nx.DiGraph()
    todo = sorted({d for d in gebruikt if d in datasets})
    D.add_nodes_from(todo)
    while todo:
        d = todo.pop()
        for src in datasets[d].afgeleid_van:
            if src not in datasets:
                continue
            if src not in D:
                D.add_node(src)
                todo.append(src)
            D.add_edge(d, src)
    C = nx.condensation(D)
    empty: frozenset[str] = frozenset()
    comp: dict[int, frozenset[str]] = {}
    for c in reversed(list(nx.topological_sort(C))):
        own = {x for x in C.nodes[c]["members"] if _d01(datasets[x]) or _d03(datasets[x])}
        nonempty = [comp[s] for s in C.successors(c) if comp[s]]
        if not own and len(nonempty) <= 1:
            comp[c] = nonempty[0] if nonempty else empty
        else:
            acc: set[str] = set(own)
            for s in nonempty:
                acc |= s
            comp[c] = frozenset(acc)
    mapping = C.graph["mapping"]
    return {d: comp[mapping[d]] for d in D}


# ---------------------------------------------------------------------------------------- facts
# The facts are ids and display names (``naam``, else the id; see Context.naam). The ``present``
# functions hold what depends on the language or on layout (quotes around dataset names, joins).
_GEGEVENS = (Fact("gegevens", str, "id of the dataset"), Fact("gegevens_naam", str, "its naam"))
_STROOM = (Fact("stroom", str, "id of the gegevensstroom"), *_GEGEVENS,
           Fact("van", str, "id of the sender"), Fact("van_naam", str, "its naam"),
           Fact("naar", str, "id of the receiver"), Fact("naar_naam", str, "its naam"))


def _q(naam: str) -> str:
    """A dataset's display name, quoted for use inside a sentence."""
    return f"'{naam}'"


def _gegevens_facts(ctx: Any, d: str) -> dict[str, Any]:
    return {"gegevens": d, "gegevens_naam": ctx.naam(d)}


def _flow_facts(ctx: Any, f: Any) -> dict[str, Any]:
    return {"stroom": f.id, "gegevens": f.gegevens, "gegevens_naam": ctx.naam(f.gegevens),
            "van": f.van, "van_naam": ctx.naam(f.van), "naar": f.naar, "naar_naam": ctx.naam(f.naar)}


def _present_gegevens(facts: dict[str, Any], lang: str, p: Mapping[str, Any]) -> dict[str, Any]:
    return {"gegevens_q": _q(facts["gegevens_naam"])}


def _present_soorten(facts: dict[str, Any], lang: str, p: Mapping[str, Any]) -> dict[str, Any]:
    return {"gegevens_q": _q(facts["gegevens_naam"]), "soorten_tekst": soorten_tekst(p["soorten"], lang)}


def _present_d07(facts: dict[str, Any], lang: str, p: Mapping[str, Any]) -> dict[str, Any]:
    return {"ongeborgd_q": ", ".join(_q(n) for n in facts["ongeborgd_namen"])}


# ---------------------------------------------------------------------------------------- checks
def check_d01(ctx: Any, p: Mapping[str, Any]) -> Iterator[Hit]:
    for d in sorted(ctx.datasets):
        if _d01(ctx.datasets[d]):
            yield Hit(d, (), _gegevens_facts(ctx, d))


def check_d02(ctx: Any, p: Mapping[str, Any]) -> Iterator[Hit]:
    for d in sorted(ctx.datasets):
        if ctx.datasets[d].beheerder is None:
            yield Hit(d, (), _gegevens_facts(ctx, d))


def check_d03(ctx: Any, p: Mapping[str, Any]) -> Iterator[Hit]:
    for d in sorted(ctx.datasets):
        if _d03(ctx.datasets[d]):
            yield Hit(d, (), _gegevens_facts(ctx, d))


def check_d04(ctx: Any, p: Mapping[str, Any]) -> Iterator[Hit]:
    for f in sorted(ctx.flows, key=lambda x: x.id):
        ds = ctx.datasets.get(f.gegevens)
        if ds is not None and ds.persoonsgegevens and not _heeft_grondslag(f.grondslag):
            yield Hit(f.id, (f.gegevens, f.van, f.naar), _flow_facts(ctx, f))


def check_d05(ctx: Any, p: Mapping[str, Any]) -> Iterator[Hit]:
    soorten = p["soorten"]
    for f in sorted(ctx.flows, key=lambda x: x.id):
        if f.van == f.naar:
            continue
        if not ctx.has_agreement(soorten, (f.van, f.naar), gegevens=f.gegevens):
            yield Hit(f.id, (f.gegevens, f.van, f.naar), _flow_facts(ctx, f))


def check_d06(ctx: Any, p: Mapping[str, Any]) -> Iterator[Hit]:
    soorten = p["soorten"]
    for f in sorted(ctx.flows, key=lambda x: x.id):
        if not f.verwerker:
            continue
        ds = ctx.datasets.get(f.gegevens)
        if ds is None or not ds.persoonsgegevens:
            continue
        c = ds.verwerkingsverantwoordelijke or f.van
        if not ctx.has_agreement(soorten, (c, f.naar), gegevens=f.gegevens):
            facts = _flow_facts(ctx, f)
            facts["verantwoordelijke"] = c
            facts["verantwoordelijke_naam"] = ctx.naam(c)
            yield Hit(f.id, (c, f.naar), facts)


def check_d07(ctx: Any, p: Mapping[str, Any]) -> Iterator[Hit]:
    bereik = _ongeborgd_bereik(ctx, (d for k in ctx.chains for s in k.schakels for d in s.gebruikt))
    for keten in sorted(ctx.chains, key=lambda k: k.id):
        for s in keten.schakels:
            found: set[str] = set()
            for d in s.gebruikt:
                found |= bereik.get(d, frozenset())
            if found:
                ids = sorted(found)
                yield Hit(s.id, ids, {
                    "schakel": s.id, "schakel_naam": ctx.naam(s.id),
                    "keten": keten.id, "keten_naam": ctx.naam(keten.id),
                    "ongeborgd": ids, "ongeborgd_namen": [ctx.naam(d) for d in ids],
                })


# ---------------------------------------------------------------------------------------- rules
D01 = Rule(
    code="D01",
    severity="error",
    name={"nl": "Gegevens zonder eigenaar", "en": "Dataset without owner"},
    message={
        "nl": "De gegevensverzameling {gegevens_q} heeft geen eigenaar. Wijs de organisatie aan die "
              "bestuurlijk verantwoordelijk is voor deze gegevens, bijvoorbeeld het verantwoordelijke "
              "ministerie, en leg die vast als eigenaar.",
        "en": "Dataset {gegevens_q} has no owner. Designate the organisation that is accountable for this "
              "data, for example the responsible ministry, and record it as its eigenaar.",
    },
    rationale={
        "nl": "In het Stelsel van Basisregistraties en het Federatief Datastelsel is voor elke registratie "
              "een verantwoordelijke vastgelegd: wie over de gegevens beslist en erop aangesproken kan "
              "worden. Gegevens zonder eigenaar zijn het eerste gat dat in de praktijk wordt gevonden: "
              "niemand bewaakt de kwaliteit, de bewaartermijnen of het gebruik, en niemand beslist als "
              "afnemers iets van de gegevens vragen.",
        "en": "In the Dutch system of base registries (Stelsel van Basisregistraties) and the Federatief "
              "Datastelsel every registry has a designated responsible body: who decides about the data "
              "and can be held to account for it. Datasets without an owner are the first gap found in "
              "practice: nobody guards quality, retention or use, and nobody decides when consumers ask "
              "something of the data.",
    },
    fix={
        "nl": "Vul `eigenaar` in met de organisatie die bestuurlijk verantwoordelijk is voor de gegevens "
              "(bij een basisregistratie het verantwoordelijke ministerie).",
        "en": "Set `eigenaar` to the organisation accountable for the data (for a base registry, the "
              "responsible ministry).",
    },
    source="Stelsel van Basisregistraties; Federatief Datastelsel",
    bad=example("D01", "bad"),
    good=example("D01", "good"),
    check=check_d01,
    subject=Kind.gegevens,
    facts=_GEGEVENS,
    present=_present_gegevens,
    derived=("gegevens_q",),
)

D02 = Rule(
    code="D02",
    severity="warning",
    name={"nl": "Gegevens zonder beheerder", "en": "Dataset without steward"},
    message={
        "nl": "De gegevensverzameling {gegevens_q} heeft geen beheerder. Leg vast welke organisatie de "
              "gegevens dagelijks beheert, zodat duidelijk is wie de kwaliteit bijhoudt en terugmeldingen "
              "afhandelt.",
        "en": "Dataset {gegevens_q} has no steward. Record which organisation manages the data day to day, "
              "so it is clear who maintains its quality and handles reports of doubtful data.",
    },
    rationale={
        "nl": "Het Stelsel van Basisregistraties scheidt de verantwoordelijkheid voor een registratie van "
              "het beheer ervan (de BRP valt onder het ministerie van BZK en wordt beheerd door RvIG). "
              "Zonder beheerder is er niemand die de gegevens bijhoudt, afnemers bedient en "
              "terugmeldingen over twijfelachtige gegevens verwerkt.",
        "en": "The system of base registries separates responsibility for a registry from its management "
              "(the BRP falls under the Ministry of the Interior and is managed by RvIG). Without a "
              "steward nobody maintains the data, serves its consumers or processes reports of doubtful "
              "data (terugmeldingen).",
    },
    fix={
        "nl": "Vul `beheerder` in met de organisatie die de registratie beheert.",
        "en": "Set `beheerder` to the organisation that manages the registration.",
    },
    source="Stelsel van Basisregistraties (registratiehouder, bronhouder, terugmelden)",
    bad=example("D02", "bad"),
    good=example("D02", "good"),
    check=check_d02,
    subject=Kind.gegevens,
    facts=_GEGEVENS,
    present=_present_gegevens,
    derived=("gegevens_q",),
)

D03 = Rule(
    code="D03",
    severity="error",
    name={"nl": "Persoonsgegevens zonder verwerkingsverantwoordelijke",
          "en": "Personal data without controller"},
    message={
        "nl": "De gegevensverzameling {gegevens_q} bevat persoonsgegevens, maar er is geen "
              "verwerkingsverantwoordelijke vastgelegd. Leg vast welke organisatie doel en middelen van "
              "de verwerking bepaalt.",
        "en": "Dataset {gegevens_q} holds personal data, but no controller is recorded. Record which "
              "organisation determines the purposes and means of the processing.",
    },
    rationale={
        "nl": "De AVG legt de verantwoordelijkheid voor een verwerking bij de verwerkingsverantwoordelijke "
              "(art. 4 punt 7 en art. 24): die bepaalt doel en middelen, moet de grondslag kunnen aantonen "
              "(art. 6) en sluit de verwerkersovereenkomsten (art. 28). Gezamenlijke "
              "verwerkingsverantwoordelijken maken daarover afspraken (art. 26). Zonder vastgelegde "
              "verwerkingsverantwoordelijke is onduidelijk wie betrokkenen aanspreken en wie de "
              "verwerking verantwoordt.",
        "en": "The GDPR (AVG) places responsibility for processing with the controller "
              "(art. 4(7) and art. 24): it determines purposes and means, must be able to show the legal "
              "basis (art. 6) and concludes the processing agreements (art. 28). Joint controllers make "
              "an arrangement (art. 26). Without a recorded controller it is unclear whom data subjects "
              "turn to and who accounts for the processing.",
    },
    fix={
        "nl": "Vul `verwerkingsverantwoordelijke` in; gaat het niet om persoonsgegevens, zet dan "
              "`persoonsgegevens: false`.",
        "en": "Set `verwerkingsverantwoordelijke`; if the data is not personal data, set "
              "`persoonsgegevens: false`.",
    },
    source="AVG art. 4 punt 7, 24 en 26",
    bad=example("D03", "bad"),
    good=example("D03", "good"),
    check=check_d03,
    subject=Kind.gegevens,
    facts=_GEGEVENS,
    present=_present_gegevens,
    derived=("gegevens_q",),
)

D04 = Rule(
    code="D04",
    severity="error",
    name={"nl": "Stroom van persoonsgegevens zonder grondslag",
          "en": "Personal-data flow without legal basis"},
    message={
        "nl": "Gegevensstroom {stroom} levert persoonsgegevens uit {gegevens_q} van {van_naam} aan {naar_naam} zonder "
              "vastgelegde grondslag. Leg de wettelijke grondslag voor deze levering vast, of stop de "
              "levering als die grondslag er niet is.",
        "en": "Data flow {stroom} from {van_naam} to {naar_naam} passes on personal data ({gegevens_q}) without a "
              "recorded legal basis. Record the legal basis for this flow, or stop the flow if there is "
              "none.",
    },
    rationale={
        "nl": "Persoonsgegevens verstrekken is een verwerking, en een verwerking is alleen rechtmatig met "
              "een grondslag uit AVG art. 6; voor de overheid is dat meestal een wettelijke taak of "
              "verplichting. Een stroom zonder vastgelegde grondslag is niet te verantwoorden tegenover "
              "betrokkenen of de toezichthouder.",
        "en": "Passing on personal data is processing, and processing is lawful only on a basis from "
              "art. 6 GDPR (AVG); for government bodies that is usually a statutory task or obligation. "
              "A flow without a recorded legal basis cannot be justified to data subjects or the "
              "supervisory authority.",
    },
    fix={
        "nl": "Vul `grondslag` van de gegevensstroom in met de wet of het artikel waarop de levering "
              "berust.",
        "en": "Set the flow's `grondslag` to the law or article the flow rests on.",
    },
    source="AVG art. 6",
    bad=example("D04", "bad"),
    good=example("D04", "good"),
    check=check_d04,
    subject=Kind.stroom,
    facts=_STROOM,
    present=_present_gegevens,
    derived=("gegevens_q",),
)

D05 = Rule(
    code="D05",
    severity="warning",
    name={"nl": "Gegevensstroom zonder afspraak", "en": "Data flow without agreement"},
    message={
        "nl": "Voor gegevensstroom {stroom} ({gegevens_q} van {van_naam} aan {naar_naam}) geldt op de peildatum geen "
              "afspraak tussen beide organisaties die deze gegevens dekt. Leg de levering vast in een "
              "{soorten_tekst}.",
        "en": "Data flow {stroom} ({gegevens_q} from {van_naam} to {naar_naam}) has no agreement between the two "
              "organisations, valid on the reference date, that covers this data. Record the flow in a "
              "{soorten_tekst}.",
    },
    rationale={
        "nl": "Het referentiemodel gegevensuitwisseling van de GDI kent de uitwisselafspraak als eigen "
              "object en het principe 'Voorwaarden en afspraken zijn expliciet en inzichtelijk'. Bij "
              "uitbesteden, doorgeven en samenwerken hoort elk een eigen soort afspraak. Zonder afspraak "
              "zijn kwaliteit, actualiteit, gebruiksdoel en beëindiging van de levering niet geregeld.",
        "en": "The GDI reference model for data exchange has the exchange agreement (uitwisselafspraak) "
              "as an object of its own and the principle 'terms and agreements are explicit and "
              "transparent'. Outsourcing, passing on and cooperating each call for their own kind of "
              "agreement. Without one, quality, timeliness, purpose of use and termination of the flow "
              "are unsettled.",
    },
    fix={
        "nl": f"Voeg een geldige afspraak toe (soort {', '.join(_D05['soorten'])}) met afzender en ontvanger "
              "als partijen; "
              "beperk je haar met `gegevens`, neem deze gegevens dan op.",
        "en": f"Add a valid agreement (soort {', '.join(_D05['soorten'])}) with sender and receiver as partijen; "
              "if you limit it with `gegevens`, "
              "include this dataset.",
    },
    source="GDI referentiemodel gegevensuitwisseling (principe 2.2, uitwisselafspraak)",
    bad=example("D05", "bad"),
    good=example("D05", "good"),
    check=check_d05,
    subject=Kind.stroom,
    facts=_STROOM,
    present=_present_soorten,
    derived=("gegevens_q", "soorten_tekst"),
    params=_D05,
)

D06 = Rule(
    code="D06",
    severity="error",
    name={"nl": "Verwerker zonder verwerkersovereenkomst",
          "en": "Processor without processing agreement"},
    message={
        "nl": "{naar_naam} verwerkt persoonsgegevens uit {gegevens_q} (gegevensstroom {stroom}) als verwerker "
              "voor {verantwoordelijke_naam}, maar er geldt geen {soorten_tekst} "
              "tussen {verantwoordelijke_naam} en {naar_naam} die deze gegevens dekt. Sluit een "
              "verwerkersovereenkomst voordat de verwerking doorgaat.",
        "en": "{naar_naam} processes personal data from {gegevens_q} (data flow {stroom}) as a processor for "
              "{verantwoordelijke_naam}, but no valid {soorten_tekst} between "
              "{verantwoordelijke_naam} and {naar_naam} covers this data. Conclude a processing agreement before "
              "the processing continues.",
    },
    rationale={
        "nl": "AVG art. 28 eist dat een verwerker persoonsgegevens alleen verwerkt op grond van een "
              "overeenkomst of andere rechtshandeling met de verwerkingsverantwoordelijke, waarin onder "
              "meer onderwerp, duur, doel en beveiliging zijn vastgelegd. Zonder die overeenkomst "
              "verwerkt de verwerker buiten de afspraken van de verwerkingsverantwoordelijke om.",
        "en": "Art. 28 GDPR (AVG) requires a processor to process personal data only under a contract or "
              "other legal act with the controller that sets out, among other things, subject matter, "
              "duration, purpose and security. Without it the processor works outside the controller's "
              "instructions.",
    },
    fix={
        "nl": "Voeg een geldige verwerkersovereenkomst toe met de verwerkingsverantwoordelijke van de "
              "gegevens (of, als die ontbreekt, de afzender) en de verwerker als partijen; verleng een "
              "verlopen overeenkomst.",
        "en": "Add a valid verwerkersovereenkomst with the dataset's controller (or, where it has none, the "
              "sender) and the processor as partijen; renew an expired one.",
    },
    source="AVG art. 28",
    bad=example("D06", "bad"),
    good=example("D06", "good"),
    check=check_d06,
    subject=Kind.stroom,
    facts=_STROOM + (Fact("verantwoordelijke", str, "id of the controller C (the gegevens' verwerkingsverantwoordelijke, else the sender)"), Fact("verantwoordelijke_naam", str, "its naam")),
    present=_present_soorten,
    derived=("gegevens_q", "soorten_tekst"),
    params=_D06,
)

D07 = Rule(
    code="D07",
    severity="warning",
    name={"nl": "Keten gebruikt ongeborgde gegevens", "en": "Chain link uses ungoverned data"},
    message={
        "nl": "Schakel {schakel_naam} in {keten_naam} gebruikt, direct of via de bron waarvan de gebruikte gegevens "
              "zijn afgeleid, gegevens zonder eigenaar of, bij persoonsgegevens, zonder "
              "verwerkingsverantwoordelijke: {ongeborgd_q}. Borg die gegevens of laat de schakel een "
              "geborgde bron gebruiken.",
        "en": "Link {schakel_naam} in {keten_naam} uses, directly or through the source the used data is derived "
              "from, data without an owner or, for personal data, without a controller: {ongeborgd_q}. "
              "Govern that data or have the link use a governed source.",
    },
    rationale={
        "nl": "Een keten is zo sterk als de informatie waarop de schakels beslissen; NORA 'Ketens de baas' "
              "noemt de keteninformatie-infrastructuur een bouwsteen van ketensturing, en het Federatief "
              "Datastelsel vraagt gegevens bij de bron te gebruiken. Een kopie of afleiding erft de "
              "gebreken van haar bron: gebruikt een schakel gegevens waarvoor niemand verantwoordelijk is, "
              "dan kan niemand in de keten de kwaliteit of rechtmatigheid van de besluiten verantwoorden.",
        "en": "A chain is as strong as the information its links decide on; NORA 'Ketens de baas' names "
              "the chain information infrastructure a building block of chain steering, and the "
              "Federatief Datastelsel asks to use data at the source. A copy or derivation inherits the "
              "flaws of its source: when a link uses data nobody is accountable for, nobody in the chain "
              "can account for the quality or lawfulness of its decisions.",
    },
    fix={
        "nl": "Geef de genoemde gegevens een eigenaar en, bij persoonsgegevens, een "
              "verwerkingsverantwoordelijke (los D01 en D03 op), of laat de schakel een geborgde bron "
              "gebruiken.",
        "en": "Give the named datasets an owner and, for personal data, a controller (resolve D01 and "
              "D03), or have the link use a governed source.",
    },
    source="NORA 'Ketens de baas'; Federatief Datastelsel ('data bij de bron')",
    bad=example("D07", "bad"),
    good=example("D07", "good"),
    check=check_d07,
    subject=Kind.schakel,
    facts=(Fact("schakel", str, "id of the schakel"), Fact("schakel_naam", str, "its naam"), Fact("keten", str, "id of its keten"), Fact("keten_naam", str, "its naam"), Fact("ongeborgd", list[str], "ids of the ungoverned datasets used or reached, sorted"), Fact("ongeborgd_namen", list[str], "their naam, in that order")),
    present=_present_d07,
    derived=("ongeborgd_q",),
)

RULES: list[Rule] = [D01, D02, D03, D04, D05, D06, D07]
