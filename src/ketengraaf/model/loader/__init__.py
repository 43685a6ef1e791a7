"""Load a model from a file or a directory, and report *every* error with its position.

The path of the data::

    files --formats.read (YAML: read_fast / read_precise; ArchiMate .xml)--> Python data
          --pydantic--> typed items --merge (origins kept)--> Model
          --cross-checks--> Model or ModelInvalid

* :mod:`.model` — the loaded :class:`Model` and its :class:`SourceFile` s;
* :mod:`.reading` — :func:`read_model` (read, validate, merge; the cross-checks handed back to
  run) and :func:`load_model` (all of it at once);
* :mod:`.crosschecks` — what holds between items and files;
* :mod:`.messages` — problems placed in their files, pydantic's errors as sentences.

Positions are only computed when something must be reported (or located, e.g. for SARIF): a
file read on the fast path is re-read on the precise path then. See :mod:`ketengraaf.model.yamlio`.

The loader knows no rules: the rule codes an ``uitzondering`` may name come from the caller
(:func:`ketengraaf.pipeline.load_model` passes the registry's).
"""

from ketengraaf.model.loader.model import ITEM_CLASS, KIND_NAME, SUFFIXES, Model, SourceFile, default_model_id, discover
from ketengraaf.model.loader.reading import Loaded, load_model, read_model

__all__ = ["ITEM_CLASS", "KIND_NAME", "Loaded", "Model", "SUFFIXES", "SourceFile", "default_model_id", "discover",
           "load_model", "read_model"]
