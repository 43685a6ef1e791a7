"""Finding changes: the findings of two analyses matched by (rule, subject).

A finding of NEW whose (rule, subject) OLD does not have is **new**; one of OLD that NEW does not
have is **resolved**; one both have is **changed** when its related ids, its message or whether it
is suppressed differ, else **unchanged**. Every finding of NEW is new, changed or unchanged, and
every finding of OLD resolved, changed or unchanged: the lists partition both analyses.

The rules give at most one finding per (rule, subject); should a rule ever give two, they are
paired in their sorted order and the rest count as new or resolved.

Linear in the findings: the reports are compared rule by rule from their blocks of plain rows
(:class:`~ketengraaf.rules.engine.RuleFindings`), and a rule whose rows are the same on both
sides (most rules, for most commits) costs one list comparison.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Iterable, Iterator

from ketengraaf.rules.base import SEVERITY_RANK, Finding
from ketengraaf.rules.engine import Report, Row

#: What can differ between a finding in OLD and the same (rule, subject) in NEW.
ASPECTS: tuple[str, ...] = ("related", "message", "suppressed")


@dataclass(frozen=True)
class ChangedFinding:
    """The same (rule, subject) in both analyses, with what differs (``aspects``)."""

    old: Finding
    new: Finding
    aspects: tuple[str, ...]

    @property
    def rule(self) -> str:
        return self.new.rule

    @property
    def severity(self) -> str:
        return self.new.severity

    @property
    def subject(self) -> str:
        return self.new.subject

    @property
    def opened(self) -> bool:
        """Suppressed in OLD and open in NEW: the change introduces it as an open finding."""
        return self.old.suppressed and not self.new.suppressed


@dataclass
class FindingChanges:
    """The four lists, each sorted by (rule, subject) in code-point order."""

    new: list[Finding] = field(default_factory=list)
    resolved: list[Finding] = field(default_factory=list)
    changed: list[ChangedFinding] = field(default_factory=list)
    unchanged: list[Finding] = field(default_factory=list)

    def introduced(self) -> Iterator[Finding]:
        """The open findings the change introduces: new ones that are not suppressed, and those
        that were suppressed in OLD and are open in NEW (an uitzondering removed or expired)."""
        for f in self.new:
            if not f.suppressed:
                yield f
        for c in self.changed:
            if c.opened:
                yield c.new

    def exit_code(self, fail_on_new: str) -> int:
        """1 when the change introduces an open finding at or above ``fail_on_new`` (never: 0)."""
        if fail_on_new == "never":
            return 0
        bar = SEVERITY_RANK[fail_on_new]
        return 1 if any(SEVERITY_RANK[f.severity] >= bar for f in self.introduced()) else 0

    def counts(self) -> dict[str, int]:
        return {"new": len(self.new), "resolved": len(self.resolved), "changed": len(self.changed),
                "unchanged": len(self.unchanged)}


def _blocks(report: Report) -> dict[str, tuple[str, list[Row]]]:
    """``{rule code: (severity, rows)}``: the report's blocks, or its findings grouped by rule
    (a report whose findings were replaced, or one made by the Neo4j backend)."""
    if report.blocks is not None:
        return {b.code: (b.severity, b.rows) for b in report.blocks}
    out: dict[str, tuple[str, list[Row]]] = {}
    for f in report.findings:
        out.setdefault(f.rule, (f.severity, []))[1].append(
            (f.subject, f.related, f.message, f.suppressed, f.reason, f.subject_value, f.facts))
    return out


def _finding(code: str, severity: str, r: Row) -> Finding:
    return Finding(code, severity, r[0], r[1], r[2], r[3], r[4], r[5], r[6])


def _same(a: Row, b: Row) -> bool:
    """Equal as findings (subject, related, message, suppressed, reason); typed subject and facts
    follow from them."""
    return a[:5] == b[:5]


def _aspects(a: Row, b: Row) -> tuple[str, ...]:
    out = []
    if a[1] != b[1]:
        out.append("related")
    if a[2] != b[2]:
        out.append("message")
    if a[3] != b[3] or a[4] != b[4]:
        out.append("suppressed")
    return tuple(out)


def _by_subject(rows: Iterable[Row]) -> dict[str, list[Row]]:
    out: dict[str, list[Row]] = {}
    for r in rows:
        lst = out.get(r[0])
        if lst is None:
            out[r[0]] = [r]
        else:
            lst.append(r)
    return out


def diff_reports(old: Report, new: Report) -> FindingChanges:
    """The finding changes from ``old`` to ``new`` (both analysed with the same peildatum, rules
    and options; the caller sees to that)."""
    a, b = _blocks(old), _blocks(new)
    out = FindingChanges()
    for code in sorted(set(a) | set(b)):
        sev_a, rows_a = a.get(code, ("", []))
        sev_b, rows_b = b.get(code, ("", []))
        sev = sev_b or sev_a
        if len(rows_a) == len(rows_b) and all(_same(x, y) for x, y in zip(rows_a, rows_b)):
            out.unchanged += (_finding(code, sev, r) for r in rows_b)
            continue
        _diff_rule(code, sev_a or sev, sev, rows_a, rows_b, out)
    return out


def _diff_rule(code: str, sev_a: str, sev_b: str, rows_a: list[Row], rows_b: list[Row], out: FindingChanges) -> None:
    """One rule's rows, matched by subject; rows stay in their sorted order in every list."""
    old_by = _by_subject(rows_a)
    new_by = _by_subject(rows_b)
    for s, rs in old_by.items():
        others = new_by.get(s, ())
        for r in rs[len(others):]:
            out.resolved.append(_finding(code, sev_a, r))
    for s, rs in new_by.items():
        before: list[Row] | tuple[()] = old_by.get(s, ())
        for i, r in enumerate(rs):
            if i >= len(before):
                out.new.append(_finding(code, sev_b, r))
                continue
            o = before[i]
            if _same(o, r):
                out.unchanged.append(_finding(code, sev_b, r))
            else:
                out.changed.append(ChangedFinding(_finding(code, sev_a, o), _finding(code, sev_b, r), _aspects(o, r)))

