"""The mapping from ArchiMate to ketengraaf: every row of the default mapping, every reason for leaving
something out, the ids, the ketengraaf:* properties (and their errors, with their lines), and the
mapping file."""

from __future__ import annotations

import itertools
from pathlib import Path
from typing import Any

import pytest

from ketengraaf.archimate import mapping as M
from ketengraaf.archimate.mapping import Mapping
from ketengraaf.archimate.model import read_model
from ketengraaf.errors import ModelInvalid
from ketengraaf.pipeline import load_model
from tests.archimate.conftest import ARCHISURANCE, el, line_of, oef, rel, schema_errors, write


def imp(tmp_path: Path, data: bytes, mapping: Mapping | None = None) -> tuple[dict[str, Any], Any]:
    assert schema_errors(data) == [], "the test files are valid exchange files"
    _, d, doc = read_model(write(tmp_path, data), mapping=mapping or Mapping.default())
    return d, doc.report


def reasons(report: Any) -> dict[str, str]:
    return {s.label: s.reason for s in report.skipped}


def model(tmp_path: Path, data: bytes):
    return load_model(write(tmp_path, data))


def errors(tmp_path: Path, data: bytes) -> list[str]:
    p = write(tmp_path, data)
    with pytest.raises(ModelInvalid) as e:
        load_model(p)
    return [str(x).replace(f"{p}:", "") for x in e.value.problems]


A = el("min", "BusinessActor", "Ministerie van Financiën")
B = el("bd", "BusinessActor", "Belastingdienst", {"ketengraaf:soort": "uitvoeringsorganisatie"})
SG = el("sg", "BusinessActor", "Secretaris-generaal Financiën")
DG = el("dg", "BusinessActor", "DG Fiscale Zaken")


# ------------------------------------------------------------------------------------------------ elements


def test_actors_are_organisaties_with_a_soort_from_the_name_or_overig(tmp_path):
    d, rep = imp(tmp_path, oef([A, SG, DG, el("x", "BusinessActor", "Finance"),
                                el("bv", "BusinessActor", "IT-leverancier BV"),
                                el("ov", "BusinessActor", "Driehoeksoverleg Toeslagen")]))
    assert [(o["id"], o["soort"]) for o in d["organisaties"]] == [
        ("min-financien", "ministerie"), ("secretaris-generaal-financien", "functie"),
        ("dg-fiscale-zaken", "directoraat-generaal"), ("finance", "overig"), ("it-leverancier-bv", "private"),
        ("driehoeksoverleg-toeslagen", "overleg")]
    assert rep.skipped == []


def test_the_soort_from_ketengraaf_soort_then_a_property_then_the_roo_types_then_the_name(tmp_path):
    d, rep = imp(tmp_path, oef([
        el("a", "BusinessActor", "Ministerie van X", {"ketengraaf:soort": "zbo", "Type": "agentschap"}),
        el("b", "BusinessActor", "Ministerie van Y", {"Type": "Agentschap"}),
        el("c", "BusinessActor", "Autoriteit Z", {"Specialization": "Zelfstandig bestuursorgaan"}),
        el("d", "BusinessActor", "Raad van State", {"Soort": "Hoog College van Staat"}),
        el("e", "BusinessActor", "Ministerie van W", {"Type": "Stichting"}),
    ]))
    got = {o["naam"]: (o["soort"], o.get("onafhankelijk")) for o in d["organisaties"]}
    assert got == {"Ministerie van X": ("zbo", None), "Ministerie van Y": ("agentschap", None),
                   "Autoriteit Z": ("zbo", None), "Raad van State": ("overig", True),
                   "Ministerie van W": ("ministerie", None)}
    assert dict(rep.unrecognised) == {("Type", "Stichting"): 1}


