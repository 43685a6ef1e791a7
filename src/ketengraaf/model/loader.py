"""Load a model from a file or a directory, and report *every* error with its position.

The path of the data::

    files --read_fast / read_precise--> Python data --pydantic--> typed items
          --merge (origins kept)--> Model --semantic checks--> Model or ModelInvalid

Positions are only computed when something must be reported (or located, e.g. for SARIF): a
file read on the fast path is re-read on the precise path then. See :mod:`ketengraaf.model.yamlio`.

>>> from pathlib import Path
>>> m = load_model(Path(__file__).parents[3] / ".." / "shared" / "spec" / "voorbeeld.yaml")  # doctest: +SKIP
"""

from __future__ import annotations

import difflib
import os
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any, Callable, Iterable, Optional

from pydantic import BaseModel, ValidationError

from ketengraaf.errors import ModelInvalid, Problem, UsageError
from ketengraaf.forking import Background
from ketengraaf.model import formats, inputs, yamlio
from ketengraaf.model.types import (
    DATE_KEYS,
    FORMAT_VERSION,
    SECTIONS,
    Afspraak,
    AfspraakSoort,
    Gegevens,
    Gegevensstroom,
    Keten,
    Middel,
    ModelFile,
    ModelInfo,
    Opdracht,
    Organisatie,
    OrganisatieSoort,
    Periode,
    Schakel,
    Sturingsrelatie,
    Uitzondering,
)

ITEM_CLASS: dict[str, type[BaseModel]] = {
    "organisaties": Organisatie,
    "sturingsrelaties": Sturingsrelatie,
    "opdrachten": Opdracht,
    "afspraken": Afspraak,
    "ketens": Keten,
    "gegevens": Gegevens,
    "gegevensstromen": Gegevensstroom,
    "middelen": Middel,
    "uitzonderingen": Uitzondering,
}

#: Singular Dutch names used in messages.
KIND_NAME = {
    "organisaties": "organisatie",
    "sturingsrelaties": "sturingsrelatie",
    "opdrachten": "opdracht",
    "afspraken": "afspraak",
    "ketens": "keten",
    "gegevens": "gegevens",
    "gegevensstromen": "gegevensstroom",
    "middelen": "middel",
    "uitzonderingen": "uitzondering",
    "schakels": "schakel",
}

SUFFIXES = inputs.SUFFIXES


# ------------------------------------------------------------------------------------------------
# the loaded model


@dataclass
class SourceFile:
    path: Path
    display: str
    raw: bytes
    fast: bool  # read on the fast path (positions not yet known), or by a reader that knows them
    #: positions: a YAML file's precise reading, or what the reader of another format gave (formats)
    precise: Optional[yamlio.PreciseDoc | yamlio.LazyDoc | Any] = None
    #: for a fast-read file: each top-level key and the length of its list (None: not a list)
    lengths: Optional[dict[Any, Optional[int]]] = None

    def doc(self) -> Optional[yamlio.PreciseDoc | yamlio.LazyDoc]:
        """Where things are in this file: for a file read on the fast path a :class:`LazyDoc`
        (it reads only the items it is asked about), otherwise the precise reading (computed on
        first use)."""
        if self.precise is None:
            if self.fast and self.lengths is not None:
                self.precise = yamlio.LazyDoc(self.raw, self.lengths)
                return self.precise
            try:
                self.precise = yamlio.read_precise(self.raw)
            except yamlio.YamlProblem:
                return None
        return self.precise


