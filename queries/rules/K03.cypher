// K03 — Schakel zonder eigenaar / Unowned chain link
//
// Returns one row per schakel with an uitvoerder U, without EIGENAAR, where U is not verantwoord.
//   subject: the schakel id; related: [the keten id, U's id];
//   facts: {schakel: naam of the schakel, keten: naam of its keten, u: naam of U}.
// Algorithm — verantwoord (MODEL.md) is the least fixpoint of five rules, i.e. reachability from the
//   roots (group bestuur, or onafhankelijk) over "grounding" steps:
//     E -> X  over EIGENAAR_VAN, E <> X                                        (rule 2)
//     P -> C  over ONDERDEEL_VAN reversed (C part of P), when C is eenheid or overleg,
//             or both C and P are uitvoerder                                    (rules 3, 4)
//     O -> X  over OPDRACHTGEVER_VAN, O <> X, X of soort private or overig      (rule 5)
//   So U is verantwoord iff a root is reachable from U over the same steps backwards. Per distinct
//   candidate U (uitvoerder of a link without eigenaar; CALL (u) {}) a quantified path pattern
//   walks the reversed steps, whose direction and conditions are per-step predicates on the two
//   nodes of the step; with DISTINCT end nodes Neo4j plans it as VarLengthExpand(Pruning,BFS), so
//   each organisation is visited at most once per candidate (no path enumeration; loops of
//   eigenaars cost nothing and ground nothing). U is verantwoord iff a reached node is a root.
// Parameters: $model (model id). $peildatum and $drempel are not used.
MATCH (k:Keten {model: $model})-[:SCHAKEL]->(s:Schakel {model: $model})-[:UITVOERDER]->(u:Organisatie {model: $model})
WHERE NOT EXISTS { (s)-[:EIGENAAR]->(:Organisatie {model: $model}) }
WITH u, collect([s, k]) AS links
CALL (u) {
  MATCH (u) ((x:Organisatie {model: $model})-[r:EIGENAAR_VAN|ONDERDEEL_VAN|OPDRACHTGEVER_VAN]-(g:Organisatie {model: $model})
             WHERE (r:EIGENAAR_VAN AND endNode(r) = x AND g <> x)
                OR (r:ONDERDEEL_VAN AND startNode(r) = x
                    AND (x.groep = 'eenheid' OR x.soort = 'overleg' OR (x.groep = 'uitvoerder' AND g.groep = 'uitvoerder')))
                OR (r:OPDRACHTGEVER_VAN AND endNode(r) = x AND g <> x AND x.soort IN ['private', 'overig'])
            )* (y:Organisatie {model: $model})
  WITH DISTINCT y
  WHERE y.groep = 'bestuur' OR y.onafhankelijk = true
  RETURN count(y) > 0 AS verantwoord
}
WITH u, links
WHERE NOT verantwoord
UNWIND links AS link
WITH u, link[0] AS s, link[1] AS k
RETURN s.id AS subject,
       [k.id, u.id] AS related,
       {schakel: CASE WHEN s.naam IS NULL OR s.naam = '' THEN s.id ELSE s.naam END,
        keten: CASE WHEN k.naam IS NULL OR k.naam = '' THEN k.id ELSE k.naam END,
        u: CASE WHEN u.naam IS NULL OR u.naam = '' THEN u.id ELSE u.naam END} AS facts
