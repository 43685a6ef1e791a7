// M01 — Meerdere opdrachtgevers zonder eenduidige coördinatie / Several commissioners without one coordinator
//
// Returns one row per organisation X with |opdrachtgevers(X)| >= 2 (the distinct `van` of
// OPDRACHTGEVER_VAN relations to X, X itself included when it commissions itself) where the number of
// those relations with `coordinerend = true` is not exactly one.
//   subject: [X]; related: the ids of opdrachtgevers(X);
//   facts: {x: naam of X,
//           opdrachtgevers: [namen of opdrachtgevers(X), in id order],
//           coordinerend: [namen of the coordinating opdrachtgevers, in id order (empty, or two or more)]}.
// Algorithm: group the OPDRACHTGEVER_VAN relations by their target; per target two COLLECT {}
//   subqueries give the distinct commissioners and the coordinating ones, ordered by id (ids are
//   ASCII, so Cypher's string order equals Python's code-point order). A relation exists at most
//   once per (van, naar), so counting distinct coordinating commissioners counts the relations.
//   Display names: naam, else id (CASE below).
// Parameters: $model (model id).
// The anchors' `id IS NOT NULL` (always true) lets the planner seek the model's nodes in the
// (model, id) uniqueness index instead of scanning the nodes of every model in the database.
MATCH (x:Organisatie {model: $model})
WHERE x.id IS NOT NULL AND EXISTS { (:Organisatie {model: $model})-[:OPDRACHTGEVER_VAN]->(x) }
WITH x,
     COLLECT {
       MATCH (o:Organisatie {model: $model})-[:OPDRACHTGEVER_VAN]->(x)
       WITH DISTINCT o
       RETURN o ORDER BY o.id
     } AS ogs
WHERE size(ogs) >= 2
WITH x, ogs,
     COLLECT {
       MATCH (c:Organisatie {model: $model})-[r:OPDRACHTGEVER_VAN]->(x)
       WHERE r.coordinerend = true
       WITH DISTINCT c
       RETURN c ORDER BY c.id
     } AS coord
WHERE size(coord) <> 1
RETURN [x.id] AS subject,
       [o IN ogs | o.id] AS related,
       {x: CASE WHEN x.naam IS NULL OR x.naam = '' THEN x.id ELSE x.naam END,
        opdrachtgevers: [o IN ogs | CASE WHEN o.naam IS NULL OR o.naam = '' THEN o.id ELSE o.naam END],
        coordinerend: [c IN coord | CASE WHEN c.naam IS NULL OR c.naam = '' THEN c.id ELSE c.naam END]} AS facts
