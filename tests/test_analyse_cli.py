"""`ketengraaf analyse`: conformance with the spec, every format parsed back, exit codes."""

from __future__ import annotations

import json
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SPEC = ROOT.parent / "shared" / "spec"
VOORBEELD = SPEC / "voorbeeld.yaml"
KEY = ("rule", "severity", "subject", "related", "suppressed")


def kg(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "ketengraaf", *args], capture_output=True, text=True, cwd=ROOT)


@pytest.fixture(scope="module")
def voorbeeld_json() -> dict:
    p = kg("analyse", str(VOORBEELD), "--format", "json", "--fail-on", "never")
    assert p.returncode == 0, p.stderr
    return json.loads(p.stdout)


def test_conformance_exact(voorbeeld_json):
    want = json.loads((SPEC / "voorbeeld.expected.json").read_text(encoding="utf-8"))
    got = [{k: f[k] for k in KEY} for f in voorbeeld_json["findings"]]
    assert got == [{k: f[k] for k in KEY} for f in want]


def test_conformance_tool():
    p = subprocess.run([sys.executable, str(SPEC.parent / "tools" / "conformance.py"), str(Path(sys.executable).parent / "ketengraaf")],
                       capture_output=True, text=True)
    assert p.returncode == 0, p.stdout + p.stderr


def test_json_shape(voorbeeld_json):
    d = voorbeeld_json
    assert (d["tool"], d["model"], d["peildatum"], d["backend"]) == ("ketengraaf", "voorbeeld", "2026-11-27", "networkx")
    fs = d["findings"]
    assert fs == sorted(fs, key=lambda f: (f["rule"], f["subject"]))
    for f in fs:
        assert f["related"] == sorted(set(f["related"]))
        assert ("reason" in f) == f["suppressed"]
        assert f["message"] and "{" not in f["message"]
    s = d["summary"]
    assert s["suppressed"] == sum(f["suppressed"] for f in fs)
    for sev in ("error", "warning", "info"):
        assert s[sev] == sum(1 for f in fs if f["severity"] == sev and not f["suppressed"])
    politie = next(f for f in fs if f["rule"] == "R03")
    assert "Politie" in politie["message"]


def test_json_is_deterministic():
    a = kg("analyse", str(VOORBEELD), "--format", "json")
    b = kg("analyse", str(VOORBEELD), "--format", "json")
    assert a.stdout == b.stdout and a.returncode == b.returncode == 1


def test_english_messages():
    p = kg("analyse", str(VOORBEELD), "--format", "json", "--lang", "en", "--rule", "R03")
    f = json.loads(p.stdout)["findings"][0]
    assert f["rule"] == "R03" and "Politie" in f["message"]
    nl = json.loads(kg("analyse", str(VOORBEELD), "--format", "json", "--rule", "R03").stdout)["findings"][0]
    assert nl["message"] != f["message"]


def test_sarif_parsed_back(tmp_path):
    out = tmp_path / "r.sarif"
    p = kg("analyse", str(VOORBEELD), "--format", "sarif", "-o", str(out))
    assert p.returncode == 1 and p.stdout == ""
    doc = json.loads(out.read_text(encoding="utf-8"))
    assert doc["version"] == "2.1.0" and len(doc["runs"]) == 1
    run = doc["runs"][0]
    from ketengraaf.rules import registry

    assert [r["id"] for r in run["tool"]["driver"]["rules"]] == registry.codes()
    results = run["results"]
    want = [f for f in json.loads((SPEC / "voorbeeld.expected.json").read_text()) if not f["suppressed"]]
    assert [(r["ruleId"], r["properties"]["subject"]) for r in results] == [(f["rule"], f["subject"]) for f in want]
    levels = {"error": "error", "warning": "warning", "info": "note"}
    assert [r["level"] for r in results] == [levels[f["severity"]] for f in want]
    lines = VOORBEELD.read_text(encoding="utf-8").splitlines()
    for r in results:
        loc = r["locations"][0]["physicalLocation"]
        assert loc["artifactLocation"]["uri"].endswith("voorbeeld.yaml")
        line = lines[loc["region"]["startLine"] - 1]
        subj = r["properties"]["subject"]
        if r["ruleId"] == "U01":
            key = subj.split(":", 1)[1]
        elif "->" in subj:
            key = subj.split("->")[1]
        else:
            key = subj.split("+")[0]
        assert key in line, (subj, line)
    # with --audit the suppressed ones are there too
    doc2 = json.loads(kg("analyse", str(VOORBEELD), "--format", "sarif", "--audit").stdout)
    assert len(doc2["runs"][0]["results"]) == len(json.loads((SPEC / "voorbeeld.expected.json").read_text()))


