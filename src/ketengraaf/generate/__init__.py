"""Synthetic models: valid, realistic and deterministic per seed, for tests and benchmarks.

:func:`generate_model` builds a model of roughly ``n`` organisations as plain Python data (the
same mapping a YAML reader returns, with dates as ``YYYY-MM-DD`` text); :func:`write_model`
writes it as one YAML file or, with ``split``, as a directory of files.

Shape. The model is grown ministry by ministry ("clusters"): a ministerie with its
secretaris-generaal (``functie``), DGs and directies; some gemeenten, provincies and
waterschappen; executors (agentschap, zbo, rwt, uitvoeringsorganisatie) with an eigenaar (usually
the SG) and one to several opdrachtgevers (DGs, sometimes of another ministry, with a
coördinerend opdrachtgever); private parties commissioned by executors; forums (``overleg``);
opdrachten, middelen, afspraken of every soort (some with an escalation ladder), gegevens with
copies and derivations and the gegevensstromen between organisations. Ketens of 3–8 schakels are drawn over the executors of
one or of several governments. A fixed share of every construct is deliberately flawed, so that
every rule of RULES.md fires on some subjects and not on most (at most about 30 % of the
subjects it applies to). The flaws are spread with :class:`_Quota`, which fires at an exact long-run
rate with some jitter, so even small models show each of them.

Two knobs make a finding-heavy model for benchmarks (issue 12) and leave the default model as it
always was: ``agreement_density`` keeps only that share of the afspraken, ``extra_stromen`` adds
deliveries of every dataset to gemeenten and executors (see :func:`generate_model`).

Valid by construction: one id namespace with prefixes (``org-``, ``opd-``, ``afs-``, ``ket-``,
``sch-``, ``geg-``, ``str-``, ``mid-``), references to the right kinds, no ``onderdeel_van`` cycle,
no duplicate relation or uitzondering, ``volgt_op`` within the keten, at least two distinct
partijen, ordered periods. Deterministic: one ``random.Random(seed)``, no sets iterated, no clock.
Linear in ``n``: every choice picks from a pool in constant time.

The YAML is written directly, one flow mapping per list item and line (as in voorbeeld.yaml),
with a scalar quoting that no YAML 1.1 or 1.2 reader can misread (see :func:`scalar`).

>>> m = generate_model(60, seed=3)
>>> m["ketengraaf"], m["model"]["peildatum"]
(1, '2026-11-27')
>>> generate_model(60, seed=3) == m
True
>>> scalar("Gemeente Zuidstad 4"), scalar("on"), scalar("2024-01-01"), scalar('Stichting "De Brug", Ede')
('Gemeente Zuidstad 4', '"on"', '"2024-01-01"', '"Stichting \\\\"De Brug\\\\", Ede"')
"""

from __future__ import annotations

import os
import random
import re
from datetime import date
from pathlib import Path
from typing import Any, Optional

from ketengraaf.errors import UsageError
from ketengraaf.fileio import atomic_write, has_marker, refuse_unmarked
from ketengraaf.model.yamlwrite import header, model_text, scalar, section

PEILDATUM = date(2026, 11, 27)
PEIL = PEILDATUM.isoformat()

#: The list sections in the order of MODEL.md.
SECTIONS = ("organisaties", "sturingsrelaties", "opdrachten", "afspraken", "ketens", "gegevens",
            "gegevensstromen", "middelen", "uitzonderingen")

#: Organisations per file in a split model.
CHUNK = 5000

# ------------------------------------------------------------------------------------------------
# YAML text (the writer is shared with the importers: ketengraaf.model.yamlwrite)


#: The first line of every file ``generate`` writes: it replaces only files that carry it.
MARKER = "# Gegenereerd door ketengraaf generate (fictief); een volgende run vervangt dit bestand.\n"


def _header(model: Optional[dict[str, Any]]) -> list[str]:
    return header(model, MARKER)


def dump_yaml(model: dict[str, Any]) -> str:
    """The whole model as the text of one YAML file."""
    return model_text(model, MARKER, SECTIONS)


