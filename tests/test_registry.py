"""Registry-wide checks (Cartography style): unique codes, complete texts, docs up to date."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from ketengraaf.docgen import DOCS
from ketengraaf.rules import registry
from ketengraaf.rules.base import SEVERITIES

ROOT = Path(__file__).resolve().parents[1]
SPEC = ROOT.parent / "shared" / "spec" / "RULES.md"


def spec_rules() -> dict[str, tuple[str, str, str]]:
    """code -> (severity, name nl, name en) from the rule tables of RULES.md."""
    out = {}
    for line in SPEC.read_text(encoding="utf-8").splitlines():
        m = re.match(r"\| ([A-Z]\d\d) \| (error|warning|info) \| (.+?) / (.+?) \|", line)
        if m:
            out[m.group(1)] = (m.group(2), m.group(3).strip(), m.group(4).strip())
    return out


def test_registry_matches_the_spec_catalogue():
    spec = spec_rules()
    assert sorted(spec) == registry.codes()
    for code, (sev, nl, en) in spec.items():
        r = registry.RULES[code]
        assert (r.severity, r.name["nl"], r.name["en"]) == (sev, nl, en), code


@pytest.mark.parametrize("code", registry.codes())
def test_rule_texts_complete(code):
    r = registry.RULES[code]
    assert r.severity in SEVERITIES
    for field in ("name", "message", "rationale", "fix"):
        d = getattr(r, field)
        assert set(d) == {"nl", "en"} and all(v.strip() for v in d.values()), (code, field)
    assert r.source.strip() and r.bad.strip() and r.good.strip()
    assert r.bad != r.good


@pytest.mark.parametrize("rel", sorted(DOCS))
def test_generated_docs_are_current(rel):
    assert (ROOT / rel).read_text(encoding="utf-8") == DOCS[rel](), f"run: python -m ketengraaf.docgen ({rel} is stale)"
