"""One check of a model, as the editor shows it: ``validate``'s problems or ``analyse``'s findings,
per file, at the places the CLI prints (``FILE:LINE:COLUMN``, SARIF's locations).

A model with errors gets exactly :func:`ketengraaf.pipeline.load_model`'s problems (as ``validate``
and ``analyse`` stop there, exit 2); a valid one the open findings of ``analyse`` with the same
settings (suppressed findings are accepted: no diagnostic). :func:`run` asks ``still_wanted``
between its stages and rules, and stops with :class:`Cancelled` when a newer change came.
"""

from __future__ import annotations

import gc
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Optional

from ketengraaf.errors import ModelInvalid
from ketengraaf.lsp.settings import Settings


class Cancelled(Exception):
    """A newer change made this run useless."""


@dataclass(frozen=True)
class Diag:
    """One diagnostic: 1-based ``line`` and ``column`` as the CLI prints them (line 0: the file as
    a whole); ``code``: the rule, None for a load error; ``severity``: error, warning or info."""

    line: int
    column: int
    message: str
    severity: str = "error"
    code: Optional[str] = None
    subject: Optional[str] = None
    ref: Optional[str] = None


@dataclass
class Outcome:
    root: Path
    files: list[Path]
    diags: dict[Path, list[Diag]] = field(default_factory=dict)
    valid: bool = False


def run(root: Path, source: Any, settings: Settings, still_wanted: Callable[[], bool]) -> Outcome:
    """Check the model at ``root`` read through ``source``. As for a command (``cli.main``), the
    cyclic garbage collector waits while it runs: it would only re-scan the run's objects, all
    alive until the end (a third of the time at 10,000 organisations); it collects after."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        return _run(root, source, settings, still_wanted)
    finally:
        if enabled:
            gc.enable()


def _run(root: Path, source: Any, settings: Settings, still_wanted: Callable[[], bool]) -> Outcome:
    from ketengraaf.pipeline import Analysis
    from ketengraaf.render.locate import make_locator

    def check(*_: Any) -> None:
        if not still_wanted():
            raise Cancelled()

    check()
    try:
        files = source.discover(root, _limits())
    except ModelInvalid as e:
        return _problems(Outcome(root, []), e)
    out = Outcome(root, files)
    try:
        a = Analysis.open(root, peildatum=settings.peildatum, background=False, source=source, progress=check)
        check()
        report = a.findings(selectors=settings.rules or None, lang=settings.lang, overrides=settings.overrides,
                            keep_facts=True, progress=check)
    except ModelInvalid as e:
        return _problems(out, e)
    out.valid = True
    locate = make_locator(a.model)
    fallback = str(files[0]) if files else str(root)
    for f in report.findings:
        if f.suppressed:
            continue
        where = locate(f) or (fallback, 1, 1)
        out.diags.setdefault(Path(where[0]), []).append(
            Diag(where[1], where[2], f.message, f.severity, f.rule, f.subject))
    return out


def _problems(out: Outcome, e: ModelInvalid) -> Outcome:
    for p in e.problems:
        out.diags.setdefault(Path(p.file), []).append(Diag(p.line, p.column, p.message, "error", None, None, p.ref))
    return out


def _limits() -> Any:
    from ketengraaf.model import inputs

    return inputs.Limits.from_env()
