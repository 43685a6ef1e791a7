"""The finding contract (issue 13): every rule declares its subject kind, its facts and its params;
declarations are checked when a rule is defined; every check produces exactly the declared facts,
of the declared types; and every Cypher twin takes exactly the params its rule declares.

The Neo4j side of the contract (the same hits and raw rows from Cypher) is in
tests/neo4j/test_contract.py.
"""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from ketengraaf.backends.neo4j_rules import queries_dir, rule_query
from ketengraaf.generate import write_model
from ketengraaf.graph.build import build_graph
from ketengraaf.graph.view import Context
from ketengraaf.pipeline import load_model
from ketengraaf.rules import registry
from ketengraaf.rules.base import Fact, Hit, Kind, Rule, conforms, subject_parts, subject_text

from .rules.test_cases import _load_cases, materialise

RULES = [r for r in registry.RULES.values() if r.code != "U01"]


def check_hits(rule: Rule, hits: list[Hit]) -> None:
    names = {f.name for f in rule.facts}
    for h in hits:
        subject_parts(rule.subject, h.subject)  # raises on a subject of the wrong shape
        assert set(h.facts) == names, (rule.code, sorted(set(h.facts) ^ names))
        for f in rule.facts:
            assert conforms(h.facts[f.name], f.type), (rule.code, f.name, h.facts[f.name])
        assert all(isinstance(r, str) for r in h.related), rule.code
        for lang in ("nl", "en"):
            msg = rule.render(h, lang)
            assert msg and "{" not in msg.replace("{" + "}", ""), (rule.code, msg)


def _context(path: Path) -> Context:
    m = load_model(path)
    return Context(build_graph(m), m.peildatum or date(2026, 11, 27))


@pytest.mark.parametrize("rule,case", _load_cases())
def test_every_rule_case_produces_the_declared_facts(tmp_path, rule, case):
    ctx = _context(materialise(tmp_path, rule, case))
    r = registry.RULES[rule]
    if rule == "U01":
        return
    overrides = {"drempel": case["drempel"]} if "drempel" in case else None
    check_hits(r, list(r.run(ctx, overrides)))


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_generated_models_produce_the_declared_facts(tmp_path, seed):
    f = tmp_path / "m.yaml"
    write_model(400, seed=seed, output=f)
    ctx = _context(f)
    fired = 0
    for r in RULES:
        hits = list(r.run(ctx))
        fired += bool(hits)
        check_hits(r, hits)
    assert fired >= len(RULES) - 3  # the contract is exercised, not vacuously true


# ---------------------------------------------------------------------------------------- declarations


#: The smallest examples a declaration accepts: complete model files (``rules/examples/``).
_BAD = "ketengraaf: 1\nmodel: {id: x-fout, naam: X, peildatum: 2026-11-27}\n"
_GOOD = "ketengraaf: 1\nmodel: {id: x-goed, naam: X, peildatum: 2026-11-27}\n"


def _rule(**kw: Any) -> Rule:
    base: dict[str, Any] = dict(code="X01", severity="warning", name={"nl": "n", "en": "n"},
                                message={"nl": "{a}", "en": "{a}"}, rationale={"nl": "r", "en": "r"},
                                fix={"nl": "f", "en": "f"}, source="s", bad=_BAD, good=_GOOD,
                                check=lambda ctx, p: (), subject=Kind.organisatie, facts=(Fact("a", str, "a"),))
    base.update(kw)
    return Rule(**base)