def test_roles_and_collaborations_only_where_they_stand_for_an_organisatie(tmp_path):
    d, rep = imp(tmp_path, oef([el("r1", "BusinessRole", "Secretaris-generaal BZK"), el("r2", "BusinessRole", "Customer"),
                                el("c1", "BusinessCollaboration", "Opdrachtgeversberaad CJIB"),
                                el("c2", "BusinessCollaboration", "Negotiation"),
                                el("r3", "BusinessRole", "Inspectie", {"ketengraaf:soort": "uitvoeringsorganisatie"})]))
    assert [(o["naam"], o["soort"]) for o in d["organisaties"]] == [
        ("Secretaris-generaal BZK", "functie"), ("Opdrachtgeversberaad CJIB", "overleg"),
        ("Inspectie", "uitvoeringsorganisatie")]
    why = "does not stand for an organisatie: no soort in ketengraaf:soort, its properties or its name (give it " \
          "ketengraaf:soort to import it)"
    assert reasons(rep) == {"BusinessRole 'Customer' (r2)": why, "BusinessCollaboration 'Negotiation' (c2)": why}


def test_unmapped_types_are_reported_one_line_each(tmp_path):
    d, rep = imp(tmp_path, oef([A, el("q", "Requirement", "Eis 1"), el("p", "Principle", "Principe 1")]))
    assert len(d["organisaties"]) == 1
    assert reasons(rep) == {
        "Requirement 'Eis 1' (q)": "ArchiMate type Requirement is not mapped (ketengraaf has no counterpart; a mapping "
                                   "file can map it, or give it ketengraaf:type)",
        "Principle 'Principe 1' (p)": "ArchiMate type Principle is not mapped (ketengraaf has no counterpart; a mapping "
                                      "file can map it, or give it ketengraaf:type)"}
    assert dict(rep.skipped_elements) == {"Requirement": 1, "Principle": 1}


def test_objects_and_components(tmp_path):
    d, _ = imp(tmp_path, oef([el("g1", "BusinessObject", "Basisregistratie Personen"),
                              el("g2", "DataObject", "Klantdossier"),
                              el("g3", "BusinessObject", "Handelsregister", {"ketengraaf:soort": "basisregistratie",
                                                                             "ketengraaf:persoonsgegevens": "ja"}),
                              el("m1", "ApplicationComponent", "Toeslagensysteem")]))
    assert [(g["naam"], g["soort"], g.get("persoonsgegevens")) for g in d["gegevens"]] == [
        ("Basisregistratie Personen", "basisregistratie", None), ("Klantdossier", "dataset", None),
        ("Handelsregister", "basisregistratie", True)]
    assert d["middelen"] == [{"id": "toeslagensysteem", "naam": "Toeslagensysteem", "soort": "systeem"}]


def test_ketens_and_their_schakels(tmp_path):
    els = [el("k", "BusinessProcess", "Strafrechtketen"), el("s1", "BusinessProcess", "Aangifte"),
           el("s2", "BusinessFunction", "Opsporing"), el("s3", "BusinessProcess", "Vervolging"),
           el("x", "BusinessProcess", "Claim afhandelen"), el("pol", "BusinessActor", "Politie"),
           el("om", "BusinessActor", "Openbaar Ministerie"), el("g", "BusinessObject", "Proces-verbaal")]
    rels = [rel("c1", "Composition", "k", "s1"), rel("c2", "Composition", "k", "s2"), rel("c3", "Aggregation", "k", "s3"),
            rel("t1", "Triggering", "s1", "s2"), rel("t2", "Flow", "s2", "s3"),
            rel("a1", "Assignment", "pol", "s1"), rel("a2", "Assignment", "pol", "s2"), rel("a3", "Assignment", "om", "s3"),
            rel("e1", "Association", "om", "s2", "eigenaar", directed=True),
            rel("r1", "Access", "s1", "g", access="Write"), rel("r2", "Access", "s3", "g", access="Read"),
            rel("r3", "Access", "s2", "g", access="ReadWrite"), rel("r4", "Access", "s1", "g")]
    d, rep = imp(tmp_path, oef(els, rels))
    (k,) = d["ketens"]
    assert k["schakels"] == [
        {"id": "aangifte", "naam": "Aangifte", "uitvoerder": "politie", "gebruikt": ["proces-verbaal"],
         "levert": ["proces-verbaal"]},
        {"id": "opsporing", "naam": "Opsporing", "uitvoerder": "politie", "eigenaar": "openbaar-ministerie",
         "volgt_op": ["aangifte"], "gebruikt": ["proces-verbaal"], "levert": ["proces-verbaal"]},
        {"id": "vervolging", "naam": "Vervolging", "uitvoerder": "openbaar-ministerie", "volgt_op": ["opsporing"],
         "gebruikt": ["proces-verbaal"]}]
    assert reasons(rep) == {"BusinessProcess 'Claim afhandelen' (x)":
                            "is neither a keten nor a schakel: no ketengraaf:type, property or name says keten, and no "
                            "keten composes it"}


