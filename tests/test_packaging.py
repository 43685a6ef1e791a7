"""pyproject.toml lists the packages explicitly (the queries live outside src/): every package on
disk must be in the list, or `pip install .` ships without it (an editable install would not show)."""

from __future__ import annotations

import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_every_package_on_disk_is_listed() -> None:
    conf = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["setuptools"]
    listed = set(conf["packages"])
    on_disk = {".".join(p.parent.relative_to(ROOT / "src").parts) for p in (ROOT / "src").rglob("*.py")
               if "egg-info" not in str(p)}
    queries = {"ketengraaf.queries"} | {f"ketengraaf.queries.{d.name}" for d in (ROOT / "queries").iterdir()
                                       if d.is_dir() and any(d.glob("*.cypher"))}
    assert listed == on_disk | queries
    data = conf["package-data"]
    for pkg in queries - {"ketengraaf.queries"}:
        assert data[pkg] == ["*.cypher"], pkg
