"""What a reading gives: positions, problems, and a document with the positions of its parts."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

#: At most this many nodes may result from expanding aliases, relative to the document's own size.
ALIAS_FACTOR = 10
ALIAS_MIN_BUDGET = 100_000

Path = tuple  # a path of keys and indices from the document root


@dataclass(frozen=True)
class Pos:
    line: int  # 1-based
    column: int  # 1-based


@dataclass
class YamlProblem(Exception):
    """A problem reading YAML, with a position when one is known."""

    message: str
    pos: Pos | None = None

    def __str__(self) -> str:  # pragma: no cover - debugging aid
        return self.message


@dataclass
class PreciseDoc:
    """The data of one file plus where every part of it stands."""

    data: Any
    value_pos: dict[Path, Pos] = field(default_factory=dict)
    key_pos: dict[Path, Pos] = field(default_factory=dict)
    #: paths of values that were unquoted YAML dates (kept as ``YYYY-MM-DD`` text)
    date_paths: set[Path] = field(default_factory=set)
    #: raw source text of scalars that YAML resolved to something other than text
    scalar_text: dict[Path, str] = field(default_factory=dict)
    source: str = ""
    #: errors that do not stop the reading (duplicate keys)
    errors: list[tuple[Pos, str]] = field(default_factory=list)

    def pos(self, path: Path, *, key: bool = False) -> Pos:
        """Best position for ``path``: the key (when asked) or the value, else its nearest parent."""
        p = tuple(path)
        while True:
            if key and p in self.key_pos:
                return self.key_pos[p]
            if p in self.value_pos:
                return self.value_pos[p]
            if p in self.key_pos:
                return self.key_pos[p]
            if not p:
                return Pos(1, 1)
            p = p[:-1]