def test_afspraken_need_a_soort_and_two_partijen(tmp_path):
    els = [A, B, el("c1", "Contract", "Convenant inning"), el("c2", "Contract", "Insurance Policy"),
           el("c3", "Contract", "Resultaatafspraak 2027"), el("c4", "Contract", "Iets", {"ketengraaf:soort": "werkagenda",
                                                                                       "ketengraaf:meerjarig": "true"})]
    rels = [rel("p1", "Association", "c1", "min"), rel("p2", "Association", "bd", "c1", "partij"),
            rel("p3", "Association", "c2", "min"), rel("p4", "Association", "c2", "bd"),
            rel("p5", "Association", "c3", "bd"),
            rel("p6", "Association", "c4", "bd"), rel("p7", "Association", "c4", "min")]
    d, rep = imp(tmp_path, oef(els, rels))
    assert [(a["naam"], a["soort"], a["partijen"]) for a in d["afspraken"]] == [
        ("Convenant inning", "convenant", ["min-financien", "belastingdienst"]),
        ("Iets", "werkagenda", ["belastingdienst", "min-financien"])]
    assert d["afspraken"][1]["meerjarig"] is True
    r = reasons(rep)
    assert r["Contract 'Insurance Policy' (c2)"].startswith("has no soort of afspraak in ketengraaf:soort, its properties or "
                                                            "its name (one of: convenant, gegevensleveringsovereenkomst,")
    assert r["Contract 'Resultaatafspraak 2027' (c3)"] == (
        "binds 1 organisatie; an afspraak binds at least two (associate the Contract with each of its partijen)")
    assert r["Association (p5)"] == "connects Contract 'Resultaatafspraak 2027' (c3), which is not imported"


def test_opdrachten_need_both_ends(tmp_path):
    els = [A, B, el("m", "ApplicationComponent", "Toeslagensysteem"),
           el("w1", "WorkPackage", "Vereenvoudiging", {"ketengraaf:capaciteit": "300", "ketengraaf:periode.van": "2027-01-01",
                                                      "ketengraaf:nieuw_beleid": "true"}),
           el("w2", "WorkPackage", "Programma zonder opdrachtgever")]
    rels = [rel("a1", "Assignment", "bd", "w1"), rel("o1", "Association", "min", "w1", "opdrachtgever"),
            rel("x1", "Association", "w1", "m", "raakt"), rel("a2", "Assignment", "bd", "w2")]
    d, rep = imp(tmp_path, oef(els, rels))
    assert d["opdrachten"] == [{"id": "vereenvoudiging", "naam": "Vereenvoudiging",
                                "opdrachtgever": "min-financien", "opdrachtnemer": "belastingdienst",
                                "capaciteit": 300, "periode": {"van": "2027-01-01"}, "raakt": ["toeslagensysteem"],
                                "nieuw_beleid": True}]
    assert reasons(rep)["WorkPackage 'Programma zonder opdrachtgever' (w2)"] == (
        "is no opdracht: it has no opdrachtgever (an organisatie associated with it as opdrachtgever)")


# ------------------------------------------------------------------------------------------------ relationships