@dataclass
class Model:
    """A validated model: the merged sections plus where each item came from."""

    id: str
    naam: str
    beschrijving: Optional[str]
    peildatum: Optional[date]
    organisaties: list[Organisatie] = field(default_factory=list)
    sturingsrelaties: list[Sturingsrelatie] = field(default_factory=list)
    opdrachten: list[Opdracht] = field(default_factory=list)
    afspraken: list[Afspraak] = field(default_factory=list)
    ketens: list[Keten] = field(default_factory=list)
    gegevens: list[Gegevens] = field(default_factory=list)
    gegevensstromen: list[Gegevensstroom] = field(default_factory=list)
    middelen: list[Middel] = field(default_factory=list)
    uitzonderingen: list[Uitzondering] = field(default_factory=list)
    files: list[SourceFile] = field(default_factory=list, repr=False)
    #: per section, for each item: (file index, index within that file's section)
    origins: dict[str, list[tuple[int, int]]] = field(default_factory=dict, repr=False)

    def counts(self) -> dict[str, int]:
        """Number of items per section (schakels counted apart)."""
        c = {s: len(getattr(self, s)) for s in SECTIONS}
        c["schakels"] = sum(len(k.schakels) for k in self.ketens)
        return c

    def locate(self, section: str, index: int, sub: tuple = ()) -> tuple[str, int, int]:
        """``(file, line, column)`` of item ``index`` of ``section`` (and ``sub`` path inside it)."""
        fi, li = self.origins[section][index]
        src = self.files[fi]
        doc = src.doc()
        if doc is None:
            return src.display, 1, 1
        p = doc.pos((section, li) + tuple(sub))
        return src.display, p.line, p.column


# ------------------------------------------------------------------------------------------------
# discovery


def discover(path: str | os.PathLike[str]) -> list[Path]:
    """The files of a model: the file itself, or every ``*.yaml``/``*.yml`` below a directory,
    sorted by path as a plain string (MODEL.md); unusable entries are errors (:mod:`.inputs`)."""
    return inputs.discover(path)


def default_model_id(path: str | os.PathLike[str]) -> str:
    p = Path(path)
    if p.is_dir():
        return p.resolve().name
    name = p.name
    for s in SUFFIXES:
        if name.endswith(s):
            return name[: -len(s)]
    return p.stem


# ------------------------------------------------------------------------------------------------
# loading


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


def load_model(
    path: str | os.PathLike[str],
    *,
    rule_codes: Optional[Iterable[str]] = None,
    progress: Optional[Callable[[str, int, int], None]] = None,
) -> Model:
    """Read, validate and merge the model at ``path``; raise :class:`ModelInvalid` with every error.

    ``rule_codes`` are the codes an ``uitzondering`` may name (default: the rule registry).
    ``progress(stage, done, total)`` is called as files are read, when given.
    """
    model, confirm = _load(path, rule_codes=rule_codes, progress=progress, background=False)
    confirm()
    return model


def load_model_early(
    path: str | os.PathLike[str],
    *,
    rule_codes: Optional[Iterable[str]] = None,
    progress: Optional[Callable[[str, int, int], None]] = None,
) -> tuple[Model, Callable[[], None]]:
    """:func:`load_model`, but the cross-checks (references, duplicates, cycles, ...) may still be
    running in a second process (:mod:`ketengraaf.forking`) when it returns.

    Returns ``(model, confirm)``. Until ``confirm()`` has returned, the model is only known to be
    well-typed: use it for work that needs no more than that (building the graph and its indexes
    only iterates) and call ``confirm()`` before anything that relies on correct references, or
    after such work failed. ``confirm()`` raises :class:`ModelInvalid` with exactly the errors
    :func:`load_model` would raise. On one core, or where forking is not possible, the checks run
    inside ``confirm()``.
    """
    return _load(path, rule_codes=rule_codes, progress=progress, background=True)


