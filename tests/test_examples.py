"""The example models validate and report exactly the findings reviewed in tests/snapshots/."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from ketengraaf.pipeline import Analysis

ROOT = Path(__file__).resolve().parents[1]
MODELS = sorted([p for p in (ROOT / "modellen").glob("*.yaml")] + [p for p in (ROOT / "modellen").iterdir() if p.is_dir()])


def test_there_are_examples():
    assert {p.name for p in MODELS} >= {"politie.yaml", "belastingdienst.yaml", "rijkswaterstaat.yaml",
                                         "strafrechtketen.yaml", "basisregistraties.yaml", "uitvoering-sociaal-domein",
                                         "financien-szw"}


@pytest.mark.parametrize("path", MODELS, ids=[p.name for p in MODELS])
def test_example_findings(path):
    report = Analysis.open(path).findings()
    got = [{"rule": f.rule, "subject": f.subject, "related": list(f.related), "suppressed": f.suppressed} for f in report.findings]
    snap = ROOT / "tests" / "snapshots" / f"{path.name.removesuffix('.yaml')}.json"
    assert got == json.loads(snap.read_text(encoding="utf-8"))


def test_split_example_is_several_files():
    d = ROOT / "modellen" / "uitvoering-sociaal-domein"
    files = sorted(d.glob("*.yaml"))
    assert len(files) >= 3
    assert sum("\nmodel:" in f.read_text(encoding="utf-8") for f in files) == 1


def test_readme_shows_a_real_run():
    import os
    import subprocess
    import sys

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    block = readme.split("```text\n", 1)[1].split("```", 1)[0]
    env = {**os.environ, "COLUMNS": "100"}
    p = subprocess.run([sys.executable, "-m", "ketengraaf", "analyse", "modellen/rijkswaterstaat.yaml"],
                       capture_output=True, text=True, cwd=ROOT, env=env)
    assert p.returncode == 1 and p.stdout == block
    for cmd in ("scripts/setup && .venv/bin/ketengraaf report modellen/belastingdienst.yaml -o rapport"
                " && .venv/bin/ketengraaf analyse modellen/belastingdienst.yaml", "scripts/test"):
        assert f"\n{cmd}\n" in readme
