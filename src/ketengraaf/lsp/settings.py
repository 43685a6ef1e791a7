"""The editor's settings: the options of ``ketengraaf analyse`` that decide what the author sees.

Read from ``initializationOptions`` and from the workspace configuration (section ``ketengraaf``),
the later overriding the earlier key by key. The names are the CLI's: ``lang``, ``peildatum``,
``rule`` (the ``--rule`` selectors, a list), ``drempel``; plus ``model`` (a model path, for a layout
the server does not guess) and ``debounce`` (milliseconds).

>>> s, bad = Settings.parse({"lang": "en", "rule": ["M", "K03"], "peildatum": "2027-01-01"})
>>> s.lang, s.rules, s.peildatum.isoformat(), bad
('en', ('M', 'K03'), '2027-01-01', [])
>>> Settings.parse({"lang": "fr", "peildatum": "morgen"})[1]
["lang: 'fr' is not one of nl, en", "peildatum: 'morgen' is not a date YYYY-MM-DD"]
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date
from typing import Any, Mapping, Optional

from ketengraaf.errors import UsageError


@dataclass(frozen=True)
class Settings:
    lang: str = "nl"
    peildatum: Optional[date] = None
    rules: tuple[str, ...] = ()
    drempel: Optional[float] = None
    model: Optional[str] = None
    debounce: int = 50  # ms: a newer change cancels a run anyway; this only spares runs between keys

    @classmethod
    def parse(cls, raw: Optional[Mapping[str, Any]], base: Optional["Settings"] = None) -> tuple["Settings", list[str]]:
        """``base`` with what ``raw`` sets; the keys that are not usable are left as they were and
        described (one sentence each) in the second value."""
        s = base or cls()
        bad: list[str] = []
        if not isinstance(raw, Mapping):
            return s, bad
        for key, value in raw.items():
            try:
                s = replace(s, **{_FIELD.get(key, key): _PARSE[key](value)}) if key in _PARSE else s
            except (ValueError, TypeError, UsageError) as e:
                bad.append(f"{key}: {e}")
        return s, bad

    @property
    def overrides(self) -> dict[str, Any]:
        return {} if self.drempel is None else {"drempel": self.drempel}


def _lang(v: Any) -> str:
    if v not in ("nl", "en"):
        raise ValueError(f"{v!r} is not one of nl, en")
    return v


def _peildatum(v: Any) -> Optional[date]:
    if v in (None, ""):
        return None
    try:
        return date.fromisoformat(str(v))
    except ValueError:
        raise ValueError(f"{v!r} is not a date YYYY-MM-DD") from None


def _rules(v: Any) -> tuple[str, ...]:
    from ketengraaf.rules import registry

    sel = (v,) if isinstance(v, str) else tuple(v or ())
    if not all(isinstance(x, str) for x in sel):
        raise ValueError("a list of rule codes or theme letters")
    registry.select(sel)  # the CLI's check: an unknown code is a UsageError with a suggestion
    return sel


def _drempel(v: Any) -> Optional[float]:
    if v is None:
        return None
    if isinstance(v, bool) or not isinstance(v, (int, float)) or not 0 <= v <= 1:
        raise ValueError(f"{v!r} is not a number from 0 to 1")
    return float(v)


def _debounce(v: Any) -> int:
    if isinstance(v, bool) or not isinstance(v, int) or not 0 <= v <= 10_000:
        raise ValueError(f"{v!r} is not a number of milliseconds from 0 to 10000")
    return v


def _model(v: Any) -> Optional[str]:
    if v is not None and not isinstance(v, str):
        raise ValueError(f"{v!r} is not a path")
    return v or None


_PARSE = {"lang": _lang, "peildatum": _peildatum, "rule": _rules, "rules": _rules, "drempel": _drempel,
          "debounce": _debounce, "model": _model}
_FIELD = {"rule": "rules"}