def _load(
    path: str | os.PathLike[str],
    *,
    rule_codes: Optional[Iterable[str]],
    progress: Optional[Callable[[str, int, int], None]],
    background: bool,
) -> tuple[Model, Callable[[], None]]:
    limits = inputs.Limits.from_env()
    paths = inputs.discover(path, limits)
    files: list[SourceFile] = []
    datas: list[Any] = []
    unreadable: list[Problem] = []
    for i, fp in enumerate(paths):
        display = str(fp)
        try:
            raw, data, doc = formats.read(fp, limits, display)  # by suffix: YAML, or an ArchiMate .xml
        except ModelInvalid as e:  # every file's problem at once, as for errors inside files
            unreadable.extend(e.problems)
            continue
        src = SourceFile(fp, display, raw, fast=data is not None, precise=doc)
        if isinstance(data, dict):
            src.lengths = {k: len(v) if isinstance(v, list) else None for k, v in data.items()}
        files.append(src)
        datas.append(data)
        if progress:
            progress("read", i + 1, len(paths))
    if unreadable:
        raise ModelInvalid(unreadable)

    col = _Collector(files)
    parsed: list[Optional[ModelFile]] = []
    partial: list[Optional[dict[str, list[tuple[int, BaseModel]]]]] = []
    declared_invalid: set[str] = set()
    for fi, src in enumerate(files):
        data = datas[fi]
        if data is None:
            try:
                src.precise = yamlio.read_precise(src.raw)
            except yamlio.YamlProblem as e:
                col.add_at(fi, e.pos, e.message)
                parsed.append(None)
                partial.append(None)
                continue
            data = src.precise.data
        if src.precise is not None:
            for pos, msg in src.precise.errors:
                col.add_at(fi, pos, msg)
        mf, items = _validate_file(fi, src, data, col, declared_invalid)
        parsed.append(mf)
        partial.append(items)

    model = _merge(path, files, parsed, partial, col)
    if model is None or col:
        # Errors already: run the cross-checks too, so that every error is reported at once.
        if model is not None:
            _check_semantics(model, col, declared_invalid, rule_codes)
        raise ModelInvalid(col.problems())

    def cross_checks() -> list[Problem]:
        _check_semantics(model, col, declared_invalid, rule_codes)
        return col.problems()

    checks = Background(cross_checks, wanted=background)

    def confirm() -> None:
        try:
            problems = checks.result()
        finally:
            checks.cancel()
        if problems:
            raise ModelInvalid(problems)

    return model, confirm


def _validate_file(
    fi: int,
    src: SourceFile,
    data: Any,
    col: _Collector,
    declared_invalid: set[str],
) -> tuple[Optional[ModelFile], Optional[dict[str, list[tuple[int, BaseModel]]]]]:
    """Validate one file. Fast: the whole file at once. On failure: item by item, so valid items
    still take part in the cross-checks and every error is found."""
    if data is None:
        col.add_at(fi, None, f"the file is empty; a model file starts with 'ketengraaf: {FORMAT_VERSION}'")
        return None, None
    if not isinstance(data, dict):
        col.add_at(fi, None, "a model file is a mapping of sections (ketengraaf:, model:, organisaties:, ...)")
        return None, None
    failing: Optional[dict[str, set[int]]] = None  # section -> indices of the items that failed
    if src.fast:
        try:
            return ModelFile.model_validate(data), None
        except ValidationError as e:
            failing = _failing_items(e)
        # Errors: validate item by item on the same data; the positions and raw texts the messages
        # need come from a LazyDoc, which reads only the items with errors on the precise path.
        # (The fast path only answers for files that the precise path reads alike, so both give
        # the same data; it refuses unquoted dates outside the date keys, so there are none.)
    doc = src.doc()
    assert doc is not None
    if not src.fast and not _check_dates(fi, doc, col):
        try:
            return ModelFile.model_validate(data), None
        except ValidationError as e:
            failing = _failing_items(e)
    # Item-by-item validation with messages.
    items: dict[str, list[tuple[int, BaseModel]]] = {s: [] for s in SECTIONS}
    items["__model__"] = []
    allowed_top = list(ModelFile.model_fields)
    if "ketengraaf" not in data:
        col.add_at(fi, yamlio.Pos(1, 1), f"missing 'ketengraaf: {FORMAT_VERSION}' (the format version) at the top of the file")
    else:
        v = data["ketengraaf"]
        if v != FORMAT_VERSION or isinstance(v, bool):
            col.add(fi, ("ketengraaf",), f"format version {_show(doc, ('ketengraaf',), v)} is not supported; this ketengraaf reads 'ketengraaf: {FORMAT_VERSION}'")
    for key, value in data.items():
        if key == "ketengraaf":
            continue
        if key not in allowed_top:
            col.add(fi, (key,), f"unknown section '{key}'{_suggest(str(key), allowed_top)}", key=True)
            continue
        if key == "model":
            if value is None:
                continue
            try:
                items["__model__"].append((0, ModelInfo.model_validate(value)))
            except ValidationError as e:
                _report(fi, ("model",), e, ModelInfo, doc, col)
            continue
        if value is None:
            continue
        if not isinstance(value, list):
            col.add(fi, (key,), f"'{key}' must be a list (items starting with '- ')")
            continue
        cls = ITEM_CLASS[key]
        check = range(len(value))
        if failing is not None:
            # The whole-file validation named every failing item (pydantic reports them all): the
            # others are validated as one list, in C, and only the failing ones one by one.
            bad = failing.get(key, set())
            good = [i for i in range(len(value)) if i not in bad]
            try:
                objs = _list_adapter(key).validate_python([value[i] for i in good])
            except ValidationError:  # pragma: no cover - pydantic reported them all above
                pass
            else:
                items[key].extend(zip(good, objs))
                check = sorted(i for i in bad if 0 <= i < len(value))
        for i in check:
            item = value[i]
            try:
                obj = cls.model_validate(item)
            except ValidationError as e:
                _report(fi, (key, i), e, cls, doc, col)
                if isinstance(item, dict):
                    if isinstance(item.get("id"), str):
                        declared_invalid.add(item["id"])
                    schakels = item.get("schakels") if key == "ketens" else None
                    for sch in schakels if isinstance(schakels, list) else []:
                        if isinstance(sch, dict) and isinstance(sch.get("id"), str):
                            declared_invalid.add(sch["id"])
                continue
            items[key].append((i, obj))
    return None, items


