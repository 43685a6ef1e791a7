"""modellen/financien-szw: its roo/ is exactly what the import makes of the shared excerpt (so the example
stays current), and the README shows real runs of the import and of the analysis."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

from tests.importers.roo_xml import VOORBEELD

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "modellen" / "financien-szw"
CMD = "ketengraaf import roo ../shared/roo/voorbeeld-export.xml -o modellen/financien-szw --peildatum 2026-11-27"


def _blocks() -> list[str]:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    part = readme.split("## Starting from the register\n", 1)[1].split("\n## ", 1)[0]
    return [b.split("```", 1)[0] for b in part.split("```text\n")[1:]]


def test_the_example_is_the_import_of_the_excerpt_and_the_readme_shows_it(tmp_path, kg, monkeypatch):
    repo = tmp_path / "repo"
    shutil.copytree(EXAMPLE, repo / "modellen" / "financien-szw")
    (tmp_path / "shared" / "roo").mkdir(parents=True)
    shutil.copyfile(VOORBEELD, tmp_path / "shared" / "roo" / "voorbeeld-export.xml")
    monkeypatch.chdir(repo)
    code, out, err = kg(*CMD.split()[1:])
    assert code == 0 and out == ""
    assert f"\n{CMD}\n" in (ROOT / "README.md").read_text(encoding="utf-8")
    assert err == _blocks()[0]
    mine = repo / "modellen" / "financien-szw"
    for f in sorted((EXAMPLE / "roo").iterdir()) + sorted(EXAMPLE.glob("*.yaml")):
        assert (mine / f.relative_to(EXAMPLE)).read_bytes() == f.read_bytes(), f
    assert sorted(p.name for p in (mine / "roo").iterdir()) == sorted(p.name for p in (EXAMPLE / "roo").iterdir())


def test_the_readme_shows_a_real_analysis_of_the_example():
    p = subprocess.run([sys.executable, "-m", "ketengraaf", "analyse", "modellen/financien-szw", "--rule", "M"],
                       capture_output=True, text=True, cwd=ROOT, env={**os.environ, "COLUMNS": "100"})
    assert p.returncode == 0 and p.stdout == _blocks()[1]
    assert "`ketengraaf analyse modellen/financien-szw --rule M`" in (ROOT / "README.md").read_text(encoding="utf-8")


def test_docs_show_a_real_import(tmp_path, kg, monkeypatch):
    shutil.copyfile(VOORBEELD, tmp_path / "voorbeeld-export.xml")
    monkeypatch.chdir(tmp_path)
    cmd = "ketengraaf import roo voorbeeld-export.xml -o model --peildatum 2026-11-27"
    code, _, err = kg(*cmd.split()[1:])
    doc = (ROOT / "docs" / "import-roo.md").read_text(encoding="utf-8")
    assert code == 0 and f"```text\n$ {cmd}\n{err}```" in doc
