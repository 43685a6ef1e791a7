"""Where a finding's subject is defined in the model's files: for SARIF, JUnit and the editor."""

from __future__ import annotations

from typing import Any, Callable, Optional

from ketengraaf.model.loader import Model
from ketengraaf.rules.base import Kind


def subject_index(model: Model) -> dict[str, tuple[str, int, tuple]]:
    """Where each id, relation key and exception key is defined: ``key -> (section, index, sub)``."""
    idx: dict[str, tuple[str, int, tuple]] = {}
    for s in ("organisaties", "opdrachten", "afspraken", "ketens", "gegevens", "gegevensstromen", "middelen"):
        for i, obj in enumerate(getattr(model, s)):
            idx.setdefault(obj.id, (s, i, ()))  # type: ignore[attr-defined]
            if s == "ketens":
                for j, sch in enumerate(obj.schakels):  # type: ignore[attr-defined]
                    idx.setdefault(sch.id, (s, i, ("schakels", j)))
    for i, r in enumerate(model.sturingsrelaties):
        idx.setdefault(r.key, ("sturingsrelaties", i, ()))
    for i, u in enumerate(model.uitzonderingen):
        idx.setdefault(f"{u.regel}:{u.onderwerp}", ("uitzonderingen", i, ()))
    return idx


def make_locator(model: Model) -> Callable[[Any], Optional[tuple[str, int, int]]]:
    """A function from a finding (with its typed subject) to ``(file, line, column)`` of where its
    subject is defined: the organisation, relation, opdracht, … itself; for a handover P->S the
    link S; for a combination its first member; for U01 the uitzondering."""
    idx: Optional[dict[str, tuple[str, int, tuple]]] = None

    def locate(finding: Any) -> Optional[tuple[str, int, int]]:
        nonlocal idx
        if idx is None:
            idx = subject_index(model)
        subj = finding.subject_value
        if subj is None:
            raise ValueError("locating a finding needs its typed subject (analyse with keep_facts=True)")
        if subj.kind in (Kind.relatie, Kind.uitzondering):
            key = subj.text
        elif subj.kind is Kind.overdracht:
            key = subj.parts[1]
        else:
            key = min(subj.parts)
        hit = idx.get(key)
        if hit is None:
            return None
        section, i, sub = hit
        return model.locate(section, i, sub)

    return locate