"""Running the rules as Cypher inside Neo4j (one query per rule in ``queries/rules/<CODE>.cypher``).

Contract of a rule query (docs/neo4j.md, docs/rules-authoring.md):

* parameters: ``$model`` (model id), ``$peildatum`` (ISO date text), and the rule's own ``params``
  (:attr:`ketengraaf.rules.base.Rule.params`: the agreement kinds it accepts, a threshold, …) under
  their own names — declared once, on the rule; the query never spells them out;
* read-only, Neo4j Community 5.26 without plugins;
* returns one row per hit with columns ``subject`` (the list of the subject's parts, as
  :class:`~ketengraaf.rules.base.Kind` defines them), ``related`` (list of ids, any order) and
  ``facts`` (a map with exactly the rule's declared facts, equal to what the NetworkX check yields;
  lists in the order the rule documents, usually sorted by id) — or, for a rule with a ``decide``
  function, the raw rows that function turns into hits, as it does for NetworkX;
* notions shared by several rules (*verantwoord*, *besturen*) are written once, in
  ``queries/rules/_<name>.cypher``, and taken in with a line ``// @include <name>``.

The pipeline (:class:`ketengraaf.pipeline.Neo4jRules`, with :func:`ketengraaf.rules.engine.finalise`) then renders, suppresses, adds U01 and sorts
exactly as for NetworkX, so both backends give the same JSON.
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path
from typing import Any, Callable, Iterable, Mapping, Optional

from ketengraaf.errors import UsageError
from ketengraaf.rules.base import Hit, Rule

_INCLUDE = re.compile(r"^[ \t]*// @include ([a-z][a-z0-9-]*)[ \t]*$", re.M)


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


@lru_cache(maxsize=None)
def rule_query(code: str) -> str:
    """Rule ``code``'s query, with its ``// @include name`` lines replaced by the shared fragments
    ``queries/rules/_name.cypher`` (files of this package, never user input)."""
    d = queries_dir() / "rules"
    p = d / f"{code}.cypher"
    if not p.is_file():
        raise UsageError(f"no Cypher query for rule {code} ({p})")

    def fragment(m: re.Match[str]) -> str:
        f = d / f"_{m.group(1)}.cypher"
        if not f.is_file():
            raise UsageError(f"{p.name} includes '{m.group(1)}', but {f} is missing; reinstall ketengraaf")
        return "\n".join(line for line in f.read_text(encoding="utf-8").splitlines() if not line.startswith("//"))

    return _INCLUDE.sub(fragment, p.read_text(encoding="utf-8"))


def query_params(rule: Rule, overrides: Optional[Mapping[str, Any]] = None) -> dict[str, Any]:
    """The rule's params as query parameters (tuples as lists)."""
    return {k: list(v) if isinstance(v, tuple) else v for k, v in rule.effective(overrides).items()}


def hits_of(rule: Rule, rows: Iterable[Any], overrides: Optional[Mapping[str, Any]] = None) -> list[Hit]:
    """The hits of ``rule`` from its query's rows (through ``decide`` for rules that have one)."""
    if rule.decide is not None:
        return list(rule.decide((_plain(dict(r)) for r in rows), rule.effective(overrides)))
    return [Hit(tuple(r["subject"]) if len(r["subject"]) > 1 else r["subject"][0], list(r["related"] or ()),
                _plain(dict(r["facts"] or {}))) for r in rows]


def _plain(v: Any) -> Any:
    """Neo4j values as the plain Python values the NetworkX checks produce."""
    if isinstance(v, list):
        return [_plain(x) for x in v]
    if isinstance(v, dict):
        return {k: _plain(x) for k, x in v.items()}
    if hasattr(v, "iso_format"):  # neo4j.time.Date
        return v.iso_format()
    return v


def hits_from_neo4j(session: Any, rule: Rule, *, model: str, peildatum: str,
                    overrides: Optional[Mapping[str, Any]] = None) -> list[Hit]:
    """Run ``rule``'s query in a read transaction of ``session`` and return its hits."""
    query = rule_query(rule.code)
    params = query_params(rule, overrides)

    def work(tx: Any) -> list[Any]:
        return list(tx.run(query, model=model, peildatum=peildatum, **params))

    return hits_of(rule, session.execute_read(work), overrides)


def query_hits(model: Any, rules: Iterable[Rule], *, peildatum: str, overrides: Optional[Mapping[str, Any]] = None,
               settings: Any = None, replace: bool = False,
               progress: Optional[Callable[[str], None]] = None) -> tuple[dict[str, list[Hit]], list[Any]]:
    """Load ``model`` into Neo4j and run ``rules`` there as Cypher, in one read transaction:
    ``({code: hits}, the model's uitzonderingen as ExceptionSpec)``.

    The load follows ``ketengraaf load``'s guard: the same model content is reused, a different
    model under the same id (a colleague's) is refused unless ``replace``. ``progress`` gets
    ``"load"`` and then each rule's code as it starts."""
    from ketengraaf.backends.neo4j import Neo4jBackend
    from ketengraaf.rules.engine import ExceptionSpec

    hits: dict[str, list[Hit]] = {}
    exceptions: list[Any] = []
    with Neo4jBackend(settings) as nb:
        if progress:
            progress("load")
        nb.load(model, replace=replace)

        def work(tx: Any) -> None:
            hits.clear()
            for r in rules:
                if r.code == "U01":
                    continue
                if progress:
                    progress(r.code)
                rows = list(tx.run(rule_query(r.code), model=model.id, peildatum=peildatum,
                                   **query_params(r, overrides)))
                hits[r.code] = hits_of(r, rows, overrides)
            rows = list(tx.run((queries_dir() / "rules" / "uitzonderingen.cypher").read_text(encoding="utf-8"),
                               model=model.id))
            exceptions[:] = [ExceptionSpec(x["regel"], x["onderwerp"], x["reden"], _plain(x["geldig_tot"]))
                             for x in rows]

        # one read transaction: a consistent snapshot
        nb._read(work, "run the rules", tag={"ketengraaf": "analyse", "model": model.id})
    return hits, exceptions
