"""``ketengraaf import roo`` end to end: the shared files, the SG, duplicates, dates, selection, ids,
re-import next to hand-written files, and what the import refuses to write."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest

from ketengraaf.model import yamlio
from tests.importers.conftest import orgs, relations
from tests.importers.roo_xml import SYNTHETISCH, VOORBEELD, O, ministry, rel, write

PEIL = ("--peildatum", "2026-11-27")


def imp(kg, export: Path, out: Path, *args: str) -> tuple[int, str]:
    code, stdout, err = kg("import", "roo", export, "-o", out, *PEIL, *args)
    assert stdout == ""
    return code, err


# ------------------------------------------------------------------------------------------- the shared files
def test_real_excerpt_imports_validates_and_analyses(tmp_path, kg):
    code, err = imp(kg, VOORBEELD, tmp_path / "m")
    assert code == 0, err
    assert err.splitlines() == [
        "ketengraaf import roo: voorbeeld-export.xml (ROO export 2.6.9, 2026-05-16T22:00:00+02:00): 108 organisaties; "
        "peildatum 2026-11-27",
        f"  wrote 81 organisaties and 1 sturingsrelatie to {tmp_path / 'm' / 'roo'}/ (3 files and manifest.json)",
        "  soort: ministerie 2, directoraat-generaal 3, directie 10, functie 2, agentschap 1, zbo 10, "
        "uitvoeringsorganisatie 2, overig 51",
        "  relations: 59 onderdeel_van; 1 eigenaar (the secretaris-generaal of an agentschap's ministry, Regeling "
        "agentschappen 2024); no sturing for zbo's, rwt's and the rest: the register names only their ministry",
        "  left out: 28 ended before 2026-11-27; --all keeps ended and future organisaties",
        f"  the model in {tmp_path / 'm'} is valid: 81 organisaties, 1 sturingsrelaties",
    ]
    assert sorted(os.listdir(tmp_path / "m" / "roo")) == ["manifest.json", "min-fin.yaml", "min-szw.yaml", "sturing.yaml"]
    o = orgs(tmp_path / "m")
    assert o["min-fin"].soort.value == "ministerie" and o["sg-fin"].onderdeel_van == "min-fin"
    assert o["belastingdienst"].onderdeel_van == "min-fin" and o["fiod"].onderdeel_van == "belastingdienst"
    assert o["uwv"].soort.value == "zbo" and o["uwv"].onderdeel_van is None
    assert o["uwv"].kenmerken["roo_ministerie_id"] == "min-szw"
    assert o["nederlandse-arbeidsinspectie"].soort.value == "uitvoeringsorganisatie"
    assert "bak" not in o  # Bestuurlijke Adviesraad Kinderopvangtoeslag ended 2023-03-31
    assert relations(tmp_path / "m") == {("eigenaar", "sg-fin", "belastingdienst")}
    code, out, err = kg("validate", tmp_path / "m")
    assert code == 0 and "valid" in out
    code, out, err = kg("analyse", tmp_path / "m", *PEIL, "--format", "json")
    findings = json.loads(out)["findings"]
    assert code == 1
    assert sorted({(f["rule"], f["subject"]) for f in findings if f["rule"] == "R01"}) == [
        ("R01", s) for s in ("afm", "bedrijfstakpensioenfondsen", "bow", "cea", "certificerende-instellingen", "dnb",
                             "ibtd", "nba", "nederlandse-arbeidsinspectie", "svb", "uwv", "waarderingskamer")]
    assert {f["rule"] for f in findings} == {"R01", "R02"}
    assert "belastingdienst" not in {f["subject"] for f in findings if f["rule"] == "R01"}


def test_the_import_is_on_the_fast_reading_path(tmp_path, kg):
    imp(kg, VOORBEELD, tmp_path / "m", "--all")
    for f in (tmp_path / "m" / "roo").glob("*.yaml"):
        assert yamlio.read_fast(f.read_bytes()) is not None, f
        assert yamlio.read_fast(f.read_bytes()) == yamlio.read_precise(f.read_bytes()).data


def test_synthetic_file(tmp_path, kg):
    code, err = imp(kg, SYNTHETISCH, tmp_path / "m")
    assert code == 0, err
    o = orgs(tmp_path / "m")
    by_sid = {x.kenmerken.get("roo_systeemid"): x for x in o.values()}
    assert 6001 not in by_sid and 8001 not in by_sid  # ended
    assert 8002 not in by_sid  # its parent ended, it did not: it goes with it
    assert by_sid[7001].kenmerken["geldig_tot"] == "2099-12-31"  # ends in the future: kept
    assert (by_sid[1002].soort.value, by_sid[1003].soort.value, by_sid[1004].soort.value) == (
        "directoraat-generaal", "directie", "overig")
    assert (by_sid[1003].onderdeel_van, by_sid[1004].onderdeel_van) == (by_sid[1002].id, by_sid[1003].id)
    assert by_sid[9001].id == "testorganisatie-meerdere-types"  # same name, other type: two organisations
    assert by_sid[9002].id == "testorganisatie-meerdere-types-9002"
    assert by_sid[3001].kenmerken.get("roo_tooi") is None and by_sid[3001].soort.value == "overig"
    assert by_sid[2001].onderdeel_van is None  # RvIG: its ministry (BZK) is not in the file
    assert "  agentschap 'rvig' gets no eigenaar: its ministry 'Binnenlandse Zaken en Koninkrijksrelaties' is not " \
           "imported" in err
    assert "  left out: 2 ended before 2026-11-27; 1 below an ended organisatie; --all keeps ended and future " \
           "organisaties" in err
    assert kg("analyse", tmp_path / "m", *PEIL)[0] in (0, 1)
    code, err = imp(kg, SYNTHETISCH, tmp_path / "alles", "--alles")
    by_sid = {x.kenmerken.get("roo_systeemid"): x for x in orgs(tmp_path / "alles").values()}
    assert {6001, 8001, 8002} <= set(by_sid) and by_sid[6001].kenmerken["geldig_tot"] == "2020-12-31"


def test_output_is_deterministic(tmp_path, kg):
    imp(kg, VOORBEELD, tmp_path / "a")
    imp(kg, VOORBEELD, tmp_path / "b")
    for name in os.listdir(tmp_path / "a" / "roo"):
        assert (tmp_path / "a" / "roo" / name).read_bytes() == (tmp_path / "b" / "roo" / name).read_bytes(), name
    before = {n: (tmp_path / "a" / "roo" / n).read_bytes() for n in os.listdir(tmp_path / "a" / "roo")}
    imp(kg, VOORBEELD, tmp_path / "a")  # again over itself: byte for byte the same
    assert before == {n: (tmp_path / "a" / "roo" / n).read_bytes() for n in os.listdir(tmp_path / "a" / "roo")}


# ------------------------------------------------------------------------------------------- mapping in context
def test_sg_cluster_becomes_the_sg_and_its_units_go_to_the_ministry(tmp_path, kg):
    fin = ministry(1, "Financiën", "Fin",
                   O(2, "SG Cluster", kids=[O(3, "Directoraat-generaal Fiscale Zaken", kids=[O(4, "Directie Belastingen")]),
                                            O(5, "Directie Communicatie"), O(6, "SG Cluster", afk=["DEIA"])]),
                   O(7, "Directoraat-generaal Toeslagen"))
    szw = ministry(10, "Sociale Zaken en Werkgelegenheid", "SZW")
    code, err = imp(kg, write(tmp_path / "x.xml", fin, szw), tmp_path / "m")
    assert code == 0, err
    o = orgs(tmp_path / "m")
    assert (o["sg-fin"].soort.value, o["sg-fin"].onderdeel_van, o["sg-fin"].naam) == ("functie", "min-fin",
                                                                                       "Secretaris-generaal Financiën")
    assert o["sg-fin"].kenmerken["roo_systeemid"] == 2 and o["sg-fin"].kenmerken["roo_naam"] == "SG Cluster"
    dg = next(x for x in o.values() if x.kenmerken.get("roo_systeemid") == 3)
    assert dg.onderdeel_van == "min-fin" and dg.kenmerken["roo_onder"] == "SG Cluster (systeemId 2)"
    assert next(x for x in o.values() if x.kenmerken.get("roo_systeemid") == 4).onderdeel_van == dg.id
    assert o["deia"].onderdeel_van == "min-fin" and o["deia"].soort.value == "overig"  # a cluster deeper down
    assert (o["sg-szw"].kenmerken["bron"], o["sg-szw"].onderdeel_van) == ("ROO (afgeleid)", "min-szw")
    assert "roo_systeemid" not in o["sg-szw"].kenmerken


def test_agentschap_eigenaar_from_relatie_or_nesting(tmp_path, kg):
    fin = ministry(1, "Financiën", "Fin", O(2, "Belastingdienst", ["Agentschap"], ["BD"]))
    top = O(3, "Domeinen Roerende Zaken", ["Agentschap"], ["DRZ"], rel=rel(fin))
    via_tooi = O(4, "Rijksdienst X", ["Agentschap"], ["RDX"], rel=(None, fin.tooi, "Financiën"))
    code, err = imp(kg, write(tmp_path / "x.xml", fin, top, via_tooi), tmp_path / "m")
    assert code == 0, err
    assert relations(tmp_path / "m") == {("eigenaar", "sg-fin", "belastingdienst"), ("eigenaar", "sg-fin", "drz"),
                                         ("eigenaar", "sg-fin", "rdx")}
    o = orgs(tmp_path / "m")
    assert {o[i].onderdeel_van for i in ("belastingdienst", "drz", "rdx")} == {"min-fin"}
    text = (tmp_path / "m" / "roo" / "sturing.yaml").read_text(encoding="utf-8")
    assert ('{van: sg-fin, naar: drz, rol: eigenaar, kenmerken: {bron: ROO, grond: "Regeling agentschappen 2024, '
            'art. 1: de secretaris-generaal is continuïteitsverantwoordelijke"}}') in text


def test_future_organisations(tmp_path, kg):
    x = write(tmp_path / "x.xml", O(1, "Nieuw", ["Gemeente"], start="2027-01-01", kids=[O(2, "Afdeling Nieuw")]),
              O(3, "Einde op de peildatum", ["Gemeente"], eind="2026-11-27"))
    code, err = imp(kg, x, tmp_path / "m")
    assert [v.kenmerken["roo_systeemid"] for v in orgs(tmp_path / "m").values()] == [3]
    assert "left out: 1 starting after 2026-11-27; 1 below one starting later" in err
    imp(kg, x, tmp_path / "all", "--all")
    o = {v.kenmerken["roo_systeemid"]: v for v in orgs(tmp_path / "all").values()}
    assert o[1].kenmerken["geldig_van"] == "2027-01-01" and o[3].kenmerken["geldig_tot"] == "2026-11-27"


# ------------------------------------------------------------------------------------------- duplicates
def test_duplicates_are_reported_and_imported_once(tmp_path, kg):
    fin = ministry(1, "Financiën", "Fin", O(20, "Belastingdienst", ["Organisatieonderdeel"], kids=[O(21, "FIOD")]),
                   O(30, "Afdeling Juridische Zaken"), O(31, "Directie X", kids=[O(32, "Afdeling Juridische Zaken")]))
    bd = O(40, "belastingdienst ", ["Agentschap"], ["BD"], rel=rel(fin))
    tooi = "https://identifier.overheid.nl/tooi/id/zbo/zb1"
    afm, afm2 = O(50, "AFM", ["Zelfstandig bestuursorgaan"], tooi=tooi), O(51, "Autoriteit FM", ["Zelfstandig bestuursorgaan"], tooi=tooi)
    twice = O(60, "Twee keer", ["Gemeente"])
    code, err = imp(kg, write(tmp_path / "x.xml", fin, bd, afm, afm2, twice, twice), tmp_path / "m")
    assert code == 0, err
    dups = [line for line in err.splitlines() if line.startswith("  duplicate")]
    assert dups == [
        "  duplicate in the register (the same name and type under the same ministry): 'belastingdienst' (systeemId 40, "
        "line 35) and 'Belastingdienst' (systeemId 20, line 9); imported once as 'belastingdienst'",
        "  duplicate in the register (the same TOOI identifier): 'AFM' (systeemId 50, line 41) and 'Autoriteit FM' "
        "(systeemId 51, line 45); imported once as 'afm'",
        "  duplicate in the register (the same systeemId): 'Twee keer' (systeemId 60, line 49) and 'Twee keer' "
        "(systeemId 60, line 53); imported once as 'gemeente-twee-keer'",
    ]
    assert "left out: 3 listed twice in the register" in err
    o = orgs(tmp_path / "m")
    assert o["belastingdienst"].soort.value == "agentschap"  # the listing with a type of its own
    assert o["belastingdienst"].kenmerken["roo_duplicaat"] == "Belastingdienst (systeemId 20)"
    fiod = o["fiod"]
    assert fiod.onderdeel_van == "belastingdienst" and fiod.kenmerken["roo_onder"] == "Belastingdienst (systeemId 20)"
    assert sum(v.naam == "Afdeling Juridische Zaken" for v in o.values()) == 2  # deeper units are not compared
    # the previous import's listing is kept, even when another would win now
    code, err = imp(kg, write(tmp_path / "y.xml", fin, bd, O(51, "Autoriteit FM", ["Zelfstandig bestuursorgaan"],
                                                              tooi=tooi), afm), tmp_path / "m")
    assert code == 0 and orgs(tmp_path / "m")["afm"].kenmerken["roo_systeemid"] == 50


# ------------------------------------------------------------------------------------------- selection
def _two_ministries(tmp_path: Path) -> Path:
    fin = ministry(1, "Financiën", "Fin", O(2, "Directoraat-generaal Douane"), tooi_n=1090)
    szw = ministry(10, "Sociale Zaken en Werkgelegenheid", "SZW", O(11, "Directie Arbeid"))
    return write(tmp_path / "x.xml", fin, szw, O(3, "Autoriteit Financiële Markten", ["Zelfstandig bestuursorgaan"], ["AFM"],
                                                  rel=rel(fin)),
                 O(12, "Uitvoeringsinstituut Werknemersverzekeringen", ["Zelfstandig bestuursorgaan"], ["UWV"],
                   rel=rel(szw)), O(20, "Oud", ["Gemeente"], eind="2000-01-01"), O(21, "Directie Arbeid", ["Adviescollege"]))


@pytest.mark.parametrize("term", ["min-fin", "Financiën", " financiën ", "Fin", "1", "mnre1090",
                                  "https://identifier.overheid.nl/tooi/id/ministerie/mnre1090"])
def test_under_by_any_name_or_id(tmp_path, kg, term):
    code, err = imp(kg, _two_ministries(tmp_path), tmp_path / "m", "--under", term)
    assert code == 0, err
    assert sorted(orgs(tmp_path / "m")) == ["afm", "directoraat-generaal-douane", "min-fin", "sg-fin"]
    assert "left out: 1 ended before 2026-11-27; 4 outside --under" in err


def test_under_repeated_and_alias(tmp_path, kg):
    code, err = imp(kg, _two_ministries(tmp_path), tmp_path / "m", "--onder", "AFM", "--under", "min-szw")
    assert code == 0, err
    assert sorted(orgs(tmp_path / "m")) == ["afm", "min-szw", "min-szw-directie-arbeid", "sg-szw", "uwv"]


@pytest.mark.parametrize("term,message", [
    # the adviescollege, at the top of the register, asked for the id first; the directie got its ministry's in front
    ("Directie Arbeid", "--under 'Directie Arbeid' is the name of 2 organisaties: min-szw-directie-arbeid (Directie "
                        "Arbeid, systeemId 11); directie-arbeid (Directie Arbeid, systeemId 21); give the id or "
                        "systeemId of the one you mean"),
    ("Financien", "--under 'Financien' names no organisatie in the export (tried ids, systeemIds, TOOI identifiers, "
                  "afkortingen and names); did you mean 'Financiën'?"),
    ("Oud", "--under 'Oud': Oud ended on 2000-01-01, so it is not imported on the peildatum 2026-11-27; add --all to "
            "import ended and future organisations too"),
])
def test_under_errors(tmp_path, kg, term, message):
    code, err = imp(kg, _two_ministries(tmp_path), tmp_path / "m", "--under", term)
    assert (code, err) == (2, f"ketengraaf: {message}\n")
    assert not (tmp_path / "m").exists()


# ------------------------------------------------------------------------------------------- ids
def test_ids_survive_a_rename_and_are_never_reused(tmp_path, kg):
    fin = ministry(1, "Financiën", "Fin", O(2, "Directie Toeslagen"))
    imp(kg, write(tmp_path / "a.xml", fin, O(3, "Waarderingskamer", ["Zelfstandig bestuursorgaan"], rel=rel(fin))),
        tmp_path / "m")
    assert sorted(orgs(tmp_path / "m")) == ["directie-toeslagen", "min-fin", "sg-fin", "waarderingskamer"]
    renamed = ministry(1, "Ministerie van Financiën", "FIN", O(2, "Directie Herstel Toeslagen"))
    code, err = imp(kg, write(tmp_path / "b.xml", renamed, O(4, "Waarderingskamer", ["Zelfstandig bestuursorgaan"],
                                                             rel=rel(renamed))), tmp_path / "m")
    o = orgs(tmp_path / "m")
    assert o["min-fin"].naam == "Ministerie van Financiën" and o["directie-toeslagen"].naam == "Directie Herstel Toeslagen"
    assert "waarderingskamer" not in o and o["waarderingskamer-4"].kenmerken["roo_systeemid"] == 4  # a new body
    assert "  since the previous import: 1 added, 2 renamed, 1 no longer imported" in err
    manifest = json.loads((tmp_path / "m" / "roo" / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["ids"]["3"] == "waarderingskamer" and manifest["ids"]["4"] == "waarderingskamer-4"
    assert manifest["ids"]["sg:1"] == "sg-fin"


# ------------------------------------------------------------------------------------------- keeping it current
HAND = """\
# Eigen sturing, naast roo/.
ketengraaf: 1
organisaties:
  - {id: dho, naam: Driehoeksoverleg, soort: overleg, deelnemers: [sg-fin, bak]}
