"""``ketengraaf diff``: what a change to a model resolves and what it creates.

Two models (OLD and NEW: two paths, or one path at a git revision and in the working tree) are
each analysed by the one pipeline (:class:`~ketengraaf.pipeline.Analysis`), on the same peildatum
with the same rules and options, and compared twice:

* :mod:`.model` — the **model changes**: items added, removed and changed, matched by id, field by
  field (organisations renamed or moved, relations whose rol, coordinerend or sturingsmodel
  changed, afspraken with their validity on the peildatum, ...);
* :mod:`.findings` — the **finding changes**: new, resolved, changed and unchanged, matched by
  (rule, subject).

The rest: :mod:`.touched` (which triangles and chains a change touches, from the model changes and
the typed subjects of the changed findings), :mod:`.render` (text, JSON, Markdown for a pull
request), :mod:`.html` (the page for a policy note, with before/after diagrams), :mod:`.gitrev`
(a model as it was at a git revision), :mod:`.commands` (the click command).

>>> from pathlib import Path
>>> from ketengraaf.pipeline import Analysis
>>> m = Path(__file__).parents[3] / "modellen" / "belastingdienst.yaml"
>>> d = compare(*open_pair(m, m))
>>> d.model, d.findings.counts()["new"], d.findings.counts()["resolved"]
([], 0, 0)
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from datetime import date
from typing import Any, Callable, Iterable, Mapping, Optional

from ketengraaf.diff.findings import ChangedFinding, FindingChanges, diff_reports
from ketengraaf.diff.model import FieldChange, ModelChange, diff_models
from ketengraaf.pipeline import Analysis
from ketengraaf.rules.engine import Report

__all__ = ["ChangedFinding", "Diff", "FieldChange", "FindingChanges", "ModelChange", "Side", "compare",
           "diff_models", "diff_reports", "open_pair"]


@dataclass
class Side:
    """One of the two models: how outputs name it (its path, or ``REV:path``), its analysis and
    its findings."""

    label: str
    analysis: Analysis
    report: Report

    @property
    def model_id(self) -> str:
        return self.analysis.model.id

    @property
    def naam(self) -> str:
        return self.analysis.model.naam or self.analysis.model.id


@dataclass
class Diff:
    """Everything the outputs show. ``notes``: (text key, its fields) for what the reader must know
    about how the two sides were compared (texts in :mod:`ketengraaf.texts.diff`)."""

    old: Side
    new: Side
    peildatum: date
    model: list[ModelChange]
    findings: FindingChanges
    lang: str = "nl"
    rules: list[str] = field(default_factory=list)
    audit: bool = False
    overrides: dict[str, Any] = field(default_factory=dict)
    notes: list[tuple[str, dict[str, str]]] = field(default_factory=list)

    def exit_code(self, fail_on_new: str) -> int:
        """CI: 1 when the change introduces an open finding at or above ``fail_on_new``."""
        return self.findings.exit_code(fail_on_new)


def open_pair(old: str | os.PathLike[str], new: str | os.PathLike[str], *, peildatum: Optional[date] = None,
              ) -> tuple[Analysis, Analysis, list[tuple[str, dict[str, str]]]]:
    """Read both models (their cross-checks run in the background until the analyses need them)
    and put them on one peildatum: ``peildatum``, else NEW's, else OLD's, else today. Also returns
    the notes that choice needs (two models that name different peildatums)."""
    a = Analysis.open(old, peildatum=peildatum)
    b = Analysis.open(new, peildatum=peildatum)
    notes: list[tuple[str, dict[str, str]]] = []
    if peildatum is None:
        pa, pb = a.model.peildatum, b.model.peildatum
        chosen = pb or pa or date.today()
        if pa and pb and pa != pb:
            notes.append(("note_peildatum", {"old": pa.isoformat(), "new": pb.isoformat(), "peil": chosen.isoformat()}))
        if a.peildatum != chosen:
            a = Analysis(a.model, peildatum=chosen, confirm=a.confirm)
        if b.peildatum != chosen:
            b = Analysis(b.model, peildatum=chosen, confirm=b.confirm)
    return a, b, notes


def compare(old: Analysis, new: Analysis, notes: Iterable[tuple[str, dict[str, str]]] = (), *,
            labels: tuple[str, str] = ("OLD", "NEW"), selectors: Optional[Iterable[str]] = None, lang: str = "nl",
            audit: bool = False, overrides: Optional[Mapping[str, Any]] = None, keep_facts: bool = False,
            progress: Optional[Callable[[str], None]] = None) -> Diff:
    """Analyse both models with the same rules and options and compare them. ``keep_facts``: the
    findings keep their typed subjects and facts (the HTML page draws them)."""
    if old.peildatum != new.peildatum:
        raise ValueError(f"both sides need one peildatum, not {old.peildatum} and {new.peildatum}")
    selectors = list(selectors or ())
    opts = dict(selectors=selectors, lang=lang, audit=audit, overrides=dict(overrides or {}), keep_facts=keep_facts)
    if progress:
        progress("old")
    ro = old.findings(**opts)  # type: ignore[arg-type]
    if progress:
        progress("new")
    rn = new.findings(**opts)  # type: ignore[arg-type]
    if progress:
        progress("compare")
    changes = diff_models(old.model, new.model, new.peildatum)
    return Diff(Side(labels[0], old, ro), Side(labels[1], new, rn), new.peildatum, changes, diff_reports(ro, rn),
                lang=lang, rules=rn.rules, audit=audit, overrides=dict(overrides or {}), notes=list(notes))
