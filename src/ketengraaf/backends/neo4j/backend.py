"""The Neo4j backend: loading and unloading models in one transaction each, read-only queries.

Every failure to reach the server or to log in becomes one sentence that names the URI and never
the credentials (:class:`~ketengraaf.errors.Unavailable`, exit 3).
"""

from __future__ import annotations

import logging
import re
import time
from dataclasses import dataclass
from typing import Any, Callable, Mapping, Optional

from ketengraaf.backends.ends import End, fill
from ketengraaf.backends.neo4j.settings import SCHEMES, Settings, safe_uri
from ketengraaf.backends.neo4j.statements import (GRAPH_KINDS, Plan, _batches, _match_model, _q, constraint_statements,
                                                 edge_statement, lock_existing_model_statement, model_lock_statement,
                                                 model_node_statement, node_statement, plan_model)
from ketengraaf.errors import KetengraafError, Unavailable, UsageError
from ketengraaf.graph.schema import EDGE_KINDS, MODEL_LABEL

#: Rows per ``UNWIND $rows`` statement (and nodes per ``DETACH DELETE`` batch).
BATCH_SIZE = 10_000
#: How long the driver retries a transaction that failed with a transient error or a lost connection.
RETRY_SECONDS = 30.0

Progress = Callable[[int, int], None]

# the driver logs (e.g. notifications) go nowhere unless the application configures logging
logging.getLogger("neo4j").addHandler(logging.NullHandler())

_START_HINT = "start one with scripts/neo4j-server start or set NEO4J_URI"


# results


@dataclass
class LoadResult:
    model: str
    status: str  # "new", "unchanged" (same content reloaded) or "replaced"
    nodes: int
    relationships: int
    previous_nodes: int  # nodes of the version that was replaced (0 for a new model)
    seconds: float
    where: str

    def sentence(self) -> str:
        what = f"{self.nodes} nodes and {self.relationships} relationships"
        tail = {"new": "",
                "unchanged": "; it was loaded already with the same content",
                "replaced": f"; replaced the previous version ({self.previous_nodes} nodes)"}[self.status]
        return f"{self.model}: loaded {what} into Neo4j at {self.where} in {self.seconds:.1f} s{tail}"


@dataclass
class UnloadResult:
    model: str
    nodes: int
    relationships: int
    where: str

    def sentence(self) -> str:
        return (f"{self.model}: removed {self.nodes} nodes and {self.relationships} relationships "
                f"from Neo4j at {self.where}")


class _Refused(UsageError):
    """load of a model id that holds different content, without ``replace``."""


# ------------------------------------------------------------------------------------------------
# the backend


