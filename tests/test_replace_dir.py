"""fileio.replace_dir: a directory replaced as a whole, by one exchange or by two renames, never half."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from ketengraaf import fileio


def _fill(files: dict[str, str]):
    def fill(tmp: Path) -> None:
        for name, text in files.items():
            (tmp / name).write_text(text, encoding="utf-8")
    return fill


def _state(d: Path) -> dict[str, str]:
    return {p.name: p.read_text(encoding="utf-8") for p in sorted(d.iterdir())}


@pytest.mark.parametrize("exchange", [True, False], ids=["exchange", "two-renames"])
def test_replaces_creates_and_cleans_up(tmp_path, monkeypatch, exchange):
    if not exchange:
        monkeypatch.setenv("KETENGRAAF_NO_EXCHANGE", "1")
    dest = tmp_path / "roo"
    fileio.replace_dir(dest, _fill({"a.yaml": "1", "b.yaml": "2"}))
    assert _state(dest) == {"a.yaml": "1", "b.yaml": "2"}
    fileio.replace_dir(dest, _fill({"a.yaml": "3"}))
    assert _state(dest) == {"a.yaml": "3"}
    assert sorted(os.listdir(tmp_path)) == ["roo"]
    assert oct(dest.stat().st_mode & 0o777) == "0o755" and oct((dest / "a.yaml").stat().st_mode & 0o777) == "0o644"


@pytest.mark.parametrize("exchange", [True, False], ids=["exchange", "two-renames"])
def test_a_failure_leaves_the_previous_directory(tmp_path, monkeypatch, exchange):
    if not exchange:
        monkeypatch.setenv("KETENGRAAF_NO_EXCHANGE", "1")
    dest = tmp_path / "roo"
    fileio.replace_dir(dest, _fill({"a.yaml": "1"}))

    def half(tmp: Path) -> None:
        (tmp / "a.yaml").write_text("half", encoding="utf-8")
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        fileio.replace_dir(dest, half)
    assert _state(dest) == {"a.yaml": "1"} and sorted(os.listdir(tmp_path)) == ["roo"]


def test_the_second_rename_failing_puts_the_old_one_back(tmp_path, monkeypatch):
    monkeypatch.setenv("KETENGRAAF_NO_EXCHANGE", "1")
    dest = tmp_path / "roo"
    fileio.replace_dir(dest, _fill({"a.yaml": "1"}))
    real = os.replace
    calls = []

    def flaky(a, b):
        calls.append((a, b))
        if len(calls) == 2:
            raise OSError(28, "No space left on device")
        return real(a, b)

    monkeypatch.setattr(fileio.os, "replace", flaky)
    with pytest.raises(OSError):
        fileio.replace_dir(dest, _fill({"a.yaml": "2"}))
    monkeypatch.setattr(fileio.os, "replace", real)
    assert _state(dest) == {"a.yaml": "1"} and sorted(os.listdir(tmp_path)) == ["roo"]


def test_exchange_is_one_step_on_linux(tmp_path):
    a, b = tmp_path / "a", tmp_path / "b"
    a.mkdir()
    b.mkdir()
    (a / "x").write_text("a", encoding="utf-8")
    (b / "x").write_text("b", encoding="utf-8")
    if not fileio._exchange(a, b):
        pytest.skip("no renameat2(RENAME_EXCHANGE) on this system")
    assert (a / "x").read_text(encoding="utf-8") == "b" and (b / "x").read_text(encoding="utf-8") == "a"
