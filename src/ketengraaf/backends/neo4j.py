"""The Neo4j backend: connection settings, loading and unloading models, read-only queries.

The graph in Neo4j is the one of ``docs/graph-schema.md``: the same nodes and edges that NetworkX
holds (both come from :func:`ketengraaf.graph.build.iter_graph`), every node with a ``model``
property naming its model, ``kenmerken`` as canonical JSON text, plus one ``KetengraafModel`` node
per loaded model. Several models live side by side in one database.

Every Cypher statement that writes is *generated* from :mod:`ketengraaf.graph.schema`: labels,
relationship types and property names come only from that whitelist, and every value is a query
parameter. Nothing from a model file is ever put into the text of a statement. The node rows are
copied whole (`row {.*, ...}`), which is safe because :func:`plan_model` builds every row from the
schema's property names and refuses any other key.

>>> Settings.resolve(uri="bolt://u:pw@db.example:7687", password="pw", env={})
Settings(uri='bolt://db.example:7687', database=None, auth='password')
>>> print(node_statement(NODE_KINDS["Middel"]))
UNWIND $rows AS row MERGE (n:`Middel` {model: $model, id: row.id}) SET n = row {.*, model: $model} RETURN row.id AS id, elementId(n) AS e
>>> print(edge_statement(EDGE_KINDS["RAAKT"]))
UNWIND $rows AS row MATCH (a) WHERE elementId(a) = row.a MATCH (b) WHERE elementId(b) = row.b CREATE (a)-[r:`RAAKT`]->(b) SET r = row {.`volgorde`} RETURN count(r) AS n
"""

from __future__ import annotations

import hashlib
import os
import re
import time
import logging
import urllib.parse
from dataclasses import dataclass, field
from typing import Any, Callable, Iterator, Mapping, Optional

import orjson

from ketengraaf.errors import KetengraafError, Unavailable, UsageError
from ketengraaf.graph.schema import EDGE_KINDS, MODEL_LABEL, NODE_KINDS, EdgeKind, NodeKind, kenmerken_json

DEFAULT_URI = "bolt://localhost:7687"
DEFAULT_USER = "neo4j"
#: The URI schemes of the Bolt protocol (the driver's preview HTTP Query API is not used).
SCHEMES = ("bolt", "bolt+s", "bolt+ssc", "neo4j", "neo4j+s", "neo4j+ssc")
#: Rows per ``UNWIND $rows`` statement (and nodes per ``DETACH DELETE`` batch).
BATCH_SIZE = 10_000
#: How long the driver retries a transaction that failed with a transient error or a lost connection.
RETRY_SECONDS = 30.0

#: The labels of a model's graph (everything but the model node).
GRAPH_KINDS: tuple[NodeKind, ...] = tuple(k for k in NODE_KINDS.values() if k.label != MODEL_LABEL)

Progress = Callable[[int, int], None]

# the driver logs (e.g. notifications) go nowhere unless the application configures logging
logging.getLogger("neo4j").addHandler(logging.NullHandler())

_IDENT = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
_START_HINT = "start one with scripts/neo4j-server start or set NEO4J_URI"


# ------------------------------------------------------------------------------------------------
# connection settings


def safe_uri(uri: str) -> str:
    """``uri`` without any ``user:password@`` part, for messages."""
    try:
        parts = urllib.parse.urlsplit(uri)
    except ValueError:
        return "<invalid URI>"
    if "@" not in parts.netloc:
        return uri
    return urllib.parse.urlunsplit(parts._replace(netloc=parts.netloc.rsplit("@", 1)[1]))


