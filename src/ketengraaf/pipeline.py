"""The data's path as functions: read → validate → graph → rules → report."""

from __future__ import annotations

from datetime import date
from typing import Any, Callable, Iterable, Optional

from ketengraaf.graph.build import build_graph
from ketengraaf.model.loader import Model, load_model_early
from ketengraaf.rules.engine import Report, run_networkx


def analyse_path(
    path: str,
    *,
    peildatum: Optional[date] = None,
    selectors: Optional[Iterable[str]] = None,
    lang: str = "nl",
    audit: bool = False,
    drempel: Optional[float] = None,
    progress: Optional[Callable[[str], None]] = None,
    keep_facts: bool = False,
) -> tuple[Model, Any, Report]:
    """Load the model at ``path``, build its graph and run the rules on NetworkX. ``keep_facts``:
    the findings keep their typed subjects and facts (for renderers)."""
    model, confirm = load_model_early(path)  # cross-checks beside the graph build
    try:
        G = build_graph(model)
    except Exception:
        confirm()
        raise
    report = run_networkx(G, peildatum=peildatum or model.peildatum, selectors=selectors, lang=lang,
                          audit=audit, drempel=drempel, progress=progress, confirm=confirm, keep_facts=keep_facts)
    return model, G, report