def _failing_items(err: ValidationError) -> dict[str, set[int]]:
    """The items (section, index) that a whole-file validation error names."""
    out: dict[str, set[int]] = {}
    for e in err.errors(include_url=False):
        loc = e["loc"]
        if len(loc) >= 2 and loc[0] in ITEM_CLASS and isinstance(loc[1], int):
            out.setdefault(loc[0], set()).add(loc[1])
    return out


_ADAPTERS: dict[str, Any] = {}


def _list_adapter(section: str) -> Any:
    """A pydantic TypeAdapter for a list of the section's items (made once)."""
    if section not in _ADAPTERS:
        from pydantic import TypeAdapter

        _ADAPTERS[section] = TypeAdapter(list[ITEM_CLASS[section]])  # type: ignore[valid-type]
    return _ADAPTERS[section]


def _check_dates(fi: int, doc: yamlio.PreciseDoc, col: _Collector) -> int:
    """Unquoted YAML dates are only welcome where a date belongs (and in kenmerken).
    Returns the number of misplaced dates reported."""
    n = 0
    for path in sorted(doc.date_paths, key=repr):
        last = path[-1] if path else None
        ok = last in DATE_KEYS or (len(path) >= 2 and path[-2] == "periode") or "kenmerken" in path
        if not ok:
            text = doc.scalar_text.get(path, "")
            col.add(fi, path, f"YAML reads {text} as a date; put it in quotes ('{text}') if it is meant as an id or a text")
            n += 1
    return n


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


# ---- merging


def _merge(
    path: str | os.PathLike[str],
    files: list[SourceFile],
    parsed: list[Optional[ModelFile]],
    partial: list[Optional[dict[str, list[tuple[int, BaseModel]]]]],
    col: _Collector,
) -> Optional[Model]:
    info: Optional[ModelInfo] = None
    info_file = -1
    model = Model(id=default_model_id(path), naam="", beschrijving=None, peildatum=None, files=files)
    for s in SECTIONS:
        model.origins[s] = []
    for fi, (mf, items) in enumerate(zip(parsed, partial)):
        if mf is not None:
            mi = mf.model
            sections = {s: list(enumerate(getattr(mf, s))) for s in SECTIONS}
        elif items is not None:
            mi = items["__model__"][0][1] if items["__model__"] else None  # type: ignore[assignment]
            sections = {s: items[s] for s in SECTIONS}
        else:
            continue
        if mi is not None:
            if info is not None:
                col.add(fi, ("model",), f"a second 'model:' block; the model is already described at {col.where(info_file, ('model',), key=True)}", key=True)
            else:
                info, info_file = mi, fi  # type: ignore[assignment]
        for s in SECTIONS:
            lst = getattr(model, s)
            org = model.origins[s]
            for li, obj in sections[s]:
                lst.append(obj)
                org.append((fi, li))
    if info is not None:
        model.id, model.naam, model.beschrijving, model.peildatum = info.id, info.naam, info.beschrijving, info.peildatum
    else:
        model.naam = model.id
    return model


