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


def run_neo4j(model: Any, *, peildatum: Any, selectors: Any = None, lang: str = "nl", audit: bool = False,
              drempel: float = 0.8, progress: Any = None, settings: Any = None) -> Any:
    """Load ``model`` into Neo4j (replacing that model id's previous version) and run the selected
    rules there as Cypher, in read transactions. Returns the same :class:`Report` as NetworkX."""
    from ketengraaf.backends.neo4j import Neo4jBackend
    from ketengraaf.rules import registry
    from ketengraaf.rules.engine import ExceptionSpec, Report, finalise

    rules = registry.select(selectors)
    peil = peildatum.isoformat()
    with Neo4jBackend(settings) as nb:
        if progress:
            progress("laden in Neo4j" if lang == "nl" else "loading into Neo4j")
        nb.load(model, replace=True)
        hits: dict[str, list[Hit]] = {}

        def work(tx: Any) -> None:
            for r in rules:
                if r.code == "U01":
                    continue
                if progress:
                    progress(f"regel {r.code}" if lang == "nl" else f"rule {r.code}")
                rows = list(tx.run(rule_query(r.code), model=model.id, peildatum=peil, drempel=drempel))
                hits[r.code] = [Hit(x["subject"], list(x["related"] or ()), _plain(dict(x["facts"] or {})))
                                for x in rows]
            rows = list(tx.run((queries_dir() / "rules" / "uitzonderingen.cypher").read_text(encoding="utf-8"),
                               model=model.id))
            hits["__exceptions__"] = [ExceptionSpec(x["regel"], x["onderwerp"], x["reden"], _plain(x["geldig_tot"]))
                                      for x in rows]  # type: ignore[misc]

        # one read transaction: a consistent snapshot
        nb._read(work, "run the rules", tag={"ketengraaf": "analyse", "model": model.id})
    exceptions = hits.pop("__exceptions__")
    findings = finalise(hits, exceptions, peildatum=peildatum, rules=rules, lang=lang, audit=audit)  # type: ignore[arg-type]
    return Report(model=model.id, naam=model.naam or model.id, peildatum=peil, backend="neo4j",
                  rules=[r.code for r in rules], findings=findings, lang=lang, audit=audit)
