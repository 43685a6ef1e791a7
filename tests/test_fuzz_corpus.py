"""The fuzzer's corpus and its findings as regression cases (issue 12): every input in
fuzz/corpus/loader/ and fuzz/regressions/ gives a model or a located error, never anything else.

fuzz/regressions/ holds the inputs that once failed (named for what they exposed); fuzz/run adds new
interesting inputs to a scratch corpus during a CI run and fails on any finding.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

FUZZ = Path(__file__).resolve().parents[1] / "fuzz"
sys.path.insert(0, str(FUZZ))

import oracle  # noqa: E402

INPUTS = sorted((FUZZ / "corpus" / "loader").iterdir()) + sorted((FUZZ / "regressions").iterdir())


def test_there_is_a_corpus():
    assert len(INPUTS) >= 20 and any(p.parent.name == "regressions" for p in INPUTS)


@pytest.mark.parametrize("path", INPUTS, ids=[f"{p.parent.name}/{p.name[:40]}" for p in INPUTS])
def test_input(tmp_path, path):
    data = path.read_bytes()
    f = tmp_path / "model.yaml"
    f.write_bytes(data)
    assert oracle.check(str(f), data) in ("valid", "invalid")


XML_INPUTS = sorted((FUZZ / "corpus" / "xml").iterdir()) + sorted((FUZZ / "regressions-xml").iterdir())


def test_there_is_an_xml_corpus():
    assert len(XML_INPUTS) >= 4 and any(p.parent.name == "regressions-xml" for p in XML_INPUTS)


@pytest.mark.parametrize("path", XML_INPUTS, ids=[f"{p.parent.name}/{p.name[:40]}" for p in XML_INPUTS])
def test_xml_input(tmp_path, path):
    """fuzz/fuzz_xml.py's oracle: read as an ArchiMate exchange file and imported as a ROO export."""
    data = path.read_bytes()
    f = tmp_path / "model.xml"
    f.write_bytes(data)
    assert oracle.check(str(f), data) in ("valid", "invalid")
    assert oracle.check_roo(str(f), data, str(tmp_path / "import")) in ("imported", "invalid")
