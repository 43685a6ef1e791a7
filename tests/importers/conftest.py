from __future__ import annotations

from pathlib import Path
from typing import Any


def orgs(model_dir: Path) -> dict[str, Any]:
    """The organisaties of the model in ``model_dir`` by id (through the real loader)."""
    from ketengraaf.pipeline import load_model

    return {o.id: o for o in load_model(model_dir).organisaties}


def relations(model_dir: Path) -> set[tuple[str, str, str]]:
    from ketengraaf.pipeline import load_model

    return {(r.rol.value, r.van, r.naar) for r in load_model(model_dir).sturingsrelaties}