def split_files(model: dict[str, Any], chunk: Optional[int] = None) -> list[tuple[str, str]]:
    """The model as ``(file name, text)`` pairs for a directory; only ``model.yaml`` has ``model:``.

    The organisaties go in chunks of ``chunk`` (default :data:`CHUNK`) per file; every other section
    has a file of its own (gegevensstromen share ``gegevens.yaml``). Every file starts with
    ``ketengraaf: 1``.
    """
    chunk = chunk or CHUNK
    files: list[tuple[str, str]] = [("model.yaml", "".join(_header(model.get("model"))))]
    orgs = model.get("organisaties", [])
    n_chunks = max(1, -(-len(orgs) // chunk))
    width = max(3, len(str(n_chunks - 1)))
    for i in range(n_chunks):
        out = _header(None)
        section("organisaties", orgs[i * chunk:(i + 1) * chunk], out)
        files.append((f"organisaties-{i:0{width}d}.yaml", "".join(out)))
    for fname, sections in (("sturing.yaml", ("sturingsrelaties",)), ("opdrachten.yaml", ("opdrachten",)),
                            ("middelen.yaml", ("middelen",)), ("afspraken.yaml", ("afspraken",)),
                            ("ketens.yaml", ("ketens",)), ("gegevens.yaml", ("gegevens", "gegevensstromen")),
                            ("uitzonderingen.yaml", ("uitzonderingen",))):
        out = _header(None)
        for s in sections:
            section(s, model.get(s, []), out)
        files.append((fname, "".join(out)))
    return files


_OWN_FILE = re.compile(r"(?:model|organisaties-\d{3,}|sturing|opdrachten|middelen|afspraken|ketens|gegevens"
                       r"|uitzonderingen)\.yaml")


def write_model(n: int, *, seed: int, output: str | os.PathLike[str], split: bool = False,
                agreement_density: float = 1.0, extra_stromen: float = 0.0) -> list[Path]:
    """Generate a model of about ``n`` organisations and write it; return the paths written.

    ``agreement_density`` and ``extra_stromen``: see :func:`generate_model`.

    Without ``split``, ``output`` is one YAML file. With ``split``, ``output`` is a directory
    (created when missing); the files of this generator in it are replaced, and organisatie
    chunks left over from an earlier, larger run are removed so the directory holds one model.
    Every file is written atomically.
    """
    out = Path(output)
    if not split:
        if out.is_dir():
            raise UsageError(f"{output} is a directory; give a .yaml file, or use --split")
        _refuse_foreign(out)
        atomic_write(out, dump_yaml(generate_model(n, seed, agreement_density=agreement_density,
                                                   extra_stromen=extra_stromen)))
        return [out]
    if out.exists() and not out.is_dir():
        raise UsageError(f"{output} is a file; --split writes a directory")
    model = generate_model(n, seed, agreement_density=agreement_density, extra_stromen=extra_stromen)
    files = split_files(model)
    names = {f for f, _ in files}
    for fname, _ in files:
        _refuse_foreign(out / fname)
    out.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    for fname, text in files:
        p = out / fname
        atomic_write(p, text)
        written.append(p)
    for old in sorted(out.iterdir()):
        if old.is_file() and _OWN_FILE.fullmatch(old.name) and old.name not in names and _generated(old):
            old.unlink()
    return written


def _generated(path: Path) -> bool:
    """Was ``path`` written by this generator (its first line is :data:`MARKER`)?"""
    return has_marker(path, MARKER)


def _refuse_foreign(path: Path) -> None:
    """``generate`` replaces only its own earlier output: an existing model someone wrote is theirs."""
    refuse_unmarked(path, MARKER, "ketengraaf generate")


# ------------------------------------------------------------------------------------------------
# vocabulary

#: (name, abbreviation, DG stems, directie stems, executors per soort, datasets, opdracht themes)
_TOPICS: list[dict[str, Any]] = [
    {"naam": "Financiën", "afk": "Fin",
     "dg": ["Fiscale Zaken", "Rijksbegroting", "Toeslagen & Douane", "Financiële Markten"],
     "dir": ["Belastingbeleid", "Inspectie der Rijksfinanciën", "Financiën, Economie en Bedrijfsvoering",
             "Toeslagen", "Fiscale Uitvoering"],
     "exe": {"uitvoeringsorganisatie": ["Belastingdienst", "Dienst Toeslagen", "Douane"],
             "agentschap": ["Domeinen Roerende Zaken", "Agentschap van de Generale Thesaurie"],
             "zbo": ["Autoriteit Financiële Markten", "Waarderingskamer"], "rwt": ["Stichting Toezicht Inning"]},
     "data": ["Inkomensgegevens IB", "Toeslagenregistratie", "Aangiftegegevens", "WOZ-waarden"],
     "thema": ["kinderopvangtoeslag", "huurtoeslag", "zorgtoeslag", "inning", "douanecontrole"]},
    {"naam": "Justitie en Veiligheid", "afk": "JenV",
     "dg": ["Politie en Veiligheidsregio's", "Straffen en Beschermen", "Rechtspleging en Rechtshandhaving",
            "Migratie"],
     "dir": ["Sanctietoepassing en Jeugd", "Jeugd, Familie en Aanpak Criminaliteitsfenomenen",
             "Wetgeving en Juridische Zaken", "Eigenaarsadvisering", "Rechtsbestel"],
     "exe": {"agentschap": ["Centraal Justitieel Incassobureau", "Dienst Justitiële Inrichtingen", "Justis",
                            "Immigratie- en Naturalisatiedienst", "Nederlands Forensisch Instituut"],
             "zbo": ["Centraal Orgaan opvang asielzoekers", "Raad voor Rechtsbijstand", "Kansspelautoriteit"],
             "uitvoeringsorganisatie": ["Politie", "Openbaar Ministerie", "Reclassering"],
             "rwt": ["Stichting Halt"]},
     "data": ["Justitiële Documentatie", "Vreemdelingenadministratie", "Zaakregistratie strafrecht"],
     "thema": ["strafbeschikkingen", "detentie", "asielprocedure", "slachtofferzorg", "boete-inning"]},
    {"naam": "Infrastructuur en Waterstaat", "afk": "IenW",
     "dg": ["Mobiliteit", "Water en Bodem", "Milieu & Internationaal", "Luchtvaart, Maritieme Zaken en Spoor"],
     "dir": ["Wegen en Verkeersveiligheid", "Openbaar Vervoer en Spoor", "Waterkeringen", "Maritieme Zaken"],
     "exe": {"agentschap": ["Rijkswaterstaat", "Koninklijk Nederlands Meteorologisch Instituut",
                            "Inspectie Leefomgeving en Transport"],
             "zbo": ["RDW", "Centraal Bureau Rijvaardigheidsbewijzen", "Luchtverkeersleiding Nederland"],
             "uitvoeringsorganisatie": ["Uitvoeringsorganisatie Wegen"], "rwt": ["Stichting Keurmerk Verkeer"]},
     "data": ["Verkeersongevallenregistratie", "Waterstanden", "Kentekenregister"],
     "thema": ["wegonderhoud", "waterveiligheid", "verkeersmanagement", "kentekenregistratie"]},
    {"naam": "Volksgezondheid, Welzijn en Sport", "afk": "VWS",
     "dg": ["Curatieve Zorg", "Langdurige Zorg", "Volksgezondheid", "Sport & Jeugd"],
     "dir": ["Publieke Gezondheid", "Zorgverzekeringen", "Jeugd", "Geneesmiddelen en Medische Technologie"],
     "exe": {"agentschap": ["Rijksinstituut voor Volksgezondheid en Milieu", "CIBG",
                            "Dienst Uitvoering Subsidies aan Instellingen"],
             "zbo": ["Centraal Administratiekantoor", "Zorginstituut Nederland", "Nederlandse Zorgautoriteit"],
             "rwt": ["GGD Nederland"],
             "uitvoeringsorganisatie": ["Landelijk Coördinatiecentrum Patiënten Spreiding"]},
     "data": ["Vaccinatieregister", "BIG-register", "Declaratiegegevens Wlz"],
     "thema": ["pgb-trekkingsrecht", "vaccinatie", "zorgtoeslag", "jeugdzorg"]},
    {"naam": "Sociale Zaken en Werkgelegenheid", "afk": "SZW",
     "dg": ["Werk", "Sociale Zekerheid en Integratie", "Inspectie & Handhaving"],
     "dir": ["Kinderopvang", "Arbeidsmarkt en Sociaal-Economische Aangelegenheden",
             "Participatie en Decentrale Voorzieningen", "Inburgering en Integratie"],
     "exe": {"zbo": ["Uitvoeringsinstituut Werknemersverzekeringen", "Sociale Verzekeringsbank"],
             "agentschap": ["Nederlandse Arbeidsinspectie"], "rwt": ["Bureau Keteninformatisering Werk & Inkomen"],
             "uitvoeringsorganisatie": ["Uitvoeringsorganisatie Inburgering"]},
     "data": ["Polisadministratie", "Suwinet-gegevens", "Uitkeringsregistratie"],
     "thema": ["WW-uitkeringen", "inburgering", "kinderopvang", "AOW", "re-integratie"]},
    {"naam": "Onderwijs, Cultuur en Wetenschap", "afk": "OCW",
     "dg": ["Hoger Onderwijs, Beroepsonderwijs, Wetenschap & Emancipatie", "Funderend Onderwijs",
            "Cultuur en Media"],
     "dir": ["Voortgezet Onderwijs", "Studiefinanciering", "Erfgoed en Kunsten", "Kennis"],
     "exe": {"agentschap": ["Dienst Uitvoering Onderwijs", "Rijksdienst voor het Cultureel Erfgoed",
                            "Nationaal Archief"],
             "zbo": ["College voor Toetsen en Examens", "Commissariaat voor de Media"],
             "rwt": ["Nederlandse Organisatie voor Wetenschappelijk Onderzoek"],
             "uitvoeringsorganisatie": ["Inspectie van het Onderwijs"]},
     "data": ["Register Onderwijsdeelnemers", "Studiefinancieringsadministratie", "Monumentenregister"],
     "thema": ["studiefinanciering", "examens", "lerarenbeurs", "archivering"]},
    {"naam": "Binnenlandse Zaken en Koninkrijksrelaties", "afk": "BZK",
     "dg": ["Digitalisering en Overheidsorganisatie", "Koninkrijksrelaties", "Openbaar Bestuur en Democratie"],
     "dir": ["Informatiesamenleving en Overheid", "Digitale Overheid", "Constitutionele Zaken en Wetgeving",
             "Bestuur, Democratie en Financiën"],
     "exe": {"agentschap": ["Rijksdienst voor Identiteitsgegevens", "Logius", "Shared Service Center ICT",
                            "Rijksvastgoedbedrijf"],
             "zbo": ["Kadaster", "Kiesraad"], "rwt": ["Stichting ICTU"],
             "uitvoeringsorganisatie": ["Doc-Direkt"]},
     "data": ["Register Niet-ingezetenen", "Reisdocumentenadministratie", "Rijkspersoneelsgegevens"],
     "thema": ["DigiD", "reisdocumenten", "identiteitsvaststelling", "huisvesting rijksdiensten"]},
    {"naam": "Economische Zaken", "afk": "EZ",
     "dg": ["Bedrijfsleven & Innovatie", "Economische Structuur", "Ondernemerschap"],
     "dir": ["Innovatie en Kennis", "Mededinging en Consumenten", "Digitale Economie"],
     "exe": {"agentschap": ["Rijksdienst voor Ondernemend Nederland", "Rijksinspectie Digitale Infrastructuur"],
             "zbo": ["Autoriteit Consument & Markt", "Staatstoezicht op de Mijnen"], "rwt": ["Kamer van Koophandel"],
             "uitvoeringsorganisatie": ["Uitvoeringsorganisatie Subsidies"]},
     "data": ["Subsidieregistratie", "Bedrijvenregister", "Innovatiekredieten"],
     "thema": ["subsidieverlening", "innovatiekrediet", "mkb-regelingen"]},
    {"naam": "Landbouw, Visserij, Voedselzekerheid en Natuur", "afk": "LVVN",
     "dg": ["Agro", "Natuur en Visserij", "Stikstof"],
     "dir": ["Dierketens en Welzijn", "Plantaardige Agroketens", "Natuur en Biodiversiteit"],
     "exe": {"agentschap": ["Nederlandse Voedsel- en Warenautoriteit"], "zbo": ["Staatsbosbeheer"],
             "rwt": ["Stichting Skal Biocontrole"], "uitvoeringsorganisatie": ["Uitvoeringsorganisatie Mest"]},
     "data": ["Identificatie- en Registratiesysteem dieren", "Gecombineerde opgave", "Mestregistratie"],
     "thema": ["mestbeleid", "dierwelzijn", "visserijquota", "natuurherstel"]},
    {"naam": "Klimaat en Groene Groei", "afk": "KGG",
     "dg": ["Klimaat & Energie", "Energiemarkt en Infrastructuur"],
     "dir": ["Warmte en Ondergrond", "Elektriciteit", "Klimaatadaptatie"],
     "exe": {"zbo": ["Autoriteit Nucleaire Veiligheid en Stralingsbescherming", "Nederlandse Emissieautoriteit"],
             "agentschap": ["Agentschap Energietransitie"], "rwt": ["Stichting Energielabel"],
             "uitvoeringsorganisatie": ["Uitvoeringsorganisatie Netcongestie"]},
     "data": ["Energielabelregistratie", "Emissieregistratie", "Warmtenetregister"],
     "thema": ["energielabels", "emissiehandel", "isolatiesubsidie"]},
    {"naam": "Volkshuisvesting en Ruimtelijke Ordening", "afk": "VRO",
     "dg": ["Volkshuisvesting en Bouwen", "Ruimtelijke Ordening", "Omgevingswet"],
     "dir": ["Woningmarkt", "Bouwen en Energie", "Ruimtelijke Inrichting"],
     "exe": {"zbo": ["Huurcommissie", "Waarborgfonds Eigen Woningen"], "agentschap": ["Agentschap Woningbouw"],
             "rwt": ["Stichting Omgevingsloket"], "uitvoeringsorganisatie": ["Uitvoeringsorganisatie Herstel Groningen"]},
     "data": ["Woningregister", "Huurprijsgegevens", "Omgevingsplannen"],
     "thema": ["huurbeleid", "woningbouw", "herstel Groningen", "Omgevingswet"]},
    {"naam": "Defensie", "afk": "Def",
     "dg": ["Beleid", "Materieel & IT", "Personeel"],
     "dir": ["Operaties", "Internationale Zaken", "Personeel en Organisatie"],
     "exe": {"uitvoeringsorganisatie": ["Defensie Materieel Organisatie", "Defensie Ondersteuningscommando"],
             "agentschap": ["Agentschap Vastgoed Defensie"], "zbo": ["Stichting Veteranen Fonds"],
             "rwt": ["Stichting Defensiepersoneel"]},
     "data": ["Personeelsregistratie Defensie", "Materieellogistiek", "Veteranenregister"],
     "thema": ["materieelverwerving", "personeelsvoorziening", "vastgoed"]},
]

_BASISREGISTRATIES = ["Basisregistratie Personen", "Basisregistratie Adressen en Gebouwen",
                      "Basisregistratie Kadaster", "Basisregistratie Voertuigen", "Basisregistratie Inkomen",
                      "Handelsregister", "Basisregistratie Grootschalige Topografie", "Basisregistratie Ondergrond",
                      "Basisregistratie WOZ", "Basisregistratie Topografie"]
_GENERIC_DATA = ["Klantdossiers", "Zaakgegevens", "Betaalgegevens", "Managementinformatie", "Adresgegevens",
                 "Contactgegevens", "Risicoprofielen", "Klachtenregistratie", "Vergunningen"]
_PLAATSEN = ["Zuidstad", "Oosterwijk", "Westerveld", "Noorderhaven", "Bergen (NH)", "'s-Hertogenbosch",
             "Súdwest-Fryslân", "Nuenen, Gerwen en Nederwetten", "Den Helder", "Sint-Michielsgestel",
             "Baarle-Nassau", "Gemert-Bakel", "Ede", "Oss", "Noardeast-Fryslân", "Tytsjerksteradiel",
             "'s-Gravenhage", "Hengelo (O.)", "Zaltbommel", "Krimpenerwaard", "Hoogeveen", "Almere"]
_PROVINCIES = ["Noord-Brabant", "Fryslân", "Zeeland", "Gelderland", "Overijssel", "Zuid-Holland", "Limburg",
               "Groningen", "Drenthe", "Utrecht", "Noord-Holland", "Flevoland"]
_WATERSCHAPPEN = ["Hoogheemraadschap van Rijnland", "Waterschap Aa en Maas", "Wetterskip Fryslân",
                  "Waterschap Brabantse Delta", "Hoogheemraadschap Hollands Noorderkwartier",
                  "Waterschap Vallei & Veluwe", "Waterschap De Dommel", "Waterschap Rivierenland"]
_ONAFHANKELIJK = [("overig", "De Rechtspraak"), ("overig", "Raad van State"), ("overig", "Algemene Rekenkamer"),
                  ("overig", "Nationale ombudsman"), ("overig", "College voor de Rechten van de Mens"),
                  ("zbo", "Autoriteit Persoonsgegevens"), ("zbo", "Onderzoeksraad voor Veiligheid")]
_PRIVAAT = ["IT-leverancier {p} BV", "Adviesbureau {p} & Partners", 'Stichting "{p}"', "Coöperatie {p} U.A.",
            "Ingenieursbureau {p} N.V.", "Reclasseringsstichting {p}", "Zorgverzekeraar {p}",
            "Incassobureau {p} B.V.", "Cloudleverancier {p} Ltd.", "Callcenter {p}, Klantcontact & Service"]
_PERSONEN = ["Noorderlicht", "De Brug", "Zuiderzee", "Oranje", "Van der Berg", "Dijkstra", "Jansen", "'t Hooft",
             "Meijer", "Brouwer", "De Vries", "Smit", "Bakker", "Hendriks", "Van Dijk", "Visser", "Brinkmann & Zn",
             "D'Ancona", "Hoekstra-Müller"]
_OVERIG = ["Kenniscentrum {p}", "Expertisecentrum {p}", "Platform {p}"]
_KETENS = ["Strafrechtketen", "Toeslagenketen", "Verkeersboeteketen", "Migratieketen", "Inburgeringsketen",
           "Keten Werk & Inkomen", "Jeugdbeschermingsketen", "Zorgketen pgb-trekkingsrecht",
           "Vergunningverleningsketen", "Belastingketen", "Studiefinancieringsketen", "Keten Identiteitsvaststelling",
           "Schuldhulpverleningsketen", "Keten 'Veilig Thuis'", "Keten \"Mens centraal\"", "Omgevingsketen"]
_FASEN = ["Aanvraag", "Intake", "Aangifte", "Opsporing", "Vervolging", "Berechting", "Toekenning", "Beoordeling",
          "Besluitvorming", "Uitbetaling", "Inning", "Controle & Handhaving", "Bezwaar en beroep", "Herziening",
          "Registratie", "Terugmelding", "Nazorg", "Advies", "Toezicht", "Archivering"]
_MIDDELEN = [("systeem", "Zaaksysteem"), ("systeem", "Betaalplatform"), ("dienst", "Klantportaal"),
             ("systeem", "Datawarehouse"), ("systeem", "Inningssysteem"), ("systeem", "Registratiesysteem"),
             ("dienst", "Berichtenbox-koppeling"), ("dienst", "Contactcentrum"), ("overig", "Kantorennetwerk"),
             ("systeem", "Rekenkern"), ("dienst", "Identiteitsdienst")]
_OPDRACHTEN = ["Vereenvoudiging {t}", "Implementatie wetswijziging {t}", "Modernisering {t}", "Herziening {t}",
               "Verbetering dienstverlening {t}", "Vervanging systemen {t}", "Uitvoering regeling {t}",
               "Reorganisatie {t}", "Aanpak achterstanden {t}", "Herstelopgave {t}"]
_GRONDSLAGEN = ["Wet BRP", "Awir", "AVG art. 6 lid 1 sub e", "Wet SUWI, art. 54",
                "Algemene wet inzake rijksbelastingen, art. 67", "WAHV", "Wegenverkeerswet 1994",
                "Vreemdelingenwet 2000", "Wet politiegegevens", "Wet justitiële en strafvorderlijke gegevens",
                "Zorgverzekeringswet", "Wet studiefinanciering 2000", "Handelsregisterwet 2007",
                "Besluit 'gegevensverstrekking' 2021"]
_WETTEN = ["Wetboek van Strafvordering", "Autorisatiebesluit BRP", "Besluit SUWI", "Regeling gegevensverstrekking",
           "Wet op het financieel toezicht", "Kaderwet zbo's", "Uitvoeringsbesluit Awir"]
_REDENEN = ["Eigenaarschap wordt nog vastgesteld; besluit verwacht in 2027.",
            "Bewuste keuze van de SG, evaluatie in Q3 2027.",
            'Zie brief "Sturing uitvoering" van 12 maart 2026.',
            "Tijdelijk: migratie naar nieuw systeem (fase 2).",
            "Geaccepteerd door het driehoeksoverleg, herziening na de reorganisatie.",
            "Wordt opgelost in het programma 'Werk aan Uitvoering'.",
            "Risico aanvaard door de CIO & de eigenaar."]


# ------------------------------------------------------------------------------------------------
# generation


class _Quota:
    """Fires at long-run rate ``p`` with jitter; the first time within ``0.6 / p`` calls.

    Spreads a deliberate flaw over the subjects it may affect, so every flaw shows up even in a
    small model and never on all subjects (as long as ``p`` is well below 1).
    """

    __slots__ = ("rng", "p", "acc")

    def __init__(self, rng: random.Random, p: float):
        self.rng = rng
        self.p = p
        self.acc = rng.uniform(0.7, 1.0)

    def __call__(self) -> bool:
        self.acc += self.p * (0.5 + self.rng.random())
        if self.acc >= 1.0:
            self.acc -= 1.0
            return True
        return False


def _date_between(rng: random.Random, lo: date, hi: date) -> str:
    return date.fromordinal(rng.randint(lo.toordinal(), hi.toordinal())).isoformat()


def _validity(rng: random.Random, kind: str) -> dict[str, str]:
    """``geldig_van``/``geldig_tot`` for a valid (open or closed), expired or future agreement."""
    r = rng.random()
    if kind == "valid":
        if r < 0.3:
            return {}
        if r < 0.5:
            return {"geldig_van": _date_between(rng, date(2019, 1, 1), date(2026, 6, 30))}
        if r < 0.6:
            return {"geldig_tot": _date_between(rng, date(2027, 1, 1), date(2030, 12, 31))}
        return {"geldig_van": _date_between(rng, date(2022, 1, 1), date(2026, 11, 1)),
                "geldig_tot": _date_between(rng, date(2026, 12, 31), date(2030, 12, 31))}
    if kind == "expired":
        van = _date_between(rng, date(2020, 1, 1), date(2024, 12, 31))
        return {"geldig_van": van, "geldig_tot": _date_between(rng, date.fromisoformat(van), date(2026, 11, 26))}
    van = _date_between(rng, date(2026, 11, 28), date(2027, 12, 31))  # future
    return {"geldig_van": van} if r < 0.4 else {
        "geldig_van": van, "geldig_tot": _date_between(rng, date.fromisoformat(van), date(2031, 12, 31))}


class _Org:
    """What the generator remembers of an executor or private party while wiring it up."""

    __slots__ = ("id", "naam", "soort", "cl", "E", "O", "cap", "middelen", "onafh", "sub", "regional", "agenda")

    def __init__(self, id: str, naam: str, soort: str, cl: Optional["_Cluster"]):
        self.id, self.naam, self.soort, self.cl = id, naam, soort, cl
        self.E: list[str] = []
        self.O: list[str] = []
        self.cap: Optional[int] = None
        self.middelen: list[str] = []
        self.onafh = False
        self.sub = False
        self.regional = False
        self.agenda: Optional[dict[str, Any]] = None  # its valid multi-year werkagenda, if any


class _Cluster:
    __slots__ = ("min", "sg", "dgs", "dirs", "dir_of", "exe", "priv", "gem", "topic", "data")

    def __init__(self, topic: dict[str, Any]):
        self.topic = topic
        self.min = self.sg = ""
        self.dgs: list[str] = []
        self.dirs: list[str] = []
        self.dir_of: dict[str, str] = {}  # directie -> its DG
        self.exe: list[_Org] = []
        self.priv: list[_Org] = []
        self.gem: list[str] = []
        self.data: list[str] = []


class _Generator:
    def __init__(self, n: int, seed: int, agreement_density: float = 1.0, extra_stromen: float = 0.0):
        self.n = n
        self.extra_stromen = extra_stromen
        self.seed = seed
        self.rng = rng = random.Random(seed)
        self.density = agreement_density
        # Thinning draws from a stream of its own, and only below 1, so that the main stream (and
        # with it every other part of the model) is the same at every density.
        self.keep = random.Random(f"{seed}/afspraken-dichtheid") if agreement_density < 1.0 else None
        self.orgs: list[dict[str, Any]] = []
        self.rels: list[dict[str, Any]] = []
        self.opdrachten: list[dict[str, Any]] = []
        self.afspraken: list[dict[str, Any]] = []
        self.ketens: list[dict[str, Any]] = []
        self.gegevens: list[dict[str, Any]] = []
        self.stromen: list[dict[str, Any]] = []
        self.middelen: list[dict[str, Any]] = []
        self.uitz: list[dict[str, Any]] = []
        self.counters: dict[str, int] = {}
        self.naam: dict[str, str] = {}
        self.clusters: list[_Cluster] = []
        self.all_exe: list[_Org] = []
        self.regional: list[_Org] = []
        self.gemeenten: list[str] = []
        self.provincies: list[str] = []
        self.independent: list[str] = []
        self.foreign_dgs: list[str] = []  # one DG of every earlier ministry
        self.unanchored: list[str] = []  # organisations that are not verantwoord
        # candidates for uitzonderingen: (regel, onderwerp) that surely fire / surely do not
        self.exc_hit: list[tuple[str, str]] = []
        self.exc_miss: list[tuple[str, str]] = []
        q = lambda p: _Quota(rng, p)  # noqa: E731 - one rng, fixed order of creation
        self.q_sub, self.q_onafh, self.q_no_owner, self.q_mixed, self.q_both = q(.07), q(.18), q(.07), q(.06), q(.05)
        self.q_no_og, self.q_foreign, self.q_cycle, self.q_coord = q(.07), q(.2), q(.12), q(.2)
        self.q_forum, self.q_agenda_bad, self.q_r06, self.q_r08, self.q_toets = q(.18), q(.2), q(.09), q(.07), q(.3)
        self.q_overload, self.q_regional, self.q_indep = q(.15), q(.15), q(.3)
        self.q_k01, self.q_k02, self.q_k04, self.q_k06, self.q_k07 = q(.15), q(.05), q(.2), q(.1), q(.2)
        self.q_d01, self.q_d02, self.q_d03, self.q_d04, self.q_d05, self.q_d06 = (
            q(.08), q(.1), q(.12), q(.15), q(.12), q(.3))
        self.q_afgeleid_cycle = q(.04)
        self.q_s02, self.q_k05, self.q_k03, self.q_m03 = q(.17), q(.15), q(.05), q(.15)

    # ---- primitives

    def _id(self, prefix: str) -> str:
        c = self.counters.get(prefix, 0) + 1
        self.counters[prefix] = c
        return f"{prefix}-{c}"

    def org(self, prefix: str, naam: str, soort: str, **extra: Any) -> str:
        oid = self._id("org-" + prefix)
        d: dict[str, Any] = {"id": oid, "naam": naam, "soort": soort}
        for k, v in extra.items():
            if v is not None:
                d[k] = v
        self.orgs.append(d)
        self.naam[oid] = naam
        return oid

    def rel(self, van: str, naar: str, rol: str, *, coordinerend: Optional[bool] = None,
            sturingsmodel: Optional[str] = None) -> dict[str, Any]:
        r: dict[str, Any] = {"van": van, "naar": naar, "rol": rol}
        if coordinerend is not None:
            r["coordinerend"] = coordinerend
        if sturingsmodel is not None:
            r["sturingsmodel"] = sturingsmodel
        self.rels.append(r)
        return r

    def date_between(self, lo: date, hi: date) -> str:
        return _date_between(self.rng, lo, hi)

    def validity(self, kind: str) -> dict[str, str]:
        return _validity(self.rng, kind)

    def afspraak(self, soort: str, partijen: list[str], kind: str = "valid", *, naam: Optional[str] = None,
                 **extra: Any) -> Optional[dict[str, Any]]:
        p = list(dict.fromkeys(partijen))
        if len(p) < 2:
            return None
        a: dict[str, Any] = {"id": self._id("afs"), "soort": soort}
        if naam is not None:
            a["naam"] = naam
        a["partijen"] = p
        a.update(self.validity(kind))
        for k, v in extra.items():
            if v is not None:
                a[k] = v
        # A dropped agreement is still made and returned (never written): its id and draws stay
        # spent, so the rest of the model is the same at every density.
        if self._kept():
            self.afspraken.append(a)
        return a

    def _kept(self) -> bool:
        """Is the next agreement written? Always at density 1; else with that probability."""
        return self.keep is None or self.keep.random() < self.density

    def overleg(self, naam: str, deelnemers: list[str], parent: Optional[str]) -> str:
        return self.org("ovl", naam, "overleg", onderdeel_van=parent, deelnemers=list(dict.fromkeys(deelnemers)))

    def sturingsmodel(self) -> Optional[str]:
        r = self.rng.random()
        return "principaal-agent" if r < 0.12 else "stewardship" if r < 0.27 else None

    # ---- the model

    def run(self) -> dict[str, Any]:
        target = max(1, self.n)
        while len(self.orgs) < target * 0.97:
            self.cluster()
        self.ladders()
        self.chains()
        self.exceptions()
        if self.extra_stromen > 0:
            self.deliveries()
        d = self.density
        return {
            "ketengraaf": 1,
            "model": {"id": f"synthetisch-n{self.n}-s{self.seed}" + (f"-d{d:g}" if d < 1.0 else ""),
                      "naam": f"Synthetisch model ({self.n} organisaties, seed {self.seed}"
                              + (f", afsprakendichtheid {d:g}" if d < 1.0 else "") + ")",
                      "beschrijving": "Gegenereerd door ketengraaf generate; organisaties, namen en relaties zijn fictief.",
                      "peildatum": PEIL},
            "organisaties": self.orgs, "sturingsrelaties": self.rels, "opdrachten": self.opdrachten,
            "afspraken": self.afspraken, "ketens": self.ketens, "gegevens": self.gegevens,
            "gegevensstromen": self.stromen, "middelen": self.middelen, "uitzonderingen": self.uitz,
        }

    def cluster(self) -> None:
        rng = self.rng
        ci = len(self.clusters) + 1
        t = _TOPICS[rng.randrange(len(_TOPICS))]
        cl = _Cluster(t)
        self.clusters.append(cl)
        cl.min = self.org("min", f"Ministerie van {t['naam']} {ci}", "ministerie")
        cl.sg = self.org("sg", f"Secretaris-generaal {t['afk']} {ci}", "functie", onderdeel_van=cl.min)
        for stem in rng.sample(t["dg"], min(len(t["dg"]), rng.randint(2, 4))):
            dg = self.org("dg", f"DG {stem} {ci}", "directoraat-generaal", onderdeel_van=cl.min)
            cl.dgs.append(dg)
            for _ in range(rng.randint(1, 3)):
                di = self.org("dir", f"Directie {rng.choice(t['dir'])} {self.counters['org-dg']}.{len(cl.dirs) + 1}",
                              "directie", onderdeel_van=dg)
                cl.dirs.append(di)
                cl.dir_of[di] = dg

        # decentral governments
        for _ in range(rng.choice((2, 3, 4, 4, 5, 6, 8))):
            g = self.org("gem", f"Gemeente {rng.choice(_PLAATSEN)} {self.counters.get('org-gem', 0) + 1}", "gemeente")
            cl.gem.append(g)
            self.gemeenten.append(g)
        if rng.random() < 0.3:
            self.provincies.append(self.org(
                "prov", f"Provincie {rng.choice(_PROVINCIES)} {self.counters.get('org-prov', 0) + 1}", "provincie"))
        if rng.random() < 0.4:
            self.org("ws", f"{rng.choice(_WATERSCHAPPEN)} {self.counters.get('org-ws', 0) + 1}", "waterschap")
        if self.q_indep():
            soort, naam = rng.choice(_ONAFHANKELIJK)
            self.independent.append(self.org("onafh", f"{naam} {len(self.independent) + 1}", soort, onafhankelijk=True))
        if rng.random() < 0.15:  # a knowledge centre nobody steers
            self.org("ovr", rng.choice(_OVERIG).format(p=f"{rng.choice(t['thema'])} {ci}"), "overig")

        # executors: who owns and who commissions them (phase 1)
        for _ in range(rng.choice((2, 3, 3, 4, 4, 5))):
            self.executor(cl, self.foreign_dgs)
        if self.q_regional() and len(self.gemeenten) >= 3:
            self.regional_executor(cl)
        # circular steering between two executors of this ministry (phase 2)
        steered = [x for x in cl.exe if x.O and not x.onafh]
        if self.q_cycle() and len(steered) >= 2:
            a, b = rng.sample(steered, 2)
            if b.id not in a.O:
                a.O.append(b.id)
            if a.id not in b.O:
                b.O.append(a.id)
        # private parties, mostly commissioned by an executor
        for _ in range(rng.choice((1, 1, 2, 2, 3))):
            naam = f"{rng.choice(_PRIVAAT).format(p=rng.choice(_PERSONEN))} {self.counters.get('org-priv', 0) + 1}"
            p = _Org(self.org("priv", naam, "private"), naam, "private", cl)
            if cl.exe and rng.random() < 0.8:
                p.O = [rng.choice(cl.exe).id]
            else:
                self.unanchored.append(p.id)
            cl.priv.append(p)
        # wiring (phase 3)
        for x in cl.exe:
            self.wire(x, cl)
        for p in cl.priv:
            self.wire(p, cl)
        self.datasets(cl)
        self.foreign_dgs.append(cl.dgs[0])

    def executor(self, cl: _Cluster, foreign_dgs: list[str]) -> None:
        rng = self.rng
        t = cl.topic
        soort = rng.choices(("agentschap", "zbo", "uitvoeringsorganisatie", "rwt"), (40, 25, 25, 10))[0]
        names = t["exe"].get(soort) or t["exe"]["agentschap"]
        naam = f"{rng.choice(names)} {self.counters.get('org-exe', 0) + 1}"
        parent: Optional[str] = None
        sub_of: Optional[_Org] = None
        if cl.exe and self.q_sub():
            sub_of = rng.choice(cl.exe)
            parent = sub_of.id
            soort = "uitvoeringsorganisatie"
        elif soort == "agentschap" and rng.random() < 0.9 or soort == "uitvoeringsorganisatie" and rng.random() < 0.5:
            parent = cl.min
        onafh = soort == "zbo" and sub_of is None and self.q_onafh()
        extra: dict[str, Any] = {"onderdeel_van": parent}
        if onafh:
            extra["onafhankelijk"] = True
        cap = rng.randint(40, 3000) if rng.random() < 0.7 else None
        extra["capaciteit"] = cap
        if rng.random() < 0.2:
            afk = "".join(w[0] for w in naam.split() if w[:1].isupper()) or "X"
            extra["kenmerken"] = {"afkorting": f"{afk}-{self.counters.get('org-exe', 0) + 1}",
                                  "opgericht": rng.randint(1950, 2024)}
        x = _Org(self.org("exe", naam, soort, **extra), naam, soort, cl)
        x.cap, x.onafh, x.sub = cap, onafh, sub_of is not None
        cl.exe.append(x)
        self.all_exe.append(x)

        # opdrachtgevers
        if onafh:
            pass
        elif self.q_no_og():
            self.exc_hit.append(("R02", x.id))
        else:
            k = rng.choices((1, 2, 3, 4), (50, 30, 15, 5))[0]
            x.O = rng.sample(cl.dgs, min(k, len(cl.dgs)))
            if rng.random() < 0.2 and cl.dirs:  # a directie as (extra) opdrachtgever
                d = rng.choice(cl.dirs)
                if d not in x.O:
                    x.O.append(d)
            if len(x.O) >= 2 and foreign_dgs and self.q_foreign():
                f = rng.choice(foreign_dgs)
                if f not in x.O:
                    x.O[-1] = f
        if x.O and not x.sub:
            self.exc_miss.append(("R02", x.id))

        # eigenaar
        if x.sub:
            return  # accountable through its parent executor
        if x.onafh:
            if rng.random() < 0.5:
                x.E = [cl.sg]
            return  # accountable by law
        if self.q_no_owner():
            self.unanchored.append(x.id)
            return
        local_o = [o for o in x.O if o in cl.dir_of or o in cl.dgs]
        if local_o and self.q_mixed():
            # an eigenaar in the same line as an opdrachtgever: one is the other's ancestor (R04)
            o = rng.choice(local_o)
            if o in cl.dir_of:
                x.E = [cl.dir_of[o]] if rng.random() < 0.6 else [cl.min]
            else:
                below = [d for d in cl.dirs if cl.dir_of[d] == o]
                x.E = [rng.choice(below)] if below and rng.random() < 0.6 else [cl.min]
        elif x.O and self.q_both():
            if rng.random() < 0.5:
                x.E = [cl.sg]
                x.O.append(cl.sg)
            else:
                x.E = [x.O[0]]
        else:
            x.E = [cl.sg]

    def regional_executor(self, cl: _Cluster) -> None:
        """An rwt of several gemeenten (and a provincie): commissioners from several governments."""
        rng = self.rng
        gems = rng.sample(self.gemeenten[-12:], min(len(self.gemeenten[-12:]), rng.randint(3, 4)))
        naam = f"Omgevingsdienst {rng.choice(_PLAATSEN)} {self.counters.get('org-exe', 0) + 1}"
        x = _Org(self.org("exe", naam, "rwt", capaciteit=rng.randint(60, 400)), naam, "rwt", cl)
        x.cap, x.regional = self.orgs[-1]["capaciteit"], True
        x.E = [gems[0]]
        x.O = gems[1:]
        if self.provincies and rng.random() < 0.5:
            x.O.append(self.provincies[-1])
        cl.exe.append(x)
        self.regional.append(x)

    def wire(self, x: _Org, cl: _Cluster) -> None:
        """Relations, agreements, forums, middelen and opdrachten of one steered organisation."""
        rng = self.rng
        E, O = x.E, x.O
        uitvoerder = x.soort != "private"
        # coördinerend opdrachtgever
        coord: list[str] = []
        if len(O) >= 2:
            if self.q_coord():
                coord = [] if rng.random() < 0.5 else O[:2]
            else:
                coord = [O[0]]
        elif len(O) == 1 and rng.random() < 0.1:
            coord = [O[0]]
        stewardship: list[str] = []
        for e in E:
            self.rel(e, x.id, "eigenaar", sturingsmodel=self.sturingsmodel())
        for o in O:
            sm = self.sturingsmodel()
            if sm == "stewardship":
                stewardship.append(o)
            explicit = True if o in coord else (False if rng.random() < 0.05 else None)
            r = self.rel(o, x.id, "opdrachtgever", coordinerend=explicit, sturingsmodel=sm)
            if sm == "principaal-agent":
                self.exc_hit.append(("S01", f"opdrachtgever:{o}->{x.id}"))
            else:
                self.exc_miss.append(("S01", f"opdrachtgever:{r['van']}->{r['naar']}"))

        # multi-year werkagenda of the triangle
        covered: list[str] = []
        if uitvoerder and E and O:
            partijen = [E[0], O[0], x.id]  # O[0] is the coördinerend opdrachtgever where there is one
            if self.q_agenda_bad():
                how = rng.choice(("none", "annual", "expired"))
                if how == "annual":
                    self.afspraak("werkagenda", partijen, naam=f"Werkagenda {x.naam} 2026", meerjarig=False)
                    covered = partijen
                elif how == "expired":
                    self.afspraak("werkagenda", partijen, "expired", meerjarig=True)
            else:
                naam = f"Meerjarige werkagenda {x.naam}" if rng.random() < 0.2 else None
                x.agenda = self.afspraak("werkagenda", partijen, naam=naam, meerjarig=True)
                covered = partijen

        # one agreement per commissioning relation
        for o in O:
            must_ra = o in stewardship
            if o in covered and not must_ra and rng.random() < 0.5:
                continue
            if o not in covered and self.q_r06():
                how = rng.choice(("none", "none", "expired", "future"))
                if how != "none":
                    self.afspraak("resultaatafspraak", [o, x.id], how)
                continue
            r = rng.random()
            if must_ra and self.q_s02():  # a cooperation agreement, where stewardship needs result agreements
                soort = "samenwerkingsafspraak"
            else:
                soort = ("resultaatafspraak" if must_ra or r < 0.82 or not uitvoerder and r < 0.5
                         else "samenwerkingsafspraak" if r < 0.95 else "wettelijke-regeling")
            naam = rng.choice(_WETTEN) if soort == "wettelijke-regeling" else (
                f"Resultaatafspraak {self.naam[o]} – {x.naam}" if rng.random() < 0.1 else None)
            self.afspraak(soort, [o, x.id], naam=naam)

        # forums: opdrachtgeversberaad / opdrachtgeversagenda / driehoeksoverleg
        full_forum = has_agenda = False
        if len(O) >= 2:
            if self.q_forum():
                if rng.random() < 0.5:  # a beraad that leaves one commissioner out
                    self.overleg(f"Opdrachtgeversberaad {x.naam}", O[:-1] + [x.id], cl.min)
                elif rng.random() < 0.5:
                    self.afspraak("opdrachtgeversagenda", [x.id] + O[:-1], "valid")
            else:
                r = rng.random()
                if r < 0.75:
                    self.overleg(f"Opdrachtgeversberaad {x.naam}", O + [x.id] + E[:1], cl.min)
                    full_forum = True
                if r >= 0.55:
                    has_agenda = True
                    self.afspraak("opdrachtgeversagenda", [x.id] + O, "valid",
                                  naam=f"Opdrachtgeversagenda {x.naam} 2026-2028" if rng.random() < 0.25 else None)
        if O and not full_forum:
            p_tri = 0.88 if stewardship else 0.3
            if rng.random() < p_tri:
                tri = [o for o in O if o in stewardship] or O[:1]
                self.overleg(f"Driehoeksoverleg {x.naam}", E[:1] + tri + [x.id], cl.min if uitvoerder else None)

        # middelen
        if uitvoerder:
            for _ in range(rng.choice((1, 1, 2))):
                soort, naam = rng.choice(_MIDDELEN)
                m: dict[str, Any] = {"id": self._id("mid"), "naam": f"{naam} {x.naam}", "soort": soort}
                if rng.random() < 0.9:
                    m["beheerder"] = x.id
                self.middelen.append(m)
                x.middelen.append(m["id"])

        # opdrachten
        if not O:
            return
        count = rng.choice((0, 1, 1, 2, 2, 3, 3)) if uitvoerder else rng.choice((0, 1))
        # two commissioners who, unaware of each other, change the same system at the same time (M03)
        clash = len(O) >= 2 and not has_agenda and bool(x.middelen) and self.q_m03()
        if clash:
            count = max(count, 2)
        made: list[dict[str, Any]] = []
        active: list[dict[str, Any]] = []
        raakbaar = x.middelen or (cl.exe[0].middelen if cl.exe and not uitvoerder else [])
        for _ in range(count):
            og = rng.choice(O)
            if self.q_r08():
                alt = [e for e in E if e not in O] + [d for d in cl.dgs if d not in O]
                if alt:
                    og = rng.choice(alt)
            year = rng.randint(2024, 2029)
            a: dict[str, Any] = {"id": self._id("opd"),
                                 "naam": rng.choice(_OPDRACHTEN).format(t=rng.choice(cl.topic["thema"])) + f" {year}",
                                 "opdrachtgever": og, "opdrachtnemer": x.id}
            if rng.random() < 0.15:
                del a["naam"]
            kind = rng.choices(("finished", "open", "running", "future", "none"), (15, 15, 35, 20, 15))[0]
            finished = kind == "finished"
            if kind == "finished":
                van = self.date_between(date(2022, 1, 1), date(2025, 6, 30))
                a["periode"] = {"van": van, "tot": self.date_between(date.fromisoformat(van), date(2026, 11, 26))}
            elif kind == "open":
                a["periode"] = {"van": self.date_between(date(2023, 1, 1), date(2026, 11, 27))}
            elif kind == "running":
                a["periode"] = {"van": self.date_between(date(2024, 1, 1), date(2026, 11, 27)),
                                "tot": self.date_between(date(2026, 11, 27), date(2029, 12, 31))}
            elif kind == "future":
                van = self.date_between(date(2026, 11, 28), date(2028, 6, 30))
                a["periode"] = {"van": van, "tot": self.date_between(date.fromisoformat(van), date(2030, 12, 31))}
            a["capaciteit"] = None
            if raakbaar and rng.random() < 0.75:
                a["raakt"] = rng.sample(raakbaar, min(len(raakbaar), rng.choice((1, 1, 2))))
            if rng.random() < 0.35:
                a["nieuw_beleid"] = True
                if self.q_toets():
                    if rng.random() < 0.5:
                        a["uitvoeringstoets"] = False
                    if not finished:
                        self.exc_hit.append(("R07", a["id"]))
                else:
                    a["uitvoeringstoets"] = True
                    self.exc_miss.append(("R07", a["id"]))
            else:
                r = rng.random()
                if r < 0.4:
                    a["uitvoeringstoets"] = True
                elif r < 0.5:
                    a["uitvoeringstoets"] = False
            made.append(a)
            if not finished:
                active.append(a)
        if clash:
            for a, o in zip(made, (O[0], O[-1])):
                a["opdrachtgever"] = o
                a["periode"] = {"van": self.date_between(date(2026, 1, 1), date(2026, 11, 27)),
                                "tot": self.date_between(date(2027, 6, 1), date(2028, 12, 31))}
                a["raakt"] = [x.middelen[0]]
            active = [a for a in made if "periode" not in a or a["periode"].get("tot", PEIL) >= PEIL]
        # capacity: the summed claims stay within x's capacity, except for a planned overload
        if x.cap is not None and active:
            share = 0.85 * x.cap / len(made)
            for a in made:
                a["capaciteit"] = max(1, int(share * rng.uniform(0.3, 1.0)))
            if self.q_overload():
                active[0]["capaciteit"] = int(x.cap * rng.uniform(1.05, 1.4)) + 1
        else:
            for a in made:
                if rng.random() < 0.5:
                    a["capaciteit"] = rng.randint(2, 250)
        for a in made:
            if a["capaciteit"] is None:
                del a["capaciteit"]
            elif rng.random() < 0.1:
                a["capaciteit"] = a["capaciteit"] + 0.5
        self.opdrachten.extend(made)

    def datasets(self, cl: _Cluster) -> None:
        rng = self.rng
        owners = [x for x in cl.exe if not x.regional] or cl.exe
        pool_naar = [x.id for x in self.all_exe[-40:]] + self.gemeenten[-10:]
        for _ in range(rng.choice((1, 2, 2, 3, 3, 4))):
            beheerder = rng.choice(owners).id if owners else cl.sg
            if rng.random() < 0.15:
                soort, naam = "basisregistratie", rng.choice(_BASISREGISTRATIES)
            elif rng.random() < 0.45:
                soort, naam = "registratie", rng.choice(cl.topic["data"])
            else:
                soort, naam = "dataset", rng.choice(_GENERIC_DATA + cl.topic["data"])
            g: dict[str, Any] = {"id": self._id("geg"), "naam": f"{naam} {len(self.gegevens) + 1}"}
            if soort != "dataset" or rng.random() < 0.6:
                g["soort"] = soort
            if self.q_d01():
                self.exc_hit.append(("D01", g["id"]))
            else:
                g["eigenaar"] = cl.min if soort != "dataset" or rng.random() < 0.4 else beheerder
                self.exc_miss.append(("D01", g["id"]))
            if self.q_d02():
                self.exc_hit.append(("D02", g["id"]))
            else:
                g["beheerder"] = beheerder
            if soort == "basisregistratie" and self.gemeenten:
                g["bronhouders"] = rng.sample(self.gemeenten, min(len(self.gemeenten), rng.randint(2, 5)))
            pg = rng.random() < 0.5
            if pg:
                if not self.q_d03():
                    g["verwerkingsverantwoordelijke"] = rng.choice((cl.min, beheerder))
                g["persoonsgegevens"] = True
            elif rng.random() < 0.2:
                g["persoonsgegevens"] = False
            # copies and derivations
            if self.gegevens and rng.random() < 0.3:
                srcs = [self.gegevens[rng.randrange(len(self.gegevens))]]
                if rng.random() < 0.2:
                    srcs.append(self.gegevens[rng.randrange(len(self.gegevens))])
                g["afgeleid_van"] = list(dict.fromkeys(s["id"] for s in srcs))
                if rng.random() < 0.5:
                    g["naam"] = f"Kopie {srcs[0]['naam']} bij {self.naam.get(beheerder, beheerder)}"
                if self.q_afgeleid_cycle():  # the source is (also) derived from its copy
                    srcs[0].setdefault("afgeleid_van", []).append(g["id"])
            self.gegevens.append(g)
            cl.data.append(g["id"])

            # flows
            van = g.get("beheerder") or g.get("eigenaar") or beheerder
            for _ in range(rng.choice((0, 1, 1, 2, 3))):
                verwerker = bool(pg and cl.priv and rng.random() < 0.35)
                naar = rng.choice(cl.priv).id if verwerker else rng.choice(pool_naar)
                if naar == van:
                    continue
                s: dict[str, Any] = {"id": self._id("str"), "gegevens": g["id"], "van": van, "naar": naar}
                no_basis = self.q_d04() if pg else rng.random() < 0.1
                if no_basis:
                    if rng.random() < 0.3:
                        s["grondslag"] = rng.choice(("", "  "))
                else:
                    s["grondslag"] = rng.choice(_GRONDSLAGEN)
                if verwerker:
                    s["verwerker"] = True
                self.stromen.append(s)
                # delivery agreement (D05)
                if self.q_d05():
                    how = rng.choice(("none", "expired", "other"))
                    if how == "expired":
                        self.afspraak("gegevensleveringsovereenkomst", [van, naar], "expired", gegevens=[g["id"]])
                    elif how == "other" and len(self.gegevens) >= 2:
                        other = self.gegevens[-2]["id"]
                        self.afspraak("gegevensleveringsovereenkomst", [van, naar], gegevens=[other])
                elif not (verwerker and (g.get("verwerkingsverantwoordelijke") or van) == van and rng.random() < 0.7):
                    soort_a = "gegevensleveringsovereenkomst" if verwerker else rng.choices(
                        ("gegevensleveringsovereenkomst", "convenant", "wettelijke-regeling"), (75, 12, 13))[0]
                    self.afspraak(soort_a, [van, naar],
                                  naam=rng.choice(_WETTEN) if soort_a == "wettelijke-regeling" else None,
                                  gegevens=[g["id"]] if rng.random() < 0.5 else None)
                # processing agreement (D06)
                if verwerker:
                    ctrl = g.get("verwerkingsverantwoordelijke") or van
                    if self.q_d06():
                        if rng.random() < 0.5:
                            self.afspraak("verwerkersovereenkomst", [ctrl, naar], "expired")
                    else:
                        self.afspraak("verwerkersovereenkomst", [ctrl, naar],
                                      gegevens=[g["id"]] if rng.random() < 0.85 else None)

    def ladders(self) -> None:
        """Escalation ladders of the triangles (S04, S05), after every cluster is wired.

        A ladder runs, as in practice, from the triangle's own forum (driehoeksoverleg or
        opdrachtgeversberaad, where there is one) to the eigenaar (usually the SG), and, when the
        partijen answer to several besturen, on to a bestuurlijk overleg of those besturen (their
        SGs; for gemeenten and provincies the governments themselves, as in the algemeen bestuur of
        a gemeenschappelijke regeling). It sits in the triangle's multi-year werkagenda when that
        binds every opdrachtgever, else in a samenwerkingsafspraak of the whole triangle.

        Flawed on purpose: some triangles have no ladder, or one that misses a commissioner or the
        eigenaar, or has expired (S04); some multi-bestuur ladders end at the SG or leave a
        ministry out of the bestuurlijk overleg (S05). This pass draws from a random stream of its
        own and creates ids with prefixes of its own, so the rest of a generated model is the same
        as without it (the findings of other rules may change where a new samenwerkingsafspraak
        also counts, as for R06).
        """
        rng = random.Random(f"{self.seed}/escalatie")
        q = lambda p: _Quota(rng, p)  # noqa: E731
        q_none, q_partial, q_expired, q_top = q(.12), q(.07), q(.03), q(.3)
        bestuur_of: dict[str, str] = {}  # organisation -> the bestuur it sits under (by construction)
        speaker: dict[str, str] = {}  # bestuur -> who speaks for it in a bestuurlijk overleg
        for cl in self.clusters:
            for o in (cl.min, cl.sg, *cl.dgs, *cl.dirs):
                bestuur_of[o] = cl.min
            speaker[cl.min] = cl.sg
        for g in (*self.gemeenten, *self.provincies):
            bestuur_of[g] = speaker[g] = g
        forums: dict[str, list[str]] = {}  # organisation -> the forums it takes part in
        members: dict[str, set[str]] = {}
        for o in self.orgs:
            if o["soort"] == "overleg":
                members[o["id"]] = set(o.get("deelnemers", ()))
                for d in o.get("deelnemers", ()):
                    forums.setdefault(d, []).append(o["id"])
        for x in self.all_exe:
            if not (x.E and x.O):
                continue
            if q_none():
                continue
            E, O = x.E, x.O
            # the besturen of the partijen, in a fixed order (the executor's own is its eigenaar's:
            # a ministry's executors sit under it or are owned by its SG, a regional one by a gemeente)
            besturen = list(dict.fromkeys(bestuur_of[p] for p in (E[0], *O) if p in bestuur_of))
            ladder = [f for f in forums.get(x.id, ()) if E[0] in members[f]][:1] + [E[0]]
            if len(besturen) >= 2:
                top = [speaker[b] for b in besturen]
                if q_top():
                    top = [] if rng.random() < 0.5 else top[:-1]  # ends at the SG, or leaves one out
                if len(top) >= 2:
                    bo = self.org("bo", f"Bestuurlijk overleg {x.naam}", "overleg", deelnemers=top)
                    ladder.append(bo)
            ladder = list(dict.fromkeys(ladder))
            kind = "expired" if q_expired() else "valid"
            partijen = [E[0], *O, x.id]
            if q_partial():
                partijen = [O[0], x.id] if len(O) == 1 else [E[0], *O[:-1], x.id]
            agenda = x.agenda
            if kind == "valid" and agenda is not None and set(partijen) <= set(agenda["partijen"]) and rng.random() < 0.6:
                agenda["escalatie"] = ladder
                continue
            a: dict[str, Any] = {"id": self._id("afs-esc"), "soort": "samenwerkingsafspraak"}
            if rng.random() < 0.5:
                a["naam"] = f"Samenwerkingsafspraak driehoek {x.naam}"
            a["partijen"] = list(dict.fromkeys(partijen))
            a.update(_validity(rng, kind))
            a["escalatie"] = ladder
            if self._kept():
                self.afspraken.append(a)

    def deliveries(self) -> None:
        """Extra gegevensstromen: registers delivering to many gemeenten and executors.

        In practice the numerous relations of a national model are data deliveries (a
        basisregistratie reaches every gemeente). Each dataset gets on average ``extra_stromen``
        more receivers, each flow with its grondslag (missing now and then) and, in the full model,
        its own gegevensleveringsovereenkomst, thinned like every agreement by the density. Runs
        last, on a random stream and with id prefixes (``str-lev``, ``afs-lev``) of its own, so
        the rest of the model is the same as without it.
        """
        rng = random.Random(f"{self.seed}/gegevensstromen")
        pool = self.gemeenten + [x.id for x in self.all_exe]
        spread = 2 * self.extra_stromen
        for g in self.gegevens:
            van = g.get("beheerder") or g.get("eigenaar")
            if van is None:
                continue
            pg = g.get("persoonsgegevens") is True
            k = min(len(pool), round(rng.uniform(0, spread)))
            for naar in rng.sample(pool, k):
                if naar == van:
                    continue
                sid = self._id("str-lev")
                st: dict[str, Any] = {"id": sid, "gegevens": g["id"], "van": van, "naar": naar}
                if rng.random() < (0.95 if pg else 0.5):
                    st["grondslag"] = _GRONDSLAGEN[rng.randrange(len(_GRONDSLAGEN))]
                self.stromen.append(st)
                if self._kept():
                    self.afspraken.append({"id": self._id("afs-lev"), "soort": "gegevensleveringsovereenkomst",
                                           "partijen": [van, naar], "gegevens": [g["id"]]})

    def chains(self) -> None:
        rng = self.rng
        nk = max(2, round(len(self.clusters) * 0.8))
        for ki in range(nk):
            cl = self.clusters[rng.randrange(len(self.clusters))]
            no_override = self.q_k05()  # across governments, and nobody can decide (K05)
            cross = no_override or len(self.clusters) == 1 or rng.random() < 0.35
            # the links run through one ministry's executors and private parties, and a chain
            # across governments hands over halfway to gemeenten or another ministry's executors
            pool = [x.id for x in cl.exe if not x.regional] + [p.id for p in cl.priv]
            pool_b = pool
            anchored = [x.id for x in cl.exe if not x.regional and x.E]
            gem_b: list[str] = []
            if cross:
                other = self.clusters[rng.randrange(len(self.clusters))]
                pool_b = [x.id for x in other.exe if not x.regional and x.E] if other is not cl else []
                gem_b = rng.sample(self.gemeenten, min(len(self.gemeenten), rng.randint(1, 2)))
                pool_b += gem_b
                if self.independent and rng.random() < 0.5:
                    pool_b.append(rng.choice(self.independent))
                if self.regional and rng.random() < 0.3:
                    pool_b.append(rng.choice(self.regional).id)
            kid = self._id("ket")
            naam = f"{rng.choice(_KETENS)} {ki + 1}"
            k: dict[str, Any] = {"id": kid, "naam": naam}
            size = rng.randint(3, 8)
            schakels: list[dict[str, Any]] = []
            uitvoerders: list[str] = []
            prev_u: Optional[str] = None
            weak = self.q_k07()
            weak_at = rng.randrange(size)
            for j in range(size):
                s: dict[str, Any] = {"id": f"sch-{kid[4:]}-{j + 1}", "naam": rng.choice(_FASEN)}
                pinned = cross and j in (0, size - 1)  # the links that make the chain span two governments
                if not pinned and self.q_k02():
                    self.exc_hit.append(("K02", s["id"]))
                    prev_u = None
                else:
                    here = pool if j < size // 2 else pool_b
                    if pinned:
                        here = (anchored if j == 0 else gem_b) or here
                    u = prev_u if prev_u in here and rng.random() < 0.3 else rng.choice(here)
                    unowned = not pinned and bool(self.unanchored) and self.q_k03()
                    if unowned:  # executed by someone nobody answers for, and no owner of the link (K03)
                        u = self.unanchored[rng.randrange(len(self.unanchored))]
                    s["uitvoerder"] = u
                    prev_u = u
                    uitvoerders.append(u)
                    self.exc_miss.append(("K02", s["id"]))
                    if not unowned and ((u.startswith("org-priv") and rng.random() < 0.6) or rng.random() < 0.08):
                        s["eigenaar"] = rng.choice(cl.exe).id if cl.exe else cl.sg
                if j >= 1:
                    r = rng.random()
                    if j >= 2 and r < 0.1:  # a branch
                        s["volgt_op"] = [schakels[j - 2]["id"]]
                    elif j >= 2 and r < 0.15:  # a merge
                        s["volgt_op"] = [schakels[j - 1]["id"], schakels[j - 2]["id"]]
                    else:
                        s["volgt_op"] = [schakels[j - 1]["id"]]
                if rng.random() < 0.45 and self.gegevens:
                    s["gebruikt"] = list(dict.fromkeys(
                        self.gegevens[rng.randrange(len(self.gegevens))]["id"] for _ in range(rng.choice((1, 1, 2)))))
                if rng.random() < 0.2 and cl.data:
                    s["levert"] = [rng.choice(cl.data)]
                if weak and j == weak_at:
                    s["prestatie"] = round(rng.uniform(0.45, 0.75), 2)
                elif rng.random() < 0.6:
                    s["prestatie"] = round(rng.uniform(0.98, 1.0), 3)
                if rng.random() < 0.05:
                    s["kenmerken"] = {"doorlooptijd_dagen": rng.randint(5, 120), "sla": "95% binnen termijn"}
                schakels.append(s)
            if self.q_k06():  # a cycle: the first link follows a later one (or a link itself)
                if rng.random() < 0.8:
                    schakels[0]["volgt_op"] = [schakels[-1]["id"]]
                else:
                    s = schakels[rng.randrange(size)]
                    s["volgt_op"] = s.get("volgt_op", []) + [s["id"]]
            distinct = list(dict.fromkeys(uitvoerders))

            # direction: regisseur and/or ketenbestuur
            if len(distinct) >= 2 and self.q_k01():
                pass
            else:
                r = rng.random()
                if r < 0.75 and distinct:
                    k["regisseur"] = rng.choice(distinct) if rng.random() < 0.8 else rng.choice(cl.dgs)
                if r >= 0.45 or "regisseur" not in k:
                    deeln = distinct + ([k["regisseur"]] if "regisseur" in k else [])
                    k["bestuur"] = self.overleg(f"Ketenberaad {naam}", deeln or [cl.sg],
                                                cl.min if rng.random() < 0.7 else None)
            if cross:
                if not no_override:
                    k["doorzettingsmacht"] = True
                elif rng.random() < 0.3:
                    k["doorzettingsmacht"] = False
            elif rng.random() < 0.2:
                k["doorzettingsmacht"] = rng.random() < 0.5
            if rng.random() < 0.2:
                k["kenmerken"] = {"domein": rng.choice(("sociaal", "veiligheid", "fysiek", "financieel")),
                                  "ketennummer": ki + 1}
            k["schakels"] = schakels
            self.ketens.append(k)

            # handover agreement (K04)
            if len(distinct) >= 2:
                if self.q_k04():
                    how = rng.choice(("none", "expired", "partial", "other"))
                    if how == "expired":
                        self.afspraak("ketenafspraak", distinct, "expired", keten=kid)
                    elif how == "partial" and len(distinct) >= 3:
                        self.afspraak("ketenafspraak", distinct[:-1], keten=kid)
                    elif how == "other" and len(self.ketens) >= 2:
                        self.afspraak("ketenafspraak", distinct, keten=self.ketens[-2]["id"])
                else:
                    soort = rng.choices(("ketenafspraak", "convenant", "samenwerkingsafspraak"), (75, 15, 10))[0]
                    self.afspraak(soort, distinct, naam=f"Ketenafspraak {naam}" if rng.random() < 0.4 else None,
                                  keten=kid if rng.random() < 0.5 else None)

    def exceptions(self) -> None:
        """Accepted findings: most still valid and matching, some expired, some matching nothing."""
        rng = self.rng
        count = max(8, len(self.clusters))
        hits = rng.sample(self.exc_hit, min(len(self.exc_hit), count))
        misses = rng.sample(self.exc_miss, min(len(self.exc_miss), max(1, count // 8)))
        misses.append(("R01", f"org-opgeheven-{rng.randint(1, 999)}"))  # an organisation that no longer exists
        for i, (regel, onderwerp) in enumerate(hits):
            u: dict[str, Any] = {"regel": regel, "onderwerp": onderwerp, "reden": rng.choice(_REDENEN)}
            if i % 10 == 3:
                u["geldig_tot"] = self.date_between(date(2024, 1, 1), date(2026, 11, 26))
            elif rng.random() < 0.6:
                u["geldig_tot"] = self.date_between(date(2026, 11, 27), date(2028, 12, 31))
            self.uitz.append(u)
        for regel, onderwerp in misses:
            u = {"regel": regel, "onderwerp": onderwerp, "reden": rng.choice(_REDENEN)}
            if rng.random() < 0.5:
                u["geldig_tot"] = self.date_between(date(2027, 1, 1), date(2028, 12, 31))
            self.uitz.append(u)


def generate_model(n: int, seed: int, *, agreement_density: float = 1.0, extra_stromen: float = 0.0) -> dict[str, Any]:
    """A valid synthetic model of roughly ``n`` organisations, as plain data (dates as text).

    ``agreement_density`` (0 to 1) is the share of the generator's afspraken that are written:
    every agreement it would make is kept with that probability, drawn from a random stream of
    its own. At 1 (the default) the model is exactly what it always was; below 1 it is the same
    model minus the dropped afspraken (the kept ones are unchanged, ids included; every other
    section is the same; the model id gets a ``-d0.1``-style suffix), so the rules
    that want an agreement (R06, S03, S04, M02, K04, D05, D06, ...) fire on many more subjects:
    a finding-heavy model for benchmarks.

    ``extra_stromen`` (default 0: none) adds on average that many gegevensstromen per dataset,
    deliveries to gemeenten and executors (see ``_Generator.deliveries``); with a low density
    most of them lack an agreement too (D05).

    >>> full, sparse = generate_model(60, 3), generate_model(60, 3, agreement_density=0.2)
    >>> len(sparse["afspraken"]) < len(full["afspraken"]), sparse["organisaties"] == full["organisaties"]
    (True, True)
    """
    if n < 1:
        raise UsageError("the number of organisations must be at least 1")
    if not 0.0 <= agreement_density <= 1.0:
        raise UsageError(f"the agreement density must be between 0 and 1, not {agreement_density:g}")
    if extra_stromen < 0:
        raise UsageError(f"the extra gegevensstromen per dataset cannot be negative ({extra_stromen:g})")
    return _Generator(n, seed, agreement_density, extra_stromen).run()


__all__ = ["generate_model", "write_model", "dump_yaml", "split_files", "scalar", "PEILDATUM"]
