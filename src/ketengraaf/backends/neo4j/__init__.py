"""The Neo4j backend: connection settings, loading and unloading models, read-only queries.

The graph in Neo4j is the one of ``docs/graph-schema.md``: the same nodes and edges that NetworkX
holds (both come from :func:`ketengraaf.graph.build.iter_graph`), every node with a ``model``
property naming its model, ``kenmerken`` as canonical JSON text, plus one ``KetengraafModel`` node
per loaded model. Several models live side by side in one database.

* :mod:`.settings` — where and how to connect (never shows credentials);
* :mod:`.statements` — every writing statement, generated from :mod:`ketengraaf.graph.schema`
  (labels, types and property names from its whitelist, values as parameters), and the model as
  rows (:func:`plan_model`);
* :mod:`.backend` — :class:`Neo4jBackend`: load (one transaction, locked per model, guarded
  against overwriting another version), unload, read-only queries, errors as one sentence.

The rules' Cypher twins run from :mod:`ketengraaf.backends.neo4j_rules`.
"""

from ketengraaf.backends.neo4j.backend import (BATCH_SIZE, RETRY_SECONDS, LoadResult, Neo4jBackend, Progress,
                                               UnloadResult, connect, load, plain, read_query, unload)
from ketengraaf.backends.neo4j.settings import DEFAULT_URI, DEFAULT_USER, SCHEMES, Settings, safe_uri
from ketengraaf.backends.neo4j.statements import (GRAPH_KINDS, Plan, constraint_statements, edge_statement,
                                                  fingerprint, node_statement, plan_model)
from ketengraaf.graph.schema import MODEL_LABEL

__all__ = ["BATCH_SIZE", "DEFAULT_URI", "DEFAULT_USER", "GRAPH_KINDS", "LoadResult", "MODEL_LABEL", "Neo4jBackend",
           "Plan", "Progress", "RETRY_SECONDS", "SCHEMES", "Settings", "UnloadResult", "connect",
           "constraint_statements", "edge_statement", "fingerprint", "load", "node_statement", "plain", "plan_model",
           "read_query", "safe_uri", "unload"]
