from __future__ import annotations

from pathlib import Path
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


def orgs(model_dir: Path) -> dict[str, Any]:
    """The organisaties of the model in ``model_dir`` by id (through the real loader)."""
    from ketengraaf.model.loader import load_model

    return {o.id: o for o in load_model(model_dir).organisaties}


def relations(model_dir: Path) -> set[tuple[str, str, str]]:
    from ketengraaf.model.loader import load_model

    return {(r.rol.value, r.van, r.naar) for r in load_model(model_dir).sturingsrelaties}
