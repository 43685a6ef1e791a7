"""The embedded query engine: the model's graph in LadybugDB, in memory, no server and no Java.

LadybugDB (``pip install ladybug``, the maintained fork of Kùzu) is an embedded Cypher database; the
choice and its measurements are in ``docs/queries.md``. The graph has the labels, relationship types
and properties of the Neo4j load (``docs/graph-schema.md``), from the same rows
(:func:`ketengraaf.backends.neo4j.statements.plan_model`), including the ``KetengraafModel`` node and
the ``model`` property on every node, so that one query text runs on both.

LadybugDB needs a schema: its tables are generated from :mod:`ketengraaf.graph.schema` (:func:`ddl`;
the property types from ``schema.PROPERTY_TYPES``). Its catalogue does not tell names apart by case,
so the relationship types ``KETEN``, ``SCHAKEL`` and ``GEGEVENS`` (which clash with the labels
``Keten``, ``Schakel``, ``Gegevens``) get tables with a suffix (:data:`RENAMED`); queries are
translated (:func:`ketengraaf.query.dialect.translate`) and results translated back, so a user never
sees the suffix. Rows are loaded with ``COPY`` from Arrow tables, given as a parameter (the fastest
way in: LadybugDB's CSV reader is about five times slower, ``UNWIND`` of parameters about twenty).
"""

from __future__ import annotations

import decimal
from datetime import date, datetime
from typing import Any, Mapping, Optional

from ketengraaf.backends.ends import End, fill
from ketengraaf.errors import UsageError
from ketengraaf.graph.schema import EDGE_KINDS, MODEL_LABEL, NODE_KINDS, property_type
from ketengraaf.query import dialect

#: The engine underneath the embedded backend, as ``--help`` and the docs name it.
ENGINE = "LadybugDB"

_COLUMN = {"text": "STRING", "boolean": "BOOLEAN", "number": "DOUBLE", "integer": "INT64"}
_LOWER_LABELS = {label.lower() for label in NODE_KINDS}

#: Relationship type → its table's name, for the types whose name differs from a label only by case.
RENAMED: dict[str, str] = {t: f"{t}_REL" for t in EDGE_KINDS if t.lower() in _LOWER_LABELS}
_PUBLIC = {v: k for k, v in RENAMED.items()}

#: ``type(r)`` as Neo4j spells it: the public type of a relationship.
_MACRO = ("CREATE MACRO kg_type(r) AS CASE label(r) "
          + " ".join(f"WHEN '{t}' THEN '{p}'" for t, p in sorted(_PUBLIC.items())) + " ELSE label(r) END")


#: Whether this process has started a LadybugDB database (and so its threads).
_started = False


def may_fork() -> bool:
    """Whether this process may still fork a child: not after its first LadybugDB database, whose
    native threads (which :func:`ketengraaf.forking.can_fork` cannot see) could hold a lock the
    child needs."""
    return not _started


def table(rel_type: str) -> str:
    return RENAMED.get(rel_type, rel_type)


def _node_columns(label: str) -> list[str]:
    props = list(NODE_KINDS[label].properties)
    return props if label == MODEL_LABEL else ["model", *props]


def ddl() -> list[str]:
    """``CREATE NODE TABLE``/``CREATE REL TABLE`` for every node and edge kind of the schema, and the macro.

    >>> [s for s in ddl() if "`Middel`(" in s]
    ['CREATE NODE TABLE `Middel`(`model` STRING, `id` STRING, `naam` STRING, `soort` STRING, `kenmerken` STRING, PRIMARY KEY(`id`))']
    >>> [s for s in ddl() if "`BEHEERDER`" in s]
    ['CREATE REL TABLE `BEHEERDER`(FROM `Gegevens` TO `Organisatie`, FROM `Middel` TO `Organisatie`)']
    >>> [s for s in ddl() if "`KETEN_REL`" in s]
    ['CREATE REL TABLE `KETEN_REL`(FROM `Afspraak` TO `Keten`)']
    """
    out = []
    for label in NODE_KINDS:
        cols = ", ".join(f"`{c}` {_COLUMN[property_type(c)]}" for c in _node_columns(label))
        key = "model" if label == MODEL_LABEL else "id"
        out.append(f"CREATE NODE TABLE `{label}`({cols}, PRIMARY KEY(`{key}`))")
    for t, kind in EDGE_KINDS.items():
        pairs = ", ".join(f"FROM `{s}` TO `{d}`" for s in kind.source for d in kind.target)
        props = "".join(f", `{p}` {_COLUMN[property_type(p)]}" for p in kind.properties)
        out.append(f"CREATE REL TABLE `{table(t)}`({pairs}{props})")
    out.append(_MACRO)
    return out