class Neo4jBackend:
    """A driver for one Neo4j server and database. Use as a context manager, or call :meth:`close`.

    Every failure to reach the server or to log in raises :class:`Unavailable` (exit 3) with one
    sentence that names the URI and never the credentials.
    """

    def __init__(self, settings: Optional[Settings] = None):
        import neo4j

        self.settings = settings or Settings.resolve()
        s = self.settings
        auth = neo4j.basic_auth(s.user, s.password) if s.password else None
        scheme = s.uri.split("://", 1)[0].lower() if "://" in s.uri else ""
        if scheme not in SCHEMES:
            raise UsageError(f"'{safe_uri(s.uri)}' is not a Neo4j URI; use bolt://host:7687 or neo4j://host:7687 "
                             f"(with +s or +ssc for TLS), for example neo4j+s://xxxx.databases.neo4j.io")
        try:
            # notifications off: the driver would log them to stderr (our statements are checked by tests)
            self._driver = neo4j.GraphDatabase.driver(s.uri, auth=auth, user_agent="ketengraaf",
                                                      connection_timeout=10.0,
                                                      max_transaction_retry_time=RETRY_SECONDS,
                                                      notifications_min_severity="OFF")
        except (ValueError, neo4j.exceptions.ConfigurationError) as e:
            raise UsageError(f"'{safe_uri(s.uri)}' is not a Neo4j URI ({_first_line(e)}); "
                             f"use for example bolt://localhost:7687 or neo4j+s://xxxx.databases.neo4j.io") from None
        #: whether the server has answered a request of this backend (for the message when it stops)
        self._answered = False

    def __repr__(self) -> str:
        return f"Neo4jBackend({self.settings!r})"

    def __enter__(self) -> "Neo4jBackend":
        return self

    def __exit__(self, *exc: Any) -> None:
        self.close()

    def close(self) -> None:
        self._driver.close()

    # ---- plumbing

    @property
    def where(self) -> str:
        return self.settings.where

    def _session(self, read: bool = False) -> Any:
        import neo4j

        mode = neo4j.READ_ACCESS if read else neo4j.WRITE_ACCESS
        return self._driver.session(database=self.settings.database, default_access_mode=mode)

    def _translate(self, e: Exception, doing: str) -> KetengraafError:
        """A driver error as the one sentence ketengraaf prints (never with credentials)."""
        from neo4j import exceptions as E

        w = self.where
        code = getattr(e, "code", None) or ""
        if isinstance(e, E.AuthError) or code.startswith("Neo.ClientError.Security.Unauthorized"):
            how = "set NEO4J_USER and NEO4J_PASSWORD (or --user and --password)"
            if not self.settings.password:
                return Unavailable(f"Neo4j at {w} requires a password; {how}")
            return Unavailable(f"Neo4j at {w} refused the user name or password; {how}")
        if code == "Neo.ClientError.Database.DatabaseNotFound":
            return Unavailable(f"Neo4j at {safe_uri(self.settings.uri)} has no database "
                               f"'{self.settings.database}'; set NEO4J_DATABASE or --database to an existing one")
        if code.startswith("Neo.ClientError.Security."):
            return Unavailable(f"Neo4j at {w} does not allow this user to {doing} ({_first_line(e)})")
        if isinstance(e, E.IncompleteCommit):
            return Unavailable(f"Neo4j at {w} stopped answering during the commit, so it is not known whether "
                               f"the attempt to {doing} took effect; check with ketengraaf query modellen")
        if isinstance(e, (E.ServiceUnavailable, E.SessionExpired, E.ConnectionAcquisitionTimeoutError)):
            if self._answered:  # it did answer earlier in this command: it stopped (or the network did)
                return Unavailable(f"Neo4j at {w} stopped answering while trying to {doing} and did not come "
                                   f"back within {RETRY_SECONDS:.0f} s; check the server (for example with "
                                   f"scripts/neo4j-server status) and try again")
            return Unavailable(f"Neo4j at {w} does not answer; {_START_HINT}")
        if "MemoryPoolOutOfMemoryError" in code:
            # transient for the driver, which retries it for 30 s; it fails again every time
            return Unavailable(f"Neo4j at {w} has too little transaction memory to {doing} in one transaction "
                               f"({_first_line(e)}); nothing was changed; give the server a larger heap (a "
                               f"transaction may use 70 % of it; a model of 100,000 organisations loads with 4 GB: "
                               f"KETENGRAAF_NEO4J_HEAP_MAX=4g scripts/neo4j-server restart) or raise "
                               f"dbms.memory.transaction.total.max")
        if isinstance(e, (E.TransientError, E.DatabaseUnavailable)):
            return Unavailable(f"Neo4j at {w} kept failing with a transient error while trying to {doing} "
                               f"({_first_line(e)}); try again")
        if isinstance(e, OSError):
            return Unavailable(f"Neo4j at {w} does not answer ({e.strerror or e}); {_START_HINT}")
        return Unavailable(f"Neo4j at {w} refused to {doing} ({code or type(e).__name__}: {_first_line(e)}); "
                           f"nothing was changed")

    def _run(self, fn: Callable[[], Any], doing: str) -> Any:
        from neo4j import exceptions as E

        try:
            got = fn()
        except KetengraafError:
            raise
        except (E.Neo4jError, E.DriverError, OSError) as e:
            raise self._translate(e, doing) from e
        self._answered = True
        return got

    def _write(self, work: Callable[..., Any], doing: str, *args: Any,
               tag: Optional[Mapping[str, Any]] = None) -> Any:
        """Run ``work(tx, *args)`` in a managed write transaction (retried as a whole on transient errors).

        ``tag`` becomes the transaction's metadata, which ``SHOW TRANSACTIONS YIELD metaData`` shows
        (and Enterprise's ``query.log``), so that an administrator can see (and terminate) what
        ketengraaf runs.
        """
        fn = _tagged(work, tag)

        def go() -> Any:
            with self._session() as s:
                return s.execute_write(fn, *args)
        return self._run(go, doing)

    def _read(self, work: Callable[..., Any], doing: str, *args: Any,
              tag: Optional[Mapping[str, Any]] = None) -> Any:
        fn = _tagged(work, tag)

        def go() -> Any:
            with self._session(read=True) as s:
                return s.execute_read(fn, *args)
        return self._run(go, doing)

    def check(self) -> str:
        """Connect and log in; return the server's version, e.g. ``'Neo4j/5.26.30'``."""
        def go() -> str:
            self._driver.verify_connectivity()
            info = self._driver.get_server_info()
            return info.agent
        return self._run(go, "connect")

    # ---- schema

    def ensure_constraints(self) -> list[str]:
        """Create the missing uniqueness constraints (idempotent); return the names of those created.

        A constraint on the same label and properties under another name counts as present, so a
        user without schema rights can load into a database an administrator has prepared.
        """
        def present(tx: Any) -> set[tuple[str, tuple[str, ...]]]:
            rows = tx.run("SHOW CONSTRAINTS YIELD type, entityType, labelsOrTypes, properties "
                          "WHERE type IN ['UNIQUENESS', 'NODE_PROPERTY_UNIQUENESS', 'NODE_KEY'] AND entityType = 'NODE' "
                          "RETURN labelsOrTypes, properties").data()
            return {(r["labelsOrTypes"][0], tuple(r["properties"])) for r in rows if len(r["labelsOrTypes"]) == 1}

        have = self._read(present, "list the constraints")
        made = []
        for name, label, props, stmt in constraint_statements():
            if (label, props) in have:
                continue

            def create(stmt: str = stmt) -> None:
                with self._session() as s:
                    s.run(stmt).consume()  # schema commands cannot share a transaction with data writes
            self._run(create, "create constraints")
            made.append(name)
        return made

    # ---- models

    def models(self) -> list[dict[str, Any]]:
        """The models present: their ``KetengraafModel`` node, plus any model id found on nodes without one."""
        def work(tx: Any) -> list[dict[str, Any]]:
            rows = tx.run(f"MATCH (m:{_q(MODEL_LABEL)}) RETURN m.model AS model, m.naam AS naam, "
                          "m.peildatum AS peildatum, m.knopen AS knopen, m.relaties AS relaties "
                          "ORDER BY model").data()
            known = {r["model"] for r in rows}
            for k in GRAPH_KINDS:
                for r in tx.run(f"MATCH (n:{_q(k.label)}) WHERE n.model IS NOT NULL AND n.id IS NOT NULL "
                                "RETURN DISTINCT n.model AS model"):
                    if r["model"] not in known:
                        known.add(r["model"])
                        rows.append({"model": r["model"], "naam": None, "peildatum": None, "knopen": None,
                                     "relaties": None})
            return sorted(rows, key=lambda r: str(r["model"]))
        return self._read(work, "list the models")

    def counts(self, model_id: str) -> tuple[dict[str, int], dict[str, int]]:
        """Nodes per label and relationships per type of one model (labels/types with 0 left out)."""
        return self._read(_counts_tx, "count a model", model_id)

    # ---- load

    def load(self, model: Any, *, replace: bool = False, batch_size: int = BATCH_SIZE,
             progress: Optional[Progress] = None, _rows_hook: Optional[Callable[[Plan], None]] = None) -> LoadResult:
        """Write ``model``'s graph in one transaction, replacing that model's previous graph.

        * A model id not yet in the database is created.
        * The same content again (same ``sha256``) is written again: loading twice changes nothing.
        * Different content under a model id that is already there is refused with a
          :class:`UsageError` unless ``replace`` is true, so that nobody overwrites a colleague's
          model by accident.

        Constraints are created first (their own transactions: Neo4j does not mix schema and data
        writes). Then one write transaction, retried as a whole on transient errors. Its first
        statement locks the model's ``KetengraafModel`` node (:func:`model_lock_statement`), so a
        concurrent load or unload of the same model id waits until this one has finished and then
        works on its result. Then nodes are merged per label on their key ``(model, id)`` and get
        exactly the new properties; nodes of the previous version that are gone are deleted; the
        model's relationships are deleted and created anew per type; the ``KetengraafModel`` node
        gets its properties last. All with ``UNWIND $rows`` statements of at most ``batch_size``
        rows. Any failure rolls everything back, so the previous version stays as it was; so does
        a load whose process is killed or whose connection drops (the server rolls back).
        ``progress(done, total)`` is called after every batch (in rows; total = nodes +
        relationships).

        ``_rows_hook`` is for tests only: it may change the plan before writing (for example to
        make the database reject a batch).
        """
        t0 = time.perf_counter()
        plan = plan_model(model)
        if _rows_hook is not None:
            _rows_hook(plan)
        self.ensure_constraints()
        status, previous = self._write(self._load_tx, f"load model '{plan.model}'", plan, replace,
                                       max(1, batch_size), progress, tag={"ketengraaf": "load", "model": plan.model})
        return LoadResult(plan.model, status, plan.n_nodes, plan.n_edges, previous,
                          time.perf_counter() - t0, self.where)

    def _guard(self, tx: Any, plan: Plan, replace: bool) -> tuple[str, int]:
        """Lock the model; ``(status, nodes of the previous version)``; refuse other content unless ``replace``."""
        mid = plan.model
        created, sha = _lock_model_tx(tx, mid)
        previous = sum(_counts_tx(tx, mid, relationships=False)[0].values())
        if created and previous == 0:
            return "new", 0
        if not created and sha == plan.meta["sha256"]:
            return "unchanged", previous
        if not replace:
            raise _Refused(f"model '{mid}' is already in Neo4j at {self.where} with different content "
                           f"({previous} nodes); add --replace to replace it, or remove it first with "
                           f"ketengraaf unload {mid}")
        return "replaced", previous

    def _load_tx(self, tx: Any, plan: Plan, replace: bool, batch: int,
                 progress: Optional[Progress]) -> tuple[str, int]:
        mid = plan.model
        total = plan.n_nodes + plan.n_edges
        done = 0
        if progress:
            progress(0, total)  # again after a retry
        status, previous = self._guard(tx, plan, replace)
        eid: dict[str, str] = {}
        for kind in GRAPH_KINDS:
            rows = plan.nodes.get(kind.label) or []
            stmt = node_statement(kind, create=status == "new")
            for part in _batches(rows, batch):
                got = 0
                for rec in tx.run(stmt, model=mid, rows=part):
                    eid[rec["id"]] = rec["e"]
                    got += 1
                if got != len(part):
                    raise RuntimeError(f"{kind.label}: wrote {got} of {len(part)} nodes")
                done += got
                if progress:
                    progress(done, total)
            if status != "new":  # nodes of the previous version that the new one no longer has
                keep = [r["id"] for r in rows]
                while tx.run(f"{_match_model(kind.label)} AND NOT n.id IN $keep WITH n LIMIT $batch "
                             "DETACH DELETE n RETURN count(*) AS n", model=mid, keep=keep,
                             batch=batch).single()["n"] == batch:
                    pass
        if status != "new":
            _delete_relationships_tx(tx, mid, batch)
        by_type: dict[str, list[dict[str, Any]]] = {}
        for (typ, _sl, _tl), rows in plan.edges.items():
            by_type.setdefault(typ, []).extend(rows)
        for typ, rows in by_type.items():
            stmt = edge_statement(EDGE_KINDS[typ])
            props = EDGE_KINDS[typ].properties
            for part in _batches(rows, batch):
                params = [{"a": eid[r["s"]], "b": eid[r["t"]], **{p: r[p] for p in props if p in r}} for r in part]
                n = tx.run(stmt, rows=params).single()["n"]
                if n != len(part):
                    raise RuntimeError(f"{typ}: created {n} of {len(part)} relationships")
                done += n
                if progress:
                    progress(done, total)
        tx.run(model_node_statement(), model=mid, meta=plan.meta).consume()
        return status, previous

    # ---- unload

    def unload(self, model_id: str, *, batch_size: int = BATCH_SIZE) -> UnloadResult:
        """Remove exactly that model's graph and its model node, in one transaction.

        An unknown model id is a :class:`UsageError` that lists the models present.
        """
        def work(tx: Any) -> Optional[tuple[int, int]]:
            # the model node's write lock first, as a load takes it: waits for a load in progress
            tx.run(lock_existing_model_statement(), model=model_id).consume()
            labels, types = _counts_tx(tx, model_id)
            has_model_node = tx.run(f"MATCH (m:{_q(MODEL_LABEL)} {{model: $model}}) RETURN count(m) AS c",
                                    model=model_id).single()["c"]
            if not labels and not has_model_node:
                return None
            _delete_tx(tx, model_id, max(1, batch_size))
            return sum(labels.values()), sum(types.values())

        got = self._write(work, f"unload model '{model_id}'", tag={"ketengraaf": "unload", "model": model_id})
        if got is None:
            present = [str(m["model"]) for m in self.models()]
            raise UsageError(_unknown_model(model_id, present, self.where))
        return UnloadResult(model_id, got[0], got[1], self.where)

    # ---- queries

    def read_query(self, cypher: str, params: Optional[Mapping[str, Any]] = None, *,
                   name: str = "the query") -> list[dict[str, Any]]:
        """Run ``cypher`` in a read transaction (read access mode) and return its rows as plain dicts.

        The server refuses any write in read mode; that becomes a :class:`UsageError` (exit 2).
        Nodes become dicts of their properties plus ``_labels``, relationships plus ``_type``,
        paths lists of those, temporal values ISO text.
        """
        from neo4j import exceptions as E

        def work(tx: Any) -> list[dict[str, Any]]:
            refs: list[End] = []
            rows = [{k: plain(v, refs) for k, v in rec.items()} for rec in tx.run(cypher, dict(params or {}))]
            if not refs:
                return rows
            ids = {r["e"]: r["id"] for r in tx.run("MATCH (n) WHERE elementId(n) IN $e RETURN elementId(n) AS e, n.id AS id",
                                                    e=sorted({r.key for r in refs}))}
            for r in refs:
                r.id = ids.get(r.key)
            return fill(rows)

        def go() -> list[dict[str, Any]]:
            with self._session(read=True) as s:
                try:
                    return s.execute_read(work)
                except E.ClientError as e:
                    mapped = _query_error(e, name)
                    if mapped is None:
                        raise
                    raise mapped from None

        return self._run(go, f"run {name}")


