"""Every error MODEL.md lists: exit code 2, the file, line and column, the message, a suggestion."""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

import pytest

from ketengraaf.errors import ModelInvalid
from ketengraaf.pipeline import load_model

HEAD = "ketengraaf: 1\nmodel: {id: t, naam: Test}\n"
ORGS = """organisaties:
  - {id: min-a, naam: Ministerie A, soort: ministerie}
  - {id: sg-a, naam: SG A, soort: functie, onderdeel_van: min-a}
  - {id: dg-a, naam: DG A, soort: directoraat-generaal, onderdeel_van: min-a}
  - {id: uo, naam: Uitvoerder, soort: uitvoeringsorganisatie}
"""

# (name, body after HEAD+ORGS, line, column, message fragment)
CASES = [
    ("unknown key with suggestion", "sturingsrelaties:\n  - {van: sg-a, naar: uo, rol: eigenaar, coordinerd: true}\n",
     9, 42, "unknown key 'coordinerd' in sturingsrelatie; did you mean 'coordinerend'?"),
    ("unknown section with suggestion", "organisatie:\n  - {id: x, naam: X, soort: overig}\n",
     8, 1, "unknown section 'organisatie'; did you mean 'organisaties'?"),
    ("unknown reference with suggestion", "sturingsrelaties:\n  - {van: dg-b, naar: uo, rol: opdrachtgever}\n",
     9, 11, "unknown organisatie 'dg-b'; did you mean 'dg-a'?"),
    ("reference of the wrong kind", "middelen:\n  - {id: sys, naam: Systeem, beheerder: uo}\nopdrachten:\n  - {id: o1, opdrachtgever: dg-a, opdrachtnemer: sys}\n",
     11, 50, "'sys' is a middel, not an organisatie"),
    ("wrong enum with suggestion", "afspraken:\n  - {id: a1, soort: convenat, partijen: [dg-a, uo]}\n",
     9, 21, "'convenat' is not a valid soort; did you mean 'convenant'?"),
    ("malformed date", "afspraken:\n  - {id: a1, soort: convenant, partijen: [dg-a, uo], geldig_van: 01-02-2026}\n",
     9, 66, "'01-02-2026' is not a date in the form YYYY-MM-DD"),
    ("impossible date", "afspraken:\n  - {id: a1, soort: convenant, partijen: [dg-a, uo], geldig_van: 2026-02-30}\n",
     9, 66, "'2026-02-30' is not an existing date"),
    ("geldig_van after geldig_tot", "afspraken:\n  - {id: a1, soort: convenant, partijen: [dg-a, uo], geldig_van: 2026-02-01, geldig_tot: 2026-01-01}\n",
     9, 66, "geldig_van 2026-02-01 is after geldig_tot 2026-01-01"),
    ("periode van after tot", "opdrachten:\n  - {id: o1, opdrachtgever: dg-a, opdrachtnemer: uo, periode: {van: 2027-01-01, tot: 2026-01-01}}\n",
     9, 69, "periode van 2027-01-01 is after its tot 2026-01-01"),
    ("unquoted boolean as id", "middelen:\n  - {id: on, naam: Systeem}\n",
     9, 10, "YAML reads on as a boolean; put it in quotes ('on')"),
    ("number where a text belongs", "middelen:\n  - {id: sys, naam: 2024}\n",
     9, 21, "YAML reads 2024 as a number; put it in quotes ('2024')"),
    ("date where an id belongs", "middelen:\n  - {id: 2026-01-01, naam: Systeem}\n",
     9, 10, "YAML reads 2026-01-01 as a date; put it in quotes ('2026-01-01')"),
    ("coordinerend on eigenaar", "sturingsrelaties:\n  - {van: sg-a, naar: uo, rol: eigenaar, coordinerend: false}\n",
     9, 42, "'coordinerend' only belongs to a relation with rol: opdrachtgever"),
    ("meerjarig on a convenant", "afspraken:\n  - {id: a1, soort: convenant, partijen: [dg-a, uo], meerjarig: true}\n",
     9, 54, "'meerjarig' only belongs to an afspraak of soort werkagenda"),
    ("the same relation twice", "sturingsrelaties:\n  - {van: sg-a, naar: uo, rol: eigenaar}\n  - {van: sg-a, naar: uo, rol: eigenaar, sturingsmodel: stewardship}\n",
     10, 5, "relation eigenaar:sg-a->uo is defined twice; the first is at"),
    ("the same uitzondering twice", "uitzonderingen:\n  - {regel: R01, onderwerp: uo, reden: a}\n  - {regel: R01, onderwerp: uo, reden: b}\n",
     10, 5, "uitzondering R01:uo is defined twice"),
    ("uitzondering for U01", "uitzonderingen:\n  - {regel: U01, onderwerp: x, reden: a}\n",
     9, 13, "U01 findings cannot be excepted"),
    ("malformed rule code with suggestion", "uitzonderingen:\n  - {regel: R9, onderwerp: x, reden: a}\n",
     9, 13, "'R9' is not a rule code"),
    ("unknown rule with suggestion", "uitzonderingen:\n  - {regel: M06, onderwerp: x, reden: a}\n",
     9, 13, "unknown rule 'M06'; did you mean"),
    ("volgt_op into another chain", "ketens:\n  - id: k1\n    naam: K1\n    schakels:\n      - {id: s1, naam: S1}\n  - id: k2\n    naam: K2\n    schakels:\n      - {id: s2, naam: S2, volgt_op: [s1]}\n",
     16, 39, "'s1' is a schakel of keten 'k1'; volgt_op only names schakels of the same keten 'k2'"),
    ("duplicate top-level key", "organisaties:\n  - {id: x1, naam: X1, soort: directie}\n",
     8, 1, "duplicate key 'organisaties' (first at line 3)"),
    ("partijen fewer than two", "afspraken:\n  - {id: a1, soort: convenant, partijen: [uo, uo]}\n",
     9, 42, "at least two distinct partijen"),
    ("missing required key", "middelen:\n  - {id: sys}\n",
     9, 5, "middel is missing the required key 'naam'"),
    ("prestatie out of range", "ketens:\n  - id: k1\n    naam: K1\n    schakels:\n      - {id: s1, naam: S1, prestatie: 1.5}\n",
     12, 39, "'prestatie' must be a number between 0 and 1"),
    ("keten bestuur not an overleg", "ketens:\n  - {id: k1, naam: K1, bestuur: uo}\n",
     9, 33, "the bestuur of a keten is an organisatie of soort overleg"),
    ("invalid id with suggestion", "middelen:\n  - {id: Systeem A, naam: S}\n",
     9, 10, "did you mean 'systeem-a'?"),
    ("escalatie empty", "afspraken:\n  - {id: a1, soort: convenant, partijen: [dg-a, uo], escalatie: []}\n",
     9, 65, "an escalatie names at least one organisatie"),
    ("escalatie null", "afspraken:\n  - {id: a1, soort: convenant, partijen: [dg-a, uo], escalatie: null}\n",
     9, 65, "an escalatie names at least one organisatie"),
    ("escalatie without a value", "afspraken:\n  - id: a1\n    soort: convenant\n    partijen: [dg-a, uo]\n    escalatie:\n",
     12, 15, "an escalatie names at least one organisatie"),
    ("escalatie repeats a step", "afspraken:\n  - {id: a1, soort: convenant, partijen: [dg-a, uo], escalatie: [dg-a, sg-a, dg-a]}\n",
     9, 78, "'dg-a' is already step 1 of this escalatie"),
    ("escalatie unknown id with suggestion", "afspraken:\n  - {id: a1, soort: convenant, partijen: [dg-a, uo], escalatie: [sg-b]}\n",
     9, 66, "unknown organisatie 'sg-b'; did you mean 'sg-a'?"),
    ("escalatie names a non-organisation", "afspraken:\n  - {id: a1, soort: convenant, partijen: [dg-a, uo], escalatie: [a1]}\n",
     9, 66, "'a1' is an afspraak, not an organisatie"),
    ("escalatie not a list", "afspraken:\n  - {id: a1, soort: convenant, partijen: [dg-a, uo], escalatie: sg-a}\n",
     9, 65, "'escalatie' must be a list"),
    ("escalatie misspelt", "afspraken:\n  - {id: a1, soort: convenant, partijen: [dg-a, uo], escalate: [sg-a]}\n",
     9, 54, "unknown key 'escalate' in afspraak; did you mean 'escalatie'?"),
    ("string where a bool belongs", "sturingsrelaties:\n  - {van: dg-a, naar: uo, rol: opdrachtgever, coordinerend: ja}\n",
     9, 61, "'coordinerend' must be true or false, not 'ja'"),
]