def _arrow(columns: dict[str, list[Any]]) -> Any:
    """The columns as an Arrow table, each with the type :data:`_COLUMN` gives its property."""
    import pyarrow as pa

    types = {"STRING": pa.string(), "BOOLEAN": pa.bool_(), "DOUBLE": pa.float64(), "INT64": pa.int64()}
    return pa.table({c: pa.array(v, types[_COLUMN[property_type(c)]] if c not in ("from", "to") else pa.string())
                     for c, v in columns.items()})


def _node_table(model_id: str, label: str, rows: list[dict[str, Any]]) -> Any:
    """One label's rows (of :func:`~ketengraaf.backends.neo4j.statements.plan_nodes`) as an Arrow table."""
    cols = {"model": [model_id] * len(rows)}
    cols.update({p: [r.get(p) for r in rows] for p in NODE_KINDS[label].properties})
    return _arrow(cols)


def _fingerprint(model: Any, nodes: Any, edges_in: Any, label_of: dict[str, str]) -> str:
    """The fingerprint of :func:`~ketengraaf.backends.neo4j.statements.plan_model` (as ``ketengraaf load`` stores it)."""
    from ketengraaf.backends.neo4j.statements import fingerprint, plan_edge_rows, plan_edges

    return fingerprint(plan_edges(model, nodes, plan_edge_rows(edges_in, label_of)))


def _edge_tables(model: Any, nodes: Any, edges_in: Any, label_of: dict[str, str]
                 ) -> tuple[list[tuple[str, Any, str]], dict[str, Any]]:
    """``([(table, Arrow table, COPY options)] of the relationships, the KetengraafModel node's values
    but its sha256)``: the rows of :func:`~ketengraaf.backends.neo4j.statements.plan_model`, in steps."""
    from ketengraaf.backends.neo4j.statements import plan_edge_rows, plan_edges

    plan = plan_edges(model, nodes, plan_edge_rows(edges_in, label_of))
    tables = []
    for (t, src, dst), rows in plan.edges.items():
        cols = {"from": [r["s"] for r in rows], "to": [r["t"] for r in rows]}
        cols.update({p: [r.get(p) for r in rows] for p in EDGE_KINDS[t].properties})
        multi = len(EDGE_KINDS[t].source) * len(EDGE_KINDS[t].target) > 1
        tables.append((table(t), _arrow(cols), f" (from='{src}', to='{dst}')" if multi else ""))
    return tables, {"model": plan.model, **plan.meta}