def _query_error(e: Any, name: str) -> Optional[UsageError]:
    """A server's refusal of a user's query as a UsageError; None for connection and login problems."""
    from neo4j import exceptions as E

    code = e.code or ""
    message = e.message or ""
    if isinstance(e, E.AuthError) or code.startswith("Neo.ClientError.Security.Unauthorized") \
            or code == "Neo.ClientError.Database.DatabaseNotFound":
        return None
    if code == "Neo.ClientError.Statement.AccessMode" or "read access mode" in message \
            or "not allowed for" in message and code == "Neo.ClientError.Security.Forbidden":
        return UsageError(f"query is read-only: {name} tries to write, and ketengraaf query only reads "
                          f"(Neo4j refused it in read access mode); change data with ketengraaf load, "
                          f"Neo4j Browser or cypher-shell")
    if code == "Neo.ClientError.Statement.ParameterMissing":
        missing = re.findall(r"[A-Za-z_][A-Za-z0-9_]*", message.split(":", 1)[-1])
        opts = " ".join(f"--param {m}=…" for m in missing) or "--param NAME=VALUE"
        return UsageError(f"{name} needs parameter{'s' if len(missing) > 1 else ''} "
                          f"{', '.join('$' + m for m in missing)}; pass {opts}")
    if code == "Neo.ClientError.Statement.SyntaxError":
        return UsageError(f"{name}: Cypher syntax error: {_first_line(e)}")
    return UsageError(f"{name}: Neo4j refused the query ({code}: {_first_line(e)})")


