"""The naive Neo4j load: one statement per node and per relationship, for comparing throughput.

Only the benchmark uses it (``bench/backend_neo4j.py``): ketengraaf itself loads with the batched
statements of :mod:`ketengraaf.backends.neo4j`. The graph written is the same (the same plan, the
same model guard and lock, the same model node), so the two throughputs compare like for like.
"""

from __future__ import annotations

import time
from typing import Any, Optional

from ketengraaf.backends.neo4j import BATCH_SIZE, GRAPH_KINDS, LoadResult, Neo4jBackend, Plan, Progress, plan_model
from ketengraaf.backends.neo4j.backend import _delete_tx
from ketengraaf.backends.neo4j.statements import _projection, _q, model_node_statement
from ketengraaf.graph.schema import EDGE_KINDS, EdgeKind, NodeKind


def node_statement_naive(kind: NodeKind) -> str:
    return f"WITH $row AS row CREATE (n:{_q(kind.label)}) SET n = {_projection(kind.properties, extra='model: $model')}"


def edge_statement_naive(kind: EdgeKind, source: str, target: str) -> str:
    s = (f"WITH $row AS row MATCH (a:{_q(source)} {{model: $model, id: row.s}}) "
         f"MATCH (b:{_q(target)} {{model: $model, id: row.t}}) CREATE (a)-[r:{_q(kind.type)}]->(b)")
    return s + (f" SET r = {_projection(kind.properties)}" if kind.properties else "")


def load_naive(nb: Neo4jBackend, model: Any, *, progress: Optional[Progress] = None) -> LoadResult:
    """The same graph as :meth:`Neo4jBackend.load`, written with one statement per node and per
    relationship: always replaces (the previous version is deleted first), one transaction, nodes
    found by their key for every relationship."""
    t0 = time.perf_counter()
    plan = plan_model(model)
    nb.ensure_constraints()

    def work(tx: Any, plan: Plan) -> tuple[str, int]:
        mid = plan.model
        total = plan.n_nodes + plan.n_edges
        done = 0
        status, previous = nb._guard(tx, plan, True)
        _delete_tx(tx, mid, BATCH_SIZE)
        for kind in GRAPH_KINDS:
            stmt = node_statement_naive(kind)
            for r in plan.nodes.get(kind.label) or []:
                tx.run(stmt, model=mid, row=r).consume()
                done += 1
                if progress and done % 1000 == 0:
                    progress(done, total)
        for (typ, sl, tl), rows in plan.edges.items():
            stmt = edge_statement_naive(EDGE_KINDS[typ], sl, tl)
            for r in rows:
                tx.run(stmt, model=mid, row=r).consume()
                done += 1
                if progress and done % 1000 == 0:
                    progress(done, total)
        tx.run(model_node_statement(), model=mid, meta=plan.meta).consume()
        return status, previous

    status, previous = nb._write(work, f"load model '{plan.model}'", plan,
                                 tag={"ketengraaf": "load", "model": plan.model})
    return LoadResult(plan.model, status, plan.n_nodes, plan.n_edges, previous, time.perf_counter() - t0, nb.where)
