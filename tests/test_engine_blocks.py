"""The engine's per-rule blocks (ketengraaf.rules.engine.RuleFindings) against the reference.

The blocks replaced a simpler pipeline (a ``Finding`` per hit, one global sort, ``as_json`` per
finding, pickled hits from the child process) for speed on finding-heavy models. These property
tests keep that simpler pipeline, verbatim, as the reference: on random hits, uitzonderingen,
languages and audit settings the findings must be the same objects in the same order, the JSON
the same bytes, and a block sent through pickle (as the child sends it) must come back equal.
"""

from __future__ import annotations

import json
import pickle
from datetime import date
from typing import Iterable, Optional

import orjson
from hypothesis import given, settings
from hypothesis import strategies as st

from ketengraaf import __version__
from ketengraaf.render.findings import to_json, to_json_bytes
from ketengraaf.rules import registry
from ketengraaf.rules.base import Fact, Finding, Hit, Kind, Rule
from ketengraaf.rules.engine import (ExceptionSpec, Report, RuleFindings, exception_index, finalise,
                                     finalise_blocks)
from ketengraaf.rules.uitzonderingen import U01

PEIL = date(2026, 11, 27)


def reference_finalise(hits: dict[str, list[Hit]], exceptions: Iterable[ExceptionSpec], *, peildatum: date,
                       rules: list[Rule], lang: str = "nl", audit: bool = False) -> list[Finding]:
    """The engine's finalise before the blocks (commit 8c93dac), as the specification."""
    peil = peildatum.isoformat()
    ran = {r.code for r in rules}
    exc = [e for e in exceptions if e.regel in ran]
    valid: dict[tuple[str, str], ExceptionSpec] = {}
    for e in exc:
        if e.geldig_tot is None or peil <= e.geldig_tot:
            valid[(e.regel, e.onderwerp)] = e
    out: list[Finding] = []
    for r in rules:
        if r.code == "U01":
            continue
        for h in hits.get(r.code, ()):
            e = valid.get((r.code, h.subject))
            out.append(Finding(
                rule=r.code, severity=r.severity, subject=h.subject, related=tuple(sorted(set(h.related))),
                message=r.render(h, lang), suppressed=e is not None and not audit,
                reason=e.reden if e is not None else None,
            ))
    if "U01" in ran:
        all_subjects = {(f.rule, f.subject) for f in out}
        for e in exc:
            if e.geldig_tot is not None and e.geldig_tot < peil:
                waarom = {"nl": f"is verlopen op {e.geldig_tot}", "en": f"expired on {e.geldig_tot}"}[lang]
            elif (e.regel, e.onderwerp) not in all_subjects:
                waarom = {"nl": "past op geen enkele bevinding", "en": "matches no finding"}[lang]
            else:
                continue
            h = Hit((e.regel, e.onderwerp), (), {"regel": e.regel, "onderwerp": e.onderwerp,
                                                 "verlopen": e.geldig_tot if e.geldig_tot is not None and e.geldig_tot < peil
                                                 else None})
            assert U01.render(h, lang).endswith(f"{waarom}; verwijder of vernieuw haar." if lang == "nl"
                                               else f"{waarom}; remove or renew it.")
            out.append(Finding("U01", U01.severity, f"{e.regel}:{e.onderwerp}", (), U01.render(h, lang)))
    out.sort(key=lambda f: (f.rule, f.subject, f.related))
    return out