# ------------------------------------------------------------------------------------------------
# transaction helpers


def _lock_model_tx(tx: Any, model_id: str) -> tuple[bool, Optional[str]]:
    """Run :func:`model_lock_statement`: ``(created, sha256 of the version there)``, with the lock held.

    When the transaction it waited for was an unload, the node it matched is gone once the lock is
    granted (``created`` comes back null); the statement then runs again and creates the node, or
    waits for whoever created it meanwhile.
    """
    for _ in range(100):
        rec = tx.run(model_lock_statement(), model=model_id).single()
        if rec["created"] is not None:
            return bool(rec["created"]), rec["sha"]
    raise RuntimeError(f"model '{model_id}': its model node was deleted 100 times while waiting for its lock")


def _tagged(work: Callable[..., Any], tag: Optional[Mapping[str, Any]]) -> Callable[..., Any]:
    """``work`` as a transaction function whose transaction carries ``tag`` as metadata."""
    if not tag:
        return work
    from neo4j import unit_of_work

    return unit_of_work(metadata=dict(tag))(work)


def _counts_tx(tx: Any, model_id: str, relationships: bool = True) -> tuple[dict[str, int], dict[str, int]]:
    labels: dict[str, int] = {}
    types: dict[str, int] = {}
    for k in GRAPH_KINDS:
        n = tx.run(f"{_match_model(k.label)} RETURN count(n) AS c", model=model_id).single()["c"]
        if n:
            labels[k.label] = n
        if n and relationships:
            # every relationship of a model starts at a node of that model: count outgoing ones
            for r in tx.run(f"{_match_model(k.label)} MATCH (n)-[r]->() RETURN type(r) AS t, count(r) AS c",
                            model=model_id):
                types[r["t"]] = types.get(r["t"], 0) + r["c"]
    return labels, dict(sorted(types.items()))


