"""Problems and their sentences: the collector that places every problem in its file, and
pydantic's errors turned into what a model author reads (with the nearest valid choice)."""

from __future__ import annotations

import difflib
from typing import Any, Iterable, Optional

from pydantic import BaseModel, ValidationError

from ketengraaf.errors import Problem
from ketengraaf.model import yamlio
from ketengraaf.model.loader.model import ITEM_CLASS, SourceFile
from ketengraaf.model.types import (
    Afspraak,
    Gegevens,
    Gegevensstroom,
    Keten,
    Middel,
    ModelFile,
    ModelInfo,
    Opdracht,
    Organisatie,
    Periode,
    Schakel,
    Sturingsrelatie,
    Uitzondering,
)

class _Collector:
    """Gathers problems as (file index, path, message, key?) and resolves positions at the end."""

    def __init__(self, files: list[SourceFile]):
        self.files = files
        self.pending: list[tuple[int, tuple, str, bool, Optional[str]]] = []
        self.direct: list[Problem] = []

    def add(self, fi: int, path: tuple, message: str, *, key: bool = False, ref: Optional[str] = None) -> None:
        self.pending.append((fi, tuple(path), message, key, ref))

    def add_at(self, fi: int, pos: Optional[yamlio.Pos], message: str) -> None:
        p = pos or yamlio.Pos(1, 1)
        self.direct.append(Problem(self.files[fi].display, p.line, p.column, message))

    def where(self, fi: int, path: tuple, *, key: bool = False) -> str:
        src = self.files[fi]
        doc = src.doc()
        p = doc.pos(path, key=key) if doc else yamlio.Pos(1, 1)
        return f"{src.display}:{p.line}:{p.column}"

    def problems(self) -> list[Problem]:
        out = list(self.direct)
        for fi, path, message, key, ref in self.pending:
            src = self.files[fi]
            doc = src.doc()
            p = doc.pos(path, key=key) if doc else yamlio.Pos(1, 1)
            out.append(Problem(src.display, p.line, p.column, message, ref))
        return out

    def __bool__(self) -> bool:
        return bool(self.pending or self.direct)


# ---- pydantic errors into sentences


def _show(doc: Optional[yamlio.PreciseDoc], path: tuple, value: Any) -> str:
    if doc is not None and path in doc.scalar_text:
        return doc.scalar_text[path]
    if isinstance(value, str):
        return f"'{value}'"
    return repr(value)


def _a(word: str) -> str:
    """'a directie', 'an afspraak': the English article for a Dutch noun in a message."""
    return f"{'an' if word[:1] in ('a', 'e', 'i', 'o', 'u') else 'a'} {word}"


#: Above this many choices, :func:`_suggest` lets rapidfuzz pick the nearest few first.
_SUGGEST_PREFILTER = 64


def _suggest(word: str, choices: Iterable[str], *, cutoff: float = 0.6) -> str:
    """``"; did you mean 'x'?"`` for the choice most like ``word`` (difflib's ratio), or "".

    difflib compares with every choice in Python: half a second against the 100,000 ids of a
    national model. rapidfuzz (C++) first picks the closest few by edit similarity; difflib then
    decides among those, so the answer is difflib's for any list of ids a person would scan."""
    every = [c for c in choices if isinstance(c, str)]
    near = every
    if len(every) > _SUGGEST_PREFILTER:
        from rapidfuzz import fuzz, process

        near = [c for c, _, _ in process.extract(word, every, scorer=fuzz.ratio, limit=_SUGGEST_PREFILTER)]
    m = difflib.get_close_matches(word, near, n=1, cutoff=cutoff)
    if not m:
        low, under = word.lower(), word.replace("-", "_")
        m = [c for c in every if c.lower() == low or c.replace("-", "_") == under][:1]
    return f"; did you mean '{m[0]}'?" if m else ""


def _class_at(cls: type[BaseModel], loc: tuple) -> tuple[type[BaseModel], tuple]:
    """The pydantic class that owns the last key of ``loc`` (walking nested items)."""
    owner = cls
    rest: tuple = ()
    i = 0
    while i < len(loc):
        part = loc[i]
        if isinstance(part, str) and part in owner.model_fields:
            nxt = {
                (Keten, "schakels"): Schakel,
                (Opdracht, "periode"): Periode,
                (ModelFile, "model"): ModelInfo,
            }.get((owner, part))
            if nxt is None and owner is ModelFile and part in ITEM_CLASS:
                nxt = ITEM_CLASS[part]
            if nxt is not None:
                owner = nxt
                i += 1
                if i < len(loc) and isinstance(loc[i], int) and part != "periode" and part != "model":
                    i += 1
                rest = loc[i:]
                continue
        rest = loc[i:]
        break
    return owner, rest


