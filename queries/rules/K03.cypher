// K03 — Schakel zonder eigenaar / Unowned chain link
//
// Returns one row per schakel with an uitvoerder U, without EIGENAAR, where U is not verantwoord.
//   subject: the schakel id; related: [the keten id, U's id];
//   facts: {schakel: naam of the schakel, keten: naam of its keten, u: naam of U}.
// Algorithm — verantwoord (MODEL.md) is the least fixpoint of five rules, i.e. the set of
//   organisations reachable from the roots (group bestuur, or onafhankelijk) over "grounding"
//   steps u -> v:
//     eigenaar:      (u)-[:EIGENAAR_VAN]->(v)                                          (rule 2)
//     hierarchy:     (v)-[:ONDERDEEL_VAN]->(u), v of group eenheid or soort overleg,
//                    or v and u both of group uitvoerder                              (rules 3, 4)
//     opdrachtgever: (u)-[:OPDRACHTGEVER_VAN]->(v), v of soort private or overig       (rule 5)
//   (The rules' "other than X" only excludes self-loops, which never reach a new node.) One
//   quantified path pattern over the three types, undirected, with one per-step predicate (a CASE
//   on type(s) that also tests the direction) expresses it; because only the DISTINCT end nodes
//   are used, Neo4j plans it as VarLengthExpand(Pruning,BFS): every organisation is expanded at
//   most once per root, no path enumeration, loops cost nothing and ground nothing. It is the same
//   fragment as in R01.cypher:
//
//     MATCH (r:Organisatie {model: $model}) WHERE r.groep = 'bestuur' OR r.onafhankelijk
//     MATCH (r)((u:Organisatie {model: $model})-[s:EIGENAAR_VAN|OPDRACHTGEVER_VAN|ONDERDEEL_VAN]-
//               (v:Organisatie {model: $model})
//               WHERE CASE type(s) ... END)*(x)
//
//   The reached organisations that are the uitvoerder of a link without eigenaar are collected
//   once (a short list); every such link whose uitvoerder is not in it is a finding.
// Parameters: $model (model id). $peildatum and $drempel are not used.
// The anchors' `id IS NOT NULL` (always true) lets the planner seek the model's nodes in the
// (model, id) uniqueness index instead of scanning the nodes of every model in the database.
CALL () {
  MATCH (r:Organisatie {model: $model}) WHERE r.id IS NOT NULL AND (r.groep = 'bestuur' OR r.onafhankelijk)
  CALL (r) {
    // a subquery per root, so that the search starts at the root (left to itself, the planner
    // may start at every organisation and search backwards)
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
  WHERE EXISTS {
    MATCH (x)<-[:UITVOERDER]-(s:Schakel {model: $model})
    WHERE NOT EXISTS { (s)-[:EIGENAAR]->(:Organisatie {model: $model}) }
  }
  RETURN collect(x) AS verantwoord
}
MATCH (k:Keten {model: $model})-[:SCHAKEL]->(s:Schakel {model: $model})-[:UITVOERDER]->(u:Organisatie {model: $model})
WHERE k.id IS NOT NULL
  AND NOT EXISTS { (s)-[:EIGENAAR]->(:Organisatie {model: $model}) }
  AND NOT u IN verantwoord
RETURN s.id AS subject,
       [k.id, u.id] AS related,
       {schakel: CASE WHEN s.naam IS NULL OR s.naam = '' THEN s.id ELSE s.naam END,
        keten: CASE WHEN k.naam IS NULL OR k.naam = '' THEN k.id ELSE k.naam END,
        u: CASE WHEN u.naam IS NULL OR u.naam = '' THEN u.id ELSE u.naam END} AS facts
