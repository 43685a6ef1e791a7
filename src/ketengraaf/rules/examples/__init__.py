"""Every rule's two examples, as complete model files: ``<CODE>.bad.yaml`` shows the anti-pattern
and triggers the rule, ``<CODE>.good.yaml`` is the same model repaired the way the rule's ``fix``
text says, and gives no finding of that rule.

They are files rather than strings in the rule modules so that they are what they claim to be:
models a user can run (``ketengraaf analyse src/ketengraaf/rules/examples/R01.bad.yaml``) and an
editor can check against ``ketengraaf schema``; and so that the rule modules stay about rules
(66 models of about fifteen lines each would add a third to them). A rule reads its texts with
:func:`example` (``bad=example("R01", "bad")``); ``Rule.__post_init__`` checks their shape cheaply
when the rule is defined, and ``tests/rules/test_examples.py`` and
``tests/neo4j/test_rule_examples.py`` run every one of them through the loader and both backends.
``ketengraaf explain`` and ``docs/rules.md`` show them, with what the bad one gives (:func:`findings`).
"""

from __future__ import annotations

import tempfile
from importlib.resources import files
from pathlib import Path
from typing import TYPE_CHECKING, Literal

if TYPE_CHECKING:  # pragma: no cover
    from ketengraaf.rules.base import Finding, Rule

Which = Literal["bad", "good"]


def example(code: str, which: Which) -> str:
    """The text of rule ``code``'s ``which`` example (``examples/<CODE>.<which>.yaml``).

    >>> example("R01", "bad").splitlines()[0]
    'ketengraaf: 1'
    """
    return files(__name__).joinpath(f"{code}.{which}.yaml").read_text(encoding="utf-8")


def findings(rule: "Rule", which: Which = "bad", lang: str = "nl") -> list["Finding"]:
    """The unsuppressed findings of ``rule`` on its ``which`` example, as ``ketengraaf analyse``
    gives them: the model read by the loader from a file, as a user's would be, and every rule run
    on NetworkX (every rule, so that U01 sees the findings its uitzondering is about). The
    examples are a few lines each: this takes a millisecond once the loader is imported."""
    from ketengraaf.pipeline import Analysis, NetworkXRules, load_model

    with tempfile.TemporaryDirectory(prefix="ketengraaf-") as d:
        path = Path(d) / f"{rule.code}.{which}.yaml"
        path.write_text(getattr(rule, which), encoding="utf-8")
        model = load_model(path)
        report = Analysis(model).findings(lang=lang, backend=NetworkXRules(parallel=False))
    return [f for f in report.findings if f.rule == rule.code and not f.suppressed]
