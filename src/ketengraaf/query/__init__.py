"""``ketengraaf query``: named and own Cypher queries, on the embedded engine or on Neo4j (docs/queries.md).

- :mod:`.named` finds a query by name or path, reads its header and its variant per engine;
- :mod:`.dialect` reads a query's text: whether it writes, which constructs the embedded engine lacks,
  and its translation into the embedded engine's dialect;
- :mod:`.embedded` builds the model's graph in LadybugDB (an embedded Cypher database, no server, no
  Java), with the labels, relationship types and properties of the Neo4j load;
- :mod:`.command` is the click command.
"""
