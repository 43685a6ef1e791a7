"""The one table of references: it covers every key that holds ids, and the cross-checks follow it."""

from __future__ import annotations

from pathlib import Path
from typing import Any, get_args

import pytest

from ketengraaf.errors import ModelInvalid
from ketengraaf.model import references
from ketengraaf.model.loader import ITEM_CLASS
from ketengraaf.model.types import ID_PATTERN, Schakel
from ketengraaf.pipeline import load_model

ROOT = Path(__file__).resolve().parents[2]


def _holds_ids(info: Any) -> bool:
    """Is this field's type an id or a list of ids (the Id type carries ID_PATTERN)? pydantic moves
    a bare field's constraints to ``metadata``; inside a list or Optional they stay on the type."""
    if any(getattr(m, "pattern", None) == ID_PATTERN for m in info.metadata):
        return True
    stack = [info.annotation]
    while stack:
        a = stack.pop()
        for m in getattr(a, "__metadata__", ()):
            if getattr(m, "pattern", None) == ID_PATTERN:
                return True
        stack.extend(get_args(a))
    return False


def test_every_key_that_holds_ids_is_a_declared_reference() -> None:
    classes = [(s, None, c) for s, c in ITEM_CLASS.items()] + [("ketens", "schakels", Schakel)]
    holding = {(s, w, f) for s, w, c in classes for f, info in c.model_fields.items()
               if f != "id" and _holds_ids(info)}
    assert holding == {(r.section, r.within, r.field) for r in references.REFERENCES}


def test_sites_name_every_reference_of_a_model_where_the_loader_places_it() -> None:
    m = load_model(ROOT / "modellen" / "strafrechtketen.yaml")
    found = list(references.sites(m))
    assert found and all(isinstance(v, str) for _, _, _, v in found)
    # a schakel's volgt_op, as the loader's positions spell the path
    r, i, path, v = next(x for x in found if x[0].field == "volgt_op")
    assert path[:2] == ("schakels", path[1]) and path[2] == "volgt_op"
    assert v in m.ketens[i].schakels[path[1]].volgt_op


@pytest.mark.parametrize("body, message", [
    ("ketens:\n  - {id: k, naam: K, bestuur: min-a}\n",
     "the bestuur of a keten is an organisatie of soort overleg, and 'min-a' is a ministerie"),
    ("ketens:\n  - {id: k, naam: K, schakels: [{id: s, naam: S, gebruikt: [min-a]}]}\n",
     "'min-a' is an organisatie, not a gegevens"),
])
def test_the_cross_checks_follow_the_table(tmp_path: Path, body: str, message: str) -> None:
    f = tmp_path / "m.yaml"
    f.write_text("ketengraaf: 1\norganisaties:\n  - {id: min-a, naam: A, soort: ministerie}\n" + body)
    with pytest.raises(ModelInvalid) as e:
        load_model(f)
    assert [p.message for p in e.value.problems] == [message]


def test_declared_kinds_are_the_loaders_words() -> None:
    from ketengraaf.model.loader import KIND_NAME
    assert references.DECLARES == {s: KIND_NAME[s] for s in references.DECLARES}
