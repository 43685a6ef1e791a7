"""``ketengraaf import archimate`` and the commands that take an exchange file as a model (``validate``,
``analyse``, ``diagram``, ``report``): what they print, write and refuse, and where their locations
point in the XML."""

from __future__ import annotations

import json
import os
import re
import sys
from pathlib import Path

import pytest

from ketengraaf.importers.archimate.run import MARKER
from ketengraaf.pipeline import load_model
from tests.archimate.conftest import ARCHISURANCE, el, line_of, oef, rel, write
from tests.render.conftest import need_dot

AS = ARCHISURANCE


def test_archisurance_imports_with_a_report_of_everything_left_out(tmp_path, kg):
    out = tmp_path / "as.yaml"
    code, stdout, err = kg("import", "archimate", AS, "-o", out)
    assert (code, stdout) == (0, "")
    lines = err.splitlines()
    assert lines[:3] == [
        "ketengraaf import archimate: archisurance.xml (model 'Archisurance'): 122 elements, 179 relationships, 18 views",
        f"  wrote 17 organisaties, 14 gegevens, 10 middelen to {out}",
        "  read as: ApplicationComponent 10 -> middelen; BusinessActor 17 -> organisaties; BusinessObject 10, "
        "DataObject 4 -> gegevens"]
    assert lines[3].startswith("  not imported: 81 elements (Principle 9, BusinessProcess 9, BusinessService 6, ")
    assert lines[3].endswith("; 179 relationships (Flow 33, Serving 32, Realization 31, Association 28, Access 14, "
                             "Triggering 13, Aggregation 11, Composition 6, Assignment 6, Specialization 5); 18 views "
                             "(drawings: ketengraaf reads the model, not its views)")
    skipped = [ln for ln in lines if ln.startswith(f"{AS}:")]
    assert len(skipped) == 81 + 179  # one line per object left out, with its line and why
    data = AS.read_bytes()
    customer = line_of(data, 'identifier="id-521"')
    assert f"{AS}:{customer}:5: BusinessRole 'Customer' (id-521): does not stand for an organisatie: no soort in " \
           f"ketengraaf:soort, its properties or its name (give it ketengraaf:soort to import it)" in skipped
    board_hrm = line_of(data, 'source="id-402" target="id-345"')
    board = next(ln for ln in skipped if ln.startswith(f"{AS}:{board_hrm}:"))
    assert board.endswith("Association without a name between organisaties names no role; name it eigenaar or "
                          "opdrachtgever (or give it ketengraaf:rol) for a sturingsrelatie")
    assert lines[-1] == (f"  the model in {out} is valid: 17 organisaties, 14 gegevens, 10 middelen")
    text = out.read_text(encoding="utf-8")
    assert text.startswith(MARKER + "# Bron: archisurance.xml (model 'Archisurance').\nketengraaf: 1\nmodel:\n")
    assert load_model(out).naam == "Archisurance"
    assert kg("import", "archimate", AS, "-o", out)[0] == 0  # its own earlier output: replaced


def test_strict_fails_on_anything_left_out_and_writes_nothing(tmp_path, kg):
    out = tmp_path / "as.yaml"
    code, _, err = kg("import", "archimate", AS, "-o", out, "--strict")
    assert code == 2 and not out.exists()
    lines = err.splitlines()
    assert len(lines) == 260 + 1 and lines[-1] == "ketengraaf: the exchange file has 260 errors; nothing was written"
    assert all(": not imported (--strict): " in ln for ln in lines[:-1])


def test_the_import_replaces_only_what_it_wrote(tmp_path, kg):
    mine = tmp_path / "mijn.yaml"
    mine.write_text("ketengraaf: 1\n", encoding="utf-8")
    code, _, err = kg("import", "archimate", AS, "-o", mine)
    assert code == 2 and err == (f"ketengraaf: refusing to write {mine}: it exists and was not written by ketengraaf "
                                 f"import archimate; choose another output path\n")
    assert mine.read_text(encoding="utf-8") == "ketengraaf: 1\n"
    copy = tmp_path / "m.xml"
    copy.write_bytes(AS.read_bytes())
    code, _, err = kg("import", "archimate", copy, "-o", tmp_path / "archisurance.yml")
    assert code == 0
    code, _, err = kg("import", "archimate", AS, "-o", tmp_path / "x.json")
    assert code == 2 and err == (f"ketengraaf: {tmp_path / 'x.json'}: -o names a .yaml file or a model directory\n")


