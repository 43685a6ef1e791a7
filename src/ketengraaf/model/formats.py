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

A new format adds a reader to :data:`READERS`.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any, Callable, NamedTuple, Optional

from ketengraaf.model import inputs, yamlio


class Reading(NamedTuple):
    raw: bytes
    #: the file's data; None: the YAML fast path declined (the loader reads it precisely)
    data: Any
    #: where the parts stand, when the reader knows (None: the loader finds out when it must)
    doc: Optional[Any]


Reader = Callable[[Path, inputs.Limits, str], Reading]


def read_yaml(path: Path, limits: inputs.Limits, display: str) -> Reading:
    raw = inputs.read(path, limits, display)
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


def extra_inputs(model: str | os.PathLike[str]) -> list[Path]:
    """Files a model in this format reads besides its own (the mapping file of an ``.xml`` model),
    so that no output may touch them either."""
    if Path(model).suffix.lower() == ".xml":
        from ketengraaf.archimate.mapping import ENV

        m = os.environ.get(ENV, "").strip()
        return [Path(m)] if m else []
    return []