@dataclass(frozen=True)
class Settings:
    """Where and how to connect. ``repr`` never shows the user or the password."""

    uri: str = DEFAULT_URI
    user: str = field(default=DEFAULT_USER, repr=False)
    password: Optional[str] = field(default=None, repr=False)
    database: Optional[str] = None

    @classmethod
    def resolve(cls, uri: Optional[str] = None, user: Optional[str] = None, password: Optional[str] = None,
                database: Optional[str] = None, env: Optional[Mapping[str, str]] = None) -> "Settings":
        """Options first, then ``NEO4J_URI``/``NEO4J_USER``/``NEO4J_PASSWORD``/``NEO4J_DATABASE``, then defaults.

        Empty values count as unset. A ``user:password@`` inside the URI is used when no user or
        password is given otherwise (and is removed from the URI).
        """
        e = os.environ if env is None else env

        def pick(opt: Optional[str], var: str) -> Optional[str]:
            v = opt if opt not in (None, "") else e.get(var)
            return v if v not in (None, "") else None

        u = pick(uri, "NEO4J_URI") or DEFAULT_URI
        usr, pw = pick(user, "NEO4J_USER"), pick(password, "NEO4J_PASSWORD")
        try:
            parts = urllib.parse.urlsplit(u)
            if "@" in parts.netloc:
                info, host = parts.netloc.rsplit("@", 1)
                iu, _, ip = info.partition(":")
                usr = usr or urllib.parse.unquote(iu) or None
                pw = pw or urllib.parse.unquote(ip) or None
                u = urllib.parse.urlunsplit(parts._replace(netloc=host))
        except ValueError:
            pass
        return cls(uri=u, user=usr or DEFAULT_USER, password=pw, database=pick(database, "NEO4J_DATABASE"))

    def __repr__(self) -> str:
        return (f"Settings(uri={safe_uri(self.uri)!r}, database={self.database!r}, "
                f"auth={'password' if self.password else 'none'!r})")

    __str__ = __repr__

    @property
    def where(self) -> str:
        """How messages name the server: the URI (never credentials), plus the database if set."""
        w = safe_uri(self.uri)
        return f"{w} (database {self.database})" if self.database else w


# ------------------------------------------------------------------------------------------------
# statements generated from the schema


def _q(name: str) -> str:
    """A label, type or property name from the schema, quoted for Cypher (whitelist + identifier check)."""
    if not _IDENT.fullmatch(name):
        raise ValueError(f"not a schema identifier: {name!r}")
    return f"`{name}`"


def _projection(props: tuple[str, ...], src: str = "row", extra: str = "") -> str:
    """``row {.`a`, .`b`, …}``: exactly the schema's properties (a missing key gives null, which SET skips)."""
    items = [f".{_q(p)}" for p in props] + ([extra] if extra else [])
    return f"{src} {{{', '.join(items)}}}"


def node_statement(kind: NodeKind, *, create: bool = False) -> str:
    """``UNWIND $rows`` writing the nodes of one label; returns each row's id and the node's element id.

    ``MERGE`` on the key ``(model, id)`` keeps a node that is already there (a reload), and
    ``SET n = row {…}`` gives it exactly the schema's properties of the new version, dropping any
    others. (Deleting the old nodes and creating them again in the same transaction is several
    times slower in Neo4j 5: the uniqueness index has to reconcile the deleted entries.) With
    ``create``, for a model not yet in the database, a plain ``CREATE`` (about 20 % faster).

    The rows hold only the schema's properties of the label (:func:`plan_model` checks every key
    against the whitelist and refuses anything else), so the statement copies the row as a whole:
    listing the properties in a projection halved the throughput.
    """
    assert NODE_KINDS.get(kind.label) is kind and kind.label != MODEL_LABEL
    if create:
        head, body = "CREATE (n:{0})", "SET n += row, n.model = $model"
    else:
        head, body = "MERGE (n:{0} {{model: $model, id: row.id}})", "SET n = row {.*, model: $model}"
    return (f"UNWIND $rows AS row {head.format(_q(kind.label))} {body} "
            "RETURN row.id AS id, elementId(n) AS e")


def edge_statement(kind: EdgeKind) -> str:
    """``UNWIND $rows`` creating the relationships of one type between nodes given by element id.

    The element ids come from :func:`node_statement` in the same transaction, so no index is
    needed to find the endpoints.
    """
    assert EDGE_KINDS.get(kind.type) is kind
    s = ("UNWIND $rows AS row MATCH (a) WHERE elementId(a) = row.a MATCH (b) WHERE elementId(b) = row.b "
         f"CREATE (a)-[r:{_q(kind.type)}]->(b)")
    if kind.properties:
        s += f" SET r = {_projection(kind.properties)}"
    return s + " RETURN count(r) AS n"