def test_into_a_directory_beside_the_architects_own_files(tmp_path, kg):
    d = tmp_path / "model"
    d.mkdir()
    (d / "eigen.yaml").write_text("ketengraaf: 1\nmodel: {id: as, naam: Mijn model, peildatum: 2026-11-27}\n"
                                  "sturingsrelaties:\n  - {van: board, naar: hrm, rol: eigenaar}\n", encoding="utf-8")
    code, _, err = kg("import", "archimate", AS, "-o", d)
    assert code == 0, err
    assert sorted(os.listdir(d / "archimate")) == ["gegevens.yaml", "manifest.json", "middelen.yaml", "organisaties.yaml"]
    assert f"  your files in {d} give the model: block; archimate/ has none" in err.splitlines()
    assert f"  wrote 17 organisaties, 14 gegevens, 10 middelen to {d / 'archimate'}/ (3 files and manifest.json)" in err
    m = load_model(d)
    assert (m.id, [(r.van, r.naar) for r in m.sturingsrelaties]) == ("as", [("board", "hrm")])
    assert kg("import", "archimate", AS, "-o", d)[0] == 0  # again: replaced as a whole
    (d / "archimate" / "organisaties.yaml").write_text("ketengraaf: 1\n", encoding="utf-8")
    code, _, err = kg("import", "archimate", AS, "-o", d)
    assert code == 2 and "was changed after ketengraaf import archimate wrote it" in err
    (d / "archimate" / "organisaties.yaml").unlink()
    (d / "eigen.yaml").write_text("ketengraaf: 1\nsturingsrelaties:\n  - {van: board, naar: nergens, rol: eigenaar}\n",
                                  encoding="utf-8")
    code, _, err = kg("import", "archimate", AS, "-o", d)
    assert code == 1
    assert f"{d / 'eigen.yaml'}:3:24: unknown organisatie 'nergens'" in err
    assert err.splitlines()[-1] == (f"ketengraaf: imported, but the model in {d} does not validate: 1 error; fix them in "
                                    f"your own files (ketengraaf validate {d})")


def test_an_input_inside_the_output_is_refused(tmp_path, kg):
    d = tmp_path / "model"
    (d / "archimate").mkdir(parents=True)
    xml = d / "archimate" / "as.xml"
    xml.write_bytes(AS.read_bytes())
    code, _, err = kg("import", "archimate", xml, "-o", d)
    assert code == 2 and err == (f"ketengraaf: {d / 'archimate'} is not empty and has no readable manifest.json from "
                                 f"ketengraaf import archimate, so it is not an earlier import; move it away (or restore "
                                 f"manifest.json from version control) and import again\n")
    assert xml.read_bytes() == AS.read_bytes()


def test_import_help_has_examples(kg):
    code, out, _ = kg("import", "archimate", "--help")
    assert code == 0 and "Examples:" in out and "ketengraaf import archimate model.xml -o model.yaml" in out
    assert "--strict" in out and "--mapping" in out


# ------------------------------------------------------------------------------------------------ a model as .xml


def test_validate_and_analyse_an_exchange_file(kg):
    code, out, _ = kg("validate", AS)
    assert (code, out) == (0, "archisurance: valid (1 file): 17 organisaties, 0 sturingsrelaties, 0 opdrachten, "
                              "0 afspraken, 0 ketens, 14 gegevens, 0 gegevensstromen, 10 middelen, 0 uitzonderingen, "
                              "0 schakels\n")
    code, out, _ = kg("analyse", AS, "--peildatum", "2026-11-27")
    assert code == 1 and out.startswith("Model archisurance (Archisurance), peildatum 2026-11-27\n")
    assert out.rstrip().endswith("28 bevindingen: 14 fouten, 14 waarschuwingen, 0 meldingen, 0 onderdrukt")