def test_junit_parsed_back():
    p = kg("analyse", str(VOORBEELD), "--format", "junit")
    root = ET.fromstring(p.stdout)
    want = json.loads((SPEC / "voorbeeld.expected.json").read_text())
    failures = root.findall(".//testcase/failure")
    skipped = root.findall(".//testcase/skipped")
    assert len(failures) == sum(not f["suppressed"] for f in want)
    assert len(skipped) == sum(f["suppressed"] for f in want)
    assert int(root.get("failures")) == len(failures)


def test_markdown_and_text():
    md = kg("analyse", str(VOORBEELD), "--format", "markdown").stdout
    assert md.startswith("# Bevindingen: ") and "| M01 |" in md
    txt = kg("analyse", str(VOORBEELD)).stdout
    assert "M01" in txt and "bevindingen" in txt.splitlines()[-1]


@pytest.mark.parametrize("fail_on,code", [("error", 1), ("warning", 1), ("info", 1), ("never", 0)])
def test_fail_on(fail_on, code):
    assert kg("analyse", str(VOORBEELD), "--format", "json", "--fail-on", fail_on).returncode == code


def test_fail_on_ignores_suppressed_and_levels():
    # Only K01 runs: its one finding is suppressed, so nothing fails.
    assert kg("analyse", str(VOORBEELD), "--rule", "K01", "--format", "json").returncode == 0
    # Only S01 (info): fails on info, not on warning.
    assert kg("analyse", str(VOORBEELD), "--rule", "S01", "--fail-on", "warning").returncode == 0
    assert kg("analyse", str(VOORBEELD), "--rule", "S01", "--fail-on", "info").returncode == 1


def test_rule_selection_and_u01_scope():
    d = json.loads(kg("analyse", str(VOORBEELD), "--format", "json", "--rule", "D", "--rule", "U").stdout)
    assert {f["rule"] for f in d["findings"]} == {"D01", "D02", "D03", "D04", "D05", "D06", "D07", "U01"}
    assert [f["subject"] for f in d["findings"] if f["rule"] == "U01"] == ["D01:brp"]


def test_audit_shows_suppressed_as_open():
    d = json.loads(kg("analyse", str(VOORBEELD), "--format", "json", "--audit").stdout)
    assert not any(f["suppressed"] for f in d["findings"]) and d["summary"]["suppressed"] == 0


def test_peildatum_changes_validity():
    # After 2027-12-31 the K01 exception has expired: K01 is open and U01 reports the exception.
    d = json.loads(kg("analyse", str(VOORBEELD), "--format", "json", "--peildatum", "2028-06-01", "--rule", "K01", "--rule", "U01").stdout)
    assert [(f["rule"], f["subject"], f["suppressed"]) for f in d["findings"]] == [
        ("K01", "strafrechtketen", False), ("U01", "K01:strafrechtketen", False)]


def test_baseline(tmp_path):
    b = tmp_path / "baseline.json"
    assert kg("analyse", str(VOORBEELD), "--write-baseline", str(b), "--format", "json").returncode == 1
    p = kg("analyse", str(VOORBEELD), "--baseline", str(b), "--format", "json")
    assert p.returncode == 0 and json.loads(p.stdout)["findings"] == []


@pytest.mark.parametrize("args,fragment", [
    (["--rule", "X99"], "unknown rule 'X99'"),
    (["--peildatum", "2026-13-01"], "is not a date"),
    (["--format", "pdf"], "Invalid value for '--format'"),
])
def test_bad_command_line_exit_2(args, fragment):
    p = kg("analyse", str(VOORBEELD), *args)
    assert p.returncode == 2 and fragment in p.stderr and "Traceback" not in p.stderr