def model_node_statement() -> str:
    props = NODE_KINDS[MODEL_LABEL].properties
    return (f"WITH $meta AS meta MERGE (m:{_q(MODEL_LABEL)} {{model: $model}}) "
            f"SET m = {_projection(tuple(p for p in props if p != 'model'), 'meta', 'model: $model')}")


#: A property that exists only inside a load's or unload's transaction: writing it takes the lock.
LOCK_PROPERTY = "_ketengraaf_lock"


def model_lock_statement() -> str:
    """The first statement of every load: a write lock on the model's ``KetengraafModel`` node.

    ``MERGE`` creates the node when the model is new (the uniqueness constraint on its ``model``
    makes a concurrent ``MERGE`` of the same id wait for this transaction), and writing a property
    takes the node's write lock otherwise (Neo4j's documented way to lock in Cypher, Operations
    Manual, "Concurrent data access"). The property is removed again at once, so it is never
    committed. Returns whether the node was created here, and the ``sha256`` of the version that
    is there. Every other load of the same model id waits at this statement (an unload at
    :func:`lock_existing_model_statement`) until this transaction has committed or rolled back,
    and then sees its outcome: loads of one model serialise, and none ever sees (or deletes) part
    of another's work.
    """
    lock = _q(LOCK_PROPERTY)
    return (f"MERGE (m:{_q(MODEL_LABEL)} {{model: $model}}) "
            f"ON CREATE SET m.{lock} = 'new' ON MATCH SET m.{lock} = 'old' "
            f"WITH m, m.{lock} AS how, m.sha256 AS sha REMOVE m.{lock} "
            "RETURN how = 'new' AS created, sha")


def lock_existing_model_statement() -> str:
    """The first statement of an unload: the same write lock, on the model node if there is one."""
    lock = _q(LOCK_PROPERTY)
    return f"MATCH (m:{_q(MODEL_LABEL)} {{model: $model}}) SET m.{lock} = true REMOVE m.{lock}"


def _node_statement_naive(kind: NodeKind) -> str:
    return f"WITH $row AS row CREATE (n:{_q(kind.label)}) SET n = {_projection(kind.properties, extra='model: $model')}"


def _edge_statement_naive(kind: EdgeKind, source: str, target: str) -> str:
    s = (f"WITH $row AS row MATCH (a:{_q(source)} {{model: $model, id: row.s}}) "
         f"MATCH (b:{_q(target)} {{model: $model, id: row.t}}) CREATE (a)-[r:{_q(kind.type)}]->(b)")
    return s + (f" SET r = {_projection(kind.properties)}" if kind.properties else "")


def _match_model(label: str) -> str:
    # ``n.id IS NOT NULL`` lets the planner use the (model, id) uniqueness index
    return f"MATCH (n:{_q(label)}) WHERE n.model = $model AND n.id IS NOT NULL"


def constraint_statements() -> list[tuple[str, str, tuple[str, ...], str]]:
    """``(name, label, properties, CREATE CONSTRAINT …)`` for every label: (model, id) unique; model node: model unique."""
    out = []
    for k in NODE_KINDS.values():
        props = ("model",) if k.label == MODEL_LABEL else ("model", "id")
        name = f"ketengraaf_{k.label.lower()}_{'_'.join(props)}"
        req = ", ".join(f"n.{_q(p)}" for p in props)
        req = f"({req})" if len(props) > 1 else req
        out.append((name, k.label, props,
                    f"CREATE CONSTRAINT {_q(name)} IF NOT EXISTS FOR (n:{_q(k.label)}) REQUIRE {req} IS UNIQUE"))
    return out


# ------------------------------------------------------------------------------------------------
# rows