class EmbeddedGraph:
    """A model's graph in an in-memory LadybugDB database; :meth:`read_query` runs Cypher on it."""

    name = "networkx"

    def __init__(self, model: Any, *, fingerprint: bool = False):
        """``fingerprint``: a query will read the model node's sha256 (:func:`reads_fingerprint`), so
        it is made beside the build at full priority rather than on time the build leaves unused."""
        from ketengraaf.backends.neo4j.statements import plan_nodes
        from ketengraaf.forking import Background
        from ketengraaf.graph.build import iter_graph

        self.model_id = model.id
        nodes_in, edges_in = iter_graph(model)
        nodes, label_of = plan_nodes(nodes_in)
        # A child makes the relationships' rows and Arrow tables while this process makes and COPYs
        # the nodes' (children only before LadybugDB starts: may_fork).
        later = Background(lambda: _edge_tables(model, nodes, edges_in, label_of), wanted=may_fork())
        # The KetengraafModel node's sha256 (the fingerprint `ketengraaf load` stores) costs about
        # two thirds of the build, and only `modellen`-like queries read it. A second child makes
        # it: at the lowest priority, on CPU time the build leaves unused, unless a query of the
        # call is known to read it. It is stored when a query first reads it.
        self._fingerprint: Optional[Background[str]] = Background(
            lambda: _fingerprint(model, nodes, edges_in, label_of), wanted=may_fork(), idle=not fingerprint)
        self._tables: Optional[dict[int, str]] = None  # LadybugDB's table ids, read when first needed
        self._start()
        for label, rows in nodes.items():
            if rows:
                self._copy(label, _node_table(model.id, label, rows))
        tables, meta = later.result()
        for tbl, data, options in tables:
            if data.num_rows:
                self._copy(tbl, data, options)
        self._copy(MODEL_LABEL, _arrow({c: [meta.get(c)] for c in _node_columns(MODEL_LABEL)}))

    def _copy(self, tbl: str, data: Any, options: str = "") -> None:
        # the table name comes from the schema only; the rows are a parameter
        self._conn.execute(f"COPY `{tbl}` FROM $rows{options}", {"rows": data})

    def _start(self) -> None:
        import ladybug

        global _started
        _started = True
        self._db = ladybug.Database(":memory:")
        self._conn = ladybug.Connection(self._db)
        for stmt in ddl():
            self._conn.execute(stmt)

    def read_query(self, cypher: str, params: Optional[Mapping[str, Any]] = None, *,
                   name: str = "the query", native: bool = False) -> list[dict[str, Any]]:
        """Run ``cypher`` (read-only: a query that writes is refused) and return its rows as plain dicts,
        with the same shapes as the Neo4j backend's (nodes with ``_labels``, relationships with ``_type``).
        ``native``: the text is written in LadybugDB's own dialect (a named query's ``.embedded.cypher``
        variant), so only the write check applies, not the check for constructs it lacks."""
        if native:
            w = dialect.writing_clause(cypher)
            if w:
                raise read_only(name, f"it has a {w} clause")
        else:
            check(cypher, name)
        values = dict(params or {})
        missing = sorted(dialect.parameters(cypher) - set(values))
        if missing:
            raise missing_parameters(name, missing)
        used = {k: v for k, v in values.items() if k in dialect.parameters(cypher)}
        if self._fingerprint is not None and reads_fingerprint(cypher):
            self._fill_fingerprint()
        rows = self._run(cypher, used, name)
        if self._fingerprint is not None and any(_is_model_node(v) for r in rows for v in r.values()):
            self._fill_fingerprint()  # the query returned the model node itself: again, with its sha256
            rows = self._run(cypher, used, name)
        return rows

    def _run(self, cypher: str, params: dict[str, Any], name: str) -> list[dict[str, Any]]:
        try:
            result = self._conn.execute(dialect.translate(cypher, RENAMED), params)
            columns = result.get_column_names()
            rows = result.get_all()
        except RuntimeError as e:
            raise engine_error(name, str(e)) from None
        refs: list[End] = []
        out = [{c: plain(v, refs) for c, v in zip(columns, row)} for row in rows]
        if refs:
            self._resolve(refs)
            out = fill(out)
        return out

    def _resolve(self, refs: list[End]) -> None:
        """Give every relationship end in ``refs`` the ``id`` of its node: one look-up per node table."""
        if self._tables is None:
            self._tables = {int(i): name for i, name in
                            self._conn.execute("CALL show_tables() RETURN id, name").get_all()}
        by_table: dict[int, set[int]] = {}
        for r in refs:
            by_table.setdefault(r.key[0], set()).add(r.key[1])
        ids: dict[tuple[int, int], Any] = {}
        for t, offsets in by_table.items():
            label = self._tables.get(t)
            if label not in NODE_KINDS or label == MODEL_LABEL:  # no relationship touches the model node
                continue
            for o, nid in self._conn.execute(f"MATCH (n:`{label}`) WHERE offset(id(n)) IN $o "
                                             f"RETURN offset(id(n)), n.id", {"o": sorted(offsets)}).get_all():
                ids[(t, int(o))] = nid
        for r in refs:
            r.id = ids.get(r.key)

    def _fill_fingerprint(self) -> None:
        assert self._fingerprint is not None
        sha = self._fingerprint.result()
        self._conn.execute(f"MATCH (m:`{MODEL_LABEL}`) SET m.sha256 = $sha", {"sha": sha})
        self._fingerprint = None

    def close(self) -> None:
        """Stop the process that makes the fingerprint if no query has asked for it yet (a later
        query that does makes it here); the graph stays queryable."""
        if self._fingerprint is not None:
            self._fingerprint.cancel()


#: Words of a query that may read the KetengraafModel node's sha256 (then it is made first).
_READS_MODEL_NODE = frozenset({"sha256", "properties", "keys"})


