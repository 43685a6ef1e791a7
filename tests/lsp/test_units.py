"""The server's parts without the protocol: the index agrees with the loader, a run can be cancelled."""

from __future__ import annotations

from pathlib import Path
import shutil
import tempfile

from hypothesis import given, settings
from hypothesis import strategies as st

import pytest

from ketengraaf.lsp import features
from ketengraaf.lsp.check import Cancelled, run
from ketengraaf.lsp.index import ModelIndex, Placer, file_sites
from ketengraaf.lsp.settings import Settings
from ketengraaf.lsp.source import Buffers, model_root
from ketengraaf.model import inputs, references
from ketengraaf.pipeline import load_model
from ketengraaf.render.locate import subject_index

ROOT = Path(__file__).resolve().parents[2]
MODELS = sorted(p for p in (ROOT / "modellen").iterdir() if p.suffix == ".yaml" or p.is_dir())


def _index(model: Path) -> tuple[ModelIndex, Buffers]:
    b = Buffers()
    per = {}
    for f in b.discover(model, inputs.Limits.from_env()):
        r = b.reading(f)
        per[f] = file_sites(f, r.data if r.data is not None else r.doc.data)
    return ModelIndex(per), b


@pytest.mark.parametrize("model", MODELS, ids=lambda p: p.name)
def test_the_index_names_every_reference_and_definition_the_loader_knows(model: Path) -> None:
    m = load_model(model)
    idx, b = _index(model)
    # references: where the loader places them (file, path inside the file)
    expected = set()
    for r, i, path, v in references.sites(m):
        fi, li = m.origins[r.section][i]
        expected.add((v, m.files[fi].path, (r.section, li) + path))
    got = {(s.id, s.file, s.path) for ss in idx.refs.values() for s in ss if s.ref is not None}
    assert expected and got == expected
    # definitions: every id the locator knows, at the same place
    placed = {}
    for id_, sites in idx.defs.items():
        [s] = sites
        r = b.reading(s.file)
        line, start, _ = Placer(r.raw, r.doc, r.data).place(s)
        placed[id_] = (str(s.file), line + 1)
    ids = {k: v for k, v in subject_index(m).items() if ":" not in k and "->" not in k}
    assert placed == {k: m.locate(*v)[:2] for k, v in ids.items()}


def test_a_run_stops_when_a_newer_change_came() -> None:
    model = ROOT / "modellen" / "rijkswaterstaat.yaml"
    asked = []

    def still_wanted() -> bool:
        asked.append(1)
        return len(asked) < 4  # wanted for the first stages only

    with pytest.raises(Cancelled):
        run(model, Buffers(), Settings(), still_wanted)
    assert len(asked) == 4
    full = run(model, Buffers(), Settings(), lambda: True)
    assert full.valid and full.diags


def test_which_model_a_file_belongs_to(tmp_path: Path) -> None:
    d = tmp_path / "m"
    (d / "sub").mkdir(parents=True)
    (d / "model.yaml").write_text("ketengraaf: 1\n")
    (d / "sub" / "a.yaml").write_text("ketengraaf: 1\n")
    (tmp_path / "los.yaml").write_text("ketengraaf: 1\n")
    (tmp_path / "ci.yml").write_text("jobs: {}\n")
    assert model_root(d / "sub" / "a.yaml", [tmp_path], {}, None) == d
    assert model_root(tmp_path / "los.yaml", [tmp_path], {}, None) == tmp_path / "los.yaml"
    assert model_root(tmp_path / "ci.yml", [tmp_path], {}, None) is None  # not a model file
    assert model_root(tmp_path / "new.yaml", [tmp_path], {tmp_path / "new.yaml": b"ketengraaf: 1\n"}, None) == tmp_path / "new.yaml"
    assert model_root(tmp_path / "los.yaml", [tmp_path], {}, tmp_path) == tmp_path  # the setting decides


@pytest.mark.parametrize("line, col, expected", [
    ("  - {van: dgmo, naar: rws, rol: opdrachtgever}", 23, (22, 25, "rws")),
    ("  - {van: dgmo, naar: rws, rol: opdrachtgever}", 25, (22, 25, "rws")),
    ("  - {van: dgmo, naar: rws, rol: opdrachtgever}", 4, None),
    ("    regel: M01", 12, (11, 14, "M01")),
])
def test_the_word_under_the_cursor(line: str, col: int, expected: tuple | None) -> None:
    assert features.token_at(line, col) == expected


