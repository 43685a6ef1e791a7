// verantwoord — the shared notion *verantwoord* (MODEL.md), for R01 and K03 (`// @include verantwoord`).
//
// Leaves one row per organisation x of the model that is verantwoord. verantwoord is the least
// set closed under MODEL.md's five rules; that is exactly the set of organisations reachable
// from the roots (group bestuur, or onafhankelijk) over "grounding" steps u -> v:
//   * eigenaar:      (u)-[:EIGENAAR_VAN]->(v)                                 (rule 2)
//   * hierarchy:     (v)-[:ONDERDEEL_VAN]->(u), v of group eenheid or soort overleg, or v and u
//                    both of group uitvoerder                                 (rules 3 and 4)
//   * opdrachtgever: (u)-[:OPDRACHTGEVER_VAN]->(v), v of soort private or overig (rule 5)
// (The rules' "other than X" only excludes self-loops, which never reach a new node, so the
// steps need not test u ≠ v.) One quantified path pattern over the three relationship types,
// undirected, with a per-step predicate expresses this; the predicate tests the step's direction
// (startNode(s) = u: followed forwards; endNode(s) = u: backwards). It is one CASE on type(s), so
// the planner keeps it as a single per-step predicate (written as OR of three cases it is
// expanded to conjunctive normal form and reads about 7x more properties). Because only the
// DISTINCT end nodes are used, Neo4j plans it as VarLengthExpand(Pruning,BFS): every
// organisation is expanded at most once per root, no path enumeration, loops cost nothing and
// ground nothing. The search runs in a subquery per root, so that it starts at the root (left to
// itself, the planner may start at every organisation and search backwards).
// The anchor's `id IS NOT NULL` (always true) lets the planner seek the model's nodes in the
// (model, id) uniqueness index instead of scanning the nodes of every model in the database.
// Uses $model. Comment lines of this file are left out where it is included.
MATCH (r:Organisatie {model: $model})
WHERE r.id IS NOT NULL AND (r.groep = 'bestuur' OR r.onafhankelijk)
CALL (r) {
  MATCH (r)((u:Organisatie {model: $model})-[s:EIGENAAR_VAN|OPDRACHTGEVER_VAN|ONDERDEEL_VAN]-
            (v:Organisatie {model: $model})
            WHERE CASE type(s)
                    WHEN 'EIGENAAR_VAN' THEN startNode(s) = u
                    WHEN 'OPDRACHTGEVER_VAN' THEN startNode(s) = u AND v.soort IN ['private', 'overig']
                    ELSE endNode(s) = u AND (v.groep = 'eenheid' OR v.soort = 'overleg'
                                             OR (v.groep = 'uitvoerder' AND u.groep = 'uitvoerder'))
                  END)*(x:Organisatie {model: $model})
  RETURN DISTINCT x
}
WITH DISTINCT x
