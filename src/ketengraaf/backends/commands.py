"""The Neo4j commands ``load`` and ``unload`` (``ketengraaf.cli`` registers them; ``query`` is :mod:`ketengraaf.query`).

Connection: ``--uri``/``--user``/``--password``/``--database``, else ``NEO4J_URI`` (default
``bolt://localhost:7687``), ``NEO4J_USER`` (default ``neo4j``), ``NEO4J_PASSWORD``,
``NEO4J_DATABASE`` (default: the server's). Credentials are never printed. Neo4j unreachable or
a refused login: exit 3 with one sentence.
"""

from __future__ import annotations

import os
import sys
from typing import Any, Callable, Optional

import click

from ketengraaf.cliutil import MODEL_PATH, mapping_option

#: Show a progress bar only for models with at least this many nodes + relationships.
BAR_FROM = 5_000


# ------------------------------------------------------------------------------------------------
# connection options


def connection_options(f: Callable[..., Any]) -> Callable[..., Any]:
    f = click.option("--database", metavar="NAME",
                     help="Database [env NEO4J_DATABASE; default: the server's default database].")(f)
    f = click.option("--password", metavar="PASSWORD",
                     help="Password [env NEO4J_PASSWORD]. Prefer the variable: options are visible in the process list.")(f)
    f = click.option("--user", metavar="USER", help="User name [env NEO4J_USER; default: neo4j].")(f)
    f = click.option("--uri", metavar="URI",
                     help="Neo4j URI, bolt:// or neo4j:// (+s for TLS) [env NEO4J_URI; default: bolt://localhost:7687].")(f)
    return f


def _connect(uri: Optional[str], user: Optional[str], password: Optional[str], database: Optional[str]) -> Any:
    from ketengraaf.backends.neo4j import Settings, connect

    return connect(Settings.resolve(uri=uri, user=user, password=password, database=database))


class _Bar:
    """A rich progress bar on stderr, shown for large models when stderr is a terminal (not in CI)."""

    def __init__(self, label: str):
        self.label = label
        self.enabled = sys.stderr.isatty() and "CI" not in os.environ and "NO_PROGRESS" not in os.environ
        self._progress: Any = None
        self._task: Any = None

    def __call__(self, done: int, total: int) -> None:
        if not self.enabled or total < BAR_FROM:
            return
        if self._progress is None:
            from rich.console import Console
            from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

            self._progress = Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
                                      TimeRemainingColumn(), console=Console(stderr=True), transient=True)
            self._progress.start()
            self._task = self._progress.add_task(self.label, total=total)
        self._progress.update(self._task, completed=done, total=total)

    def __enter__(self) -> "_Bar":
        return self

    def __exit__(self, *exc: Any) -> None:
        if self._progress is not None:
            self._progress.stop()


# ------------------------------------------------------------------------------------------------
# load / unload


@click.command(epilog="""\b
Examples:
  scripts/neo4j-server start                  # a local Neo4j on bolt://127.0.0.1:7687
  ketengraaf load modellen/belastingdienst.yaml
  ketengraaf load modellen/belastingdienst.yaml --replace     # after editing the model
  NEO4J_URI=neo4j+s://xxxx.databases.neo4j.io NEO4J_PASSWORD=… ketengraaf load model/
  ketengraaf query overzicht --backend neo4j --model modellen/belastingdienst.yaml

\b
Loading is one transaction: it succeeds completely or leaves the database as it was.
Loading the same content again changes nothing. A model id that is already in the
database with different content is refused unless --replace is given, so that nobody
overwrites a colleague's model by accident. Other models are never touched.
""")
@click.argument("model", type=MODEL_PATH)
@mapping_option
@click.option("--replace", is_flag=True,
              help="Replace the model with the same id when its content in Neo4j differs (else: refuse, exit 2).")
@click.option("--batch-size", type=click.IntRange(1, 1_000_000), default=10_000, show_default=True,
              help="Rows per UNWIND statement.")
@connection_options
def load(model: str, replace: bool, batch_size: int, uri: Optional[str], user: Optional[str],
         password: Optional[str], database: Optional[str]) -> None:
    """Load MODEL (a YAML file, a directory, or an ArchiMate .xml) into Neo4j, as the graph of docs/graph-schema.md."""
    from ketengraaf.pipeline import load_model

    m = load_model(model)
    with _connect(uri, user, password, database) as backend, _Bar(f"loading {m.id}") as bar:
        result = backend.load(m, replace=replace, batch_size=batch_size, progress=bar)
    click.echo(result.sentence())


@click.command(epilog="""\b
Examples:
  ketengraaf unload belastingdienst
  ketengraaf query modellen                   # which models are loaded
""")
@click.argument("model_id", metavar="MODEL-ID")
@connection_options
def unload(model_id: str, uri: Optional[str], user: Optional[str], password: Optional[str],
           database: Optional[str]) -> None:
    """Remove the model MODEL-ID (its nodes, relationships and model node) from Neo4j, in one transaction."""
    with _connect(uri, user, password, database) as backend:
        result = backend.unload(model_id)
    click.echo(result.sentence())
