"""One harness for every rule's cases (sqlfluff style): ``tests/rules/cases/<CODE>.yaml``.

Each file::

    rule: R01
    cases:
      - name: what the case shows
        peildatum: 2026-11-27        # optional, default 2026-11-27
        drempel: 0.8                 # optional (K07)
        rules: [R02, U01]            # optional: the rules to run (default: just this one)
        model: |                     # the model body; `ketengraaf: 1` and `model:` are added
          organisaties: [...]
        expect:                      # the exact findings of this rule, in output order
          - {subject: x, related: [a, b]}
          - {subject: y, related: [], suppressed: true}   # suppressed defaults to false

Every rule has at least one case with findings (positive) and one without (negative).
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Optional

import pytest
import yaml

from ketengraaf.pipeline import Analysis, load_model
from ketengraaf.rules import registry
from ketengraaf.rules.engine import Report

CASES_DIR = Path(__file__).parent / "cases"


def _load_cases():
    out = []
    for f in sorted(CASES_DIR.glob("*.yaml")):
        spec = yaml.safe_load(f.read_text(encoding="utf-8"))
        for i, case in enumerate(spec["cases"]):
            out.append(pytest.param(spec["rule"], case, id=f"{spec['rule']}-{i}-{case['name']}"))
    return out


def materialise(tmp_path: Path, rule: str, case: dict) -> Path:
    peil = str(case.get("peildatum", "2026-11-27"))
    body = case["model"]
    header = f"ketengraaf: 1\nmodel: {{id: case, naam: {rule} case, peildatum: {peil}}}\n"
    p = tmp_path / "case.yaml"
    p.write_text(header + body, encoding="utf-8")
    return p


def run_model(path: Path, selectors: Optional[list[str]] = None, drempel: Optional[float] = None) -> Report:
    """The model file at ``path`` read by the real loader (any error raises ``ModelInvalid``) and
    the ``selectors`` rules (default: all) run on NetworkX, at the model's peildatum."""
    model = load_model(path)
    overrides = {} if drempel is None else {"drempel": drempel}
    return Analysis(model, peildatum=model.peildatum or date(2026, 11, 27)).findings(
        selectors=selectors, overrides=overrides)


def run_case(path: Path, rule: str, case: dict) -> Report:
    return run_model(path, case.get("rules", [rule]), float(case["drempel"]) if "drempel" in case else None)


@pytest.mark.parametrize("rule,case", _load_cases())
def test_rule_case(tmp_path, rule, case):
    path = materialise(tmp_path, rule, case)
    report = run_case(path, rule, case)
    got = [
        {"subject": f.subject, "related": list(f.related), "suppressed": f.suppressed}
        for f in report.findings
        if f.rule == rule
    ]
    want = [
        {"subject": e["subject"], "related": list(e.get("related", [])), "suppressed": bool(e.get("suppressed", False))}
        for e in case.get("expect") or []
    ]
    assert got == want
    for f in report.findings:
        assert f.message and "{" not in f.message, f"unrendered message: {f.message}"


def test_every_rule_has_positive_and_negative_cases():
    seen: dict[str, list[bool]] = {}
    for f in sorted(CASES_DIR.glob("*.yaml")):
        spec = yaml.safe_load(f.read_text(encoding="utf-8"))
        assert f.stem == spec["rule"], f"{f.name} must hold cases for {f.stem}"
        for case in spec["cases"]:
            seen.setdefault(spec["rule"], []).append(bool(case.get("expect")))
    for code in registry.codes():
        kinds = seen.get(code, [])
        assert True in kinds and False in kinds, f"{code} needs a positive and a negative case"