def test_structure_and_steering_between_organisaties(tmp_path):
    els = [A, SG, DG, B, el("ov", "BusinessCollaboration", "Opdrachtgeversberaad BD")]
    rels = [rel("c1", "Composition", "min", "sg"), rel("c2", "Aggregation", "min", "dg"), rel("c3", "Composition", "min", "bd"),
            rel("d1", "Aggregation", "ov", "dg"), rel("d2", "Aggregation", "ov", "bd"),
            rel("s1", "Association", "sg", "bd", "eigenaar", directed=True,
                props={"ketengraaf:sturingsmodel": "stewardship", "ketengraaf:kenmerk:bron": "Archi"}),
            rel("s2", "Association", "dg", "bd", "Coördinerend opdrachtgever", directed=True),
            rel("s3", "Association", "sg", "bd", "is opdrachtgever van", directed=True)]
    d, rep = imp(tmp_path, oef(els, rels))
    orgs = {o["id"]: o for o in d["organisaties"]}
    assert orgs["secretaris-generaal-financien"]["onderdeel_van"] == "min-financien"
    assert orgs["dg-fiscale-zaken"]["onderdeel_van"] == "min-financien"
    assert orgs["opdrachtgeversberaad-bd"]["deelnemers"] == ["dg-fiscale-zaken", "belastingdienst"]
    assert d["sturingsrelaties"] == [
        {"van": "secretaris-generaal-financien", "naar": "belastingdienst", "rol": "eigenaar",
         "sturingsmodel": "stewardship", "kenmerken": {"bron": "Archi"}},
        {"van": "dg-fiscale-zaken", "naar": "belastingdienst", "rol": "opdrachtgever", "coordinerend": True},
        {"van": "secretaris-generaal-financien", "naar": "belastingdienst", "rol": "opdrachtgever"}]
    assert rep.skipped == []


@pytest.mark.parametrize("r,reason", [
    (rel("x", "Association", "sg", "bd", "eigenaar"),
     "is not directed, so it does not say who is eigenaar of whom; tick 'Directed' on the association in Archi (from "
     "the eigenaar to the organisatie it steers)"),
    (rel("x", "Association", "sg", "bd", directed=True),
     "Association without a name between organisaties names no role; name it eigenaar or opdrachtgever (or give it "
     "ketengraaf:rol) for a sturingsrelatie"),
    (rel("x", "Association", "sg", "bd", "werkt samen met", directed=True),
     "Association 'werkt samen met' between organisaties names no role; name it eigenaar or opdrachtgever (or give it "
     "ketengraaf:rol) for a sturingsrelatie"),
    (rel("x", "Composition", "dg", "sg"),
     "BusinessActor 'Secretaris-generaal Financiën' (sg) is already part of BusinessActor 'Ministerie van Financiën' "
     "(min); an organisatie is onderdeel_van one other"),
    (rel("x", "Composition", "sg", "min"),
     "would make BusinessActor 'Ministerie van Financiën' (min) part of itself (onderdeel_van forms a cycle)"),
    (rel("x", "Serving", "sg", "bd"), "Serving between organisaties has no meaning in ketengraaf"),
    (rel("x", "Flow", "sg", "bd"),
     "Flow between organisaties carries no gegevens: associate the BusinessObject or DataObject it carries with it (or "
     "give it ketengraaf:gegevens) to make it a gegevensstroom"),
    (rel("x", "Association", "sg", "bd", "eigenaar", directed=True),
     "eigenaar of 'Belastingdienst' by 'Secretaris-generaal Financiën' is already given at line {s1}"),
    (rel("x", "Realization", "q", "sg"), "connects Requirement 'Eis' (q), which is not imported"),
])
def test_relationships_that_are_not_imported_say_why(tmp_path, r, reason):
    base = [rel("c1", "Composition", "min", "sg"), rel("s1", "Association", "sg", "bd", "eigenaar", directed=True)]
    data = oef([A, SG, DG, B, el("q", "Requirement", "Eis")], [*base, r])
    d, rep = imp(tmp_path, data)
    skipped = [s for s in rep.skipped if s.tag == "relationship"]
    reason = reason.format(s1=line_of(data, 'identifier="s1"'))
    assert [(s.line, s.reason) for s in skipped] == [(line_of(data, 'identifier="x"'), reason)]
    model(tmp_path, data)  # and the model that is left is valid


