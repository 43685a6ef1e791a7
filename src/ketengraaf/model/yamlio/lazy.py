"""Positions in a file read on the fast path, found on demand (only for the items asked about)."""

from __future__ import annotations

import re
from typing import Any

from ketengraaf.model.yamlio.doc import Path, Pos, PreciseDoc, YamlProblem
from ketengraaf.model.yamlio.precise import read_precise



class LazyDoc:
    """Positions (and raw scalar texts) for a file read on the fast path, found on demand.

    The fast path keeps no positions, and re-reading a national model on the precise path to
    place a handful of errors costs half a minute and gigabytes (a node object per scalar). But an
    error is always *in an item* of a section, and the items of a block sequence are easy to find
    in the text: they start at the sequence's indentation with ``- ``. So this class finds the start
    of each top-level section and, for a section that needs it, of each item (one regular-expression
    pass over that section), and reads only the items asked about on the precise path — as
    ``<section>:`` followed by the item's own lines, so that columns stay the same and lines shift by
    a known offset. Positions are therefore exactly those of the precise reading.

    When the layout is not one it can index (a section written as a flow sequence, a key found more
    or fewer times than the data has it, an item count that does not match), it falls back to the
    precise reading of the whole file: slower, never wrong.

    ``lengths``: for each top-level key, the length of its list in the fast data (None: not a list).

    >>> raw = b"ketengraaf: 1\\norganisaties:\\n  - {id: a, naam: A}\\n  - id: b\\n    capaciteit: 1.50\\n"
    >>> d = LazyDoc(raw, {"ketengraaf": None, "organisaties": 2})
    >>> d.pos(("organisaties", 1)), d.pos(("organisaties", 1, "capaciteit")), d.scalar_text[("organisaties", 1, "capaciteit")]
    (Pos(line=4, column=5), Pos(line=5, column=17), '1.50')
    >>> read_precise(raw).pos(("organisaties", 1, "capaciteit"))
    Pos(line=5, column=17)
    """

    def __init__(self, raw: bytes, lengths: dict[Any, int | None]):
        self.raw = raw[3:] if raw.startswith(b"\xef\xbb\xbf") else raw
        self.lengths = lengths
        #: fast-read files hold no unquoted dates outside the date keys and no duplicate keys
        self.date_paths: set[Path] = set()
        self.errors: list[tuple[Pos, str]] = []
        self.scalar_text = _LazyScalars(self)
        self._full: PreciseDoc | None = None
        self._sections: dict[Any, tuple[int, int, int]] | None = None  # key -> (start, end, line)
        self._items: dict[Any, tuple[list[int], list[int], int] | None] = {}  # key -> (starts, lines, indent)
        self._docs: dict[tuple, tuple[PreciseDoc, int]] = {}  # snippet -> (doc, line offset)

    # -- the fallback
    def full(self) -> PreciseDoc:
        if self._full is None:
            try:
                self._full = read_precise(self.raw)
            except YamlProblem:  # pragma: no cover - the fast path only reads what this reads alike
                self._full = PreciseDoc(data=None)
        return self._full

    # -- the index
    def _section_spans(self) -> dict[Any, tuple[int, int, int]] | None:
        if self._sections is None:
            found: list[tuple[int, Any]] = []
            for key in self.lengths:
                if not isinstance(key, str) or not key or not key.replace("_", "a").isalnum():
                    return None
                hits = self._key_lines(key.encode())
                if len(hits) != 1:
                    return None
                found.append((hits[0], key))
            found.sort()
            spans: dict[Any, tuple[int, int, int]] = {}
            for i, (start, key) in enumerate(found):
                end = found[i + 1][0] if i + 1 < len(found) else len(self.raw)
                spans[key] = (start, end, self.raw.count(b"\n", 0, start) + 1)
            self._sections = spans
        return self._sections

    def _key_lines(self, key: bytes) -> list[int]:
        """Offsets of the lines that start with ``key:`` at column 1 (a C-speed substring search
        per occurrence of ``\nkey``, not a regular expression over the whole text)."""
        raw, out = self.raw, []
        at = 0 if raw.startswith(key) else raw.find(b"\n" + key)
        while at >= 0:
            start = at if at == 0 and raw.startswith(key) else at + 1
            rest = raw[start + len(key):start + len(key) + 64].lstrip(b" \t")
            if rest.startswith(b":") and (len(rest) == 1 or rest[1:2] in (b" ", b"\t", b"\r", b"\n")):
                out.append(start)
            at = raw.find(b"\n" + key, start + 1)
        return out

    def _item_index(self, key: Any) -> tuple[list[int], list[int], int] | None:
        if key not in self._items:
            self._items[key] = None
            spans = self._section_spans()
            n = self.lengths.get(key)
            if spans is None or key not in spans or n is None:
                return None
            start, end, line = spans[key]
            nl = self.raw.find(b"\n", start, end)
            head = self.raw[start:nl if nl >= 0 else end]
            after = head.split(b":", 1)[1].split(b" #", 1)[0].strip()
            if after or nl < 0:
                return None  # `organisaties: [...]` or `organisaties: []`: not a block sequence
            m = re.compile(rb"(?m)^( *)-(?=[ \r\n]|$)").search(self.raw, nl + 1, end)
            if m is None:
                return None
            indent = len(m.group(1))
            item = re.compile(rb"(?m)^" + b" " * indent + rb"-(?=[ \r\n]|$)")
            starts = [x.start() for x in item.finditer(self.raw, nl + 1, end)]
            if len(starts) != n:
                return None
            lines: list[int] = []
            cur, at = line, start
            for s in starts:
                cur += self.raw.count(b"\n", at, s)
                at = s
                lines.append(cur)
            self._items[key] = (starts, lines, indent)
        return self._items[key]

    def _snippet(self, path: tuple) -> tuple[PreciseDoc, int, tuple] | None:
        """The precise reading of the item (or non-list section) that holds ``path``, the line
        offset to add to its positions, and ``path`` as that reading spells it."""
        key = path[0]
        spans = self._section_spans()
        if spans is None or key not in spans:
            return None
        start, end, line = spans[key]
        if self.lengths.get(key) is not None and len(path) >= 2 and isinstance(path[1], int):
            idx = self._item_index(key)
            if idx is None or not 0 <= path[1] < len(idx[0]):
                return None
            starts, lines, _ = idx
            li = path[1]
            cache = (key, li)
            if cache not in self._docs:
                nl = self.raw.find(b"\n", start, end)
                item_end = starts[li + 1] if li + 1 < len(starts) else end
                text = self.raw[start:nl + 1] + self.raw[starts[li]:item_end]
                self._docs[cache] = (read_precise(text), lines[li] - 2)
            doc, offset = self._docs[cache]
            return doc, offset, (key, 0) + tuple(path[2:])
        cache = (key,)
        if cache not in self._docs:
            self._docs[cache] = (read_precise(self.raw[start:end]), line - 1)
        doc, offset = self._docs[cache]
        return doc, offset, tuple(path)

    # -- the PreciseDoc interface the loader uses
    def pos(self, path: Path, *, key: bool = False) -> Pos:
        if self._full is not None:
            return self._full.pos(path, key=key)
        p = tuple(path)
        if not p:
            return Pos(1, 1)
        try:
            if len(p) == 2 and isinstance(p[1], int) and self.lengths.get(p[0]) is not None:
                quick = self._item_start(p[0], p[1])
                if quick is not None:
                    return quick
            snip = self._snippet(p)
        except YamlProblem:
            snip = None
        if snip is None:
            return self.full().pos(path, key=key)
        doc, offset, q = snip
        sp = doc.pos(q, key=key)
        return Pos(sp.line + offset, sp.column)

    def _item_start(self, key: Any, li: int) -> Pos | None:
        """Where item ``li`` of a list section starts (what the precise reading gives for the
        path ``(key, li)``), straight from the index: the first character after ``- ``."""
        idx = self._item_index(key)
        if idx is None or not 0 <= li < len(idx[0]):
            return None
        starts, lines, indent = idx
        s = starts[li] + indent + 1
        rest = self.raw[s:self.raw.find(b"\n", s) if self.raw.find(b"\n", s) >= 0 else len(self.raw)]
        content = rest.lstrip(b" ")
        if not content or content.startswith(b"#"):
            return None  # the item's value starts on a later line: let the precise reading say where
        return Pos(lines[li], s + (len(rest) - len(content)) - starts[li] + 1)

    def text_of(self, path: Path) -> str | None:
        """The raw text of a scalar that YAML resolved to something other than text (as
        :attr:`PreciseDoc.scalar_text`), or None."""
        if self._full is not None:
            return self._full.scalar_text.get(tuple(path))
        p = tuple(path)
        try:
            snip = self._snippet(p) if p else None
        except YamlProblem:
            snip = None
        if snip is None:
            return self.full().scalar_text.get(p) if p else None
        doc, _, q = snip
        return doc.scalar_text.get(q)


class _LazyScalars:
    """``PreciseDoc.scalar_text`` for a :class:`LazyDoc`: looked up per item, on demand."""

    def __init__(self, doc: LazyDoc):
        self._doc = doc

    def __contains__(self, path: object) -> bool:
        return isinstance(path, tuple) and self._doc.text_of(path) is not None

    def __getitem__(self, path: Path) -> str:
        v = self._doc.text_of(path)
        if v is None:
            raise KeyError(path)
        return v

    def get(self, path: Path, default: Any = None) -> Any:
        v = self._doc.text_of(path)
        return default if v is None else v