def reference_json(report: Report) -> bytes:
    doc = {"tool": "ketengraaf", "version": __version__, "model": report.model, "peildatum": report.peildatum,
           "backend": report.backend, "findings": [f.as_json() for f in report.findings], "summary": report.summary()}
    return (json.dumps(doc, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def _echo(code: str, severity: str) -> Rule:
    """A rule whose message shows its parameter as given (any text, braces and quotes included)."""
    return Rule(code=code, severity=severity, name={"nl": code, "en": code},
                message={"nl": "{tekst} — {n}", "en": "{tekst} / {n}"}, rationale={"nl": "", "en": ""},
                fix={"nl": "", "en": ""}, source="", bad=U01.bad, good=U01.good, check=lambda ctx, p: (),
                subject=Kind.organisatie, facts=(Fact("tekst", str, ""), Fact("n", int, "")))


RULES = [_echo("D05", "warning"), _echo("K04", "warning"), _echo("M01", "error"), _echo("R06", "warning"),
         _echo("S03", "info"), U01]
# Few distinct subjects, so that ties (same subject, even same related) and exception matches occur.
ids = st.sampled_from(["a", "b", "B", "ä", "org-1", "org-10", "org-2", "x\"y", "t\\n", "é\u2028", "𝔘", ""])
texts = st.text(st.characters(blacklist_categories=("Cs",)), max_size=12)
hits_st = st.dictionaries(
    st.sampled_from([r.code for r in RULES[:-1]]),
    st.lists(st.builds(lambda s, rel, t, n: Hit(s, rel, {"tekst": t, "n": n}), ids, st.lists(ids, max_size=4),
                       texts, st.integers(-5, 5)), max_size=12),
)
exc_st = st.lists(st.builds(ExceptionSpec, st.sampled_from(["D05", "K04", "M01", "R06", "S03", "U01", "X99"]), ids,
                            texts, st.sampled_from([None, "2026-11-26", "2026-11-27", "2027-01-01"])), max_size=8)


def _report(findings: Optional[list[Finding]] = None, blocks: Optional[list[RuleFindings]] = None) -> Report:
    return Report("m\"1", "Model", PEIL.isoformat(), "networkx", [r.code for r in RULES], findings, blocks=blocks)


@settings(max_examples=300, deadline=None)
@given(hits=hits_st, exceptions=exc_st, lang=st.sampled_from(["nl", "en"]), audit=st.booleans(),
       rules=st.sampled_from([RULES, RULES[:-1], RULES[2:]]))
def test_blocks_give_the_reference_findings_and_json(hits, exceptions, lang, audit, rules) -> None:
    want = reference_finalise(hits, exceptions, peildatum=PEIL, rules=rules, lang=lang, audit=audit)
    assert finalise(hits, exceptions, peildatum=PEIL, rules=rules, lang=lang, audit=audit) == want

    index = exception_index(exceptions, peildatum=PEIL, rules=rules)
    made = {r.code: RuleFindings.from_hits(r, iter(hits.get(r.code, ())), index.get(r.code), lang, audit)
            for r in rules if r.code != "U01"}
    # Half of the blocks travel as the child sends them: pickled, i.e. as their JSON.
    sent = {c: pickle.loads(pickle.dumps(b)) if i % 2 else b for i, (c, b) in enumerate(made.items())}
    blocks = finalise_blocks(sent, exceptions, peildatum=PEIL, rules=rules, lang=lang)
    fast = _report(blocks=blocks)
    slow = _report(findings=want)
    assert fast.summary() == slow.summary()
    for bar in ("error", "warning", "info", "never"):
        assert fast.exit_code(bar) == slow.exit_code(bar)
    assert to_json_bytes(fast) == reference_json(slow) == to_json(slow).encode("utf-8")
    assert fast.findings == want  # rows decoded back from the blocks' JSON, audit reasons included
    assert to_json_bytes(fast) == reference_json(slow)  # still, after reading the findings


@settings(max_examples=100, deadline=None)
@given(hits=hits_st, exceptions=exc_st, audit=st.booleans())
def test_a_pickled_block_equals_the_original(hits, exceptions, audit) -> None:
    index = exception_index(exceptions, peildatum=PEIL, rules=RULES)
    for r in RULES[:-1]:
        b = RuleFindings.from_hits(r, hits.get(r.code, ()), index.get(r.code), "nl", audit)
        c = pickle.loads(pickle.dumps(b, protocol=pickle.HIGHEST_PROTOCOL))
        assert (c.code, c.severity, c.count, c.suppressed, c.seen) == (b.code, b.severity, b.count, b.suppressed, b.seen)
        assert c.json() == b.json() and c.rows == b.rows and c.findings() == b.findings()


def test_the_findings_key_is_replaced_only_where_orjson_writes_it() -> None:
    """A model id or name holding the marker text cannot move the findings: strings in JSON hold
    no raw newline, so the marker (which starts with one) is only ever the key."""
    tricky = '\n  "findings": [],'
    r = Rule(code="D05", severity="warning", name={"nl": "", "en": ""}, message={"nl": tricky, "en": tricky},
             rationale={"nl": "", "en": ""}, fix={"nl": "", "en": ""}, source="", bad=U01.bad, good=U01.good,
             check=lambda ctx, p: (), subject=Kind.organisatie, facts=())
    block = RuleFindings.from_hits(r, [Hit(tricky, [tricky])], None)
    rep = Report(tricky, tricky, tricky, tricky, ["D05"], blocks=[block])
    doc = orjson.loads(to_json_bytes(rep))
    assert doc["model"] == tricky and doc["findings"][0]["subject"] == tricky
    assert to_json_bytes(rep) == reference_json(Report(tricky, tricky, tricky, tricky, ["D05"], block.findings()))


def test_assigning_findings_replaces_the_blocks() -> None:
    """A baseline filter assigns a shorter list: the JSON and the summary follow it."""
    rule = registry.get("R02")
    facts = {"naam": "Uitvoerder", "soort": "agentschap"}
    block = RuleFindings.from_hits(rule, [Hit("org-1", (), facts), Hit("org-2", (), facts)], None)
    rep = Report("m", "M", PEIL.isoformat(), "networkx", ["R02"], blocks=[block])
    assert rep.summary()["warning"] == 2
    rep.findings = [f for f in rep.findings if f.subject != "org-1"]
    assert rep.blocks is None and rep.summary()["warning"] == 1
    assert [f["subject"] for f in orjson.loads(to_json_bytes(rep))["findings"]] == ["org-2"]