def test_gegevens_their_roles_and_flows(tmp_path):
    els = [A, B, el("rvig", "BusinessActor", "RvIG"), el("brp", "BusinessObject", "Basisregistratie Personen"),
           el("kopie", "DataObject", "BRP-kopie Toeslagen")]
    rels = [rel("r1", "Association", "min", "brp", "eigenaar", directed=True),
            rel("r2", "Association", "brp", "rvig", "beheerder"),  # either direction: the kinds say which end
            rel("r3", "Association", "min", "brp", "verwerkingsverantwoordelijke"),
            rel("r4", "Association", "bd", "brp", "bronhouder"), rel("r5", "Association", "kopie", "brp", "afgeleid van"),
            rel("f1", "Flow", "rvig", "bd", "levering BRP", props={"ketengraaf:grondslag": "Wet BRP art. 3.3",
                                                                   "ketengraaf:verwerker": "nee"}),
            rel("f2", "Association", "brp", "f1"), rel("f3", "Association", "f1", "kopie")]
    d, rep = imp(tmp_path, oef(els, rels))
    assert rep.skipped == []
    brp = next(g for g in d["gegevens"] if g["naam"] == "Basisregistratie Personen")
    assert brp == {"id": "basisregistratie-personen", "naam": "Basisregistratie Personen", "soort": "basisregistratie",
                   "eigenaar": "min-financien", "beheerder": "rvig", "bronhouders": ["belastingdienst"],
                   "verwerkingsverantwoordelijke": "min-financien"}
    assert d["gegevens"][1]["afgeleid_van"] == ["basisregistratie-personen"]
    assert [(s["gegevens"], s["van"], s["naar"], s["grondslag"], s["verwerker"]) for s in d["gegevensstromen"]] == [
        ("basisregistratie-personen", "rvig", "belastingdienst", "Wet BRP art. 3.3", False),
        ("brp-kopie-toeslagen", "rvig", "belastingdienst", "Wet BRP art. 3.3", False)]
    assert len({s["id"] for s in d["gegevensstromen"]}) == 2  # one flow, two gegevens: two stromen


def test_a_keten_its_regie_and_handovers_between_ketens(tmp_path):
    els = [el("k1", "BusinessProcess", "Keten A"), el("k2", "BusinessProcess", "Keten B"),
           el("s1", "BusinessProcess", "Stap 1"), el("s2", "BusinessProcess", "Stap 2"),
           el("cjib", "BusinessActor", "CJIB"), el("ov", "BusinessActor", "Ketenberaad A", {"ketengraaf:soort": "overleg"})]
    rels = [rel("c1", "Composition", "k1", "s1"), rel("c2", "Composition", "k2", "s2"), rel("c3", "Composition", "k2", "s1"),
            rel("t", "Triggering", "s1", "s2"), rel("r1", "Association", "cjib", "k1", "ketenregisseur"),
            rel("r2", "Association", "ov", "k1", "bestuur"), rel("r3", "Association", "cjib", "k2", "bestuur")]
    d, rep = imp(tmp_path, oef(els, rels))
    a = d["ketens"][0]
    assert (a["regisseur"], a["bestuur"]) == ("cjib", "ketenberaad-a")
    assert reasons(rep) == {
        "Composition (c3)": "BusinessProcess 'Stap 1' (s1) is already a schakel of keten 'Keten A'",
        "Triggering (t)": "hands over from a schakel of keten 'Keten A' to one of keten 'Keten B'; volgt_op stays within "
                          "a keten",
        "Association 'bestuur' (r3)": "the bestuur of a keten is an organisatie of soort overleg, and 'CJIB' is overig"}


# ------------------------------------------------------------------------------------------------ ketengraaf properties