def _delete_relationships_tx(tx: Any, model_id: str, batch: int) -> int:
    """Delete every relationship that starts at a node of the model (all of its relationships)."""
    removed = 0
    for k in GRAPH_KINDS:
        while True:
            n = tx.run(f"{_match_model(k.label)} MATCH (n)-[r]->() WITH r LIMIT $batch DELETE r "
                       "RETURN count(*) AS n", model=model_id, batch=batch).single()["n"]
            removed += n
            if n < batch:
                break
    return removed


def _delete_tx(tx: Any, model_id: str, batch: int) -> int:
    """DETACH DELETE the model's nodes (in batches) and its model node; the number of graph nodes removed."""
    removed = 0
    for k in GRAPH_KINDS:
        while True:
            n = tx.run(f"{_match_model(k.label)} WITH n LIMIT $batch DETACH DELETE n RETURN count(*) AS n",
                       model=model_id, batch=batch).single()["n"]
            removed += n
            if n < batch:
                break
    tx.run(f"MATCH (m:{_q(MODEL_LABEL)} {{model: $model}}) DETACH DELETE m", model=model_id).consume()
    return removed


def _unknown_model(model_id: str, present: list[str], where: str) -> str:
    import difflib

    if not present:
        return f"no model '{model_id}' in Neo4j at {where}: it holds no ketengraaf models"
    near = difflib.get_close_matches(model_id, present, n=1)
    hint = f"did you mean '{near[0]}'? " if near else ""
    return f"no model '{model_id}' in Neo4j at {where}; {hint}models present: {', '.join(present)}"


