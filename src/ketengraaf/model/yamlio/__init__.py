"""Reading YAML: a fast path for the common valid file, a precise path with positions.

Why two paths
-------------
PyYAML, even with its C loader, parses about 0.5–1 MB/s of model YAML; a national model is tens of
megabytes. rapidyaml (``ryml``) parses the same text well over 20× faster and can emit it as JSON,
which ``orjson`` turns into Python objects at C speed. But rapidyaml implements YAML 1.2 and keeps
no source positions in the JSON, while the model format follows what YAML 1.1 readers (PyYAML,
most editors) do: ``on``/``no`` are booleans, ``012`` is a number, ``~`` is null.

So :func:`read_fast` is only trusted when a file cannot be read differently by the two: it refuses
(returns ``None``) as soon as the text holds anything where YAML 1.1 and 1.2 may disagree or that it
does not model — anchors, aliases, tags, document markers, and any scalar that a YAML 1.1 resolver
would turn into a boolean, number, null or date outside the date keys. :func:`read_precise` is
the reference: PyYAML's composer (C, safe), our own constructor that records the position of every
key and value, expands aliases only up to a bound, and keeps dates as text while remembering where
they were unquoted dates. The loader uses the precise path for refused files and, to report
positions, for any file that fails validation. ``tests/test_yamlio.py`` checks with hypothesis that
whenever the fast path answers, it answers exactly what the precise path does.

The modules: :mod:`.doc` (positions, problems, :class:`PreciseDoc`), :mod:`.fast`, :mod:`.precise`,
and :mod:`.lazy` (positions for a file read on the fast path, found only for the items that need
them).
"""

from ketengraaf.model.yamlio.doc import ALIAS_FACTOR, ALIAS_MIN_BUDGET, Path, Pos, PreciseDoc, YamlProblem
from ketengraaf.model.yamlio.fast import ENGINE, read_fast
from ketengraaf.model.yamlio.lazy import LazyDoc
from ketengraaf.model.yamlio.precise import read_precise

__all__ = ["ALIAS_FACTOR", "ALIAS_MIN_BUDGET", "ENGINE", "LazyDoc", "Path", "Pos", "PreciseDoc", "YamlProblem",
           "read_fast", "read_precise"]
