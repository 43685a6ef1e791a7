"""Which model a file belongs to, and the loader's source for it while the author edits.

A file belongs to the nearest directory above it that holds a ``model.yaml``/``model.yml`` (a
directory model, as ``ketengraaf generate --split`` and ``modellen/`` write them), looking no higher
than the workspace folder; else it is a model on its own, if it is one at all (a top-level
``ketengraaf:`` key: other YAML files in the workspace are none of this server's business). The
``model`` setting names a model path outright.
"""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import Iterable, Mapping, Optional

from ketengraaf.model import formats, inputs, yamlio

_MARKERS = ("model.yaml", "model.yml")
_IS_MODEL_FILE = re.compile(rb"(?m)^ketengraaf[ \t]*:")


def model_root(file: Path, folders: Iterable[Path], buffers: Mapping[Path, bytes], setting: Optional[Path]) -> Optional[Path]:
    """The model ``file`` belongs to: a directory, the file itself, or None (not a model file)."""
    if setting is not None and (file == setting or setting in file.parents):
        return setting
    tops = set(folders)
    d = file.parent
    while True:
        if any((d / m) in buffers or (d / m).is_file() for m in _MARKERS) and file.name.endswith(inputs.SUFFIXES):
            return d
        if d in tops or d.parent == d:
            break
        d = d.parent
    raw = buffers.get(file)
    if raw is None:
        try:
            raw = file.read_bytes()
        except OSError:
            return None
    return file if _IS_MODEL_FILE.search(raw) else None


class Buffers(formats.Overlay):
    """The loader's source: the editor's open buffers over the disk (:class:`formats.Overlay`), with
    each file's reading kept while its contents stay the same (buffers: the same text; files on disk:
    the same size and modification time), so a run after a one-character change reads one file."""

    def __init__(self) -> None:
        super().__init__({})
        self._kept: dict[Path, tuple[object, formats.Reading]] = {}

    def view(self, texts: Mapping[Path, bytes]) -> "Buffers":
        """The same kept readings with these texts (a run's snapshot of the open buffers)."""
        v = Buffers()
        v.texts = dict(texts)
        v._kept = self._kept
        return v

    def set(self, path: Path, text: Optional[str]) -> None:
        if text is None:
            self.texts.pop(path, None)
        else:
            self.texts[path] = text.encode("utf-8")

    def read(self, path: Path, limits: inputs.Limits, display: str) -> formats.Reading:
        raw = self.texts.get(path)
        if raw is not None:
            key: object = raw
        else:
            if not path.name.endswith(inputs.SUFFIXES):  # an .xml model: its reader, every time
                return super().read(path, limits, display)
            try:
                st = os.stat(path)
                key = (st.st_mtime_ns, st.st_size, st.st_ino)
            except OSError:
                key = None
        kept = self._kept.get(path)
        if kept is not None and key is not None and (kept[0] is key or kept[0] == key):
            return kept[1]
        reading = super().read(path, limits, display)
        if isinstance(reading.data, dict) and reading.doc is None:
            # Read on the fast path: its positions are found when asked (a LazyDoc), and kept with
            # the reading, so the findings of an unchanged file are placed once, not every run.
            lengths = {k: len(v) if isinstance(v, list) else None for k, v in reading.data.items()}
            reading = formats.Reading(reading.raw, reading.data, yamlio.LazyDoc(reading.raw, lengths))
        elif reading.data is None and reading.doc is None:
            # Refused by the fast path: keep its precise reading too (a file with a YAML error is
            # read again each time, and reported each time).
            try:
                reading = formats.Reading(reading.raw, None, yamlio.read_precise(reading.raw))
            except yamlio.YamlProblem:
                return reading
        if key is not None:
            self._kept[path] = (key, reading)
        return reading

    def reading(self, path: Path) -> Optional[formats.Reading]:
        """``path``'s reading (kept or made now), or None when it cannot be read."""
        from ketengraaf.errors import ModelInvalid

        try:
            return self.read(path, inputs.Limits.from_env(), str(path))
        except ModelInvalid:
            return None

    def forget(self, keep: Iterable[Path]) -> None:
        """Drop the readings of files no longer in any model (deleted, or closed and elsewhere)."""
        keep = set(keep)
        for p in [p for p in list(self._kept) if p not in keep]:  # list(): one step, while a run may add
            self._kept.pop(p, None)
