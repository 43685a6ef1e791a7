// R05 — Circulaire sturing / Circular steering
//
// Over the graph of all EIGENAAR_VAN and OPDRACHTGEVER_VAN relations: returns one row per strongly
// connected component with at least 2 organisations, or of a single organisation with a relation
// to itself.
//   subject: the members' ids, sorted (joined with '+' at output); related: the members;
//   facts: {leden: naam of every member, sorted by id}.
//
// Algorithm (pure Cypher, no GDS). Let fwd(n) be the set of organisations reached from n over one
// or more steering relations:
//   fwd(n) = DISTINCT m with (n)-[:EIGENAAR_VAN|OPDRACHTGEVER_VAN]->+(m)
// Neo4j plans this DISTINCT reachability as VarLengthExpand(Pruning,BFS): one BFS per node, no
// path enumeration; with min length 1 the BFS does return n itself when a cycle leads back to it,
// a relation to itself included.
//   * n lies in a component of the rule iff n ∈ fwd(n).
//   * Two such nodes n, m lie in the same component iff fwd(n) = fwd(m): in one component each
//     reaches everything the other reaches; conversely fwd(n) = fwd(m) gives m ∈ fwd(m) = fwd(n)
//     and n ∈ fwd(n) = fwd(m), so each reaches the other.
// So the cyclic nodes are grouped by their forward reach set (as a sorted id list, to be
// canonical); each group is one component, and that sorted list of members is its id. Only nodes
// with an outgoing and an incoming steering relation can lie on a cycle, so only they are
// searched. Cost: one BFS per such node (O(nodes × relations) in the worst case, e.g. one huge
// component), plus sorting the reach set of every node on a cycle. (An iterative variant that
// skips the members of components already found — reduce() over the nodes with COLLECT {}
// subqueries inside — is not usable: Neo4j 5.26 plans subqueries inside reduce() as trail
// enumeration rather than pruning BFS.)
// The anchor's `id IS NOT NULL` (always true) lets the planner seek the model's nodes in the
// (model, id) uniqueness index instead of scanning the nodes of every model in the database.
// Parameters: $model.
MATCH (n:Organisatie {model: $model})
WHERE n.id IS NOT NULL
  AND EXISTS { (n)-[:EIGENAAR_VAN|OPDRACHTGEVER_VAN]->(:Organisatie {model: $model}) }
  AND EXISTS { (:Organisatie {model: $model})-[:EIGENAAR_VAN|OPDRACHTGEVER_VAN]->(n) }
WITH n, COLLECT {
  MATCH (n)-[:EIGENAAR_VAN|OPDRACHTGEVER_VAN]->+(m:Organisatie {model: $model})
  RETURN DISTINCT m
} AS fwd
WHERE n IN fwd
WITH n, COLLECT { UNWIND fwd AS m RETURN m.id AS i ORDER BY i } AS bereik
WITH bereik, n ORDER BY n.id
WITH bereik, collect(n) AS leden
WITH [m IN leden | m.id] AS ids, [m IN leden | coalesce(m.naam, m.id)] AS namen
RETURN ids AS subject,
       ids AS related,
       {leden: namen} AS facts
