"""The Neo4j commands ``load``, ``unload`` and ``query`` (``ketengraaf.cli`` registers them).

Connection: ``--uri``/``--user``/``--password``/``--database``, else ``NEO4J_URI`` (default
``bolt://localhost:7687``), ``NEO4J_USER`` (default ``neo4j``), ``NEO4J_PASSWORD``,
``NEO4J_DATABASE`` (default: the server's). Credentials are never printed. Neo4j unreachable or
a refused login: exit 3 with one sentence.

Named queries: ``ketengraaf query NAME`` runs ``explore/NAME.cypher`` (or ``NAME.cypher``) from
the first of: the repository's ``queries/`` next to the package (``src/ketengraaf`` →
``../../queries``), the copy shipped inside the package as ``ketengraaf.queries``, and
``./queries`` of the current directory. Anything ending in ``.cypher`` or containing a ``/`` is a
path to a file (``rules/R01`` also finds ``queries/rules/R01.cypher``).

>>> parse_value("12"), parse_value("-1.5"), parse_value("true"), parse_value("rws"), parse_value('"12"')
(12, -1.5, True, 'rws', '12')
"""

from __future__ import annotations

import difflib
import json
import os
import re
import shutil
import sys
from pathlib import Path
from typing import Any, Callable, Optional

import click

from ketengraaf.cliutil import MODEL_PATH, mapping_option
from ketengraaf.errors import UsageError

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
  ketengraaf query overzicht --param model=belastingdienst

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


# ------------------------------------------------------------------------------------------------
# query


def query_dirs() -> list[Path]:
    """Where named queries are looked up, in this order: the repository's ``queries/`` (a checkout
    or an editable install), the same files shipped inside the package as ``ketengraaf.queries``
    (a regular install), then ``./queries`` of the current directory (your own queries)."""
    cands = [Path(__file__).resolve().parents[3] / "queries"]
    try:
        from importlib.resources import files

        cands.append(Path(str(files("ketengraaf.queries"))))
    except (ImportError, TypeError, ValueError):
        pass
    cands.append(Path.cwd() / "queries")
    out: list[Path] = []
    for d in cands:
        if d.is_dir() and all(d.resolve() != o.resolve() for o in out):
            out.append(d)
    return out


def named_queries() -> dict[str, Path]:
    """Name → file of every named query (``explore/NAME.cypher`` and ``NAME.cypher`` below ``queries/``)."""
    found: dict[str, Path] = {}
    for d in query_dirs():
        for sub in (d / "explore", d):
            if sub.is_dir():
                for f in sorted(sub.glob("*.cypher")):
                    found.setdefault(f.stem, f)
    return found


def resolve_query(name: str) -> tuple[str, Path]:
    """``(display name, file)`` for a NAME or a path to a ``.cypher`` file; UsageError otherwise."""
    if name.endswith(".cypher") or "/" in name or os.sep in name:
        p = Path(name)
        if p.is_file():
            return str(p), p
        if not name.endswith(".cypher"):
            for d in query_dirs():
                if (d / f"{name}.cypher").is_file():
                    return name, d / f"{name}.cypher"
        raise UsageError(f"{name}: no such query file")
    for d in query_dirs():
        for cand in (d / "explore" / f"{name}.cypher", d / f"{name}.cypher"):
            if cand.is_file():
                return name, cand
    known = sorted(named_queries())
    if not known:
        raise UsageError(f"no named query '{name}': no queries/ directory found (looked next to the package "
                         f"and in the current directory); give a path to a .cypher file instead")
    near = difflib.get_close_matches(name, known, n=1)
    hint = f"did you mean '{near[0]}'? " if near else ""
    return_names = ", ".join(known)
    raise UsageError(f"no named query '{name}'; {hint}named queries: {return_names} (ketengraaf query --list)")


def query_summary(path: Path) -> str:
    """The first header line of a query file, without the leading ``// NAME:``."""
    for line in path.read_text(encoding="utf-8").splitlines():
        s = line.strip()
        if not s.startswith("//"):
            break
        s = s.lstrip("/").strip()
        if s:
            return s.split(":", 1)[1].strip() if s.startswith(path.stem + ":") else s
    return ""


_NUM_INT = re.compile(r"[+-]?\d+")
_NUM_FLOAT = re.compile(r"[+-]?(\d+\.\d*|\.\d+|\d+(\.\d*)?[eE][+-]?\d+)")
_PARAM_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")