@pytest.mark.parametrize("kw,why", [
    (dict(message={"nl": "{a} {b}", "en": "{a} {b}"}), "undeclared fields ['b']"),
    (dict(message={"nl": "{a}", "en": "{a} {a_en}"}), "different fields"),
    (dict(subject="id"), "subject must be a Kind"),
    (dict(message={"nl": "{a} {w}", "en": "{a} {w}"}, derived=("w",)), "need a present function"),
    (dict(derived=("a",), present=lambda f, lang, p: {}), "both facts and derived"),
    (dict(facts=(Fact("a", str, ""), Fact("a", int, ""))), "declared twice"),
    (dict(facts=(Fact("a", set, ""),)), "unsupported type"),
    (dict(severity="fatal"), "severity"),
    (dict(name={"nl": "n"}), "exactly"),
    (dict(bad="gegevens:\n  - {id: brp, naam: BRP}\n"), "the bad example does not start with `ketengraaf: 1`"),
    (dict(good="ketengraaf: 1\nmodel: {id: x, naam: X}\n"), "the good example has no model.peildatum"),
    (dict(good="ketengraaf: 1\nmodel: [x]\n"), "the good example has no model.id"),
    (dict(bad="ketengraaf: 1\nmodel: {id: x, peildatum: 2026-11-27\n"), "the bad example is not valid YAML"),
    (dict(good=_BAD), "the bad and good examples are the same"),
])
def test_declarations_are_checked_when_a_rule_is_defined(kw, why):
    with pytest.raises(ValueError, match=re.escape(why)):
        _rule(**kw)


def test_a_well_declared_rule_is_accepted():
    r = _rule(message={"nl": "{a} {w}", "en": "{a} {w}"}, derived=("w",), present=lambda f, lang, p: {"w": lang})
    assert r.render(Hit("x", (), {"a": "A"}), "en") == "A en"


def test_subjects_become_the_spec_strings_only_at_output():
    assert subject_text(Kind.relatie, ("opdrachtgever", "o", "x")) == "opdrachtgever:o->x"
    assert subject_text(Kind.overdracht, ("p", "s")) == "p->s"
    assert subject_text(Kind.combinatie, ("b", "a", "c")) == "a+b+c"
    assert subject_text(Kind.uitzondering, ("R01", "x")) == "R01:x"
    with pytest.raises(ValueError):
        subject_parts(Kind.relatie, ("o", "x"))


# ---------------------------------------------------------------------------------------- Cypher params


@pytest.mark.parametrize("rule", RULES, ids=[r.code for r in RULES])
def test_each_cypher_twin_takes_exactly_its_rules_params(rule):
    """A query names no constant of its rule's meaning itself: it gets the rule's params (and
    $model, $peildatum); every param the rule declares is used by the query, unless the rule's
    ``decide`` function uses it on the raw rows (as K07 its threshold)."""
    q = "\n".join(line for line in rule_query(rule.code).splitlines() if not line.lstrip().startswith("//"))
    used = set(re.findall(r"\$([a-z_]+)", q))
    assert used <= {"model", "peildatum"} | set(rule.params), (rule.code, used)
    for name in rule.params:
        assert name in used or rule.decide is not None, (rule.code, name)
    # agreement kinds never appear as literals in a query
    for soort in ("resultaatafspraak", "samenwerkingsafspraak", "ketenafspraak", "convenant",
                  "gegevensleveringsovereenkomst", "verwerkersovereenkomst", "opdrachtgeversagenda",
                  "werkagenda", "wettelijke-regeling"):
        assert f"'{soort}'" not in q, (rule.code, soort)


def test_shared_notions_are_written_once_per_backend():
    """verantwoord and besturen: one Python definition (graph/view.py) and one Cypher fragment
    each, included by every query that needs them."""
    root = queries_dir() / "rules"
    raw = {p.stem: p.read_text(encoding="utf-8") for p in root.glob("*.cypher") if not p.stem.startswith("_")}
    assert {c for c, t in raw.items() if "// @include besturen" in t} == {"M05", "K05", "S05"}
    assert {c for c, t in raw.items() if "// @include verantwoord" in t} == {"R01", "K03"}
    for code, text in raw.items():
        if code.startswith("_"):
            continue
        body = "\n".join(line for line in text.splitlines() if not line.startswith("//"))
        # the two reachabilities themselves (their quantified path patterns) live only in the fragments
        assert "EIGENAAR_VAN|OPDRACHTGEVER_VAN|ONDERDEEL_VAN]-" not in body, code
        assert "ONDERDEEL_VAN|EIGENAAR_VAN]-" not in body, code
