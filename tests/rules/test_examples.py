"""Every rule's examples (``src/ketengraaf/rules/examples/``) run the way a user runs them.

Each rule's ``bad`` model, written to a file and read by the real loader, gives at least one
unsuppressed finding of that rule; its ``good`` model gives none, and no unsuppressed error of any
rule either (it shows the repair, not another problem). All rules run, as ``ketengraaf analyse``
runs them (U01 needs the rule its uitzondering names).
"""

from __future__ import annotations

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
