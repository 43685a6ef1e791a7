"""docs/archimate.md shows the mapping as the code has it, and a real import."""

from __future__ import annotations

import os
import subprocess
import sys

from ketengraaf.archimate import mapping as M
from ketengraaf.archimate.model import ELEMENT_KEYS, MODEL_KEYS, RELATION_KEYS
from tests.archimate.conftest import ROOT

DOC = (ROOT / "docs" / "archimate.md").read_text(encoding="utf-8")


def _md(pattern: str) -> str:
    return "`" + pattern.replace("|", "\\|") + "`"


def row(first: str) -> str:
    """The table row of the docs that starts with ``| `first` |``."""
    hits = [line for line in DOC.splitlines() if line.startswith(f"| `{first}` |")]
    assert len(hits) == 1, first
    return hits[0]


def test_every_element_row():
    for typ, kind in M.ELEMENTS.items():
        assert row(typ) == f"| `{typ}` | {kind} | {M.KINDS[kind]} |"


def test_every_soort_and_its_patterns():
    for soort, patterns in M.SOORTEN.items():
        r = row(soort)
        for p in patterns:
            assert _md(p) in r, (soort, p)
        if not patterns:
            assert "(its name only)" in r


def test_every_role_and_its_patterns():
    for role, patterns in M.ROLES.items():
        assert row(role) == f"| `{role}` | " + ", ".join(_md(p) for p in patterns) + " |"


def test_the_soort_properties_and_every_ketengraaf_property():
    assert ", ".join(f"`{p}`" for p in M.PROPERTIES) in DOC
    for key in (*ELEMENT_KEYS, *RELATION_KEYS, *MODEL_KEYS):
        assert f"`ketengraaf:{key}`" in DOC, key
    assert "`ketengraaf:kenmerk:NAAM`" in DOC and "`ketengraaf:bevinding:*`" in DOC


def test_the_import_shown_is_a_real_one(tmp_path):
    block = DOC.split("```text\n", 1)[1].split("```", 1)[0].splitlines()
    assert block[0] == "$ ketengraaf import archimate ../shared/archimate/archisurance.xml -o model.yaml"
    env = {**os.environ, "CI": "1"}
    env.pop("KETENGRAAF_ARCHIMATE_MAPPING", None)
    p = subprocess.run([sys.executable, "-m", "ketengraaf", "import", "archimate", "../shared/archimate/archisurance.xml",
                        "-o", str(tmp_path / "model.yaml")], capture_output=True, text=True, cwd=ROOT, env=env)
    assert p.returncode == 0 and p.stdout == ""
    real = p.stderr.replace(str(tmp_path / "model.yaml"), "model.yaml").splitlines()
    at = 0
    for line in block[1:]:  # every line shown is in the real output, in this order
        at = real.index(line, at) + 1
    assert len(real) == 5 + 260 and real[-1] == block[-1]


def test_the_speed_section_is_measured():
    section = DOC.split("<!-- bench/archimate.py: begin -->", 1)[1].split("<!-- bench/archimate.py: end -->", 1)[0]
    assert "| `import archimate` into a YAML file |" in section and ": met |" in section
    assert "10,000 elements and 20,000 relationships" in section


def test_the_readme_points_here():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "docs/archimate.md" in readme and "ketengraaf export archimate" in readme
