"""Cypher generated from the schema (:mod:`ketengraaf.graph.schema`), and a model as rows.

Labels, relationship types and property names come only from the schema's whitelist, and every
value is a query parameter: nothing from a model file is ever put into the text of a statement.
The node rows are copied whole (`row {.*, ...}`), which is safe because :func:`plan_model` builds
every row from the schema's property names and refuses any other key.

>>> print(node_statement(NODE_KINDS["Middel"]))
UNWIND $rows AS row MERGE (n:`Middel` {model: $model, id: row.id}) SET n = row {.*, model: $model} RETURN row.id AS id, elementId(n) AS e
>>> print(edge_statement(EDGE_KINDS["RAAKT"]))
UNWIND $rows AS row MATCH (a) WHERE elementId(a) = row.a MATCH (b) WHERE elementId(b) = row.b CREATE (a)-[r:`RAAKT`]->(b) SET r = row {.`volgorde`} RETURN count(r) AS n
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from typing import Any, Iterator

import orjson

from ketengraaf.graph.schema import EDGE_KINDS, MODEL_LABEL, NODE_KINDS, EdgeKind, NodeKind, kenmerken_json

#: The labels of a model's graph (everything but the model node).
GRAPH_KINDS: tuple[NodeKind, ...] = tuple(k for k in NODE_KINDS.values() if k.label != MODEL_LABEL)

_IDENT = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")


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


def plan_model(model: Any, *, with_fingerprint: bool = True) -> Plan:
    """The rows of ``model``'s graph, exactly as NetworkX holds it (duplicates merge as in a MultiDiGraph).

    ``with_fingerprint=False`` leaves ``meta["sha256"]`` out, for a caller that computes
    :func:`fingerprint` beside other work (the embedded query engine)."""
    from ketengraaf.graph.build import iter_graph

    nodes_in, edges_in = iter_graph(model)
    nodes, label_of = plan_nodes(nodes_in)
    plan = plan_edges(model, nodes, plan_edge_rows(edges_in, label_of))
    if with_fingerprint:
        plan.meta["sha256"] = fingerprint(plan)
    return plan


def plan_nodes(nodes_in: list[tuple[str, dict[str, Any]]]) -> tuple[dict[str, list[dict[str, Any]]], dict[str, str]]:
    """The node rows per label (of :func:`~ketengraaf.graph.build.iter_graph`'s nodes) and each id's label."""
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
    return nodes, label_of


def plan_edge_rows(edges_in: list[tuple[str, str, str, dict[str, Any]]],
                   label_of: dict[str, str]) -> dict[tuple[str, str, str], list[dict[str, Any]]]:
    """The relationship rows per (type, source label, target label), checked against the schema."""
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
    return edges


def plan_edges(model: Any, nodes: dict[str, list[dict[str, Any]]],
               edges: dict[tuple[str, str, str], list[dict[str, Any]]]) -> Plan:
    """The plan of ``model`` from its node and relationship rows, with its graph attributes (no fingerprint)."""
    peil = model.peildatum.isoformat() if model.peildatum is not None else None
    meta = {"naam": model.naam, "beschrijving": model.beschrijving, "peildatum": peil}
    plan = Plan(model=model.id, nodes=nodes, edges=edges, meta=meta)
    meta["knopen"] = plan.n_nodes
    meta["relaties"] = plan.n_edges
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