def _problems(path: Path) -> list[str]:
    with pytest.raises(ModelInvalid) as ei:
        load_model(path)
    return [str(p) for p in ei.value.problems]


@pytest.mark.parametrize("name,body,line,col,fragment", CASES, ids=[c[0] for c in CASES])
def test_error_case(tmp_path, name, body, line, col, fragment):
    f = tmp_path / "m.yaml"
    f.write_text(HEAD + ORGS + body, encoding="utf-8")
    problems = _problems(f)
    hits = [p for p in problems if fragment in p]
    assert hits, problems
    assert hits[0].startswith(f"{f}:{line}:{col}: "), hits


@pytest.mark.parametrize("extra,line,col,fragment", [
    ("  - {id: x, naam: X, soort: directie, onderdeel_van: dg-a, deelnemers: [dg-a]}\n", 4, 60,
     "'deelnemers' only belongs to an organisatie of soort overleg, and 'x' is a directie"),
    ("  - {id: x1, naam: X1, soort: directie, onderdeel_van: x2}\n  - {id: x2, naam: X2, soort: directie, onderdeel_van: x1}\n",
     4, 56, "onderdeel_van forms a cycle: x1 -> x2 -> x1"),
    ("  - {id: x1, naam: X1, soort: directie, onderdeel_van: x1}\n", 4, 56, "onderdeel_van forms a cycle: x1 -> x1"),
])
def test_organisation_errors(tmp_path, extra, line, col, fragment):
    f = tmp_path / "m.yaml"
    f.write_text(HEAD + ORGS.replace("organisaties:\n", "organisaties:\n" + extra), encoding="utf-8")
    problems = _problems(f)
    assert problems == [f"{f}:{line}:{col}: {fragment}"]