@dataclass
class Plan:
    """A model turned into rows: per label, per (type, source label, target label), and the model node."""

    model: str
    nodes: dict[str, list[dict[str, Any]]]
    edges: dict[tuple[str, str, str], list[dict[str, Any]]]
    meta: dict[str, Any]

    @property
    def n_nodes(self) -> int:
        return sum(len(v) for v in self.nodes.values())

    @property
    def n_edges(self) -> int:
        return sum(len(v) for v in self.edges.values())


def _value(key: str, v: Any) -> Any:
    return kenmerken_json(v) if key == "kenmerken" else v


def plan_model(model: Any) -> Plan:
    """The rows of ``model``'s graph, exactly as NetworkX holds it (duplicates merge as in a MultiDiGraph)."""
    from ketengraaf.graph.build import iter_graph

    nodes_in, edges_in = iter_graph(model)
    merged: dict[str, dict[str, Any]] = {}
    for nid, attrs in nodes_in:
        merged.setdefault(nid, {}).update(attrs)
    label_of: dict[str, str] = {}
    nodes: dict[str, list[dict[str, Any]]] = {k.label: [] for k in GRAPH_KINDS}
    for nid, attrs in merged.items():
        label = attrs.get("label")
        kind = NODE_KINDS.get(label or "")
        if kind is None or label == MODEL_LABEL:
            raise ValueError(f"node {nid!r} has a label outside the schema: {label!r}")
        extra = set(attrs) - set(kind.properties) - {"label"}
        if extra:
            raise ValueError(f"node {nid!r} has properties outside the schema: {sorted(extra)}")
        label_of[nid] = label
        nodes[label].append({p: _value(p, attrs[p]) for p in kind.properties if attrs.get(p) is not None})
    medges: dict[tuple[str, str, str], dict[str, Any]] = {}
    for s, t, typ, attrs in edges_in:
        medges.setdefault((s, t, typ), {}).update(attrs)
    edges: dict[tuple[str, str, str], list[dict[str, Any]]] = {}
    for (s, t, typ), attrs in medges.items():
        kind = EDGE_KINDS.get(typ)
        if kind is None:
            raise ValueError(f"edge {s!r}->{t!r} has a type outside the schema: {typ!r}")
        sl, tl = label_of.get(s), label_of.get(t)
        if sl not in kind.source or tl not in kind.target:
            raise ValueError(f"edge {typ} {s!r}->{t!r} joins {sl}->{tl}, which the schema does not allow")
        extra = set(attrs) - set(kind.properties)
        if extra:
            raise ValueError(f"edge {typ} {s!r}->{t!r} has properties outside the schema: {sorted(extra)}")
        row = {"s": s, "t": t}
        row.update({p: _value(p, attrs[p]) for p in kind.properties if attrs.get(p) is not None})
        edges.setdefault((typ, sl, tl), []).append(row)  # type: ignore[arg-type]
    peil = model.peildatum.isoformat() if model.peildatum is not None else None
    meta = {"naam": model.naam, "beschrijving": model.beschrijving, "peildatum": peil}
    plan = Plan(model=model.id, nodes=nodes, edges=edges, meta=meta)
    meta["knopen"] = plan.n_nodes
    meta["relaties"] = plan.n_edges
    meta["sha256"] = fingerprint(plan)
    return plan


def fingerprint(plan: Plan) -> str:
    """SHA-256 of the graph's content (order-independent; deterministic: no times, no paths).

    Every row as canonical JSON (orjson, sorted keys), the rows of each label and relationship
    type sorted, fed to one hash in a fixed order of sections.
    """
    h = hashlib.sha256()
    opt = orjson.OPT_SORT_KEYS

    def section(tag: str, rows: list[dict[str, Any]]) -> None:
        h.update(b"\x00" + tag.encode("utf-8") + b"\x00")
        for line in sorted(orjson.dumps(r, option=opt) for r in rows):
            h.update(line)
            h.update(b"\n")

    h.update(orjson.dumps({"model": plan.model,
                           "meta": {k: plan.meta.get(k) for k in ("naam", "beschrijving", "peildatum")}},
                          option=opt))
    for label, rows in sorted(plan.nodes.items()):
        section("N:" + label, rows)
    for key, rows in sorted(plan.edges.items()):
        section("E:" + "|".join(key), rows)
    return h.hexdigest()


