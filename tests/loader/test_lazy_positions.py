"""The lean error path: a file read on the fast path is not re-read as a whole to place its errors;
:class:`ketengraaf.model.yamlio.LazyDoc` reads only the items with errors. Its answers must be
exactly those of the precise reading of the whole file: the same messages at the same positions,
for every kind of error, in flow-style and block-style files."""

from __future__ import annotations

import random
import re
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from ketengraaf.errors import ModelInvalid
from ketengraaf.generate import dump_yaml, generate_model
from ketengraaf.model import yamlio
from ketengraaf.pipeline import load_model
import ketengraaf.model.yamlio.lazy  # noqa: F401  (spied on)


def problems(path: Path) -> list[str]:
    try:
        load_model(path)
    except ModelInvalid as e:
        return [str(p) for p in e.problems]
    return []


def problems_precise(path: Path, monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The reference: what the loader reports when every position comes from the precise reading
    of the whole file (the behaviour before LazyDoc)."""
    with monkeypatch.context() as m:
        m.setattr(yamlio, "LazyDoc", lambda raw, lengths: yamlio.read_precise(raw))
        return problems(path)


class _NoAliases(yaml.SafeDumper):
    def ignore_aliases(self, data: object) -> bool:
        return True


def block_style(data: dict) -> str:
    return yaml.dump(data, Dumper=_NoAliases, allow_unicode=True, sort_keys=False, width=10_000)


MUTATIONS = ("soort", "reference", "duplicate", "date", "capaciteit", "key", "prestatie", "partijen", "escalatie")


def mutate(data: dict, rng: random.Random, kinds: list[str]) -> None:
    """Introduce errors of the given kinds into plain model data, at random items."""
    orgs, rels, afs = data["organisaties"], data["sturingsrelaties"], data["afspraken"]
    for kind in kinds:
        if kind == "soort":
            rng.choice(orgs)["soort"] = "agentchap"
        elif kind == "reference":
            rng.choice(rels)["naar"] = "org-bestaat-niet"
        elif kind == "duplicate":
            i = rng.randrange(len(orgs))
            orgs.insert(i + 1, dict(orgs[i]))
        elif kind == "date":
            rng.choice(afs)["geldig_van"] = "2026-13-01"
        elif kind == "capaciteit":
            rng.choice(orgs)["capaciteit"] = -2.50
        elif kind == "key":
            rng.choice(rels)["coordinerd"] = True
        elif kind == "prestatie" and data["ketens"]:
            k = rng.choice(data["ketens"])
            rng.choice(k["schakels"])["prestatie"] = 1.5
        elif kind == "partijen":
            a = rng.choice(afs)
            a["partijen"] = [a["partijen"][0]]
        elif kind == "escalatie":
            a = rng.choice(afs)
            a["escalatie"] = [a["partijen"][0], a["partijen"][0]]


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(seed=st.integers(0, 10_000), n=st.integers(20, 90),
       kinds=st.lists(st.sampled_from(MUTATIONS), min_size=1, max_size=6), block=st.booleans())
def test_lazy_positions_equal_the_precise_reading(tmp_path_factory, monkeypatch, seed, n, kinds, block):
    data = generate_model(n, seed)
    mutate(data, random.Random(seed), kinds)
    text = block_style(data) if block else dump_yaml(data)
    f = tmp_path_factory.mktemp("lazy") / "m.yaml"
    f.write_text(text, encoding="utf-8")
    assume(yamlio.read_fast(text.encode("utf-8")) is not None)  # the test is about files read on the fast path
    got = problems(f)
    assert got, "every mutation is an error"
    assert got == problems_precise(f, monkeypatch)


LAYOUTS = {
    # comments and blank lines between items, an item over several lines, a BOM
    "comments": "\ufeffketengraaf: 1\n# kop\norganisaties:\n  # eerste\n  - {id: a, naam: A, soort: ministerie}\n\n"
                "  - id: b\n    naam: B\n    soort: agentchap   # fout\n  - {id: c, naam: C, soort: directie, onderdeel_van: x}\n",
    # a sequence at the indentation of its key, and a section written as a flow sequence
    "compact": "ketengraaf: 1\norganisaties:\n- {id: a, naam: A, soort: ministerie}\n- {id: b, naam: B, soort: agentchap}\n"
               "middelen: [{id: m, naam: M, beheerder: nergens}]\n",
    # nested lists: a schakel several levels down
    "nested": "ketengraaf: 1\norganisaties:\n  - {id: a, naam: A, soort: agentschap}\nketens:\n  - id: k\n    naam: K\n"
              "    schakels:\n      - {id: s1, naam: S1, uitvoerder: a}\n      - id: s2\n        naam: S2\n"
              "        volgt_op: [s1, s9]\n        prestatie: 2\n",
    # the model block and a top-level mistake
    "model": "ketengraaf: 1\nmodel: {id: m, naam: M, peildatum: 2026-02-30}\norganisaties:\n  - {id: a, naam: A, soort: ministerie}\n"
             "uitzonderingen:\n  - {regel: R01, onderwerp: a, reden: r}\n  - {regel: R01, onderwerp: a, reden: r}\n",
}


@pytest.mark.parametrize("name", sorted(LAYOUTS))
def test_layouts(tmp_path, monkeypatch, name):
    f = tmp_path / "m.yaml"
    f.write_text(LAYOUTS[name], encoding="utf-8")
    assert yamlio.read_fast(f.read_bytes()) is not None
    got = problems(f)
    assert got and got == problems_precise(f, monkeypatch)
    assert all(re.match(rf"{re.escape(str(f))}:\d+:\d+: ", p) for p in got)


def test_only_the_items_with_errors_are_read_precisely(tmp_path, monkeypatch):
    """The point of LazyDoc: the precise reader sees the few items with errors, not the file."""
    data = generate_model(3000, 4)
    mutate(data, random.Random(1), ["soort", "reference", "date"])
    f = tmp_path / "m.yaml"
    f.write_text(dump_yaml(data), encoding="utf-8")
    seen: list[int] = []
    real = yamlio.lazy.read_precise

    def spy(raw: bytes, **kw):
        seen.append(len(raw))
        return real(raw, **kw)

    monkeypatch.setattr(yamlio.lazy, "read_precise", spy)
    assert len(problems(f)) == 3
    assert seen and max(seen) < 2_000 and sum(seen) < 10_000, seen