_TYPE_WORDS = {
    "string_type": "a text",
    "bool_type": "true or false",
    "float_type": "a number",
    "int_type": "a whole number",
    "list_type": "a list",
    "dict_type": "a mapping",
    "model_type": "a mapping",
    "model_attributes_type": "a mapping",
}

_YAML_TYPE = {bool: "a boolean", int: "a number", float: "a number", type(None): "empty (null)"}


def _report(fi: int, prefix: tuple, err: ValidationError, cls: type[BaseModel], doc: Optional[yamlio.PreciseDoc], col: _Collector) -> None:
    seen: set[tuple] = set()
    for e in err.errors(include_url=False):
        loc = tuple(e["loc"])
        # Union members append their type name to loc; cut those parts off.
        while loc and isinstance(loc[-1], str) and loc[-1] in {"str", "int", "float", "bool", "none", "function-before[_parse_date(), date]"}:
            loc = loc[:-1]
        loc = tuple(p for p in loc if not (isinstance(p, str) and ("[" in p or p in {"list", "dict"})))
        path = prefix + loc
        if path in seen:
            continue
        seen.add(path)
        owner, _ = _class_at(cls, loc)
        msg = _message(e, path, loc, owner, doc)
        col.add(fi, path, msg, key=e["type"] == "extra_forbidden")


def _message(e: dict, path: tuple, loc: tuple, owner: type[BaseModel], doc: Optional[yamlio.PreciseDoc]) -> str:
    t = e["type"]
    value = e.get("input")
    key = next((p for p in reversed(loc) if isinstance(p, str)), "")
    kind = {
        Organisatie: "organisatie", Sturingsrelatie: "sturingsrelatie", Opdracht: "opdracht",
        Afspraak: "afspraak", Keten: "keten", Schakel: "schakel", Gegevens: "gegevens",
        Gegevensstroom: "gegevensstroom", Middel: "middel", Uitzondering: "uitzondering",
        ModelInfo: "model", Periode: "periode", ModelFile: "file",
    }.get(owner, "item")
    if t == "extra_forbidden":
        if "kenmerken" in loc:
            return f"unknown key '{key}'"
        return f"unknown key '{key}' in {kind}{_suggest(str(key), owner.model_fields)}" + (
            "; free attributes go under 'kenmerken'" if owner is not ModelFile and "kenmerken" in owner.model_fields else ""
        )
    if t == "missing":
        return f"{kind} is missing the required key '{key}'"
    if t in ("enum", "literal_error"):
        expected = [m.value for m in _enum_of(owner, key)] if _enum_of(owner, key) else []
        shown = _show(doc, path, value)
        if expected:
            return f"{shown} is not a valid {key}{_suggest(str(value), expected)} (one of: {', '.join(expected)})"
        return f"{shown} is not a valid {key}: {e['msg']}"
    if t in ("string_type", "bool_type", "float_type", "int_type") and not isinstance(value, (list, dict)):
        want = _TYPE_WORDS[t]
        shown = _show(doc, path, value)
        if t == "string_type" and type(value) in _YAML_TYPE:
            return f"YAML reads {shown} as {_YAML_TYPE[type(value)]}; put it in quotes ('{shown}') if it is meant as an id or a text"
        if "kenmerken" in loc:
            return f"kenmerken values must be text, a number, true/false or empty, not {shown}"
        return f"'{key}' must be {want}, not {shown}"
    if t in _TYPE_WORDS:
        return f"'{key}' must be {_TYPE_WORDS[t]}"
    if t == "string_pattern_mismatch" and key == "regel":
        return f"'{value}' is not a rule code (a letter and two digits, e.g. M01); `ketengraaf rules` lists them"
    if t == "string_pattern_mismatch":
        fixed = "".join(c if c.isalnum() or c in "._-" else "-" for c in str(value).lower()).strip("-._") or "x"
        return (
            f"'{value}' is not a valid id: ids use lower-case letters, digits, '.', '_' and '-' and start "
            f"with a letter or digit; did you mean '{fixed}'?"
        )
    if t == "string_too_short":
        return f"'{key}' must not be empty"
    if t in ("greater_than_equal", "less_than_equal", "greater_than", "less_than"):
        rng = "between 0 and 1" if key == "prestatie" else "0 or more"
        return f"'{key}' must be a number {rng}, not {_show(doc, path, value)}"
    if t == "value_error":
        msg = str(e.get("ctx", {}).get("error") or e["msg"])
        return f"'{key}': {msg}"
    return f"'{key}': {e['msg']}"  # pragma: no cover - a type pydantic adds later


def _enum_of(owner: type[BaseModel], key: str):
    from enum import Enum
    from typing import get_args

    f = owner.model_fields.get(key)
    if f is None:
        return None
    stack = [f.annotation]
    while stack:
        a = stack.pop()
        if isinstance(a, type) and issubclass(a, Enum):
            return list(a)
        stack.extend(get_args(a))
    return None