def test_all_errors_in_one_run(tmp_path):
    body = "".join(c[2 - 1] for c in CASES[:6])  # several sections with errors
    f = tmp_path / "m.yaml"
    f.write_text(HEAD + ORGS + "sturingsrelaties:\n  - {van: dg-b, naar: uo, rol: opdrachtgever}\n"
                 "  - {van: sg-a, naar: uo, rol: eigenaar, coordinerd: true}\n"
                 "middelen:\n  - {id: on, naam: 2024}\n", encoding="utf-8")
    problems = _problems(f)
    assert len(problems) == 4, problems
    assert [p.split(":")[1] for p in problems] == ["9", "10", "12", "12"]


def test_duplicate_id_across_files_names_both_places(tmp_path):
    d = tmp_path / "model"
    d.mkdir()
    (d / "a.yaml").write_text(HEAD + ORGS, encoding="utf-8")
    (d / "b.yaml").write_text("ketengraaf: 1\nmiddelen:\n  - {id: uo, naam: Systeem}\n", encoding="utf-8")
    problems = _problems(d)
    assert problems == [f"{d / 'b.yaml'}:3:10: duplicate id 'uo': already used for an organisatie at {d / 'a.yaml'}:7:10"]


def test_second_model_block(tmp_path):
    d = tmp_path / "model"
    d.mkdir()
    (d / "a.yaml").write_text(HEAD + ORGS, encoding="utf-8")
    (d / "b.yaml").write_text("ketengraaf: 1\nmodel: {id: t2, naam: Tweede}\n", encoding="utf-8")
    assert _problems(d) == [f"{d / 'b.yaml'}:2:1: a second 'model:' block; the model is already described at {d / 'a.yaml'}:2:1"]


