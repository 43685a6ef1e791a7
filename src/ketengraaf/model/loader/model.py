"""The loaded model: its sections, the files it came from and where every item stands."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any, Optional

from pydantic import BaseModel

from ketengraaf.model import inputs, yamlio
from ketengraaf.model.types import (
    SECTIONS,
    Afspraak,
    Gegevens,
    Gegevensstroom,
    Keten,
    Middel,
    Opdracht,
    Organisatie,
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