def test_ketengraaf_properties_carry_what_archimate_cannot(tmp_path):
    els = [el("a", "BusinessActor", "A", {"ketengraaf:id": "uwv", "ketengraaf:soort": "zbo", "ketengraaf:capaciteit": "0,5",
                                           "ketengraaf:onafhankelijk": "false",
                                           "ketengraaf:kenmerk:afkorting": "UWV", "ketengraaf:kenmerk:fte": "18000",
                                           "ketengraaf:kenmerk:code": '"0123"', "ketengraaf:kenmerk:actief": "true"}),
           el("b", "BusinessActor", "B", {"ketengraaf:id": "min-szw", "ketengraaf:soort": "ministerie"}),
           el("c", "Contract", "c", {"ketengraaf:id": "wa", "ketengraaf:soort": "werkagenda",
                                     "ketengraaf:escalatie": "min-szw, A", "ketengraaf:geldig_van": "2026-01-01"})]
    rels = [rel("p1", "Association", "c", "a"), rel("p2", "Association", "c", "b")]
    d, _ = imp(tmp_path, oef(els, rels, model_props={"ketengraaf:id": "szw", "ketengraaf:peildatum": "2026-11-27"}))
    assert d["model"] == {"id": "szw", "naam": "Testmodel", "peildatum": "2026-11-27"}
    assert d["organisaties"][0] == {"id": "uwv", "naam": "A", "soort": "zbo", "onafhankelijk": False, "capaciteit": 0.5,
                                    "kenmerken": {"afkorting": "UWV", "fte": 18000, "code": "0123", "actief": True}}
    assert d["afspraken"][0]["escalatie"] == ["min-szw", "uwv"]  # by id, or by a name only one organisatie has


@pytest.mark.parametrize("props,message", [
    ({"ketengraaf:capacitiet": "3"}, "unknown property 'ketengraaf:capacitiet'; did you mean 'ketengraaf:capaciteit'? "
                                     "(docs/archimate.md lists the ketengraaf properties)"),
    ({"ketengraaf:meerjarig": "true"}, "ketengraaf:meerjarig does not belong to an organisatie (BusinessActor 'A'); it "
                                       "belongs to afspraken"),
    ({"ketengraaf:type": "organisaite"}, "ketengraaf:type 'organisaite' is not one of organisatie, keten, schakel, "
                                         "afspraak, gegevens, middel, opdracht, uitzondering; did you mean "
                                         "'organisatie'?"),
    ({"ketengraaf:capaciteit": "veel"}, "'capaciteit' must be a number, not 'veel'"),
    ({"ketengraaf:soort": "zb0"}, "'zb0' is not a valid soort; did you mean 'zbo'? (one of: ministerie, gemeente, "
                                  "provincie, waterschap, directoraat-generaal, directie, functie, agentschap, zbo, rwt, "
                                  "uitvoeringsorganisatie, overleg, private, overig)"),
    ({"ketengraaf:id": "Belasting Dienst"}, "'Belasting Dienst' is not a valid id: ids use lower-case letters, digits, "
                                            "'.', '_' and '-' and start with a letter or digit; did you mean "
                                            "'belasting-dienst'?"),
])
def test_errors_in_ketengraaf_properties_have_their_line(tmp_path, props, message):
    data = oef([el("a", "BusinessActor", "A", props)])
    (got,) = errors(tmp_path, data)
    line = line_of(data, 'identifier="a"')
    col = data.decode().splitlines()[line - 1].index("<property ") + 1
    assert got == f"{line}:{col}: {message}"


def test_an_escalatie_naming_nobody_is_an_unknown_reference_at_its_property(tmp_path):
    els = [el("a", "BusinessActor", "A"), el("b", "BusinessActor", "B"),
           el("c", "Contract", "Convenant", {"ketengraaf:escalatie": "a, niemand"})]
    data = oef(els, [rel("p1", "Association", "c", "a"), rel("p2", "Association", "c", "b")])
    got = errors(tmp_path, data)
    line = line_of(data, 'identifier="c"')
    assert len(got) == 1 and got[0].startswith(f"{line}:") and got[0].endswith("unknown organisatie 'niemand'")


