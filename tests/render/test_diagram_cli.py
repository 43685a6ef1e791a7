"""``ketengraaf diagram``: formats by suffix, a directory per subject, clear errors, and the
behaviour without Graphviz (a real PATH without ``dot``, not a mock)."""

from __future__ import annotations

import os
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from tests.render.conftest import MODELLEN, need_dot

MODEL = MODELLEN / "belastingdienst.yaml"


def run(*args: str, env: dict | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "ketengraaf", *args], capture_output=True, text=True,
                          env=env or dict(os.environ), timeout=120)


@pytest.mark.parametrize("suffix,magic", [(".svg", b"<?xml"), (".png", b"\x89PNG"), (".pdf", b"%PDF"),
                                          (".dot", b"digraph")])
def test_format_by_suffix(tmp_path: Path, suffix: str, magic: bytes) -> None:
    if suffix != ".dot":
        need_dot()
    out = tmp_path / f"d{suffix}"
    r = run("diagram", str(MODEL), "--view", "driehoek", "--subject", "dienst-toeslagen", "-o", str(out))
    assert r.returncode == 0, r.stderr
    data = out.read_bytes()
    assert data.startswith(magic)
    if suffix == ".svg":
        ET.fromstring(data)
    if suffix == ".png":
        from tests.render.pngtools import png_size

        width, height = png_size(data)
        assert width > 500 and height > 300


def test_directory_gets_one_file_per_subject(tmp_path: Path) -> None:
    need_dot()
    out = tmp_path / "driehoeken"
    r = run("diagram", str(MODEL), "--view", "driehoek", "-o", str(out) + "/")
    assert r.returncode == 0, r.stderr
    files = sorted(p.name for p in out.iterdir())
    assert "driehoek-dienst-toeslagen.svg" in files and len(files) >= 3
    for p in out.iterdir():
        ET.fromstring(p.read_bytes())
    r = run("diagram", str(MODEL), "--view", "driehoek", "--format", "dot", "-o", str(tmp_path / "dots"))
    assert r.returncode == 0, r.stderr
    assert all(p.suffix == ".dot" for p in (tmp_path / "dots").iterdir())


def test_unknown_subject_suggests(tmp_path: Path) -> None:
    r = run("diagram", str(MODEL), "--view", "driehoek", "--subject", "dienst-toeslag", "-o", str(tmp_path / "x.dot"))
    assert r.returncode == 2
    assert "did you mean 'dienst-toeslagen'" in r.stderr
    assert "Traceback" not in r.stderr
    r = run("diagram", str(MODEL), "--view", "gegevens", "--subject", "x", "-o", str(tmp_path / "x.dot"))
    assert r.returncode == 2 and "takes no --subject" in r.stderr


def test_unknown_suffix_and_view(tmp_path: Path) -> None:
    r = run("diagram", str(MODEL), "--view", "driehoek", "-o", str(tmp_path / "x.jpg"))
    assert r.returncode == 2 and "unknown suffix" in r.stderr
    r = run("diagram", str(MODEL), "--view", "driehoekje", "-o", str(tmp_path / "x.svg"))
    assert r.returncode == 2
    assert not (tmp_path / "x.svg").exists()


def test_invalid_model_exits_2(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("ketengraaf: 1\norganisaties:\n  - {id: a, naam: A, soort: ministeri}\n", encoding="utf-8")
    r = run("diagram", str(bad), "--view", "overzicht", "-o", str(tmp_path / "x.dot"))
    assert r.returncode == 2
    assert "bad.yaml:3:" in r.stderr


def test_without_dot(tmp_path: Path) -> None:
    """PATH without Graphviz: rendered formats exit 3 with one sentence on how to install it; .dot works."""
    empty = tmp_path / "bin"
    empty.mkdir()
    env = dict(os.environ, PATH=str(empty))
    r = run("diagram", str(MODEL), "--view", "opdrachtgevers", "-o", str(tmp_path / "x.svg"), env=env)
    assert r.returncode == 3, r.stderr
    lines = [line for line in r.stderr.splitlines() if line.strip()]
    assert len(lines) == 1, lines
    assert "sudo apt-get install graphviz" in lines[0] and "brew install graphviz" in lines[0]
    assert not (tmp_path / "x.svg").exists()
    r = run("report", str(MODEL), "-o", str(tmp_path / "rapport"), env=env)
    assert r.returncode == 3 and "apt-get install graphviz" in r.stderr
    assert not (tmp_path / "rapport").exists()
    r = run("diagram", str(MODEL), "--view", "opdrachtgevers", "-o", str(tmp_path / "x.dot"), env=env)
    assert r.returncode == 0, r.stderr
    assert (tmp_path / "x.dot").read_text(encoding="utf-8").startswith("digraph ketengraaf {")


def test_help_has_examples() -> None:
    for cmd in ("diagram", "report"):
        r = run(cmd, "--help")
        assert r.returncode == 0 and "Examples:" in r.stdout and f"ketengraaf {cmd} " in r.stdout