def test_output_is_atomic_and_not_written_on_invalid_model(tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("ketengraaf: 1\norganisaties:\n  - {id: x}\n", encoding="utf-8")
    out = tmp_path / "out.json"
    p = kg("analyse", str(bad), "--format", "json", "-o", str(out))
    assert p.returncode == 2 and not out.exists()
    assert [f.name for f in tmp_path.iterdir()] == ["bad.yaml"]


def test_rules_and_explain():
    p = kg("rules", "--theme", "K", "--format", "json")
    assert [r["code"] for r in json.loads(p.stdout)] == ["K01", "K02", "K03", "K04", "K05", "K06", "K07"]
    e = kg("explain", "m01")
    assert e.returncode == 0 and e.stdout.startswith("M01 — Meerdere opdrachtgevers")
    assert kg("explain", "M1").returncode == 2


def test_validate_summary():
    p = kg("validate", str(VOORBEELD))
    assert p.returncode == 0 and p.stdout.startswith("voorbeeld: valid (1 file): 34 organisaties")
    assert p.stderr == ""


def test_comma_in_unquoted_flow_text_is_an_error_that_shows_the_quoted_text(tmp_path):
    """MODEL.md: unknown keys are errors. YAML reads `Welzijn en Sport` below as a key of its own;
    the error says so and writes out what the author most likely meant."""
    f = tmp_path / "vws.yaml"
    f.write_text("ketengraaf: 1\norganisaties:\n"
                 "  - {id: min-vws, naam: Ministerie van Volksgezondheid, Welzijn en Sport, soort: ministerie}\n",
                 encoding="utf-8")
    p = kg("validate", str(f))
    assert p.returncode == 2 and p.stdout == ""
    assert p.stderr.splitlines() == [
        f"{f}:3:57: 'Welzijn en Sport' reads as a key of its own: inside {{ }} a comma ends an unquoted text; if it "
        "belongs to 'naam', put the whole text in quotes: naam: \"Ministerie van Volksgezondheid, Welzijn en Sport\"",
        "ketengraaf: the model has 1 error",
    ]
    f.write_text(f.read_text(encoding="utf-8").replace("naam: Ministerie van Volksgezondheid, Welzijn en Sport",
                                                       'naam: "Ministerie van Volksgezondheid, Welzijn en Sport"'),
                 encoding="utf-8")
    assert kg("validate", str(f)).returncode == 0


def test_schema_accepts_examples_and_rejects_unknown_key():
    import jsonschema
    import yaml

    schema = json.loads(kg("schema").stdout)
    jsonschema.Draft202012Validator.check_schema(schema)
    v = jsonschema.Draft202012Validator(schema)

    def load(p: Path):
        # JSON Schema sees what an editor sees: dates as text.
        class L(yaml.SafeLoader):
            pass
        L.add_constructor("tag:yaml.org,2002:timestamp", lambda loader, node: loader.construct_scalar(node))
        return yaml.load(p.read_text(encoding="utf-8"), Loader=L)

    files = ([VOORBEELD] + sorted((ROOT / "modellen").rglob("*.yaml"))
             + sorted((ROOT / "src" / "ketengraaf" / "rules" / "examples").glob("*.yaml")))
    for f in files:
        data = load(f)
        errors = list(v.iter_errors(data))
        assert not errors, (f, errors[0].message)
    bad = load(VOORBEELD)
    bad["organisaties"][0]["onderdel_van"] = "x"
    assert any("onderdel_van" in e.message for e in v.iter_errors(bad))
    # escalatie: a non-empty list of distinct ids, never null (as the loader says)
    for ladder in ([], None, ["sg-fin", "sg-fin"], "sg-fin"):
        bad = load(VOORBEELD)
        bad["afspraken"][0]["escalatie"] = ladder
        assert list(v.iter_errors(bad)), ladder
    good = load(VOORBEELD)
    good["afspraken"][0]["escalatie"] = ["sg-fin", "min-fin"]
    assert not list(v.iter_errors(good))
