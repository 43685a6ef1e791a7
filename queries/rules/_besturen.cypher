// besturen — the shared notion *besturen* (MODEL.md), for M05, K05 and S05 (`// @include besturen`).
//
// Leaves one row per pair (b, y): b an Organisatie of group bestuur, y an Organisatie of the model
// with b in besturen(y) (y = b included). Computed from the besturen downwards:
//   besturen(Y) = { B of group bestuur : Y is reachable from B }, over these steps:
//     down:  (c)-[:ONDERDEEL_VAN]->(a), a -> c, unless c is itself a bestuur;
//     owner: (a)-[:EIGENAAR_VAN]->(c), a -> c, only when c is "free": no bestuur among c's
//            ancestors-or-self ((c)-[:ONDERDEEL_VAN*0..]->(:bestuur), a walk up a tree).
//   Why: the down steps from B reach exactly the organisations whose nearest bestuur
//   ancestor-or-self is B (they stop at other besturen), i.e. besturen = {B} for them; the owner
//   steps then enter the free organisations these own, and from there further down (children of a
//   free organisation that are not a bestuur are free) and over owner steps into free
//   organisations — the reverse of MODEL.md's "union of besturen(E) over every eigenaar E of X or
//   of an ancestor of X", which is only used for free organisations and never continues past an
//   organisation that has a bestuur. The free targets are precomputed once as a list of the
//   EIGENAAR_VAN relations into them (`vrij`; Neo4j keeps a hash set for IN on a list); a
//   subquery inside the step predicate would make the planner fall back to trail enumeration.
//   The quantified path pattern has one per-step predicate (a CASE on the type, so that it is not
//   expanded into conjunctive normal form) and only its DISTINCT (B, Y) pairs are used, so Neo4j
//   plans it as VarLengthExpand(Pruning,BFS): one breadth-first search per bestuur, every
//   organisation expanded at most once per search, no path enumeration; the searches' bestuur
//   parts are disjoint, so the total is about the number of organisations plus the free ones
//   reached from several besturen. The search runs in a subquery per bestuur, so that it starts at
//   the bestuur (left to itself, the planner may start at every organisation and search backwards).
// The anchors' `id IS NOT NULL` (always true) lets the planner seek the model's nodes in the
// (model, id) uniqueness index instead of scanning the nodes of every model in the database.
// Uses $model. Comment lines of this file are left out where it is included.
CALL () {
  MATCH (:Organisatie {model: $model})-[r:EIGENAAR_VAN]->(c:Organisatie {model: $model})
  WHERE c.id IS NOT NULL AND NOT EXISTS { (c)-[:ONDERDEEL_VAN*0..]->(:Organisatie {model: $model, groep: 'bestuur'}) }
  RETURN collect(r) AS vrij
}
MATCH (b:Organisatie {model: $model, groep: 'bestuur'})
WHERE b.id IS NOT NULL
CALL (b, vrij) {
  MATCH (b) ((a:Organisatie {model: $model})-[r:ONDERDEEL_VAN|EIGENAAR_VAN]-(c:Organisatie {model: $model})
             WHERE CASE type(r)
                     WHEN 'ONDERDEEL_VAN' THEN endNode(r) = a AND (c.groep IS NULL OR c.groep <> 'bestuur')
                     ELSE startNode(r) = a AND r IN vrij
                   END)* (y:Organisatie {model: $model})
  RETURN DISTINCT y
}
