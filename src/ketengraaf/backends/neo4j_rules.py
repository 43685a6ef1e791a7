"""Running the rules as Cypher inside Neo4j (one query per rule in ``queries/rules/<CODE>.cypher``).

Contract of a rule query (see docs/neo4j.md):

* parameters ``$model`` (model id), ``$peildatum`` (ISO date text), ``$drempel`` (K07 threshold);
* read-only, Neo4j Community 5.26 without plugins;
* returns one row per finding with columns ``subject`` (text), ``related`` (list of ids, any order)
  and ``facts`` (a map equal to the facts the NetworkX check yields for the same finding; lists in
  facts are in the order the Python check documents, usually sorted by id).

The engine (:func:`ketengraaf.rules.engine.finalise`) then normalises, suppresses, adds U01 and
sorts exactly as for NetworkX, so both backends give the same JSON.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ketengraaf.errors import UsageError
from ketengraaf.rules.base import Hit

def queries_dir() -> Path:
    """The queries shipped as package ``ketengraaf.queries`` (the repository's ``queries/``)."""
    from importlib.resources import files

    try:
        d = Path(str(files("ketengraaf.queries")))
    except ModuleNotFoundError:  # pragma: no cover - a broken installation
        d = Path(__file__).resolve().parents[3] / "queries"
    if not d.is_dir():  # pragma: no cover
        raise UsageError(f"cannot find ketengraaf's Cypher queries (looked in {d}); reinstall ketengraaf")
    return d


def rule_query(code: str) -> str:
    p = queries_dir() / "rules" / f"{code}.cypher"
    if not p.is_file():
        raise UsageError(f"no Cypher query for rule {code} ({p})")
    return p.read_text(encoding="utf-8")


def _plain(v: Any) -> Any:
    """Neo4j values as the plain Python values the NetworkX checks produce."""
    if isinstance(v, list):
        return [_plain(x) for x in v]
    if isinstance(v, dict):
        return {k: _plain(x) for k, x in v.items()}
    if hasattr(v, "iso_format"):  # neo4j.time.Date
        return v.iso_format()
    return v


def hits_from_neo4j(session: Any, code: str, *, model: str, peildatum: str, drempel: float) -> list[Hit]:
    """Run rule ``code``'s query in a read transaction of ``session`` and return its hits."""
    query = rule_query(code)

    def work(tx: Any) -> list[Any]:
        return list(tx.run(query, model=model, peildatum=peildatum, drempel=drempel))

    rows = session.execute_read(work)
    return [Hit(r["subject"], list(r["related"] or ()), _plain(dict(r["facts"] or {}))) for r in rows]
