"""``ketengraaf query NAME-OR-FILE… [--model MODEL] [--backend networkx|neo4j]`` (registered by ``ketengraaf.cli``).

With ``--model`` the queries run on the embedded engine by default (``networkx``, alias
``embedded``: the model's graph in LadybugDB, :mod:`ketengraaf.query.embedded`), with ``$model`` the
model's id and ``$peildatum`` its peildatum. ``--backend neo4j`` runs them on a Neo4j server: with
``--model`` the model is loaded there first (``ketengraaf load``'s guard), without it ``$model`` comes
from ``--param`` and names a model loaded before.

Every query is resolved, read and checked before the graph is built, so a mistyped name or a query
that writes costs no build. A query that writes is refused on both engines (exit 2).
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any, Optional

import click

from ketengraaf.backends.commands import connection_options
from ketengraaf.cliutil import MODEL_PATH, date_option
from ketengraaf.errors import UsageError
from ketengraaf.query import dialect
from ketengraaf.query.embedded import ENGINE, check, read_only
from ketengraaf.query.named import EMBEDDED_SUFFIX, named_queries, parse_params, query_summary, resolve_query, rules_of, variant
from ketengraaf.query.output import render_table, write_csv, write_json

BACKENDS = ("networkx", "embedded", "neo4j")


class Query:
    """One query of a call: its name as shown, its file and text for the chosen engine."""

    def __init__(self, name_or_file: str, embedded: bool):
        self.display, path = resolve_query(name_or_file)
        self.path = variant(path, embedded)
        try:
            self.cypher = self.path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as e:
            raise UsageError(f"{self.path}: cannot read the query ({e})") from None
        if not self.cypher.strip():
            raise UsageError(f"{self.path}: the query file is empty")
        self.native = self.path.name.endswith(EMBEDDED_SUFFIX)  # in the embedded engine's own dialect
        self.rules = rules_of(self.cypher)
        if self.rules is not None:
            from ketengraaf.rules import registry

            unknown = [c for c in self.rules if c not in registry.codes()]
            if unknown or not self.rules:
                raise UsageError(f"{self.path}: '// @rules:' names no rule of the catalogue: {', '.join(unknown)}")
        else:
            w = dialect.writing_clause(self.cypher)
            if w:
                raise read_only(self.display, f"it has a {w} clause")
            if embedded and not self.native:
                check(self.cypher, self.display)


def rule_rows(analysis: Any, codes: list[str], backend: Any) -> list[dict[str, Any]]:
    """What the rules ``codes`` find (not the accepted ones), one row per finding, in analyse's order."""
    report = analysis.findings(selectors=codes, backend=backend)
    return [{"regel": f.rule, "onderwerp": f.subject, "gerelateerd": list(f.related), "bericht": f.message}
            for f in report.findings if not f.suppressed]


@click.command(epilog=f"""\b
Examples:
  ketengraaf query --list
  ketengraaf query overzicht --model modellen/belastingdienst.yaml
  ketengraaf query driehoek --model modellen/belastingdienst.yaml --param id=belastingdienst
  ketengraaf query opdrachtgevers-van gestuurd-door --model modellen/politie.yaml --param id=politie
  ketengraaf query afspraken-verlopen --model modellen/belastingdienst.yaml --param dagen=365 --format csv
  ketengraaf query mijn-vraag.cypher --model model.yaml --format json
  ketengraaf query ketens-van --backend neo4j --param model=voorbeeld --param id=politie

\b
With --model the queries run without a server on the embedded engine (backend
networkx, alias embedded: the model's graph in {ENGINE}, with the labels,
relationship types and properties of the Neo4j load); $model is the model's id and
$peildatum its peildatum (or --peildatum). --backend neo4j runs them on Neo4j (with
--model: loaded there first). NAME is queries/explore/NAME.cypher of the repository
(also shipped inside the package), else of ./queries. --param values that look like
numbers or true/false are passed as such; put text in double quotes to force text
(--param 'id="2027"'). A query that writes is refused; a construct the embedded engine
lacks is named, with --backend neo4j as the way out (docs/queries.md).
""")
@click.argument("names", metavar="NAME-OR-FILE...", nargs=-1)
@click.option("--model", "model_path", type=MODEL_PATH,
              help="The model to query (a YAML file, a directory, or an ArchiMate .xml).")
@click.option("--backend", type=click.Choice(BACKENDS),
              help=f"networkx (alias embedded): the embedded engine, {ENGINE}, no server [default with --model]; "
                   "neo4j: a Neo4j server [default without --model].")
@click.option("--param", "params", multiple=True, metavar="NAME=VALUE", help="A query parameter ($NAME); repeatable.")
@click.option("--peildatum", callback=date_option, help="$peildatum, YYYY-MM-DD (default: the model's, else today).")
@click.option("--format", "fmt", type=click.Choice(("table", "json", "csv")), default="table", show_default=True)
@click.option("--list", "list_queries", is_flag=True, help="List the named queries and what they answer.")
@click.option("--replace", is_flag=True,
              help="With --backend neo4j --model: replace a different model of the same id in the database.")
