"""Outputs never touch inputs (issue 12): every command that writes refuses, with exit 2 and one
sentence naming both paths, an output that is, or lies inside, a model or file it reads — by path,
through symbolic links and hard links — and the input is left byte for byte as it was."""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "modellen" / "rijkswaterstaat.yaml"


def kg(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "ketengraaf", *args], capture_output=True, text=True, timeout=120,
                          cwd=cwd)


def digest(p: Path) -> str:
    if p.is_dir():
        return "".join(f"{q.relative_to(p)}:{digest(q)}" for q in sorted(p.rglob("*")) if q.is_file())
    return hashlib.sha256(p.read_bytes()).hexdigest()


@pytest.fixture
def model(tmp_path: Path) -> Path:
    m = tmp_path / "m.yaml"
    shutil.copy(EXAMPLE, m)
    return m


def refused(args: list[str], out: str, why: str, protected: Path, cwd: Path | None = None) -> None:
    before = digest(protected)
    p = kg(*args, cwd=cwd)
    assert p.returncode == 2, (p.returncode, p.stderr)
    assert p.stderr == f"ketengraaf: refusing to write {out}: {why}; choose another output path\n"
    assert "Traceback" not in p.stderr
    assert digest(protected) == before


def test_analyse_output_is_the_model(model: Path) -> None:
    """Before: the JSON report replaced the model (exit 1)."""
    refused(["analyse", str(model), "--format", "json", "-o", str(model)], str(model),
            f"it is the file {model} that this command reads", model)


def test_analyse_output_through_a_symlink_and_a_hard_link(model: Path, tmp_path: Path) -> None:
    link = tmp_path / "link.json"
    os.symlink(model.name, link)
    refused(["analyse", str(model), "-o", str(link)], str(link), f"it is the file {model} that this command reads",
            model)
    hard = tmp_path / "hard.json"
    os.link(model, hard)
    refused(["analyse", str(model), "-o", str(hard)], str(hard), f"it is the file {model} that this command reads",
            model)


def test_analyse_relative_paths_name_what_was_given(model: Path) -> None:
    refused(["analyse", "m.yaml", "-o", "./m.yaml"], "./m.yaml", "it is the file m.yaml that this command reads",
            model, cwd=model.parent)


def test_analyse_output_inside_a_directory_model(tmp_path: Path) -> None:
    d = tmp_path / "model"
    shutil.copytree(ROOT / "modellen" / "uitvoering-sociaal-domein", d)
    refused(["analyse", str(d), "-o", str(d / "bevindingen.json")], str(d / "bevindingen.json"),
            f"it lies inside the model directory {d}, which this command reads", d)
    refused(["analyse", str(d), "-o", str(d / "sturing.yaml")], str(d / "sturing.yaml"),
            f"it is the file {d / 'sturing.yaml'} that this command reads", d)


def test_baselines(model: Path, tmp_path: Path) -> None:
    base = tmp_path / "baseline.json"
    assert kg("analyse", str(model), "--write-baseline", str(base), "--fail-on", "never").returncode == 0
    refused(["analyse", str(model), "--baseline", str(base), "--write-baseline", str(base)], str(base),
            f"it is the file {base} that this command reads", base)
    refused(["analyse", str(model), "--write-baseline", str(model)], str(model),
            f"it is the file {model} that this command reads", model)
    p = kg("analyse", str(model), "-o", str(tmp_path / "x.json"), "--write-baseline", str(tmp_path / "x.json"))
    assert p.returncode == 2 and p.stderr == (f"ketengraaf: -o and --write-baseline name the same file "
                                              f"({tmp_path / 'x.json'}); give each its own\n")


def test_diagram(model: Path, tmp_path: Path) -> None:
    d = tmp_path / "model"
    shutil.copytree(ROOT / "modellen" / "uitvoering-sociaal-domein", d)
    refused(["diagram", str(d), "--view", "overzicht", "-o", str(d / "overzicht.svg")], str(d / "overzicht.svg"),
            f"it lies inside the model directory {d}, which this command reads", d)
    refused(["diagram", str(d), "--view", "driehoek", "-o", str(d)], str(d),
            f"it is the model directory {d} that this command reads", d)
    odd = tmp_path / "model.dot"  # a model file may have any name when it is given as a file
    shutil.copy(model, odd)
    refused(["diagram", str(odd), "--view", "overzicht", "-o", str(odd)], str(odd),
            f"it is the file {odd} that this command reads", odd)
    # beside the model is fine
    assert kg("diagram", str(model), "--view", "overzicht", "-o", str(tmp_path / "o.dot")).returncode == 0


def test_report_directory_holding_the_model(model: Path, tmp_path: Path) -> None:
    """The report replaces its directory as a whole; before, a directory with an earlier report
    and the model in it lost the model."""
    rapport = tmp_path / "rapport"
    assert kg("report", str(model), "-o", str(rapport)).returncode == 0
    inside = rapport / "m.yaml"
    shutil.copy(model, inside)
    refused(["report", str(inside), "-o", str(rapport)], str(rapport),
            f"it holds {inside}, which this command reads, and would be replaced as a whole", inside)
    refused(["report", str(model), "-o", str(tmp_path)], str(tmp_path),
            f"it holds {model}, which this command reads, and would be replaced as a whole", model)


def test_generate_never_replaces_a_model_someone_wrote(model: Path) -> None:
    before = digest(model)
    p = kg("generate", "--organisaties", "20", "-o", str(model))
    assert p.returncode == 2 and p.stderr == (f"ketengraaf: refusing to write {model}: it exists and was not "
                                              f"written by ketengraaf generate; choose another output path\n")
    assert digest(model) == before
