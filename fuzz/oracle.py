"""What the fuzzer (and the regression test over its corpus) accepts as a correct answer.

Every input goes through what ``ketengraaf validate`` does — the input checks, the fast and the
precise YAML readers, validation, the cross-checks — and, when the model is valid, through the graph
build and every rule, as ``ketengraaf analyse`` does. The only allowed outcomes:

* a model (exit 0 of validate), or
* :class:`~ketengraaf.errors.ModelInvalid` whose problems each name the file and either a position
  inside it (line and column of an existing line) or the file as a whole, in one line of text
  (exit 2, located).

Anything else raises: another exception (the user would see a traceback) or an AssertionError.
"""

from __future__ import annotations

from ketengraaf.errors import ModelInvalid
from ketengraaf.pipeline import Analysis, NetworkXRules, load_model


def located(e: ModelInvalid, path: str, data: bytes) -> None:
    """Each problem names ``path`` and a position inside it (or the whole file), in one line of text."""
    assert e.problems, "ModelInvalid without problems"
    n_lines = data.count(b"\n") + 1
    for p in e.problems:
        assert p.file == path, p
        assert p.message.strip() and "\n" not in str(p), p
        assert p.line == 0 or 1 <= p.line <= n_lines + 1, (p, n_lines)
        assert p.line == 0 or p.column >= 1, p


def check(path: str, data: bytes) -> str:
    """Run the model at ``path`` (whose bytes are ``data``); return "valid" or "invalid"."""
    try:
        model = load_model(path)
    except ModelInvalid as e:
        located(e, path, data)
        return "invalid"
    report = Analysis(model).findings(backend=NetworkXRules(parallel=False))
    for f in report.findings:
        assert f.message and f.subject, f
    return "valid"


def check_roo(path: str, data: bytes, out_dir: str) -> str:
    """``ketengraaf import roo`` of the export at ``path`` into ``out_dir`` (empty): "imported", or
    "invalid" for a :class:`~ketengraaf.errors.ModelInvalid` whose problems are located in the export
    as :func:`check` asks of a model."""
    from datetime import date

    from ketengraaf.importers.roo.importer import Options
    from ketengraaf.importers.roo.run import run_import

    try:
        result = run_import(path, out_dir, Options(peildatum=date(2026, 1, 1)))
    except ModelInvalid as e:
        located(e, path, data)
        return "invalid"
    for p in [*result.explained, *result.other]:  # the written model's problems: exit 1, each one line
        assert p.message.strip() and "\n" not in str(p), p
    return "imported"
