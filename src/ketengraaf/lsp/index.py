"""Where every id of a model is defined and referenced, across its files.

Built from each file's reading alone (:class:`~ketengraaf.lsp.source.Buffers`), not from the
validated model, so definition, references, completion and rename keep working while the model has
errors (an unknown reference is exactly when "create organisation X" is wanted). Which keys hold
which kind of id is :mod:`ketengraaf.model.references`, the table the loader checks. Positions are
found only for the sites asked about (a file read on the fast path has a
:class:`~ketengraaf.model.yamlio.LazyDoc`).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterator, Optional

from ketengraaf.model import yamlio
from ketengraaf.model.references import DECLARES, Reference, of_section

#: Sections whose items declare an id (schakels are declared inside a keten).
_TOP = tuple(s for s in DECLARES if s != "schakels")


@dataclass(frozen=True)
class Site:
    """Where ``id`` stands in ``file``: the ``path`` of its value as the loader spells paths.
    ``ref``: the reference it makes, None for a definition (its ``kind`` is the declared kind) or
    for an uitzondering's ``onderwerp`` (kind ``""``: any id)."""

    id: str
    kind: str
    file: Path
    path: tuple
    ref: Optional[Reference] = None


@dataclass
class FileSites:
    defs: list[Site] = field(default_factory=list)
    refs: list[Site] = field(default_factory=list)
    #: the item that defines each id here (its raw data: naam, soort, …)
    items: dict[str, tuple[str, dict]] = field(default_factory=dict)
    #: sturingsrelaties as (van, rol, naar)
    relations: list[tuple[str, str, str]] = field(default_factory=list)


def file_sites(file: Path, data: Any) -> FileSites:
    """Every definition and reference in one file's data (whatever of it is well-formed)."""
    out = FileSites()
    if not isinstance(data, dict):
        return out
    for section in _TOP:
        items = data.get(section)
        if not isinstance(items, list):
            continue
        top, inner = of_section(section), of_section(section, "schakels")
        for i, item in enumerate(items):
            if not isinstance(item, dict):
                continue
            _define(out, file, section, item, (section, i))
            out.refs.extend(_refs(file, top, item, (section, i)))
            for j, sch in enumerate(item.get("schakels") or () if section == "ketens" else ()):
                if isinstance(sch, dict):
                    _define(out, file, "schakels", sch, (section, i, "schakels", j))
                    out.refs.extend(_refs(file, inner, sch, (section, i, "schakels", j)))
    for i, rel in enumerate(_list(data.get("sturingsrelaties"))):
        if isinstance(rel, dict):
            out.refs.extend(_refs(file, of_section("sturingsrelaties"), rel, ("sturingsrelaties", i)))
            if all(isinstance(rel.get(k), str) for k in ("van", "rol", "naar")):
                out.relations.append((rel["van"], rel["rol"], rel["naar"]))
    for i, u in enumerate(_list(data.get("uitzonderingen"))):
        if isinstance(u, dict) and isinstance(u.get("onderwerp"), str):
            out.refs.append(Site(u["onderwerp"], "", file, ("uitzonderingen", i, "onderwerp")))
    return out


def _list(v: Any) -> list:
    return v if isinstance(v, list) else []


def _define(out: FileSites, file: Path, section: str, item: dict, at: tuple) -> None:
    v = item.get("id")
    if isinstance(v, str):
        out.defs.append(Site(v, DECLARES[section], file, at + ("id",)))
        out.items.setdefault(v, (section, item))


def _refs(file: Path, table: tuple[Reference, ...], item: dict, at: tuple) -> Iterator[Site]:
    for r in table:
        v = item.get(r.field)
        if r.many and isinstance(v, list):
            for k, x in enumerate(v):
                if isinstance(x, str):
                    yield Site(x, r.kind, file, at + (r.field, k), r)
        elif not r.many and isinstance(v, str):
            yield Site(v, r.kind, file, at + (r.field,), r)


class ModelIndex:
    """The sites of all files of one model."""

    def __init__(self, per_file: dict[Path, FileSites]):
        self.per_file = per_file
        self.defs: dict[str, list[Site]] = {}
        self.refs: dict[str, list[Site]] = {}
        for fs in per_file.values():
            for s in fs.defs:
                self.defs.setdefault(s.id, []).append(s)
            for s in fs.refs:
                self.refs.setdefault(s.id, []).append(s)

    def kind_of(self, id_: str) -> Optional[str]:
        d = self.defs.get(id_)
        return d[0].kind if d else None

    def ids_of(self, kind: str) -> list[str]:
        return sorted(i for i, d in self.defs.items() if d[0].kind == kind)

    def item(self, id_: str) -> Optional[tuple[str, dict]]:
        for fs in self.per_file.values():
            if id_ in fs.items:
                return fs.items[id_]
        return None

    def relations(self) -> Iterator[tuple[str, str, str]]:
        for fs in self.per_file.values():
            yield from fs.relations

    def sites(self, id_: str) -> list[Site]:
        """The definition(s) and every reference of ``id_`` (an uitzondering's onderwerp counts)."""
        return list(self.defs.get(id_, ())) + list(self.refs.get(id_, ()))


class Placer:
    """Positions of sites in one file's text: 0-based line, and the start and end column (code
    points) of the id itself (inside its quotes, if quoted)."""

    def __init__(self, raw: bytes, doc: Any, data: Any):
        self.lines = raw.decode("utf-8", "replace").splitlines()
        if doc is None and isinstance(data, dict):
            doc = yamlio.LazyDoc(raw, {k: len(v) if isinstance(v, list) else None for k, v in data.items()})
        self.doc = doc

    def place(self, site: Site) -> Optional[tuple[int, int, int]]:
        if self.doc is None:
            return None
        p = self.doc.pos(site.path)
        line = p.line - 1
        if not 0 <= line < len(self.lines):
            return None
        text, c = self.lines[line], p.column - 1
        if text[c:c + 1] in ("'", '"'):
            c += 1
        if text[c:c + len(site.id)] != site.id:  # not where the reading says: look on the line
            c = _find_token(text, site.id)
            if c < 0:
                return None
        return line, c, c + len(site.id)


def _find_token(text: str, word: str) -> int:
    import re

    m = re.search(r"(?<![A-Za-z0-9._-])" + re.escape(word) + r"(?![A-Za-z0-9._-])", text)
    return m.start() if m else -1