def reads_fingerprint(cypher: str) -> bool:
    """Whether ``cypher`` may read the KetengraafModel node's sha256 (it names ``sha256``,
    ``properties`` or ``keys``; a query that returns the model node itself is seen by its rows).

    >>> reads_fingerprint("MATCH (m:KetengraafModel) RETURN m.naam AS naam, m.sha256 AS sha")
    True
    >>> reads_fingerprint("MATCH (m:KetengraafModel) RETURN m.naam AS naam // not the sha256")
    False
    """
    return dialect.mentions(cypher, _READS_MODEL_NODE)


def _is_model_node(v: Any) -> bool:
    if isinstance(v, dict):
        return v.get("_labels") == [MODEL_LABEL] or any(_is_model_node(x) for x in v.values())
    if isinstance(v, list):
        return any(_is_model_node(x) for x in v)
    return False


def check(cypher: str, name: str) -> None:
    """Refuse a query that writes, or that uses a construct the embedded engine lacks (exit 2)."""
    if dialect.writing_clause(cypher):
        raise read_only(name, "it has a " + dialect.writing_clause(cypher) + " clause")  # type: ignore[operator]
    construct = dialect.unsupported(cypher)
    if construct:
        raise UsageError(f"{name} uses {construct}, which the embedded engine ({ENGINE}) does not have; "
                         f"run it on Neo4j with --backend neo4j (docs/queries.md lists what works without a server)")


def read_only(name: str, why: str) -> UsageError:
    return UsageError(f"query is read-only: {name} tries to write ({why}), and ketengraaf query only reads; "
                      f"change data with ketengraaf load, Neo4j Browser or cypher-shell")


def missing_parameters(name: str, missing: list[str]) -> UsageError:
    opts = " ".join(f"--param {m}=…" for m in missing)
    return UsageError(f"{name} needs parameter{'s' if len(missing) > 1 else ''} "
                      f"{', '.join('$' + m for m in missing)}; pass {opts}")


def engine_error(name: str, message: str) -> UsageError:
    first = (message.strip().splitlines() or [""])[0][:300]
    for internal, public in _PUBLIC.items():
        first = first.replace(internal, public)
    kind = "Cypher syntax error" if first.startswith("Parser exception") else "the embedded engine refused it"
    return UsageError(f"{name}: {kind} ({ENGINE}: {first}); if it runs on Neo4j, use --backend neo4j "
                      f"(docs/queries.md lists what works without a server)")


def _node_ref(ref: Mapping[str, Any]) -> tuple[int, int]:
    return int(ref["table"]), int(ref["offset"])


def plain(v: Any, refs: Optional[list[End]] = None) -> Any:
    """A LadybugDB value as plain Python, shaped as :func:`ketengraaf.backends.neo4j.backend.plain` shapes Neo4j's.

    A relationship's ``_van`` and ``_naar`` (its nodes' ``id``, as Neo4j's rows have them) are
    :class:`~ketengraaf.backends.ends.End` placeholders, appended to ``refs``, until :meth:`EmbeddedGraph._resolve` finds them."""
    if isinstance(v, dict):
        if "_LABEL" in v and "_ID" in v:
            label = v["_LABEL"]
            props = {k: plain(x, refs) for k, x in v.items() if not k.startswith("_") and x is not None}
            if "_SRC" in v:
                ends: dict[str, Any] = {}
                if refs is not None:
                    ends = {"_van": End(_node_ref(v["_SRC"])), "_naar": End(_node_ref(v["_DST"]))}
                    refs += ends.values()
                return {"_type": _PUBLIC.get(label, label), **ends, **props}
            return {"_labels": [label], **props}
        if "_NODES" in v and "_RELS" in v:
            nodes, rels = v["_NODES"], v["_RELS"]
            seq = [plain(nodes[0], refs)] if nodes else []
            for r, n in zip(rels, nodes[1:]):
                seq += [plain(r, refs), plain(n, refs)]
            return seq
        return {k: plain(x, refs) for k, x in v.items()}
    if isinstance(v, (list, tuple)):
        return [plain(x, refs) for x in v]
    if isinstance(v, decimal.Decimal):
        return int(v) if v == v.to_integral_value() else float(v)
    if isinstance(v, (date, datetime)):
        return v.isoformat()
    return v
