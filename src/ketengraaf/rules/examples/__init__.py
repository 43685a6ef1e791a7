"""Every rule's two examples, as complete model files: ``<CODE>.bad.yaml`` shows the anti-pattern
and triggers the rule, ``<CODE>.good.yaml`` is the same model repaired the way the rule's ``fix``
text says, and gives no finding of that rule.

They are files rather than strings in the rule modules so that they are what they claim to be:
models a user can run (``ketengraaf analyse src/ketengraaf/rules/examples/R01.bad.yaml``) and an
editor can check against ``ketengraaf schema``; and so that the rule modules stay about rules
(66 models of ten lines each would add a third to them). A rule reads its texts with
:func:`example` (``bad=example("R01", "bad")``); ``Rule.__post_init__`` checks their shape cheaply
when the rule is defined, and ``tests/rules/test_examples.py`` runs every one of them through the
loader and the rules.
"""

from __future__ import annotations

from importlib.resources import files
from typing import Literal

Which = Literal["bad", "good"]


def example(code: str, which: Which) -> str:
    """The text of rule ``code``'s ``which`` example (``examples/<CODE>.<which>.yaml``).

    >>> example("R01", "bad").splitlines()[0]
    'ketengraaf: 1'
    """
    return files(__name__).joinpath(f"{code}.{which}.yaml").read_text(encoding="utf-8")
