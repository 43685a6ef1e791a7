"""Damaged exchange files: whatever is changed, deleted or cut off, reading one gives a model or errors
located in the file — the fuzzer's oracle (fuzz/oracle.py: validate, and for a valid model every rule),
never a traceback."""

from __future__ import annotations

import functools
import re
import sys
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.archimate.conftest import ARCHISURANCE, ROOT, VOORBEELD

sys.path.insert(0, str(ROOT / "fuzz"))
import oracle  # noqa: E402

TOKENS = ["id-x", "", "1a", "BusinessActor", "Association", "Flow", "Contract", "ketengraaf:soort", "ketengraaf:type",
          "eigenaar", "opdrachtgever", "overleg", "zbo", "true", "veel", "2026-02-30", "a, b, niemand", "&amp;", "<",
          '"', "ä€𝄞", "Access", "Read", "id-dienst-toeslagen", "id-rws", "id-aangifte", "schakel", "keten"]


@functools.lru_cache(maxsize=None)
def exported_voorbeeld() -> bytes:
    from ketengraaf.archimate.export import export
    from ketengraaf.pipeline import Analysis, NetworkXRules, load_model

    a = Analysis(load_model(VOORBEELD))
    return export(a.model, a.graph, peildatum=a.peildatum,
                  report=a.findings(backend=NetworkXRules(parallel=False), keep_facts=True))


_ATTR = re.compile(rb'(identifier|source|target|elementRef|relationshipRef|propertyDefinitionRef|xsi:type|'
                   rb'accessType|isDirected|x|w)="([^"]*)"')
_VALUE = re.compile(rb"<value xml:lang=\"nl\">([^<]*)</value>|<name xml:lang=\"[a-z]+\">([^<]*)</name>")


@st.composite
def damaged(draw) -> bytes:
    data = exported_voorbeeld() if draw(st.booleans()) else ARCHISURANCE.read_bytes()
    for _ in range(draw(st.integers(1, 4))):
        kind = draw(st.sampled_from(["attr", "value", "drop", "dup", "cut", "bytes"]))
        lines = data.split(b"\n")
        hits = list((_ATTR if kind == "attr" else _VALUE).finditer(data))
        if kind in ("attr", "value") and not hits:
            continue
        if kind == "attr":
            m = hits[draw(st.integers(0, len(hits) - 1))]
            new = draw(st.sampled_from(TOKENS)).encode()
            data = data[:m.start(2)] + new + data[m.end(2):]
        elif kind == "value":
            m = hits[draw(st.integers(0, len(hits) - 1))]
            g = 1 if m.group(1) is not None else 2
            data = data[:m.start(g)] + draw(st.sampled_from(TOKENS)).encode() + data[m.end(g):]
        elif kind == "drop":
            i = draw(st.integers(0, len(lines) - 1))
            data = b"\n".join(lines[:i] + lines[i + 1:])
        elif kind == "dup":
            i = draw(st.integers(0, len(lines) - 1))
            data = b"\n".join(lines[:i + 1] + lines[i:])
        elif kind == "cut":
            data = data[:draw(st.integers(0, len(data)))]
        else:
            i = draw(st.integers(0, len(data)))
            data = data[:i] + draw(st.binary(min_size=1, max_size=8)) + data[i:]
    return data


@settings(max_examples=80, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture, HealthCheck.data_too_large])
@given(data=damaged())
def test_a_damaged_file_gives_a_model_or_located_errors(tmp_path_factory, data):
    p = Path(tmp_path_factory.mktemp("dmg")) / "model.xml"
    p.write_bytes(data)
    assert oracle.check(str(p), data) in ("valid", "invalid")
