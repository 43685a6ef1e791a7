// K06 — Cyclus in keten / Cycle in chain
//
// Returns one row per keten whose VOLGT_OP graph (over its own schakels) has a cycle; a link that
// follows itself counts.
//   subject: [the keten id]; related: the ids of the links that lie on a cycle;
//   facts: {keten: naam of the keten, schakels: [namen of the links on a cycle, in id order]}.
// Algorithm — strongly connected components without a plugin: a link lies on a cycle (is in a
//   component with two or more links, or follows itself) iff it reaches itself in one or more
//   steps, i.e. iff some link T that it reaches in zero or more steps has a VOLGT_OP edge back to
//   it. Per link (CALL (k, s) {}, so the search starts at the link), the links reached over
//   -[:VOLGT_OP]->* are made DISTINCT, which Neo4j plans as VarLengthExpand(Pruning,BFS): each link
//   visited once per start, no path enumeration; each reached link is looked up in the (short)
//   list of links with an edge back to the start. Cost: the sum of the reach sets, at most the
//   square of the chain's length. Only links of the same keten are followed (a volgt_op to
//   another chain's link is a model error, so this changes nothing for a valid model).
// Parameters: $model (model id).
// The anchors' `id IS NOT NULL` (always true) lets the planner seek the model's nodes in the
// (model, id) uniqueness index instead of scanning the nodes of every model in the database.
MATCH (k:Keten {model: $model})-[:SCHAKEL]->(s:Schakel {model: $model})
WHERE k.id IS NOT NULL
  AND EXISTS { (s)-[:VOLGT_OP]->(:Schakel {model: $model}) }
  AND EXISTS { (s)<-[:VOLGT_OP]-(:Schakel {model: $model}) }
CALL (k, s) {
  WITH k, s, COLLECT { MATCH (t:Schakel {model: $model})-[:VOLGT_OP]->(s) RETURN t } AS terug
  MATCH (s) ((a:Schakel {model: $model})-[:VOLGT_OP]->(b:Schakel {model: $model}) WHERE b.keten = k.id)* (t:Schakel {model: $model})
  WITH DISTINCT terug, t
  WHERE t IN terug
  RETURN count(t) > 0 AS opCyclus
}
WITH k, s
WHERE opCyclus
WITH k, collect(s) AS cyclus
WITH k, COLLECT { UNWIND cyclus AS s RETURN s ORDER BY s.id } AS cyclus
RETURN [k.id] AS subject,
       [s IN cyclus | s.id] AS related,
       {keten: CASE WHEN k.naam IS NULL OR k.naam = '' THEN k.id ELSE k.naam END,
        schakels: [s IN cyclus | CASE WHEN s.naam IS NULL OR s.naam = '' THEN s.id ELSE s.naam END]} AS facts
