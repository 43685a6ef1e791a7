"""The text catalogues: both languages have the same keys, and each text the same placeholders."""

from __future__ import annotations

import string

import pytest

from ketengraaf import texts
from ketengraaf.texts.diagram import DIAGRAM
from ketengraaf.texts.diff import DIFF
from ketengraaf.texts.lsp import LSP
from ketengraaf.texts.report import REPORT

CATALOGUES = {"soorten": texts.SOORTEN, "diagram": DIAGRAM, "report": REPORT, "diff": DIFF, "lsp": LSP}


def fields(s: str) -> set[str]:
    return {f for _, f, _, _ in string.Formatter().parse(s) if f is not None}


@pytest.mark.parametrize("name", sorted(CATALOGUES))
def test_both_languages_have_the_same_keys_and_placeholders(name: str) -> None:
    cat = CATALOGUES[name]
    assert sorted(cat) == ["en", "nl"]
    assert sorted(cat["nl"]) == sorted(cat["en"])
    for key in cat["nl"]:
        assert fields(cat["nl"][key]) == fields(cat["en"][key]), key
        assert cat["nl"][key].strip() and cat["en"][key].strip(), key
