"""Which steering triangles and ketens a change touches, and what to draw as changed in them.

A triangle (an executor's eigenaars, opdrachtgevers, lopende opdrachten and agreements, as the
``driehoek`` view draws it) is touched when, on either side,

* the executor itself changed, or a member of its triangle (an eigenaar or opdrachtgever renamed,
  moved, given another soort), or a forum it meets them in;
* a sturingsrelatie to it, an opdracht to it, or an afspraak it is a partij of changed;
* a finding about it changed (new, resolved or changed), read from the finding's typed subject as
  the report reads it (:func:`ketengraaf.render.report.triangle_subjects`).

A keten is touched when it, one of its schakels, an organisation that executes, owns or directs
it, or an afspraak made for it changed, or a finding about it, a schakel or a handover of it.

Everything here is linear in the models: each side's relations, assignments and chains are
looked at once.
"""

from __future__ import annotations

from collections import Counter
from typing import Any, Iterable, Iterator

from ketengraaf.diff import Diff
from ketengraaf.render.dot import executors
from ketengraaf.render.report import triangle_findings, triangle_subjects
from ketengraaf.rules.base import Finding


def highlight(d: Diff) -> frozenset[str]:
    """What the diagrams draw as changed: the id of every changed item, and a sturingsrelatie's
    key (both keys when its rol changed)."""
    out: set[str] = set()
    for c in d.model:
        if c.section in ("model", "uitzonderingen"):
            continue
        out.add(c.id)
        if c.old_id:
            out.add(c.old_id)
    return frozenset(out)


def _changed(d: Diff, section: str) -> list[str]:
    return [c.id for c in d.model if c.section == section]


def _sides(d: Diff) -> list[tuple[Any, Any, list[Finding]]]:
    """(context, model, the changed findings made on it) for OLD and NEW."""
    f = d.findings
    return [(d.old.analysis.context, d.old.analysis.model, [*f.resolved, *(c.old for c in f.changed)]),
            (d.new.analysis.context, d.new.analysis.model, [*f.new, *(c.new for c in f.changed)])]


def triangles(d: Diff) -> list[str]:
    """The executors (of either side) whose triangle the change touches, sorted."""
    orgs = set(_changed(d, "organisaties"))
    opdrachten = set(_changed(d, "opdrachten"))
    afspraken = set(_changed(d, "afspraken"))
    rel_naar = {key.rsplit("->", 1)[1] for c in d.model if c.section == "sturingsrelaties"
                for key in (c.id, c.old_id) if key}
    out: set[str] = set()
    execs: set[str] = set()
    for ctx, model, findings in _sides(d):
        side_execs = set(executors(ctx))
        execs |= side_execs
        out |= orgs & side_execs
        out |= rel_naar & side_execs
        if orgs:  # a member of the triangle changed: an eigenaar or opdrachtgever of X, a forum X is in
            out.update(r.naar for r in ctx.relations if r.van in orgs)
            out.update(a.opdrachtnemer for a in ctx.active_assignments if a.opdrachtgever in orgs)
            for ov in orgs:
                members = ctx.deelnemers.get(ov, ())
                out.update(m for m in members if m in side_execs)
        if opdrachten:
            out.update(o.opdrachtnemer for o in model.opdrachten if o.id in opdrachten)
        if afspraken:
            out.update(p for a in model.afspraken if a.id in afspraken for p in a.partijen)
        out.update(triangle_subjects(ctx, findings, open_only=False))
    return sorted(out & execs)


def _chain_of(ctx: Any) -> dict[str, str]:
    """Each keten id and schakel id of a side, with its keten."""
    out: dict[str, str] = {}
    for c in ctx.chains:
        out[c.id] = c.id
        for s in c.schakels:
            out[s.id] = c.id
    return out


def _chains_of_orgs(ctx: Any, orgs: set[str]) -> Iterator[str]:
    for c in ctx.chains:
        if {c.regisseur, c.bestuur} & orgs or any({s.uitvoerder, s.eigenaar} & orgs for s in c.schakels):
            yield c.id


def chains(d: Diff) -> list[str]:
    """The ketens (of either side) the change touches, sorted."""
    items = set(_changed(d, "ketens")) | set(_changed(d, "schakels"))
    orgs = set(_changed(d, "organisaties"))
    afspraken = set(_changed(d, "afspraken"))
    out: set[str] = set()
    for ctx, model, findings in _sides(d):
        where = _chain_of(ctx)
        out.update(where[i] for i in items if i in where)
        if orgs:
            out.update(_chains_of_orgs(ctx, orgs))
        if afspraken:
            out.update(a.keten for a in model.afspraken if a.id in afspraken and a.keten)
        out.update(where[i] for i in _subject_ids(findings) if i in where)
    return sorted(out)


def weights(d: Diff) -> tuple["Counter[str]", "Counter[str]"]:
    """How many of the findings the change makes, resolves or changes each triangle (by executor) and
    each keten shows, on either side: which to draw first when not all are drawn
    (:data:`ketengraaf.render.MAX_DIAGRAMS`)."""
    tri: Counter[str] = Counter()
    ket: Counter[str] = Counter()
    for ctx, model, findings in _sides(d):
        tri.update(triangle_findings(ctx, findings, open_only=False))
        where = _chain_of(ctx)
        for f in findings:
            assert f.subject_value is not None, "the diagrams need findings with their typed subjects"
            ket.update({where[i] for i in f.subject_value.ids if i in where})
    return tri, ket


def _subject_ids(findings: Iterable[Finding]) -> Iterator[str]:
    for f in findings:
        assert f.subject_value is not None, "the diagrams need findings with their typed subjects"
        yield from f.subject_value.ids