def test_findings_of_an_earlier_export_are_left_out(tmp_path):
    d, rep = imp(tmp_path, oef([el("a", "BusinessActor", "A", {"ketengraaf:bevinding:regel": "R01",
                                                                "ketengraaf:bevinding:ernst": "fout",
                                                                "ketengraaf:bevinding:melding": "..."})]))
    assert d["organisaties"] == [{"id": "a", "naam": "A", "soort": "overig"}] and rep.findings == 3


# ------------------------------------------------------------------------------------------------ ids


def test_ids_are_readable_unique_and_independent_of_the_order_of_the_file(tmp_path):
    els = [el("id-b", "BusinessActor", "Politie"), el("id-a", "BusinessActor", "Politie"),
           el("id-c", "BusinessActor", "Politie", {"ketengraaf:id": "politie"}), el("id-d", "BusinessActor", ""),
           el("id-e", "BusinessActor", "Ministerie van Justitie en Veiligheid")]
    seen = set()
    for perm in itertools.permutations(els):
        d, rep = imp(tmp_path, oef(list(perm)))
        seen.add(tuple(sorted((o["naam"], o["id"]) for o in d["organisaties"])))
    assert len(seen) == 1
    ids = dict((n, i) for n, i in seen.pop() if n != "Politie")
    assert ids["Ministerie van Justitie en Veiligheid"] == "min-justitie-en-veiligheid"
    d, rep = imp(tmp_path, oef(els))
    politie = sorted(o["id"] for o in d["organisaties"] if o["naam"] == "Politie")
    assert politie[0] == "politie" and all(p.startswith("politie-") and len(p) == len("politie-") + 6
                                           for p in politie[1:])
    assert rep.unnamed == ["BusinessActor (id-d)"]
    assert next(o for o in d["organisaties"] if o["naam"] == "organisatie")  # an empty name: named after its id
    model(tmp_path, oef(els))


# ------------------------------------------------------------------------------------------------ the mapping file


def mapping_file(tmp_path: Path, text: str) -> Path:
    p = tmp_path / "mapping.yaml"
    p.write_text(text, encoding="utf-8")
    return p


def test_a_mapping_file_adds_to_the_defaults(tmp_path):
    mp = mapping_file(tmp_path, "ketengraaf-mapping: 1\nelementen:\n  BusinessRole: organisatie\n  Contract: niet\n"
                                "eigenschappen: [Organisatietype]\nsoorten:\n  zbo: ['^ZBO$']\n"
                                "rollen:\n  eigenaar: ['is verantwoordelijk voor']\n")
    m = M.load(str(mp))
    els = [el("a", "BusinessActor", "A", {"Organisatietype": "ZBO"}), el("r", "BusinessRole", "Klant"),
           el("s", "BusinessActor", "SG"), el("c", "Contract", "Convenant")]
    d, rep = imp(tmp_path, oef(els, [rel("x", "Association", "s", "a", "is verantwoordelijk voor", directed=True)]), m)
    assert [(o["naam"], o["soort"]) for o in d["organisaties"]] == [("A", "zbo"), ("Klant", "overig"), ("SG", "overig")]
    assert d["sturingsrelaties"] == [{"van": "sg", "naar": "a", "rol": "eigenaar"}]
    assert "Contract 'Convenant' (c)" in reasons(rep)


def test_mistakes_in_a_mapping_file_have_their_line(tmp_path, kg):
    mp = mapping_file(tmp_path, "ketengraaf-mapping: 1\nelemneten: {}\nelementen:\n  BusinesActor: organisatie\n"
                                "  BusinessRole: organisaite\nsoorten:\n  zb0: [x]\n  zbo: ['(']\nrollen:\n  baas: [x]\n")
    with pytest.raises(ModelInvalid) as e:
        M.load(str(mp))
    assert [str(p).replace(f"{mp}:", "") for p in e.value.problems] == [
        "2:1: unknown key 'elemneten'; did you mean 'elementen'?; a mapping file has elementen, eigenschappen, soorten, "
        "rollen",
        "4:3: 'BusinesActor' is not an ArchiMate 3.1 element type; did you mean 'BusinessActor'?",
        "5:17: 'organisaite' is not a kind; did you mean 'organisatie'? (one of: organisatie, herkende-organisatie, "
        "keten-of-schakel, afspraak, gegevens, middel, opdracht, niet)",
        "7:3: 'zb0' is not a soort; did you mean 'zbo'?",
        "8:9: '(' is not a regular expression (missing ), unterminated subpattern at position 0)",
        "10:3: 'baas' is not a role that a name gives (one of: eigenaar, opdrachtgever, regisseur, bestuur, beheerder, "
        "verwerkingsverantwoordelijke, bronhouder, afgeleid_van)"]
    code, out, err = kg("analyse", ARCHISURANCE, "--mapping", mp)
    assert code == 2 and err.splitlines()[0].startswith(f"{mp}:2:1: unknown key 'elemneten'")