def parse_value(v: str) -> Any:
    """``--param`` values: integers, floats, true/false; text otherwise (``"…"`` forces text)."""
    if len(v) >= 2 and v[0] == v[-1] == '"':
        return v[1:-1]
    if v in ("true", "false"):
        return v == "true"
    if _NUM_INT.fullmatch(v):
        return int(v)
    if _NUM_FLOAT.fullmatch(v):
        return float(v)
    return v


def parse_params(items: tuple[str, ...]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for item in items:
        k, sep, v = item.partition("=")
        k = k.strip().lstrip("$")
        if not sep or not _PARAM_NAME.fullmatch(k):
            raise UsageError(f"--param '{item}': expected NAME=VALUE, for example --param model=voorbeeld")
        out[k] = parse_value(v)
    return out


def _cell(v: Any) -> str:
    if v is None:
        return ""
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, list) and all(isinstance(x, (str, int, float)) and not isinstance(x, bool) for x in v):
        return ", ".join(str(x) for x in v)
    if isinstance(v, (list, dict)):
        return json.dumps(v, ensure_ascii=False)
    return str(v)


def render_table(rows: list[dict[str, Any]]) -> None:
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    columns: list[str] = []
    for r in rows:
        columns += [k for k in r if k not in columns]
    tty = sys.stdout.isatty()
    width = shutil.get_terminal_size().columns if tty else 250
    t = Table(box=None, pad_edge=False, show_edge=False)
    for c in columns:
        t.add_column(Text(c), overflow="fold")
    for r in rows:
        t.add_row(*(Text(_cell(r.get(c))) for c in columns))  # Text: data is never read as markup
    Console(width=width, highlight=False, soft_wrap=False).print(t)


@click.command(epilog="""\b
Examples:
  ketengraaf query --list
  ketengraaf query overzicht --param model=voorbeeld
  ketengraaf query driehoek --param model=voorbeeld --param id=belastingdienst
  ketengraaf query ketens-van --param model=voorbeeld --param id=politie --format json
  ketengraaf query gegevenspaden --param model=voorbeeld --param van=rvig --param naar=it-leverancier --param max=4
  ketengraaf query mijn-vraag.cypher --param model=voorbeeld

\b
NAME is queries/explore/NAME.cypher (or queries/NAME.cypher) of the repository (also
shipped inside the package), else of ./queries. --param values that look like
numbers or true/false are passed as such; put text in double quotes to force text
(--param 'id="2027"'). Queries run in a read transaction: a query that writes is refused.
""")
@click.argument("name_or_file", metavar="NAME-OR-FILE", required=False)
@click.option("--param", "params", multiple=True, metavar="NAME=VALUE", help="A query parameter ($NAME); repeatable.")
@click.option("--format", "fmt", type=click.Choice(("table", "json")), default="table", show_default=True)
@click.option("--list", "list_queries", is_flag=True, help="List the named queries and what they answer.")
@connection_options
def query(name_or_file: Optional[str], params: tuple[str, ...], fmt: str, list_queries: bool, uri: Optional[str],
          user: Optional[str], password: Optional[str], database: Optional[str]) -> None:
    """Run a named query or a .cypher file against Neo4j, read-only, and print the rows."""
    if list_queries:
        qs = named_queries()
        if fmt == "json":
            click.echo(json.dumps([{"name": n, "file": str(p), "answers": query_summary(p)} for n, p in sorted(qs.items())],
                                  ensure_ascii=False, indent=2))
        else:
            render_table([{"name": n, "answers": query_summary(p)} for n, p in sorted(qs.items())])
        return
    if not name_or_file:
        names = ", ".join(sorted(named_queries())) or "none found"
        raise UsageError(f"give a query NAME or a .cypher FILE; named queries: {names}")
    values = parse_params(params)
    display, path = resolve_query(name_or_file)
    try:
        cypher = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as e:
        raise UsageError(f"{path}: cannot read the query ({e})") from None
    if not cypher.strip():
        raise UsageError(f"{path}: the query file is empty")
    with _connect(uri, user, password, database) as backend:
        rows = backend.read_query(cypher, values, name=display)
    if fmt == "json":
        click.echo(json.dumps(rows, ensure_ascii=False, indent=2))
        return
    if not rows:
        click.echo("(no rows)", err=True)
        return
    render_table(rows)
