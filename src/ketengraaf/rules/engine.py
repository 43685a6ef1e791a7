"""The linter core: run the selected rules, apply uitzonderingen, add U01, sort.

Backend-neutral: the NetworkX backend feeds it hits computed in Python, the Neo4j backend hits
computed by Cypher; :func:`finalise` turns either into the same, deterministic findings.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any, Callable, Iterable, Optional

from ketengraaf.rules import registry
from ketengraaf.rules.base import SEVERITY_RANK, Finding, Hit, Rule
from ketengraaf.rules.parallel import check_all
from ketengraaf.rules.uitzonderingen import U01


@dataclass
class ExceptionSpec:
    regel: str
    onderwerp: str
    reden: str
    geldig_tot: Optional[str]


@dataclass
class Report:
    model: str
    naam: str
    peildatum: str
    backend: str
    rules: list[str]
    findings: list[Finding] = field(default_factory=list)
    lang: str = "nl"
    audit: bool = False

    def summary(self) -> dict[str, int]:
        s = {"error": 0, "warning": 0, "info": 0, "suppressed": 0}
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
        return 1 if any(not f.suppressed and SEVERITY_RANK[f.severity] >= bar for f in self.findings) else 0


def _norm_related(related: Iterable[str]) -> tuple[str, ...]:
    return tuple(sorted(set(related)))


def finalise(
    hits: dict[str, list[Hit]],
    exceptions: Iterable[ExceptionSpec],
    *,
    peildatum: date,
    rules: list[Rule],
    lang: str = "nl",
    audit: bool = False,
    naam: Callable[[str], str] = lambda x: x,
) -> list[Finding]:
    """Findings from raw hits per rule code: normalised, suppressed by valid uitzonderingen,
    U01 for exceptions (of the rules that ran) that expired or match nothing, sorted by
    (rule, subject) in code-point order."""
    peil = peildatum.isoformat()
    ran = {r.code for r in rules}
    exc = [e for e in exceptions if e.regel in ran]
    valid: dict[tuple[str, str], ExceptionSpec] = {}
    for e in exc:
        if e.geldig_tot is None or peil <= e.geldig_tot:
            valid[(e.regel, e.onderwerp)] = e
    matched: set[tuple[str, str]] = set()
    out: list[Finding] = []
    for r in rules:
        if r.code == "U01":
            continue
        for h in hits.get(r.code, ()):
            key = (r.code, h.subject)
            e = valid.get(key)
            if e is not None:
                matched.add(key)
            out.append(Finding(
                rule=r.code, severity=r.severity, subject=h.subject, related=_norm_related(h.related),
                message=r.render(h, lang), suppressed=e is not None and not audit,
                reason=e.reden if e is not None else None,
            ))
    if "U01" in ran:
        all_subjects = {(f.rule, f.subject) for f in out}
        for e in exc:
            expired = e.geldig_tot is not None and e.geldig_tot < peil
            if expired:
                waarom = {"nl": f"is verlopen op {e.geldig_tot}", "en": f"expired on {e.geldig_tot}"}[lang]
            elif (e.regel, e.onderwerp) not in all_subjects:
                waarom = {"nl": "past op geen enkele bevinding", "en": "matches no finding"}[lang]
            else:
                continue
            h = Hit(f"{e.regel}:{e.onderwerp}", (), {"regel": e.regel, "onderwerp": e.onderwerp, "waarom": waarom})
            out.append(Finding("U01", U01.severity, h.subject, (), U01.render(h, lang)))
    out.sort(key=lambda f: (f.rule, f.subject, f.related))
    return out


def run_networkx(
    G: Any,
    *,
    peildatum: Optional[date] = None,
    selectors: Optional[Iterable[str]] = None,
    lang: str = "nl",
    audit: bool = False,
    drempel: float = 0.8,
    progress: Optional[Callable[[str], None]] = None,
    parallel: Optional[bool] = None,
    confirm: Optional[Callable[[], None]] = None,
) -> Report:
    """Run the selected rules on a NetworkX graph built by :func:`ketengraaf.graph.build.build_graph`.

    ``parallel``: run the checks on two processes (see :mod:`ketengraaf.rules.parallel`; None lets
    it decide by model size and platform). The findings are the same either way.

    ``confirm``: from :func:`ketengraaf.model.loader.load_model_early`; called once the context is
    built (or failed to build) and before any rule runs, so a model whose cross-checks fail raises
    ``ModelInvalid`` and is never analysed."""
    from ketengraaf.graph.view import Context

    try:
        ctx = Context(G, peildatum)
    finally:
        if confirm is not None:
            confirm()
    ctx.drempel = drempel  # type: ignore[attr-defined]
    ctx.lang = lang  # type: ignore[attr-defined]
    rules = registry.select(selectors)
    hits = check_all(ctx, rules, progress=progress, parallel=parallel)
    exceptions = [ExceptionSpec(e.regel, e.onderwerp, e.reden, e.geldig_tot) for e in ctx.exceptions]
    findings = finalise(hits, exceptions, peildatum=ctx.peildatum, rules=rules, lang=lang, audit=audit, naam=ctx.naam)
    return Report(model=ctx.model_id, naam=G.graph.get("naam") or ctx.model_id, peildatum=ctx.peil,
                  backend="networkx", rules=[r.code for r in rules], findings=findings, lang=lang, audit=audit)