def test_the_mapping_file_reaches_analyse_and_the_import(tmp_path, kg):
    mp = mapping_file(tmp_path, "ketengraaf-mapping: 1\nelementen:\n  BusinessRole: organisatie\n")
    code, out, _ = kg("validate", ARCHISURANCE)
    assert code == 0 and "17 organisaties" in out
    code, out, _ = kg("validate", ARCHISURANCE, "--mapping", mp)
    assert code == 0 and "22 organisaties" in out  # and the 5 roles
    code, _, err = kg("import", "archimate", ARCHISURANCE, "-o", tmp_path / "m.yaml", "--mapping", mp)
    assert code == 0 and "  wrote 22 organisaties, 14 gegevens, 10 middelen to" in err
    code, _, err = kg("analyse", ARCHISURANCE, "--mapping", mp, "-o", mp)
    assert code == 2 and f"refusing to write {mp}: it is the file {mp} that this command reads" in err


def test_every_default_row_is_in_the_tables():
    assert set(M.ELEMENTS.values()) <= set(M.KINDS)
    assert set(M.SOORTEN) == {s for v in M.KIND_SOORTEN.values() for s in v}
    for s, patterns in M.SOORTEN.items():
        for p in patterns:
            assert p  # every pattern is a regular expression that compiles (Mapping.default compiles them)
    Mapping.default()


def test_a_role_from_a_specialization_and_repeats_reported(tmp_path):
    els = [SG, B, el("s", "BusinessProcess", "Stap", {"ketengraaf:type": "schakel"}), el("k", "BusinessProcess", "Keten X"),
           el("g", "BusinessObject", "Dossier")]
    rels = [rel("r1", "Association", "sg", "bd", directed=True, props={"Specialization": "Eigenaar"}),
            rel("c", "Composition", "k", "s"), rel("a1", "Access", "s", "g", access="Read"),
            rel("a2", "Access", "s", "g", access="Read"), rel("a3", "Access", "s", "g", access="ReadWrite")]
    data = oef(els, rels)
    d, rep = imp(tmp_path, data)
    assert d["sturingsrelaties"] == [{"van": "secretaris-generaal-financien", "naar": "belastingdienst", "rol": "eigenaar"}]
    assert d["ketens"][0]["schakels"][0]["gebruikt"] == ["dossier"] and d["ketens"][0]["schakels"][0]["levert"] == ["dossier"]
    assert reasons(rep) == {"Access (a2)": "says what another Access relationship between the same two already says"}


def test_an_afspraak_by_ketengraaf_type_needs_a_soort(tmp_path):
    data = oef([el("c", "Contract", "Overeenkomst", {"ketengraaf:type": "afspraak"})])
    (got,) = errors(tmp_path, data)
    line = line_of(data, 'identifier="c"')
    col = data.decode().splitlines()[line - 1].index("<property ") + 1
    assert got == (f"{line}:{col}: Contract 'Overeenkomst' (c) is an afspraak (ketengraaf:type) without a soort: give "
                   f"it ketengraaf:soort (one of: convenant, gegevensleveringsovereenkomst, ketenafspraak, "
                   f"opdrachtgeversagenda, resultaatafspraak, samenwerkingsafspraak, verwerkersovereenkomst, werkagenda, "
                   f"wettelijke-regeling)")
