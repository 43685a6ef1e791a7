"""The formats a model file may have, by suffix: the reading seam of the loader.

A reader turns one file into what the loader validates: its bytes, its data (the Python data of a
model file: ``{"ketengraaf": 1, "organisaties": [...], ...}``) and, when it has them already, the
positions of its parts (an object with ``pos(path)``, ``scalar_text`` and ``errors``, like
:class:`ketengraaf.model.yamlio.PreciseDoc`). From there every format takes the same path: pydantic,
the cross-checks, the same :class:`~ketengraaf.model.loader.Model`, every rule, renderer and backend.

* ``.yaml``, ``.yml`` (and any other suffix): the model format of MODEL.md, read by
  :mod:`ketengraaf.model.yamlio` (data ``None`` when the fast path declines; the loader then reads the
  file precisely).
* ``.xml``: an ArchiMate exchange file (OEF 3.1), read by :mod:`ketengraaf.archimate.model`. It is a
  model on its own: a directory model reads only its ``*.yaml``/``*.yml`` files
  (:func:`ketengraaf.model.inputs.discover`).

A new format adds a reader to :data:`READERS`. Where the files come from is a :class:`Source`: the
disk (:data:`DISK`), or an :class:`Overlay` of contents that are not saved yet (the editor server).
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any, Callable, Mapping, NamedTuple, Optional, Protocol

from ketengraaf.errors import ModelInvalid
from ketengraaf.model import inputs, yamlio


class Reading(NamedTuple):
    raw: bytes
    #: the file's data; None: the YAML fast path declined (the loader reads it precisely)
    data: Any
    #: where the parts stand, when the reader knows (None: the loader finds out when it must)
    doc: Optional[Any]


Reader = Callable[[Path, inputs.Limits, str], Reading]


def read_yaml(path: Path, limits: inputs.Limits, display: str) -> Reading:
    return yaml_reading(inputs.read(path, limits, display))


def yaml_reading(raw: bytes) -> Reading:
    """The reading of a YAML model file's checked bytes (:func:`ketengraaf.model.inputs.check`)."""
    return Reading(raw, yamlio.read_fast(raw), None)


def read_archimate(path: Path, limits: inputs.Limits, display: str) -> Reading:
    from ketengraaf.archimate.model import read_model

    raw, data, doc = read_model(path, display)
    return Reading(raw, data, doc)


#: Suffix (lower case) -> reader. Anything else is read as YAML.
READERS: dict[str, Reader] = {".yaml": read_yaml, ".yml": read_yaml, ".xml": read_archimate}


def reader_for(path: str | os.PathLike[str]) -> Reader:
    return READERS.get(Path(path).suffix.lower(), read_yaml)


def read(path: Path, limits: inputs.Limits, display: str) -> Reading:
    """One model file, read by the reader of its suffix. Raises
    :class:`~ketengraaf.errors.ModelInvalid` for a file that cannot be read."""
    return reader_for(path)(path, limits, display)


class Source(Protocol):
    """Where the loader gets a model's files: which files a model path holds, and each file's reading.
    :data:`DISK` reads them from disk; :class:`Overlay` takes some files' contents from elsewhere."""

    def discover(self, path: str | os.PathLike[str], limits: inputs.Limits) -> list[Path]: ...

    def read(self, path: Path, limits: inputs.Limits, display: str) -> Reading: ...


class Disk:
    """The files as they are on disk (the command line's source)."""

    def discover(self, path: str | os.PathLike[str], limits: inputs.Limits) -> list[Path]:
        return inputs.discover(path, limits)

    def read(self, path: Path, limits: inputs.Limits, display: str) -> Reading:
        return read(path, limits, display)


DISK = Disk()


class Overlay(Disk):
    """The files on disk, except those whose contents ``texts`` holds (path -> bytes): the unsaved
    buffers of an editor. Those get the same checks as a file (:func:`inputs.check`) and are read as
    YAML whatever their suffix (an ``.xml`` model is not edited as text here).

    A text for a file not on disk still belongs to the model: the model itself (a single-file model
    not saved yet, or deleted under the editor), or, in a directory model, a ``*.yaml``/``*.yml``
    path below the directory (``tests/loader/test_overlay.py``).
    """

    def __init__(self, texts: Mapping[Path, bytes]):
        self.texts = dict(texts)

    def discover(self, path: str | os.PathLike[str], limits: inputs.Limits) -> list[Path]:
        root = Path(path)
        if root in self.texts:
            return [root]
        extra = [p for p in self.texts if p.name.endswith(inputs.SUFFIXES) and root in p.parents]
        try:
            found = inputs.discover(root, limits)
        except ModelInvalid as e:
            # Only the model path itself may be missing or empty when the editor holds its files.
            if not extra or any(p.file != str(root) for p in e.problems):
                raise
            found = []
        return sorted(set(found).union(extra), key=lambda f: f.as_posix())

    def contents(self, path: Path, limits: inputs.Limits, display: str) -> bytes:
        """The checked bytes of ``path``: its text in the overlay, else the file's."""
        raw = self.texts.get(path)
        return inputs.read(path, limits, display) if raw is None else inputs.check(raw, limits, display)

    def read(self, path: Path, limits: inputs.Limits, display: str) -> Reading:
        if path not in self.texts:
            return super().read(path, limits, display)
        return yaml_reading(self.contents(path, limits, display))


def extra_inputs(model: str | os.PathLike[str]) -> list[Path]:
    """Files a model in this format reads besides its own (the mapping file of an ``.xml`` model),
    so that no output may touch them either."""
    if Path(model).suffix.lower() == ".xml":
        from ketengraaf.archimate.mapping import ENV

        m = os.environ.get(ENV, "").strip()
        return [Path(m)] if m else []
    return []