def _batches(rows: list[Any], size: int) -> Iterator[list[Any]]:
    for i in range(0, len(rows), size):
        yield rows[i:i + size]


# ------------------------------------------------------------------------------------------------
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
                               f"({_first_line(e)}); nothing was changed; give the server a larger heap (for "
                               f"example KETENGRAAF_NEO4J_HEAP_MAX=2g scripts/neo4j-server restart) or raise "
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

    def load_naive(self, model: Any, *, progress: Optional[Progress] = None) -> LoadResult:
        """The same graph as :meth:`load`, written with one statement per node and per relationship.

        For comparing throughput only (``bench/``): always replaces (the previous version is
        deleted first), one transaction, nodes found by their key for every relationship.
        """
        t0 = time.perf_counter()
        plan = plan_model(model)
        self.ensure_constraints()
        status, previous = self._write(self._load_naive_tx, f"load model '{plan.model}'", plan, progress,
                                       tag={"ketengraaf": "load", "model": plan.model})
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

    def _load_naive_tx(self, tx: Any, plan: Plan, progress: Optional[Progress]) -> tuple[str, int]:
        mid = plan.model
        total = plan.n_nodes + plan.n_edges
        done = 0
        status, previous = self._guard(tx, plan, True)
        _delete_tx(tx, mid, BATCH_SIZE)
        for kind in GRAPH_KINDS:
            stmt = _node_statement_naive(kind)
            for r in plan.nodes.get(kind.label) or []:
                tx.run(stmt, model=mid, row=r).consume()
                done += 1
                if progress and done % 1000 == 0:
                    progress(done, total)
        for (typ, sl, tl), rows in plan.edges.items():
            stmt = _edge_statement_naive(EDGE_KINDS[typ], sl, tl)
            for r in rows:
                tx.run(stmt, model=mid, row=r).consume()
                done += 1
                if progress and done % 1000 == 0:
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
            return [{k: plain(v) for k, v in rec.items()} for rec in tx.run(cypher, dict(params or {}))]

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


def _any_node(tx: Any, model_id: str) -> bool:
    for k in GRAPH_KINDS:
        if tx.run(f"{_match_model(k.label)} RETURN n LIMIT 1", model=model_id).peek() is not None:
            return True
    return False


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


def plain(v: Any) -> Any:
    """A driver value as plain Python for tables and JSON."""
    from neo4j.graph import Node, Path, Relationship

    if isinstance(v, Node):
        return {"_labels": sorted(v.labels), **{k: plain(x) for k, x in v.items()}}
    if isinstance(v, Relationship):
        out: dict[str, Any] = {"_type": v.type}
        if v.start_node is not None and "id" in v.start_node:
            out["_van"] = v.start_node["id"]
        if v.end_node is not None and "id" in v.end_node:
            out["_naar"] = v.end_node["id"]
        out.update({k: plain(x) for k, x in v.items()})
        return out
    if isinstance(v, Path):
        nodes = v.nodes
        seq: list[Any] = [plain(nodes[0])]
        for r, n in zip(v.relationships, nodes[1:]):
            seq += [plain(r), plain(n)]
        return seq
    if isinstance(v, (list, tuple)):
        return [plain(x) for x in v]
    if isinstance(v, dict):
        return {k: plain(x) for k, x in v.items()}
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


def load_naive(model: Any, *, settings: Optional[Settings] = None) -> LoadResult:
    with connect(settings) as b:
        return b.load_naive(model)


def unload(model_id: str, *, settings: Optional[Settings] = None) -> UnloadResult:
    with connect(settings) as b:
        return b.unload(model_id)


def read_query(cypher: str, params: Optional[Mapping[str, Any]] = None, *, name: str = "the query",
               settings: Optional[Settings] = None) -> list[dict[str, Any]]:
    with connect(settings) as b:
        return b.read_query(cypher, params, name=name)
