"""What reading an exchange file gives besides the data: the :class:`Report` of what was imported
and what was left out (each a :class:`Skip`, with its reason), and the :class:`XmlDoc` that tells the
loader where each part of the model stands in the XML.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from ketengraaf.archimate.reader import Document, Lines
from ketengraaf.model import yamlio


@dataclass
class Skip:
    """An element or relationship that was not imported, and why."""

    line: int
    tag: str
    label: str
    reason: str


@dataclass
class Report:
    """What the import did with the file: counts per ArchiMate type, and every object left out."""

    elements: Counter = field(default_factory=Counter)  # ArchiMate type -> count in the file
    relationships: Counter = field(default_factory=Counter)
    #: (ArchiMate type, what it became) -> count
    imported: Counter = field(default_factory=Counter)
    skipped: list[Skip] = field(default_factory=list)
    views: int = 0
    #: ketengraaf:bevinding:* properties of an earlier export --with-findings, ignored
    findings: int = 0
    #: (property name, value) -> elements whose soort property said nothing ketengraaf knows
    unrecognised: Counter = field(default_factory=Counter)
    #: elements without a name, named after their identifier
    unnamed: list[str] = field(default_factory=list)

    @property
    def skipped_elements(self) -> Counter:
        return Counter(s.label.split(" ", 1)[0] for s in self.skipped if s.tag == "element")

    @property
    def skipped_relationships(self) -> Counter:
        return Counter(s.label.split(" ", 1)[0] for s in self.skipped if s.tag == "relationship")


class XmlDoc:
    """Where the parts of a model read from an exchange file stand, for the loader (the interface of
    ``yamlio.PreciseDoc``: :meth:`pos`, ``scalar_text``, ``errors``)."""

    def __init__(self, lines: Lines, where: dict[tuple, tuple[int, str]], errors: list[tuple[int, str, str]],
                 report: Report, document: Document):
        self._lines = lines
        self._where = where
        self.scalar_text: dict[tuple, str] = {}
        self.date_paths: set[tuple] = set()
        self.errors = [(self._at(line, tag), msg) for line, tag, msg in errors]
        self.report = report
        self.document = document
        #: the model's data, as read (what ``ketengraaf import archimate`` writes as YAML)
        self.data: dict[str, Any] = {}

    def _at(self, line: int, tag: str) -> yamlio.Pos:
        ln, col = self._lines.at(line, tag)
        return yamlio.Pos(ln, col)

    def pos(self, path: tuple, *, key: bool = False) -> yamlio.Pos:
        p = tuple(path)
        while p:
            hit = self._where.get(p)
            if hit is not None:
                return self._at(*hit)
            p = p[:-1]
        return self._at(*self._where.get((), (1, "model")))


@dataclass
class Mapped:
    data: dict[str, Any]
    doc: XmlDoc