def _first_line(e: BaseException) -> str:
    msg = getattr(e, "message", None) or str(e)
    return (msg.strip().splitlines() or [""])[0][:300]


def plain(v: Any, refs: Optional[list[End]] = None) -> Any:
    """A driver value as plain Python for tables and JSON.

    A relationship's ``_van`` and ``_naar`` are its nodes' ``id``: where the driver did not hand the
    node over (it does only when the record holds the node too), an :class:`~ketengraaf.backends.ends.End`
    is appended to ``refs`` for :meth:`Neo4jBackend.read_query` to look up."""
    from neo4j.graph import Node, Path, Relationship

    if isinstance(v, Node):
        return {"_labels": sorted(v.labels), **{k: plain(x, refs) for k, x in v.items()}}
    if isinstance(v, Relationship):
        out: dict[str, Any] = {"_type": v.type}
        for key, node in (("_van", v.start_node), ("_naar", v.end_node)):
            if node is not None and "id" in node:
                out[key] = node["id"]
            elif node is not None and refs is not None:
                out[key] = End(node.element_id)
                refs.append(out[key])
        out.update({k: plain(x, refs) for k, x in v.items()})
        return out
    if isinstance(v, Path):
        nodes = v.nodes
        seq: list[Any] = [plain(nodes[0], refs)]
        for r, n in zip(v.relationships, nodes[1:]):
            seq += [plain(r, refs), plain(n, refs)]
        return seq
    if isinstance(v, (list, tuple)):
        return [plain(x, refs) for x in v]
    if isinstance(v, dict):
        return {k: plain(x, refs) for k, x in v.items()}
    if v is None or isinstance(v, (bool, int, float, str)):
        return v
    if hasattr(v, "iso_format"):
        return v.iso_format()
    if isinstance(v, (bytes, bytearray)):
        return v.hex()
    return str(v)


# ------------------------------------------------------------------------------------------------
# module-level shortcuts (connection from the environment)


def connect(settings: Optional[Settings] = None) -> Neo4jBackend:
    """A backend for ``settings`` (default: from the environment), checked: raises :class:`Unavailable`."""
    b = Neo4jBackend(settings)
    try:
        b.check()
    except BaseException:
        b.close()
        raise
    return b


def load(model: Any, *, replace: bool = False, batch_size: int = BATCH_SIZE, progress: Optional[Progress] = None,
         settings: Optional[Settings] = None) -> LoadResult:
    with connect(settings) as b:
        return b.load(model, replace=replace, batch_size=batch_size, progress=progress)


def unload(model_id: str, *, settings: Optional[Settings] = None) -> UnloadResult:
    with connect(settings) as b:
        return b.unload(model_id)


def read_query(cypher: str, params: Optional[Mapping[str, Any]] = None, *, name: str = "the query",
               settings: Optional[Settings] = None) -> list[dict[str, Any]]:
    with connect(settings) as b:
        return b.read_query(cypher, params, name=name)
