"""Findings on the picture: each finding becomes a mark (code, severity, accepted or not) on what
its typed subject is about — a node, a sturingsrelatie, a handover — drawn as code badges and as
the colour of the worst open severity."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Callable, Iterable, Optional, Sequence

from ketengraaf.render.dot.style import INK, SEV_STYLE, SUPPRESSED_STYLE
from ketengraaf.render.dot.writer import clean, esc
from ketengraaf.rules.base import SEVERITY_RANK, Finding, Kind
from ketengraaf.texts.diagram import DIAGRAM


@dataclass(frozen=True)
class Mark:
    code: str
    severity: str
    suppressed: bool
    message: str


def dedupe(ms: Iterable[Mark]) -> list[Mark]:
    """One mark per code (an open one wins over a suppressed one), sorted by code."""
    best: dict[str, Mark] = {}
    for m in ms:
        b = best.get(m.code)
        if b is None or (b.suppressed and not m.suppressed):
            best[m.code] = m
    return [best[c] for c in sorted(best)]


def worst(marks: Sequence[Mark]) -> Optional[str]:
    """The highest severity among the open (unsuppressed) marks."""
    open_ = [m.severity for m in marks if not m.suppressed]
    return max(open_, key=lambda s: SEVERITY_RANK[s]) if open_ else None


class Marks:
    """Findings indexed by what they are about: a node id, a sturingsrelatie, a handover — read
    from each finding's typed subject (the analysis keeps them for renderers), never parsed from
    the subject's string."""

    def __init__(self, findings: Iterable[Finding]):
        self.node: dict[str, list[Mark]] = {}
        self.rel: dict[tuple[str, str, str], list[Mark]] = {}
        self.handover: dict[tuple[str, str], list[Mark]] = {}
        for f in findings:
            subj = f.subject_value
            if subj is None:
                raise ValueError("diagrams need findings with their typed subjects (analyse with keep_facts=True)")
            m = Mark(f.rule, f.severity, f.suppressed, f.message)
            if subj.kind is Kind.uitzondering:
                continue
            if subj.kind is Kind.relatie:
                self.rel.setdefault(subj.parts, []).append(m)  # type: ignore[arg-type]
            elif subj.kind is Kind.overdracht:
                self.handover.setdefault(subj.parts, []).append(m)  # type: ignore[arg-type]
            else:
                for part in subj.parts:
                    self.node.setdefault(part, []).append(m)

    def of(self, id_: str) -> list[Mark]:
        return dedupe(self.node.get(id_, ()))

    def of_rel(self, rol: str, van: str, naar: str) -> list[Mark]:
        return dedupe(self.rel.get((rol, van, naar), ()))

    def of_handover(self, p: str, s: str) -> list[Mark]:
        return dedupe(self.handover.get((p, s), ()))

    def open_count(self, ids: Iterable[str], themes: tuple[str, ...]) -> int:
        """How many open findings of ``themes`` (rule-code prefixes) are on ``ids``, one per rule and id."""
        return sum(1 for i in ids for m in self.of(i) if m.code.startswith(themes) and not m.suppressed)


def most(items: Sequence[Any], weight: Callable[[Any], int], limit: Optional[int], *,
         weighted_only: bool = False) -> tuple[list[Any], int]:
    """The ``limit`` items of greatest ``weight(item)`` (of equal weight, the earlier), in their own
    order, and how many are left out; ``limit`` 0 or None: all of them. ``weighted_only``: items of
    weight 0 are left out too. How a large picture or report chooses what to draw.

    >>> most(["a", "b", "c", "d"], {"a": 1, "b": 3, "c": 3, "d": 0}.get, 2)
    (['b', 'c'], 2)
    >>> most(["a", "b", "d"], {"a": 1, "b": 3, "d": 0}.get, 5, weighted_only=True)
    (['a', 'b'], 1)
    >>> most(["a", "b"], len, 0)
    (['a', 'b'], 0)
    """
    cands = [i for i in range(len(items)) if not weighted_only or weight(items[i])]
    if limit:
        cands = sorted(cands, key=lambda i: (-weight(items[i]), i))[:limit]
    keep = set(cands)
    return [x for i, x in enumerate(items) if i in keep], len(items) - len(keep)


def pills(marks: Sequence[Mark], size: int = 9) -> str:
    """A row of code badges, one per rule, coloured by severity (grey when accepted)."""
    if not marks:
        return ""
    cells = []
    for m in marks:
        line, _, text = SUPPRESSED_STYLE if m.suppressed else SEV_STYLE[m.severity]
        cells.append(f'<TD BGCOLOR="{line}" CELLPADDING="2"><FONT COLOR="{text}" POINT-SIZE="{size}">'
                     f'<B> {esc(m.code)} </B></FONT></TD>')
    return f'<TABLE BORDER="0" CELLBORDER="0" CELLSPACING="2" CELLPADDING="0"><TR>{"".join(cells)}</TR></TABLE>'


def tooltip(title: str, marks: Sequence[Mark], lang: str) -> str:
    lines = [clean(title)]
    for m in marks:
        extra = f" ({DIAGRAM[lang]['geaccepteerd']})" if m.suppressed else ""
        lines.append(f"{m.code}{extra}: {clean(m.message)}")
    return "\n".join(lines)[:2000]


def sev_attrs(marks: Sequence[Mark], base: dict[str, str], *, edge: bool = False) -> dict[str, str]:
    """Node/edge attributes for the worst open severity (base attributes otherwise)."""
    a = dict(base)
    w = worst(marks)
    if w is None:
        return a
    line, fill, _ = SEV_STYLE[w]
    a["color"] = line
    if edge:
        a["fontcolor"] = INK
        a["penwidth"] = "3" if w == "error" else "2.4"
    else:
        a["fillcolor"] = fill
        a["penwidth"] = "3.2" if w == "error" else "2.6"
        if "filled" not in a.get("style", ""):
            a["style"] = (a.get("style", "") + ",filled").strip(",")
    return a