# ---- cross-checks


def _check_semantics(model: Model, col: _Collector, declared_invalid: set[str], rule_codes: Optional[Iterable[str]]) -> None:
    O = model.origins

    def at(section: str, idx: int, *sub: Any) -> tuple[int, tuple]:
        fi, li = O[section][idx]
        return fi, (section, li) + sub

    # --- ids: one namespace
    kind_of: dict[str, str] = {}
    first_at: dict[str, tuple] = {}
    schakel_keten: dict[str, str] = {}

    def declare(id_: str, kind: str, where: tuple) -> None:
        """``where``: (section, index, *sub); turned into a position only for a duplicate."""
        if id_ in kind_of:
            fi0, p0 = at(*first_at[id_])
            fi, p = at(*where)
            col.add(fi, p + ("id",), f"duplicate id '{id_}': already used for {_a(kind_of[id_])} at {col.where(fi0, p0 + ('id',))}")
            return
        kind_of[id_] = kind
        first_at[id_] = where

    for s in ("organisaties", "opdrachten", "afspraken", "ketens", "gegevens", "gegevensstromen", "middelen"):
        kind = KIND_NAME[s]
        for i, obj in enumerate(getattr(model, s)):
            if obj.id in kind_of:  # type: ignore[attr-defined]
                declare(obj.id, kind, (s, i))  # type: ignore[attr-defined]
            else:
                kind_of[obj.id] = kind  # type: ignore[attr-defined]
                first_at[obj.id] = (s, i)  # type: ignore[attr-defined]
            if s == "ketens":
                for j, sch in enumerate(obj.schakels):  # type: ignore[attr-defined]
                    declare(sch.id, "schakel", (s, i, "schakels", j))
                    schakel_keten.setdefault(sch.id, obj.id)  # type: ignore[attr-defined]

    orgs = {o.id: o for o in model.organisaties}
    by_kind: dict[str, list[str]] = {}
    for k, v in kind_of.items():
        by_kind.setdefault(v, []).append(k)
    suggestions_left = [200]

    def bad_ref(value: str, kind: str, where: tuple[int, tuple], what: Optional[str] = None) -> None:
        """Report that ``value`` is not an id of ``kind`` (only called when it is not)."""
        actual = kind_of.get(value)
        fi, p = where
        if actual is not None:
            col.add(fi, p, f"'{value}' is {_a(actual)}, not {_a(kind)}")
            return
        if value in declared_invalid:
            return  # its own definition is already reported
        hint = ""
        if suggestions_left[0] > 0:
            suggestions_left[0] -= 1
            hint = _suggest(value, by_kind.get(kind, []))
        col.add(fi, p, f"unknown {what or kind} '{value}'{hint}", ref=value)

    # The checks below run over every reference of a national model (over a million), so the
    # common case is one dict lookup; positions are only computed for a reference that fails.
    def ref(value: Optional[str], kind: str, section: str, idx: int, *sub: Any) -> bool:
        """Is ``value`` an id of ``kind``? Reports (at ``section[idx].sub``) when it is not."""
        if value is None:
            return False
        if kind_of.get(value) == kind:
            return True
        bad_ref(value, kind, at(section, idx, *sub))
        return False

    def refs(values: Optional[list[str]], kind: str, section: str, idx: int, *sub: Any) -> None:
        for j, v in enumerate(values or ()):
            if kind_of.get(v) != kind:
                bad_ref(v, kind, at(section, idx, *sub, j))

    # --- organisaties
    for i, o in enumerate(model.organisaties):
        ref(o.onderdeel_van, "organisatie", "organisaties", i, "onderdeel_van")
        if o.deelnemers is not None:
            if o.soort is not OrganisatieSoort.overleg:
                col.add(*at("organisaties", i, "deelnemers"), f"'deelnemers' only belongs to an organisatie of soort overleg, and '{o.id}' is {_a(o.soort.value)}", key=True)
            refs(o.deelnemers, "organisatie", "organisaties", i, "deelnemers")
    _check_hierarchy_cycles(model, col, at, orgs)

    # --- sturingsrelaties
    seen_rel: dict[tuple, int] = {}
    for i, r in enumerate(model.sturingsrelaties):
        ref(r.van, "organisatie", "sturingsrelaties", i, "van")
        ref(r.naar, "organisatie", "sturingsrelaties", i, "naar")
        if r.rol.value != "opdrachtgever" and "coordinerend" in r.model_fields_set:
            col.add(*at("sturingsrelaties", i, "coordinerend"), "'coordinerend' only belongs to a relation with rol: opdrachtgever", key=True)
        k = (r.rol, r.van, r.naar)
        if k in seen_rel:
            col.add(*at("sturingsrelaties", i), f"relation {r.key} is defined twice; the first is at {col.where(*at('sturingsrelaties', seen_rel[k]))}")
        else:
            seen_rel[k] = i

    # --- opdrachten
    for i, a in enumerate(model.opdrachten):
        ref(a.opdrachtgever, "organisatie", "opdrachten", i, "opdrachtgever")
        ref(a.opdrachtnemer, "organisatie", "opdrachten", i, "opdrachtnemer")
        if a.raakt:
            refs(a.raakt, "middel", "opdrachten", i, "raakt")
        p_ = a.periode
        if p_ and p_.van and p_.tot and p_.van > p_.tot:
            col.add(*at("opdrachten", i, "periode", "van"), f"periode van {p_.van} is after its tot {p_.tot}")

    # --- afspraken
    for i, a in enumerate(model.afspraken):
        refs(a.partijen, "organisatie", "afspraken", i, "partijen")
        if len(set(a.partijen)) < 2:
            col.add(*at("afspraken", i, "partijen"), "an afspraak binds at least two distinct partijen")
        if a.geldig_van and a.geldig_tot and a.geldig_van > a.geldig_tot:
            col.add(*at("afspraken", i, "geldig_van"), f"geldig_van {a.geldig_van} is after geldig_tot {a.geldig_tot}")
        ref(a.keten, "keten", "afspraken", i, "keten")
        if a.gegevens:
            refs(a.gegevens, "gegevens", "afspraken", i, "gegevens")
        if a.soort is not AfspraakSoort.werkagenda and "meerjarig" in a.model_fields_set:
            col.add(*at("afspraken", i, "meerjarig"), f"'meerjarig' only belongs to an afspraak of soort werkagenda, and '{a.id}' is {_a(a.soort.value)}", key=True)
        if a.escalatie is not None:
            refs(a.escalatie, "organisatie", "afspraken", i, "escalatie")
            if len(a.escalatie) > 1:
                _check_ladder(a.escalatie, col, lambda j, i=i: at("afspraken", i, "escalatie", j))
        if not a.escalatie and "escalatie" in a.model_fields_set:
            col.add(*at("afspraken", i, "escalatie"),
                    f"an escalatie names at least one organisatie (the last is the top of the ladder); "
                    f"list the steps, or remove the key if '{a.id}' has no escalation ladder")

    # --- ketens and schakels
    for i, k in enumerate(model.ketens):
        ref(k.regisseur, "organisatie", "ketens", i, "regisseur")
        if ref(k.bestuur, "organisatie", "ketens", i, "bestuur") and orgs[k.bestuur].soort is not OrganisatieSoort.overleg:  # type: ignore[index]
            col.add(*at("ketens", i, "bestuur"), f"the bestuur of a keten is an organisatie of soort overleg, and '{k.bestuur}' is {_a(orgs[k.bestuur].soort.value)}")  # type: ignore[index]
        for j, s in enumerate(k.schakels):
            ref(s.uitvoerder, "organisatie", "ketens", i, "schakels", j, "uitvoerder")
            ref(s.eigenaar, "organisatie", "ketens", i, "schakels", j, "eigenaar")
            if s.gebruikt:
                refs(s.gebruikt, "gegevens", "ketens", i, "schakels", j, "gebruikt")
            if s.levert:
                refs(s.levert, "gegevens", "ketens", i, "schakels", j, "levert")
            for n, p in enumerate(s.volgt_op or ()):
                if ref(p, "schakel", "ketens", i, "schakels", j, "volgt_op", n) and schakel_keten.get(p) != k.id:
                    col.add(*at("ketens", i, "schakels", j, "volgt_op", n), f"'{p}' is a schakel of keten '{schakel_keten.get(p)}'; volgt_op only names schakels of the same keten '{k.id}'")

    # --- gegevens, stromen, middelen
    for i, g in enumerate(model.gegevens):
        ref(g.eigenaar, "organisatie", "gegevens", i, "eigenaar")
        ref(g.beheerder, "organisatie", "gegevens", i, "beheerder")
        ref(g.verwerkingsverantwoordelijke, "organisatie", "gegevens", i, "verwerkingsverantwoordelijke")
        if g.bronhouders:
            refs(g.bronhouders, "organisatie", "gegevens", i, "bronhouders")
        if g.afgeleid_van:
            refs(g.afgeleid_van, "gegevens", "gegevens", i, "afgeleid_van")
    for i, st in enumerate(model.gegevensstromen):
        ref(st.gegevens, "gegevens", "gegevensstromen", i, "gegevens")
        ref(st.van, "organisatie", "gegevensstromen", i, "van")
        ref(st.naar, "organisatie", "gegevensstromen", i, "naar")
    for i, m in enumerate(model.middelen):
        ref(m.beheerder, "organisatie", "middelen", i, "beheerder")

    # --- uitzonderingen
    if rule_codes is None:
        from ketengraaf.rules import registry

        rule_codes = registry.codes()
    codes = sorted(set(rule_codes))
    seen_exc: dict[tuple[str, str], int] = {}
    for i, u in enumerate(model.uitzonderingen):
        if u.regel == "U01":
            col.add(*at("uitzonderingen", i, "regel"), "U01 findings cannot be excepted")
        elif u.regel not in codes:
            col.add(*at("uitzonderingen", i, "regel"), f"unknown rule '{u.regel}'{_suggest(u.regel, codes)}")
        if not u.reden.strip():
            col.add(*at("uitzonderingen", i, "reden"), "'reden' must say why the finding is accepted")
        k2 = (u.regel, u.onderwerp)
        if k2 in seen_exc:
            col.add(*at("uitzonderingen", i), f"uitzondering {u.regel}:{u.onderwerp} is defined twice; the first is at {col.where(*at('uitzonderingen', seen_exc[k2]))}")
        else:
            seen_exc[k2] = i