@pytest.mark.parametrize("text,line,col,fragment", [
    ("model: {id: t, naam: T}\n", 1, 1, "missing 'ketengraaf: 1'"),
    ("ketengraaf: 2\n", 1, 13, "format version 2 is not supported"),
    ("ketengraaf: 1\norganisaties: [\n", 3, 1, "YAML syntax error"),
    ("", 1, 1, "the file is empty"),
    ("# only a comment\n", 1, 1, "the file is empty"),
    ("- a\n- b\n", 1, 1, "a model file is a mapping of sections"),
    ("ketengraaf: 1\n---\nketengraaf: 1\n", 3, 1, "one YAML document"),
    ("ketengraaf: 1\norganisaties:\n  - !!python/object:os.system {}\n", 3, 5, "unsupported YAML tag"),
    ("ketengraaf: 1\nx: &a [1, *a]\n", 2, 4, "a recursive alias"),
    ("ketengraaf: 1\norganisaties:\n  - {id: a, naam: A, soort: ministerie, id: b}\n", 3, 41, "duplicate key 'id'"),
])
def test_file_level_errors(tmp_path, text, line, col, fragment):
    f = tmp_path / "m.yaml"
    f.write_text(text, encoding="utf-8")
    problems = _problems(f)
    assert len(problems) == 1 and problems[0].startswith(f"{f}:{line}:{col}: ") and fragment in problems[0], problems


def test_billion_laughs_refused_quickly(tmp_path):
    lines = ["ketengraaf: 1", "a0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
    for i in range(1, 10):
        lines.append(f"a{i}: &a{i} [" + ", ".join([f"*a{i-1}"] * 10) + "]")
    f = tmp_path / "bomb.yaml"
    f.write_text("\n".join(lines) + "\n", encoding="utf-8")
    t = time.perf_counter()
    problems = _problems(f)
    assert time.perf_counter() - t < 1.0
    assert any("aliases expand beyond" in p for p in problems), problems


def test_anchors_and_merge_keys_are_read(tmp_path):
    f = tmp_path / "m.yaml"
    f.write_text("ketengraaf: 1\n_basis: &min {soort: ministerie}\n".replace("_basis", "organisaties") if False else
                 "ketengraaf: 1\norganisaties:\n  - &a {id: a, naam: A, soort: ministerie}\n  - {<<: *a, id: b, naam: B}\n",
                 encoding="utf-8")
    m = load_model(f)
    assert [(o.id, o.naam, o.soort.value) for o in m.organisaties] == [("a", "A", "ministerie"), ("b", "B", "ministerie")]


def test_cli_exit_2_without_traceback(tmp_path):
    f = tmp_path / "m.yaml"
    f.write_text(HEAD + ORGS + "middelen:\n  - {id: on, naam: S}\n", encoding="utf-8")
    p = subprocess.run([sys.executable, "-m", "ketengraaf", "validate", str(f)], capture_output=True, text=True)
    assert p.returncode == 2
    assert "Traceback" not in p.stderr
    assert p.stderr.splitlines()[0] == f"{f}:9:10: YAML reads on as a boolean; put it in quotes ('on') if it is meant as an id or a text"
    assert p.stdout == ""


def test_cli_missing_path(tmp_path):
    p = subprocess.run([sys.executable, "-m", "ketengraaf", "validate", str(tmp_path / "nope.yaml")], capture_output=True, text=True)
    assert p.returncode == 2 and "no such file or directory" in p.stderr and "Traceback" not in p.stderr
