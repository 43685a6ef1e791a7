"""Every rule's examples (``src/ketengraaf/rules/examples/``) run the way a user runs them.

Each rule's ``bad`` model, written to a file and read by the real loader, gives at least one
unsuppressed finding of that rule; its ``good`` model gives none, and no unsuppressed error of any
rule either (it shows the repair, not another problem). All rules run, as ``ketengraaf analyse``
runs them (U01 needs the rule its uitzondering names); ``tests/neo4j/test_rule_examples.py`` does
the same on Neo4j. ``ketengraaf explain`` prints the models so that they can be pasted into a
file and run: checked here for two error rules, through the real CLI.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from ketengraaf.rules import registry
from ketengraaf.rules.base import Finding, Rule
from ketengraaf.rules.examples import example

from .test_cases import run_model

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "src" / "ketengraaf" / "rules" / "examples"
CODES = registry.codes()


def write_example(tmp_path: Path, rule: Rule, which: str) -> Path:
    """Rule ``rule``'s ``which`` ("bad" or "good") example as a model file in ``tmp_path``."""
    p = tmp_path / f"{rule.code}.{which}.yaml"
    p.write_text(getattr(rule, which), encoding="utf-8")
    return p


def unsuppressed(findings: list[Finding], code: str) -> list[Finding]:
    return [f for f in findings if f.rule == code and not f.suppressed]


@pytest.mark.parametrize("code", CODES)
def test_bad_example_triggers_its_rule(tmp_path, code):
    r = registry.RULES[code]
    report = run_model(write_example(tmp_path, r, "bad"))  # raises ModelInvalid on any model error
    assert unsuppressed(report.findings, code), f"{code}.bad.yaml gives no {code} finding"


@pytest.mark.parametrize("code", CODES)
def test_good_example_does_not_and_has_no_errors(tmp_path, code):
    r = registry.RULES[code]
    report = run_model(write_example(tmp_path, r, "good"))
    assert [f.subject for f in report.findings if f.rule == code] == []
    errors = [(f.rule, f.subject) for f in report.findings if f.severity == "error" and not f.suppressed]
    assert errors == [], f"{code}.good.yaml shows other errors"


def test_every_rule_has_its_two_files_and_no_file_is_left_over():
    for code, r in registry.RULES.items():
        assert (r.bad, r.good) == (example(code, "bad"), example(code, "good")), code
    assert sorted(p.name for p in EXAMPLES.glob("*.yaml")) == sorted(
        f"{code}.{which}.yaml" for code in CODES for which in ("bad", "good"))


def test_examples_have_their_own_model_ids():
    """Distinct ids: loading one example into Neo4j never meets another under the same id (the
    load guard would refuse it)."""
    ids = [line for r in registry.RULES.values() for text in (r.bad, r.good)
           for line in text.splitlines() if line.startswith("model:")]
    assert len(ids) == len(set(ids)) == 2 * len(CODES)


# ---------------------------------------------------------------------------------------- the CLI


def kg(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "ketengraaf", *args], capture_output=True, text=True, cwd=cwd)


def shown(stdout: str, heading: str) -> str:
    """The model ``explain`` prints under ``heading``: the indented lines up to the first blank one,
    unindented, as a user copies them."""
    lines = stdout.split(f"\n{heading}:\n", 1)[1].split("\n\n", 1)[0].splitlines()
    assert all(line.startswith("  ") for line in lines)
    return "".join(line[2:] + "\n" for line in lines)


@pytest.mark.parametrize("code,lang,bad,good", [("R01", "nl", "Fout", "Goed"), ("M04", "en", "Bad", "Good")])
def test_explain_prints_models_that_run(tmp_path, code, lang, bad, good):
    r = registry.RULES[code]
    assert r.severity == "error"
    p = kg("explain", code, "--lang", lang)
    assert p.returncode == 0, p.stderr
    assert shown(p.stdout, bad) == r.bad and shown(p.stdout, good) == r.good
    want = [f.subject for f in unsuppressed(run_model(write_example(tmp_path, r, "bad")).findings, code)]
    assert f"\n  → {code}: {', '.join(want)}\n" in p.stdout
    for heading, status in ((bad, 1), (good, 0)):
        f = tmp_path / f"pasted-{heading}.yaml"
        f.write_text(shown(p.stdout, heading), encoding="utf-8")
        a = kg("analyse", str(f), "--fail-on", "error", "--format", "json")
        assert a.returncode == status, a.stdout + a.stderr
        assert (f'"rule": "{code}"' in a.stdout) == (status == 1)