def _check_ladder(ladder: list[str], col: _Collector, at: Callable[[int], tuple[int, tuple]]) -> None:
    """Each organisation is one step of an escalation ladder: report every repeat."""
    first: dict[str, int] = {}
    for j, x in enumerate(ladder):
        if x in first:
            col.add(*at(j), f"'{x}' is already step {first[x] + 1} of this escalatie; each organisatie is one step "
                           f"of the ladder, so remove one of them")
        else:
            first[x] = j


def _check_hierarchy_cycles(model: Model, col: _Collector, at: Callable[..., tuple[int, tuple]], orgs: dict) -> None:
    """Each organisation has at most one parent, so cycles are found in one linear pass."""
    index = {o.id: i for i, o in enumerate(model.organisaties)}
    state: dict[str, int] = {}  # 1 = on current walk, 2 = done
    for start in model.organisaties:
        walk: list[str] = []
        x: Optional[str] = start.id
        while x is not None and x in orgs and state.get(x, 0) == 0:
            state[x] = 1
            walk.append(x)
            x = orgs[x].onderdeel_van
        if x is not None and state.get(x) == 1:
            cycle = walk[walk.index(x):]
            first = min(cycle)
            rot = cycle[cycle.index(first):] + cycle[: cycle.index(first)]
            col.add(*at("organisaties", index[first], "onderdeel_van"), "onderdeel_van forms a cycle: " + " -> ".join(rot + [first]))
        for w in walk:
            state[w] = 2


# ------------------------------------------------------------------------------------------------
# locating findings (SARIF, JUnit)


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
    from ketengraaf.rules.base import Kind

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
