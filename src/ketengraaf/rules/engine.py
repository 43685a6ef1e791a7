"""The linter core: from the rules' hits to findings — messages, uitzonderingen, U01, order.

Backend-neutral and without concurrency: the pipeline (:mod:`ketengraaf.pipeline`) feeds it hits
computed in Python (per rule, in the process that ran it: :meth:`RuleFindings.from_hits`) or by
Cypher (:func:`finalise`); either way the findings are the same and deterministic.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any, Iterable, Mapping, Optional

import pickle

import orjson

from ketengraaf.rules.base import SEVERITY_RANK, Finding, Hit, Rule, Subject, subject_parts, subject_text
from ketengraaf.rules.uitzonderingen import U01


@dataclass
class ExceptionSpec:
    regel: str
    onderwerp: str
    reden: str
    geldig_tot: Optional[str]


#: A finding as the engine keeps it: (subject, related, message, suppressed, reason, typed subject,
#: facts); the last two only when the analysis keeps facts for renderers (else None).
Row = tuple[str, tuple[str, ...], str, bool, Optional[str], Optional[Subject], Optional[dict[str, Any]]]


class RuleFindings:
    """One rule's findings, sorted by (subject, related), as plain rows and/or as their JSON.

    Why not a list of :class:`Finding` objects: on a finding-heavy model (370,000 findings at
    100,000 organisations) every per-finding Python object is a cost that grows with the
    findings, not with the model: a ``Hit`` per check result, a ``Finding`` per hit, a dict per
    finding for JSON, and, with two processes, pickling the child's hits and unpickling them.
    A block keeps the rows as tuples, made in the process that ran the rule, and its JSON is
    made from the rows in one ``orjson`` call (:meth:`json`). Pickling a block (the child sends
    its rules' blocks to the parent) sends that JSON instead of the rows: one buffer rather than
    hundreds of thousands of objects, which the JSON writer concatenates unchanged and which is
    decoded back into rows only when something asks for them (another format, a baseline).

    ``count`` and ``suppressed`` give the summary and the exit code without rows; ``seen`` holds
    the uitzondering subjects of this rule that some finding has (for U01).
    """

    __slots__ = ("code", "severity", "count", "suppressed", "seen", "_rows", "_json", "_reasons")

    def __init__(self, code: str, severity: str, rows: list[Row], seen: frozenset[str] = frozenset()):
        self.code = code
        self.severity = severity
        self.count = len(rows)
        self.suppressed = sum(1 for r in rows if r[3]) if seen else 0
        self.seen = seen
        self._rows: Optional[list[Row]] = rows
        self._json: Optional[bytes | memoryview] = None
        self._reasons: dict[int, str] = {}

    @classmethod
    def from_hits(cls, rule: Rule, hits: Iterable[Hit], exceptions: Optional[dict[str, Optional[ExceptionSpec]]],
                  lang: str = "nl", audit: bool = False, keep_facts: bool = False) -> "RuleFindings":
        """The block of ``rule`` from its raw hits, consumed as they come (no list of hits is kept).

        ``exceptions``: this rule's uitzonderingen by onderwerp, the valid ones with their spec,
        the others with None (they suppress nothing but still count as matched for U01).
        ``keep_facts``: keep each finding's typed subject and facts (for renderers)."""
        render = rule.render
        kind = rule.subject
        rows: list[Row] = []
        append = rows.append
        seen: set[str] = set()
        for h in hits:
            s = subject_text(kind, h.subject)
            e = None
            if exceptions and s in exceptions:
                seen.add(s)
                e = exceptions[s]
            append((s, tuple(sorted(set(h.related))), render(h, lang), e is not None and not audit,
                    e.reden if e is not None else None,
                    Subject(kind, subject_parts(kind, h.subject)) if keep_facts else None,
                    h.facts if keep_facts else None))
        rows.sort(key=_row_key)  # stable: hits with the same subject and related keep their order
        return cls(rule.code, rule.severity, rows, frozenset(seen))

    @property
    def rows(self) -> list[Row]:
        if self._rows is None:
            assert self._json is not None
            reasons = self._reasons
            docs = orjson.loads(b"".join((b"[", self._json, b"]"))) if self.count else []
            self._rows = [(d["subject"], tuple(d["related"]), d["message"], d["suppressed"],
                           d.get("reason", reasons.get(i)), None, None) for i, d in enumerate(docs)]
        return self._rows

    def json(self) -> bytes | memoryview:
        """The findings as they stand in the JSON report's ``findings`` array: each object
        indented by 4 spaces (``json.dumps(indent=2)`` one level down), joined by ``,\n``, with
        no newline before the first or after the last; empty when there are none.

        A read-only bytes-like object (a view into orjson's output: the largest block is 150 MB,
        and every copy of it raises the peak memory of the process that holds it)."""
        if self._json is None:
            code, sev = self.code, self.severity
            docs = []
            for s, rel, msg, sup, why, _, _ in self.rows:
                d = {"rule": code, "severity": sev, "subject": s, "related": rel, "message": msg, "suppressed": sup}
                if sup:
                    d["reason"] = why
                docs.append(d)
            # Nested one list deeper, orjson indents the objects exactly as they stand in the
            # report: "[\n  [\n    {...},\n    {...}\n  ]\n]"; cut the two brackets off each end.
            self._json = memoryview(orjson.dumps([docs], option=orjson.OPT_INDENT_2))[6:-6] if docs else b""
        return self._json

    def findings(self) -> list[Finding]:
        code, sev = self.code, self.severity
        return [Finding(code, sev, s, rel, msg, sup, why, value, facts)
                for s, rel, msg, sup, why, value, facts in self.rows]

    def __reduce_ex__(self, protocol: Any) -> tuple[Any, ...]:
        # Across the pipe as its JSON: pickling 300,000 row tuples costs seconds, a buffer nothing.
        # From protocol 5 on, PickleBuffer writes the view's bytes straight into the pickle.
        # Rows with facts (kept for renderers) go as they are: JSON would lose the facts.
        if self._rows is not None and self._rows and self._rows[0][5] is not None:
            return (_rebuild_rows, (self.code, self.severity, self._rows, self.seen))
        reasons = {i: r[4] for i, r in enumerate(self._rows)
                   if r[4] is not None and not r[3]} if self._rows is not None and self.seen else self._reasons
        js = self.json()
        data = pickle.PickleBuffer(js) if isinstance(js, memoryview) and protocol >= 5 else bytes(js)
        return (_rebuild, (self.code, self.severity, self.count, self.suppressed, self.seen, data, reasons))


def _rebuild_rows(code: str, severity: str, rows: list[Row], seen: frozenset[str]) -> RuleFindings:
    return RuleFindings(code, severity, rows, seen)


def _rebuild(code: str, severity: str, count: int, suppressed: int, seen: frozenset[str], js: bytes,
             reasons: dict[int, str]) -> RuleFindings:
    b = RuleFindings.__new__(RuleFindings)
    b.code, b.severity, b.count, b.suppressed, b.seen = code, severity, count, suppressed, seen
    b._rows, b._json, b._reasons = None, js, reasons
    return b


def _row_key(r: Row) -> tuple[str, tuple[str, ...]]:
    return r[0], r[1]


class Report:
    """The outcome of an analysis.

    The findings are held per rule (``blocks``, from :func:`finalise_blocks`) and turned into a
    list of :class:`Finding` only when ``findings`` is first read: the JSON writer and the
    summary work from the blocks, so a JSON report of 370,000 findings never makes those objects.
    Assigning ``findings`` (a baseline filter does) replaces the blocks; change the list only by
    assigning a new one.
    """

    def __init__(self, model: str, naam: str, peildatum: str, backend: str, rules: list[str],
                 findings: Optional[list[Finding]] = None, lang: str = "nl", audit: bool = False, *,
                 blocks: Optional[list[RuleFindings]] = None, overrides: Optional[Mapping[str, Any]] = None):
        self.model, self.naam, self.peildatum, self.backend, self.rules = model, naam, peildatum, backend, rules
        self.lang, self.audit = lang, audit
        #: rule parameters that replaced the declared ones (``--drempel``): renderers print the
        #: figures of the rules as they ran (``Rule.effective(report.overrides)``)
        self.overrides: dict[str, Any] = dict(overrides or {})
        self.blocks: Optional[list[RuleFindings]] = blocks if findings is None else None
        self._findings: Optional[list[Finding]] = None if blocks is not None and findings is None else list(findings or [])

    @property
    def findings(self) -> list[Finding]:
        if self._findings is None:
            self._findings = [f for b in self.blocks or () for f in b.findings()]
        return self._findings

    @findings.setter
    def findings(self, value: list[Finding]) -> None:
        self._findings = list(value)
        self.blocks = None

    def __repr__(self) -> str:
        n = sum(b.count for b in self.blocks) if self.blocks is not None else len(self.findings)
        return f"Report(model={self.model!r}, backend={self.backend!r}, peildatum={self.peildatum!r}, {n} findings)"

    def summary(self) -> dict[str, int]:
        s = {"error": 0, "warning": 0, "info": 0, "suppressed": 0}
        if self.blocks is not None:
            for b in self.blocks:
                s["suppressed"] += b.suppressed
                s[b.severity] += b.count - b.suppressed
            return s
        for f in self.findings:
            if f.suppressed:
                s["suppressed"] += 1
            else:
                s[f.severity] += 1
        return s

    def exit_code(self, fail_on: str) -> int:
        """1 when an unsuppressed finding is at or above ``fail_on`` (never: always 0)."""
        if fail_on == "never":
            return 0
        bar = SEVERITY_RANK[fail_on]
        if self.blocks is not None:
            return 1 if any(b.count > b.suppressed and SEVERITY_RANK[b.severity] >= bar for b in self.blocks) else 0
        return 1 if any(not f.suppressed and SEVERITY_RANK[f.severity] >= bar for f in self.findings) else 0


def exception_index(exceptions: Iterable[ExceptionSpec], *, peildatum: date,
                    rules: list[Rule]) -> dict[str, dict[str, Optional[ExceptionSpec]]]:
    """``{rule code: {onderwerp: the valid uitzondering, or None when none of them is valid}}``
    for the rules that ran (the last valid one counts, as it always did)."""
    peil = peildatum.isoformat()
    ran = {r.code for r in rules}
    out: dict[str, dict[str, Optional[ExceptionSpec]]] = {}
    for e in exceptions:
        if e.regel not in ran:
            continue
        by = out.setdefault(e.regel, {})
        if e.geldig_tot is None or peil <= e.geldig_tot:
            by[e.onderwerp] = e
        else:
            by.setdefault(e.onderwerp, None)
    return out


def finalise_blocks(
    blocks: dict[str, RuleFindings],
    exceptions: Iterable[ExceptionSpec],
    *,
    peildatum: date,
    rules: list[Rule],
    lang: str = "nl",
    keep_facts: bool = False,
) -> list[RuleFindings]:
    """The blocks of the rules that ran plus U01 for exceptions (of those rules) that expired or
    match nothing, in code-point order of the rule codes: concatenated, they are the findings
    sorted by (rule, subject)."""
    peil = peildatum.isoformat()
    ran = {r.code for r in rules}
    out = [blocks[r.code] for r in rules if r.code != "U01"]
    if "U01" in ran:
        rows: list[Row] = []
        for e in exceptions:
            if e.regel not in ran:
                continue
            if e.geldig_tot is not None and e.geldig_tot < peil:
                verlopen: Optional[str] = e.geldig_tot
            elif e.regel == "U01" or e.onderwerp not in blocks[e.regel].seen:
                verlopen = None
            else:
                continue
            h = Hit((e.regel, e.onderwerp), (), {"regel": e.regel, "onderwerp": e.onderwerp, "verlopen": verlopen})
            rows.append((subject_text(U01.subject, h.subject), (), U01.render(h, lang), False, None,
                         U01.subject_of(h) if keep_facts else None, h.facts if keep_facts else None))
        rows.sort(key=_row_key)
        out.append(RuleFindings("U01", U01.severity, rows))
    out.sort(key=lambda b: b.code)
    return out


def finalise(
    hits: dict[str, list[Hit]],
    exceptions: Iterable[ExceptionSpec],
    *,
    peildatum: date,
    rules: list[Rule],
    lang: str = "nl",
    audit: bool = False,
    keep_facts: bool = False,
) -> list[Finding]:
    """Findings from raw hits per rule code: normalised, suppressed by valid uitzonderingen,
    U01 for exceptions (of the rules that ran) that expired or match nothing, sorted by
    (rule, subject) in code-point order. (The NetworkX strategy does the same per rule, in the
    process that ran it; this is the form for hits computed elsewhere, as by Neo4j.)"""
    exceptions = list(exceptions)
    index = exception_index(exceptions, peildatum=peildatum, rules=rules)
    blocks = {r.code: RuleFindings.from_hits(r, hits.get(r.code, ()), index.get(r.code), lang, audit, keep_facts)
              for r in rules if r.code != "U01"}
    return [f for b in finalise_blocks(blocks, exceptions, peildatum=peildatum, rules=rules, lang=lang,
                                       keep_facts=keep_facts)
            for f in b.findings()]