@connection_options
def query(names: tuple[str, ...], model_path: Optional[str], backend: Optional[str], params: tuple[str, ...],
          peildatum: Optional[date], fmt: str, list_queries: bool, replace: bool, uri: Optional[str],
          user: Optional[str], password: Optional[str], database: Optional[str]) -> None:
    """Run named queries or .cypher files, read-only, on a model (embedded engine) or on Neo4j, and print the rows."""
    if list_queries:
        qs = named_queries()
        if fmt == "json":
            click.echo(write_json([{"name": n, "file": str(p), "answers": query_summary(p)} for n, p in sorted(qs.items())]))
        elif fmt == "csv":
            click.echo(write_csv([{"name": n, "answers": query_summary(p)} for n, p in sorted(qs.items())]), nl=False)
        else:
            render_table([{"name": n, "answers": query_summary(p)} for n, p in sorted(qs.items())])
        return
    if not names:
        known = ", ".join(sorted(named_queries())) or "none found"
        raise UsageError(f"give a query NAME or a .cypher FILE; named queries: {known}")
    engine = backend or ("networkx" if model_path else "neo4j")
    embedded = engine in ("networkx", "embedded")
    if embedded and not model_path:
        raise UsageError(f"the embedded engine queries a model file: give --model MODEL (or --backend neo4j "
                         f"for a model loaded into Neo4j)")
    if replace and (embedded or not model_path):
        raise UsageError("--replace goes with --backend neo4j --model MODEL (it replaces the model loaded in Neo4j)")
    values = parse_params(params)
    queries = [Query(n, embedded) for n in names]
    if any(q.rules is not None for q in queries) and not model_path:
        raise UsageError(f"{next(q.display for q in queries if q.rules is not None)} answers with the rules' "
                         f"findings and needs the model: give --model MODEL")

    results: list[tuple[str, list[dict[str, Any]]]] = []
    if model_path:
        from ketengraaf.pipeline import Analysis

        analysis = Analysis.open(model_path, peildatum=peildatum)
        mid = analysis.model.id
        if "model" in values and values["model"] != mid:
            raise UsageError(f"--param model={values['model']} contradicts --model, whose id is '{mid}'")
        values["model"] = mid
        values.setdefault("peildatum", analysis.peildatum.isoformat())
        if embedded:
            with EmbeddedRun(analysis, queries) as run:
                results = [(q.display, run.rows(q, values)) for q in queries]
        else:
            results = _run_neo4j(queries, values, analysis, replace, (uri, user, password, database))
    else:
        results = _run_neo4j(queries, values, None, False, (uri, user, password, database))
    _print(results, fmt)


class EmbeddedRun:
    """Queries on the embedded engine as the command runs them: made with every query of the call
    (so that it knows what to prepare), it builds the graph, then :meth:`rows` answers each query.
    ``bench/query.py`` times the two steps. Use it in a ``with`` block: leaving it stops what no
    query asked for.

    The rules' queries need the rules' context (a build of its own, seconds at 100,000
    organisations): it is made on a child while this process builds the graph, forked first (no
    child after LadybugDB has started its threads). The child works on an Analysis of its own,
    without the cross-checks' confirmation: that is this process's, before any of its rows are used.
    """

    def __init__(self, analysis: Any, queries: list[Query]):
        from ketengraaf.forking import Background
        from ketengraaf.pipeline import Analysis
        from ketengraaf.pipeline.backends import NetworkXRules
        from ketengraaf.query.embedded import EmbeddedGraph, may_fork, reads_fingerprint

        by_rules = [q for q in queries if q.rules is not None]
        by_graph = [q for q in queries if q.rules is None]
        found = Background(lambda: [rule_rows(Analysis(analysis.model, peildatum=analysis.peildatum), q.rules,
                                              NetworkXRules(parallel=False)) for q in by_rules],
                           wanted=bool(by_rules and by_graph) and may_fork())
        self.graph: Optional[EmbeddedGraph] = None
        try:
            if by_graph:
                try:
                    self.graph = EmbeddedGraph(analysis.model,
                                               fingerprint=any(reads_fingerprint(q.cypher) for q in by_graph))
                except Exception:
                    analysis.confirm()  # an invalid model explains the failure better than the failure itself
                    raise
            analysis.confirm()
            self._found = dict(zip(map(id, by_rules), found.result() if by_rules else []))
        except BaseException:
            self.close()
            raise
        finally:
            found.cancel()

    def rows(self, q: Query, values: dict[str, Any]) -> list[dict[str, Any]]:
        """The rows of ``q`` (one of the queries it was made with), with the parameters ``values``."""
        if q.rules is not None:
            return self._found[id(q)]
        assert self.graph is not None
        return self.graph.read_query(q.cypher, values, name=q.display, native=q.native)

    def close(self) -> None:
        if self.graph is not None:
            self.graph.close()

    def __enter__(self) -> "EmbeddedRun":
        return self

    def __exit__(self, *exc: Any) -> None:
        self.close()


def _run_neo4j(queries: list[Query], values: dict[str, Any], analysis: Any, replace: bool,
               conn: tuple[Optional[str], ...]) -> list[tuple[str, list[dict[str, Any]]]]:
    from ketengraaf.backends.commands import _connect
    from ketengraaf.pipeline.backends import Neo4jRules

    out = []
    with _connect(*conn) as backend:
        if analysis is not None:
            analysis.confirm()  # only a checked model goes into the database
            backend.load(analysis.model, replace=replace)
        for q in queries:
            if q.rules is not None:
                out.append((q.display, rule_rows(analysis, q.rules, Neo4jRules(backend.settings, replace=replace))))
            else:
                out.append((q.display, backend.read_query(q.cypher, values, name=q.display)))
    return out


def _print(results: list[tuple[str, list[dict[str, Any]]]], fmt: str) -> None:
    several = len(results) > 1
    if fmt == "json":
        click.echo(write_json({name: rows for name, rows in results} if several else results[0][1]))
        return
    for i, (name, rows) in enumerate(results):
        if several:
            click.echo(("\n" if i else "") + f"# {name}")
        if fmt == "csv":
            click.echo(write_csv(rows) if rows else "", nl=False)
        elif rows:
            render_table(rows)
        else:
            click.echo("(no rows)", err=True)
