"""Fixtures shared by the whole test suite."""

from __future__ import annotations

import os
from typing import Any

import pytest


@pytest.fixture
def kg(capsys):
    """Run the command line in this process: ``kg("import", "roo", ...)`` -> (exit code, stdout, stderr)."""

    def run(*args: Any) -> tuple[int, str, str]:
        from ketengraaf.cli import main

        with pytest.raises(SystemExit) as e:
            main([str(a) for a in args])
        out = capsys.readouterr()
        return e.value.code, out.out, out.err

    return run


@pytest.fixture(autouse=True)
def _no_mapping_from_an_earlier_command(monkeypatch):
    """``--mapping`` reaches the readers through the environment (as ``--max-file-size`` does); a
    command run in this process must not leave it to the next test."""
    monkeypatch.delenv("KETENGRAAF_ARCHIMATE_MAPPING", raising=False)
    yield
    os.environ.pop("KETENGRAAF_ARCHIMATE_MAPPING", None)