@pytest.mark.parametrize("text, key, at_value", [
    ("  - {van: dgmo, naar: ", "naar", True),
    ("  - {van: dgmo, naar: r", "naar", True),
    ("    partijen: [a, b, ", "partijen", True),
    ("    partijen: [a, b], soort: ", "soort", True),
    ("    onderdeel_van: ", "onderdeel_van", True),
    ("    ", None, False),
])
def test_which_key_a_value_is_written_for(text: str, key: str | None, at_value: bool) -> None:
    lines = ["ketengraaf: 1", "organisaties:", "  - id: x", text]
    assert features.context_at(lines, 3, len(text))[2:] == (key, at_value)


def test_completion_of_section_names_and_enum_values() -> None:
    from ketengraaf.model.types import SECTIONS, OrganisatieSoort

    idx = ModelIndex({})
    lines = ["ketengraaf: 1", "organisaties:", "  - {id: x, naam: X, soort: }", ""]
    assert [c[0] for c in features.completions(lines, 3, 0, idx, "nl")] == ["ketengraaf", "model", *SECTIONS]
    got = features.completions(lines, 2, lines[2].index("}"), idx, "en")
    assert [c[0] for c in got] == [s.value for s in OrganisatieSoort]
    assert ("overleg", "enum", "forum") in got  # with its label in the configured language


_DIR = ROOT / "modellen" / "uitvoering-sociaal-domein"
_ORGS = (_DIR / "organisaties.yaml").read_text(encoding="utf-8")


@settings(max_examples=12, deadline=None)
@given(st.lists(st.tuples(st.integers(0, len(_ORGS) - 1), st.sampled_from(["", "x", " ", ":", "-", "\n", "1"])),
                min_size=1, max_size=4))
def test_kept_readings_give_what_a_fresh_reading_gives(edits: list[tuple[int, str]]) -> None:
    """Whatever the edits to one file of a directory model: a run through the server's kept readings
    (the other files' data and positions from earlier runs) equals a run that reads all afresh."""
    with tempfile.TemporaryDirectory() as tmp:
        model = Path(tmp) / _DIR.name
        shutil.copytree(_DIR, model)
        path = model / "organisaties.yaml"
        kept = Buffers()
        text = _ORGS
        run(model, kept.view({}), Settings(), lambda: True)
        for at, new in edits:
            text = text[:at] + new + text[at + (1 if new == "" else 0):]
            kept.set(path, text)
            with_kept = run(model, kept.view(kept.texts), Settings(), lambda: True)
            fresh = Buffers()
            fresh.set(path, text)
            assert with_kept.diags == run(model, fresh.view(fresh.texts), Settings(), lambda: True).diags


def test_where_a_new_item_of_a_section_goes() -> None:
    lines = ["ketengraaf: 1", "uitzonderingen:", "    - regel: M01", "      onderwerp: a", "", "    # a comment",
             "organisaties:", "  - {id: a, naam: A, soort: overig}", "# trailing comment"]
    assert features.section_end(lines, "uitzonderingen") == (3, "    ")  # after the item, in its indentation
    assert features.section_end(lines, "organisaties") == (7, "  ")
    assert features.section_end(lines, "ketens") is None
    assert features.section_end(["ketens: []"], "ketens") is None  # flow style: not extended in place
    assert features.section_line(["a: 1", "ketens: [] # none"], "ketens") == (1, "[]")


def test_a_new_organisation_gets_the_soort_its_reference_asks() -> None:
    lines = ["ketengraaf: 1", "ketens:", "  - id: k", "    naam: K", "    bestuur: nieuw-overleg", "    regisseur: nieuw"]
    assert features.soort_expected(lines, 4, lines[4].index("nieuw")) == "overleg"
    assert features.soort_expected(lines, 5, lines[5].index("nieuw")) is None
    assert features.organisation_text("nieuw-overleg", "  ", "overleg") == (
        "  - id: nieuw-overleg\n    naam: nieuw-overleg\n    soort: overleg\n")