sturingsrelaties:
  - {van: sg-fin, naar: belastingdienst, rol: eigenaar, sturingsmodel: stewardship}
  - {van: dgtsl, naar: belastingdienst, rol: opdrachtgever}
  - {van: dgtsl, naar: bak, rol: opdrachtgever}
opdrachten:
  - {id: opd-1, opdrachtgever: dgtsl, opdrachtnemer: waarderingskamer}
"""


def test_reimport_next_to_hand_written_files(tmp_path, kg):
    m = tmp_path / "m"
    code, err = imp(kg, VOORBEELD, m, "--peildatum", "2022-01-01")  # BAK still existed then
    assert code == 0 and "bak" in orgs(m)
    (m / "sturing.yaml").write_text(HAND, encoding="utf-8")
    (m / "notities").mkdir()
    (m / "notities" / "lees.txt").write_text("eigen\n", encoding="utf-8")
    st = (m / "sturing.yaml").stat()
    gone = VOORBEELD.read_text(encoding="utf-8").replace('p:systeemId="28212594"', 'p:systeemId="99999999"')
    code, err = imp(kg, _text(tmp_path, gone), m)  # next month: BAK ended, the Waarderingskamer got a new systeemId
    assert code == 1
    assert (m / "sturing.yaml").read_text(encoding="utf-8") == HAND and (m / "sturing.yaml").stat().st_mtime_ns == st.st_mtime_ns
    assert (m / "notities" / "lees.txt").read_text(encoding="utf-8") == "eigen\n"
    problems = [line for line in err.splitlines() if line.startswith(str(m))]
    ended = ("'bak' (Bestuurlijke Adviesraad Kinderopvangtoeslag, systeemId 28391671) is not in the import: it ended on "
             "2023-03-31 (eindDatum in the register), before the peildatum 2026-11-27 (--all imports it all the same); "
             "remove or replace this reference")
    gone = ("'waarderingskamer' (Waarderingskamer, systeemId 28212594) is not in the import: it is no longer in the "
            "register; remove or replace this reference")
    # the places are those ketengraaf validate reports for the same references
    code, _, verr = kg("validate", m)
    places = [line.split(": unknown organisatie")[0] for line in verr.splitlines() if "unknown organisatie" in line]
    assert code == 2 and [p.split(": '")[0] for p in problems] == places
    assert [p.split(": ", 1)[1] for p in problems] == [ended, ended, gone]
    assert [p.split(":")[:2] for p in problems] == [[str(m / "sturing.yaml"), n] for n in ("4", "8", "10")]
    assert err.splitlines()[-1] == (f"ketengraaf: imported, but the model in {m} does not validate: 3 references in "
                                    f"your files point to organisaties the import does not write; fix them in your "
                                    f"own files (ketengraaf validate {m})")
    assert "  eigenaar from your own files (none generated): belastingdienst" in err
    assert "sturingsrelaties: []" in (m / "roo" / "sturing.yaml").read_text(encoding="utf-8")
    # fixed by hand, the next import is clean again, and the renamed body kept its id
    (m / "sturing.yaml").write_text(HAND.replace(", bak]", "]").replace("  - {van: dgtsl, naar: bak, rol: opdrachtgever}\n", "")
                                    .replace("waarderingskamer", "waarderingskamer-99999999"), encoding="utf-8")
    code, err = imp(kg, tmp_path / "nieuw.xml", m)
    assert code == 0, err
    assert ("eigenaar", "sg-fin", "belastingdienst") in relations(m)


def _text(tmp_path: Path, text: str) -> Path:
    p = tmp_path / "nieuw.xml"
    p.write_text(text, encoding="utf-8")
    return p


def test_other_errors_in_the_model_are_listed_after_the_import(tmp_path, kg):
    m = tmp_path / "m"
    m.mkdir()
    (m / "eigen.yaml").write_text("ketengraaf: 1\nsturingsrelaties:\n  - {van: sg-fin, naar: uwv, rol: baas}\n",
                                  encoding="utf-8")
    code, err = imp(kg, VOORBEELD, m)
    assert code == 1 and (m / "roo" / "min-fin.yaml").exists()
    assert f"{m / 'eigen.yaml'}:3:35: 'baas' is not a valid rol (one of: eigenaar, opdrachtgever)" in err
    assert "1 other error in the model" in err.splitlines()[-1]


def test_the_import_refuses_what_it_did_not_write(tmp_path, kg):
    m = tmp_path / "m"
    imp(kg, VOORBEELD, m)
    before = {n: (m / "roo" / n).read_bytes() for n in os.listdir(m / "roo")}

    def refused(expect: str) -> None:
        code, err = imp(kg, VOORBEELD, m)
        assert code == 2 and expect in err, err
        assert not [p for p in m.iterdir() if p.name.startswith(".roo.")]  # no temporary directory left

    (m / "roo" / "min-szw.yaml").write_text(before["min-szw.yaml"].decode() + "# eigen regel\n", encoding="utf-8")
    refused("min-szw.yaml was changed after ketengraaf import roo wrote it, and the import replaces it")
    (m / "roo" / "min-szw.yaml").write_bytes(before["min-szw.yaml"])
    (m / "roo" / "eigen.yaml").write_text("ketengraaf: 1\n", encoding="utf-8")
    refused("eigen.yaml was not written by ketengraaf import roo; roo/ holds only the import's own files")
    os.unlink(m / "roo" / "eigen.yaml")
    shutil.copyfile(VOORBEELD, m / "roo" / "export.xml")
    code, _, err = kg("import", "roo", m / "roo" / "export.xml", "-o", m, *PEIL)
    assert code == 2 and "export.xml was not written by ketengraaf import roo" in err
    os.unlink(m / "roo" / "export.xml")
    os.unlink(m / "roo" / "manifest.json")
    refused("is not empty and has no readable manifest.json from ketengraaf import roo")
    assert {n: (m / "roo" / n).read_bytes() for n in os.listdir(m / "roo")} == {k: v for k, v in before.items()
                                                                               if k != "manifest.json"}
    shutil.rmtree(m / "roo")
    (tmp_path / "elders").mkdir()
    os.symlink(tmp_path / "elders", m / "roo")
    refused("roo is a symbolic link")
    os.unlink(m / "roo")
    (m / "roo").write_text("x", encoding="utf-8")
    refused("roo exists and is not a directory")
    code, _, err = kg("import", "roo", VOORBEELD, "-o", m / "roo", *PEIL)
    assert code == 2 and "is a file; -o names the model directory" in err


def test_an_export_inside_roo_is_refused_even_when_listed(tmp_path, kg):
    m = tmp_path / "m"
    imp(kg, VOORBEELD, m)
    own = m / "roo" / "min-szw.yaml"
    code, _, err = kg("import", "roo", own, "-o", m, *PEIL)
    assert code == 2 and "is not XML" in err  # read first: a YAML file is no export


def test_a_failed_write_leaves_the_previous_import(tmp_path, kg, monkeypatch):
    m = tmp_path / "m"
    imp(kg, VOORBEELD, m, "--peildatum", "2022-01-01")
    before = {n: (m / "roo" / n).read_bytes() for n in os.listdir(m / "roo")}
    from ketengraaf.importers import owned

    real = owned.replace_dir

    def broken(sub, fill):
        def half(tmp):
            (tmp / "min-fin.yaml").write_text("half", encoding="utf-8")
            raise KeyboardInterrupt

        return real(sub, half)

    monkeypatch.setattr(owned, "replace_dir", broken)
    code, _, err = kg("import", "roo", VOORBEELD, "-o", m, *PEIL)
    assert code == 130 and "no output was left half-written" in err
    assert {n: (m / "roo" / n).read_bytes() for n in os.listdir(m / "roo")} == before
    assert sorted(os.listdir(m)) == ["roo"]


def test_help_has_examples_and_the_dutch_aliases(kg):
    code, out, _ = kg("import", "roo", "--help")
    assert code == 0
    for text in ("Examples:", "ketengraaf import roo exportOO.xml -o model/ --under min-fin", "--under, --onder NAME-OR-ID",
                 "--all, --alles", "Exit codes: 0 imported and the model in DIR is valid", "docs/import-roo.md"):
        assert text in out, text
    code, out, _ = kg("import", "--help")
    assert code == 0 and "roo " in out and "Import the Register van Overheidsorganisaties" in out
    code, out, _ = kg("--help")
    assert code == 0 and "  import " in out
