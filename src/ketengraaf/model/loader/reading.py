"""Reading a model: every file by the reader of its format, pydantic validation (the whole file
at once, item by item when it fails, so every error is found), and the merge into one
:class:`~ketengraaf.model.loader.model.Model` with the origin of every item."""

from __future__ import annotations

import os
from dataclasses import dataclass
from typing import Any, Callable, Iterable, Optional

from pydantic import BaseModel, ValidationError

from ketengraaf.errors import ModelInvalid, Problem
from ketengraaf.model import formats, inputs, yamlio
from ketengraaf.model.loader.crosschecks import _check_semantics
from ketengraaf.model.loader.messages import _Collector, _report, _show, _suggest
from ketengraaf.model.loader.model import ITEM_CLASS, Model, SourceFile, default_model_id
from ketengraaf.model.types import DATE_KEYS, FORMAT_VERSION, SECTIONS, ModelFile, ModelInfo

@dataclass
class Loaded:
    """A model whose files read and validated, with the cross-checks still to run.

    ``cross_checks()`` is pure (it only reads the model) and returns every problem, each placed in
    its file. Whoever loads decides where it runs: :func:`load_model` runs it at once;
    :class:`ketengraaf.pipeline.Analysis` runs it beside the graph build. Until it has returned
    without problems, the model is only known to be well-typed.
    """

    model: Model
    cross_checks: Callable[[], list[Problem]]


def read_model(
    path: str | os.PathLike[str],
    *,
    rule_codes: Iterable[str],
    progress: Optional[Callable[[str, int, int], None]] = None,
    source: Optional[formats.Source] = None,
) -> Loaded:
    """Read, validate and merge the model at ``path``, and hand back its cross-checks to run.

    Raises :class:`ModelInvalid` with every error when a file cannot be read or validated (the
    cross-checks then run at once too, so that every error is reported together).
    ``rule_codes`` are the codes an ``uitzondering`` may name (the rule registry's, given by the
    caller: the loader knows no rules). ``progress(stage, done, total)`` is called as files are read.
    ``source``: where the files come from (default: the disk; the editor server passes an
    :class:`~ketengraaf.model.formats.Overlay` of its unsaved buffers).
    """
    limits = inputs.Limits.from_env()
    source = source or formats.DISK
    paths = source.discover(path, limits)
    files: list[SourceFile] = []
    datas: list[Any] = []
    unreadable: list[Problem] = []
    for i, fp in enumerate(paths):
        display = str(fp)
        try:
            raw, data, doc = source.read(fp, limits, display)  # by suffix: YAML, or an ArchiMate .xml
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
                if not isinstance(src.precise, yamlio.PreciseDoc):  # a source may hand over its reading
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

    return Loaded(model, cross_checks)


def load_model(
    path: str | os.PathLike[str],
    *,
    rule_codes: Iterable[str],
    progress: Optional[Callable[[str, int, int], None]] = None,
    source: Optional[formats.Source] = None,
) -> Model:
    """Read, validate, merge and cross-check the model at ``path``; raise :class:`ModelInvalid`
    with every error. (:func:`ketengraaf.pipeline.load_model` passes the registry's rule codes.)"""
    loaded = read_model(path, rule_codes=rule_codes, progress=progress, source=source)
    problems = loaded.cross_checks()
    if problems:
        raise ModelInvalid(problems)
    return loaded.model


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
