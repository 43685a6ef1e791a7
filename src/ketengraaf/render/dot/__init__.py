"""Graphviz DOT for the five views of a model, with the findings drawn on the picture.

Views (``docs/diagrams.md`` explains each one and the choices made), one module each, each a pure
function of a :class:`~ketengraaf.render.dot.diagram.Diagram` that returns DOT text:

* :mod:`.driehoek` — one executor with its eigenaar(s), opdrachtgever(s), the sturingsmodel, its
  lopende opdrachten and the agreements and fora that hold between them;
* :mod:`.opdrachtgevers` — executors with two or more commissioners, grouped by ministry;
* :mod:`.keten` — one chain, links in handover order left to right, grouped by executing organisation;
* :mod:`.gegevens` — datasets and the data flows between organisations;
* :mod:`.overzicht` — the whole model nested by ``onderdeel_van`` with the steering relations; folded
  above :data:`~.style.MAX_ORGS` organisations.

The rest: :mod:`.writer` (DOT text: escaping, quoting, a writer in insertion order), :mod:`.marks`
(findings on the picture, by their typed subjects), :mod:`.widgets` (label pieces, the legend),
:mod:`.diagram` (what views share), :mod:`.style` (colours and shapes).

The views read, never re-derive: the figures a rule reports (M04's demand and its day, K07's chain
performance, the agreements K04 and D05 accept) come from the rule's own functions and declared
parameters, and the look-ups from the context the rules ran on.

The DOT text is written here, not by a library, so that it is deterministic (sorted iteration,
ids derived from model ids: the same model gives byte-identical DOT) and robust: every text a model
author wrote goes through :func:`esc` into an HTML-like label, every id through :func:`q`.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Any, Optional, Sequence

from ketengraaf.errors import UsageError
from ketengraaf.graph.view import Chain
from ketengraaf.render.dot import driehoek, gegevens, keten, opdrachtgevers, overzicht
from ketengraaf.render.dot.diagram import Diagram
from ketengraaf.render.dot.driehoek import Triangle, executors, ladders_of, triangle
from ketengraaf.render.dot.style import FONT, MAX_ORGS, MULTI_VIEWS, SEV_STYLE, SUPPRESSED_STYLE, VIEWS
from ketengraaf.render.dot.writer import clean, esc, q
from ketengraaf.rules.base import SEVERITY_RANK
from ketengraaf.rules.engine import Report

__all__ = ["Chain", "Diagram", "FONT", "MAX_ORGS", "MULTI_VIEWS", "SEVERITY_RANK", "SEV_STYLE", "SUPPRESSED_STYLE",
           "Triangle", "VIEWS", "check_subject", "clean", "esc", "executors", "ladders_of", "make_diagram", "q",
           "subject_slug", "subjects", "to_dot", "triangle", "view_overzicht"]

#: The overzicht with its folding threshold as a parameter (tests and the benchmark fold small models).
view_overzicht = overzicht.view


def make_diagram(analysis: Any, report: Report, *, lang: str = "nl", highlight: frozenset[str] = frozenset()) -> Diagram:
    """The views of an analysis (:class:`ketengraaf.pipeline.Analysis`) and the report of its
    findings: they read the same context the rules ran on. ``highlight``: ids and relation keys to
    draw as changed (``ketengraaf diff``)."""
    return Diagram(analysis.context, report, lang, highlight=highlight)


def subjects(dg: Diagram, view: str) -> list[str]:
    """The valid ``--subject`` values of a view (empty for views without a subject)."""
    if view == "driehoek":
        return executors(dg.ctx)
    if view == "keten":
        return [c.id for c in dg.ctx.chains]
    if view == "overzicht":
        return sorted(dg.ctx.orgs)
    return []


def check_subject(dg: Diagram, view: str, subject: Optional[str]) -> None:
    """UsageError for an unknown view or a subject the view does not have, with a did-you-mean."""
    if view not in VIEWS:
        raise UsageError(_unknown("view", view, list(VIEWS)))
    if subject is None:
        return
    valid = subjects(dg, view)
    if not valid and view in ("opdrachtgevers", "gegevens"):
        raise UsageError(f"the view '{view}' draws the whole model and takes no --subject")
    if subject not in valid:
        what = {"driehoek": "executor", "keten": "chain", "overzicht": "organisation"}[view]
        raise UsageError(_unknown(what, subject, valid))


def _unknown(what: str, value: str, valid: Sequence[str]) -> str:
    import difflib

    m = difflib.get_close_matches(value, list(valid), n=1, cutoff=0.5)
    if m:
        return f"unknown {what} '{value}'; did you mean '{m[0]}'?"
    if not valid:
        return f"unknown {what} '{value}'; the model has none"
    shown = ", ".join(valid[:12]) + (", …" if len(valid) > 12 else "")
    return f"unknown {what} '{value}'; choose one of: {shown}"


def to_dot(dg: Diagram, view: str, subject: Optional[str] = None) -> str:
    """DOT text of ``view`` (for ``subject``; None: the whole model, or every subject of the view)."""
    check_subject(dg, view, subject)
    if view == "driehoek":
        return driehoek.view(dg, subject)
    if view == "opdrachtgevers":
        return opdrachtgevers.view(dg)
    if view == "keten":
        return keten.view(dg, subject)
    if view == "gegevens":
        return gegevens.view(dg)
    return overzicht.view(dg, subject)


def subject_slug(s: str) -> str:
    """A file-name-safe form of a subject id (ids are already safe; this guards anyway)."""
    s = unicodedata.normalize("NFKD", s)
    return re.sub(r"[^A-Za-z0-9._-]+", "_", s).strip("._") or "x"
