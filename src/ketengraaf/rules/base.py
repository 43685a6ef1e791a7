"""What a rule is: a declarative object (code, severity, texts, sources, examples) plus a check.

A check receives the :class:`~ketengraaf.graph.view.Context` and yields :class:`Hit` s: subject,
related ids and the parameters of its message. The engine turns hits into :class:`Finding` s
(normalised, translated, matched against uitzonderingen, sorted).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Callable, Iterable, Optional

SEVERITIES = ("error", "warning", "info")
SEVERITY_RANK = {"info": 0, "warning": 1, "error": 2}
LANGS = ("nl", "en")

#: Theme letter -> (theme name, Dutch title, English title)
THEMES: dict[str, tuple[str, str, str]] = {
    "R": ("rollen", "Rollen en rolvastheid", "Roles in the triangle"),
    "M": ("opdrachtgevers", "Meervoudig opdrachtgeverschap", "Multiple commissioners"),
    "K": ("ketens", "Ketens", "Chains"),
    "D": ("gegevens", "Datagovernance", "Data governance"),
    "S": ("stewardship", "Stewardship en de bestuurlijke agenda", "Stewardship and the governance agenda"),
    "U": ("uitzonderingen", "Uitzonderingen", "Exceptions"),
}


@dataclass(slots=True)
class Hit:
    """One raw result of a check. ``related`` is normalised (distinct, sorted) by the engine.

    Not frozen: a frozen dataclass sets each field through ``object.__setattr__``, which made
    creating a hit 3.5x slower (0.7 µs against 0.2 µs), and a finding-heavy model makes hundreds
    of thousands of them. Nothing changes a hit after it is made.
    """

    subject: str
    related: Iterable[str] = ()
    params: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class Rule:
    """A rule of RULES.md.

    ``message`` holds a ``str.format`` template per language; its fields come from the hit's
    ``params``. ``rationale`` and ``fix`` are per language too; ``source`` names the regulation or
    programme the rule comes from; ``bad``/``good`` are minimal YAML examples for the docs.
    """

    code: str
    severity: str
    name: dict[str, str]
    message: dict[str, str]
    rationale: dict[str, str]
    fix: dict[str, str]
    source: str
    bad: str
    good: str
    check: Callable[[Any], Iterable[Hit]]
    subject_kind: str = "id"  # id | relation | handover | ids | exception
    #: Turns a hit's *facts* (plain values both backends compute: ids, names, numbers, ISO dates,
    #: lists of those) into the message template's parameters for one language. Without it the
    #: facts are the parameters.
    present: Optional[Callable[[dict[str, Any], str], dict[str, Any]]] = None

    @property
    def theme_letter(self) -> str:
        return self.code[0]

    @property
    def theme(self) -> str:
        return THEMES[self.code[0]][0]

    def title(self, lang: str = "nl") -> str:
        return self.name[lang]

    def render(self, hit: Hit, lang: str = "nl") -> str:
        params = self.present(hit.params, lang) if self.present is not None else hit.params
        return self.message[lang].format(**params)


@dataclass(frozen=True)
class Finding:
    rule: str
    severity: str
    subject: str
    related: tuple[str, ...]
    message: str
    suppressed: bool = False
    reason: Optional[str] = None

    def as_json(self) -> dict[str, Any]:
        d: dict[str, Any] = {
            "rule": self.rule,
            "severity": self.severity,
            "subject": self.subject,
            "related": list(self.related),
            "message": self.message,
            "suppressed": self.suppressed,
        }
        if self.suppressed:
            d["reason"] = self.reason
        return d


def names(ctx: Any, ids: Iterable[str]) -> str:
    """Display names of ``ids`` joined for a message: 'A, B en C' is left to the templates;
    this joins with ', ' in the given order."""
    return ", ".join(ctx.naam(i) for i in ids)
