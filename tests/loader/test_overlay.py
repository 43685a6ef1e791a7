"""The loader's source seam: contents from an overlay (an editor's unsaved buffers) instead of disk."""

from __future__ import annotations

from pathlib import Path

import pytest

from ketengraaf.errors import ModelInvalid
from ketengraaf.model.formats import Overlay
from ketengraaf.pipeline import Analysis, load_model

HEAD = "ketengraaf: 1\nmodel: {id: t, naam: Test}\n"
ORGS = "organisaties:\n  - {id: min-a, naam: Ministerie A, soort: ministerie}\n"


def problems(path: Path, source=None) -> list[str]:
    with pytest.raises(ModelInvalid) as e:
        load_model(path, source=source)
    return [str(p) for p in e.value.problems]


def test_a_buffer_replaces_the_file_and_gives_what_the_disk_would(tmp_path: Path) -> None:
    f = tmp_path / "m.yaml"
    f.write_text(HEAD + ORGS)
    edited = HEAD + ORGS + "  - {id: dg-a, naam: DG A, soort: directoraat-generaal, onderdeel_van: min-b}\n"
    from_buffer = problems(f, Overlay({f: edited.encode()}))
    assert load_model(f).organisaties[0].id == "min-a"  # the disk is untouched
    f.write_text(edited)
    assert from_buffer == problems(f) == [f"{f}:5:72: unknown organisatie 'min-b'; did you mean 'min-a'?"]


def test_a_directory_model_takes_buffers_and_files_together(tmp_path: Path) -> None:
    (tmp_path / "model.yaml").write_text(HEAD + ORGS)
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "b.yaml").write_text("ketengraaf: 1\norganisaties:\n  - {id: x, naam: X, soort: overig}\n")
    new = tmp_path / "sub" / "new.yaml"  # not saved yet
    m = load_model(tmp_path, source=Overlay({new: b"ketengraaf: 1\norganisaties:\n  - {id: y, naam: Y, soort: overig}\n",
                                             tmp_path / "notes.txt": b"not a model file"}))
    assert [o.id for o in m.organisaties] == ["min-a", "x", "y"]
    assert [f.path.name for f in m.files] == ["model.yaml", "b.yaml", "new.yaml"]


def test_a_model_deleted_under_the_editor_is_read_from_its_buffer(tmp_path: Path) -> None:
    f = tmp_path / "gone.yaml"
    assert load_model(f, source=Overlay({f: (HEAD + ORGS).encode()})).id == "t"
    d = tmp_path / "gone-dir"
    assert [o.id for o in load_model(d, source=Overlay({d / "a.yaml": (HEAD + ORGS).encode()})).organisaties] == ["min-a"]
    assert problems(d) == [f"{d}: no such file or directory"]


def test_buffers_get_the_checks_of_a_file(tmp_path: Path) -> None:
    f = tmp_path / "m.yaml"
    f.write_text(HEAD)
    assert problems(f, Overlay({f: b"ketengraaf: 1\n\x00"})) == [
        f"{f}: is not a text file: it holds a NUL byte (line 2, column 1); a model file is YAML text"]


def test_other_discovery_problems_still_count(tmp_path: Path) -> None:
    (tmp_path / "a.yaml").write_text(HEAD)
    (tmp_path / "x.yaml").mkdir()
    got = problems(tmp_path, Overlay({tmp_path / "b.yaml": b"ketengraaf: 1\n"}))
    assert got == [f"{tmp_path / 'x.yaml'}: is a directory named like a model file; rename it (the files in it are "
                   f"read all the same)"]


def test_the_analysis_reads_through_the_overlay(tmp_path: Path) -> None:
    f = tmp_path / "m.yaml"
    f.write_text(HEAD + ORGS)
    body = HEAD + ORGS + "  - {id: ag, naam: Agentschap, soort: agentschap}\n"
    report = Analysis.open(f, background=False, source=Overlay({f: body.encode()})).findings(selectors=["R01"])
    assert [(x.rule, x.subject) for x in report.findings] == [("R01", "ag")]