def test_sarif_and_junit_point_at_the_elements_line(tmp_path, kg):
    code, out, _ = kg("analyse", AS, "--format", "sarif", "--peildatum", "2026-11-27")
    results = json.loads(out)["runs"][0]["results"]
    assert len(results) == 28
    lines = AS.read_text(encoding="utf-8").splitlines()
    for r in results:  # every finding is about a gegevens element: each points at its <element> line
        (loc,) = r["locations"]
        assert loc["physicalLocation"]["artifactLocation"]["uri"] == str(AS)
        line = loc["physicalLocation"]["region"]["startLine"]
        assert loc["physicalLocation"]["region"]["startColumn"] == 5
        assert re.match(r'\s*<element identifier="[^"]+" xsi:type="(BusinessObject|DataObject)">', lines[line - 1])
    car = line_of(AS.read_bytes(), 'identifier="id-794"')
    assert lines[car] == '      <name xml:lang="en">Car Insurance Policy</name>'
    d01 = next(r for r in results if r["ruleId"] == "D01" and r["properties"]["subject"] == "car-insurance-policy")
    assert d01["locations"][0]["physicalLocation"]["region"]["startLine"] == car
    code, out, _ = kg("analyse", AS, "--format", "junit", "--peildatum", "2026-11-27")
    assert f'<testcase classname="ketengraaf.gegevens" name="D01 car-insurance-policy" file="{AS}" line="{car}">' in out


def test_the_locations_of_relations_and_properties(tmp_path, kg):
    data = oef([el("sg", "BusinessActor", "SG", {"ketengraaf:soort": "functie"}),
                el("ag", "BusinessActor", "Agentschap X", {"ketengraaf:capaciteit": "10"}),
                el("dg", "BusinessActor", "DG Y")],
               [rel("e", "Association", "sg", "ag", "eigenaar", directed=True),
                rel("o", "Association", "dg", "ag", "opdrachtgever", directed=True, props={"ketengraaf:sturingsmodel":
                                                                                           "principaal-agent"})])
    p = write(tmp_path, data)
    code, out, _ = kg("analyse", p, "--format", "sarif", "--rule", "S01", "--rule", "R06")
    where = {(r["ruleId"], r["properties"]["subject"]): r["locations"][0]["physicalLocation"]["region"]["startLine"]
             for r in json.loads(out)["runs"][0]["results"]}
    assert where == {("S01", "opdrachtgever:dg-y->agentschap-x"): line_of(data, 'identifier="o"'),
                     ("R06", "opdrachtgever:dg-y->agentschap-x"): line_of(data, 'identifier="o"')}
    bad = write(tmp_path, data.replace(b">10<", b">tien<"), "bad.xml")
    code, _, err = kg("analyse", bad)
    line = line_of(data, 'identifier="ag"')
    col = data.decode().splitlines()[line - 1].index("<property ") + 1
    assert code == 2 and err.splitlines() == [f"{bad}:{line}:{col}: 'capaciteit' must be a number, not 'tien'",
                                              "ketengraaf: the model has 1 error"]


def test_diagram_and_report_take_an_exchange_file(tmp_path, kg):
    need_dot()
    code, _, err = kg("diagram", AS, "--view", "gegevens", "-o", tmp_path / "g.svg")
    assert code == 0 and (tmp_path / "g.svg").read_bytes().startswith(b"<?xml")
    code, _, err = kg("report", AS, "-o", tmp_path / "rapport")
    assert code == 0 and (tmp_path / "rapport" / "index.html").exists()
    copy = tmp_path / "as.xml"
    copy.write_bytes(AS.read_bytes())
    code, _, err = kg("report", copy, "-o", tmp_path)
    assert code == 2 and err == (f"ketengraaf: refusing to write {tmp_path}: it holds {copy}, which this command reads, "
                                 f"and would be replaced as a whole; choose another output path\n")


def test_an_xml_file_is_never_part_of_a_directory_model(tmp_path, kg):
    d = tmp_path / "m"
    d.mkdir()
    (d / "a.yaml").write_text("ketengraaf: 1\norganisaties:\n  - {id: a, naam: A, soort: zbo}\n", encoding="utf-8")
    (d / "archisurance.xml").write_bytes(AS.read_bytes())
    code, out, _ = kg("validate", d)
    assert code == 0 and "1 organisaties" in out


@pytest.mark.slow
def test_a_large_generated_exchange_file_imports(tmp_path, kg):
    sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "bench"))
    try:
        import archimate as bench
    finally:
        sys.path.pop(0)
    xml = tmp_path / "groot.xml"
    assert bench.write_file(xml, 5000, 10_000, seed=3) == (5000, 10_000)
    code, _, err = kg("import", "archimate", xml, "-o", tmp_path / "groot.yaml")
    assert code == 0, err[-2000:]
    assert "  wrote 1250 organisaties, " in err and ", 30 ketens, 270 schakels, " in err
    assert err.splitlines()[-1].startswith(f"  the model in {tmp_path / 'groot.yaml'} is valid: 1250 organisaties")
