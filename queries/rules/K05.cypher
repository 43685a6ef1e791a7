// K05 — Keten over meerdere besturen zonder doorzettingsmacht / Chain across governments without override
//
// Returns one row per keten whose `doorzettingsmacht` is not true and where the union of besturen(U)
// over the keten's distinct uitvoerders U has two or more members.
//   subject: the keten id; related: the ids of that union;
//   facts: {keten: naam of the keten, besturen: [namen of the union, in id order]}.
// Algorithm — besturen (MODEL.md), computed from the besturen downwards (the same fragment as in M05):
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
//   reached from several besturen.
//   Then every reached Y that is the uitvoerder of a link of a keten K gives (K, B); grouped per K.
// Parameters: $model (model id). $peildatum and $drempel are not used.
// The anchors' `id IS NOT NULL` (always true) lets the planner seek the model's nodes in the
// (model, id) uniqueness index instead of scanning the nodes of every model in the database.
CALL () {
  MATCH (:Organisatie {model: $model})-[r:EIGENAAR_VAN]->(c:Organisatie {model: $model})
  WHERE c.id IS NOT NULL AND NOT EXISTS { (c)-[:ONDERDEEL_VAN*0..]->(:Organisatie {model: $model, groep: 'bestuur'}) }
  RETURN collect(r) AS vrij
}
MATCH (b:Organisatie {model: $model, groep: 'bestuur'})
WHERE b.id IS NOT NULL
CALL (b, vrij) {
  // a subquery per bestuur, so that the search starts at the bestuur (left to itself, the planner
  // may start at every organisation and search backwards)
  MATCH (b) ((a:Organisatie {model: $model})-[r:ONDERDEEL_VAN|EIGENAAR_VAN]-(c:Organisatie {model: $model})
             WHERE CASE type(r)
                     WHEN 'ONDERDEEL_VAN' THEN endNode(r) = a AND (c.groep IS NULL OR c.groep <> 'bestuur')
                     ELSE startNode(r) = a AND r IN vrij
                   END)* (u:Organisatie {model: $model})
  RETURN DISTINCT u
}
MATCH (u)<-[:UITVOERDER]-(:Schakel {model: $model})<-[:SCHAKEL]-(k:Keten {model: $model})
WHERE NOT coalesce(k.doorzettingsmacht, false)
WITH k, collect(DISTINCT b) AS bs
WHERE size(bs) >= 2
WITH k, COLLECT { UNWIND bs AS b RETURN b ORDER BY b.id } AS bs
RETURN k.id AS subject,
       [b IN bs | b.id] AS related,
       {keten: CASE WHEN k.naam IS NULL OR k.naam = '' THEN k.id ELSE k.naam END,
        besturen: [b IN bs | CASE WHEN b.naam IS NULL OR b.naam = '' THEN b.id ELSE b.naam END]} AS facts
