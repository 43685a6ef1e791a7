// R01 — Uitvoerder zonder eigenaar / Executor without owner
//
// Returns one row per organisation X of group uitvoerder that is not verantwoord (MODEL.md).
//   subject: X's id; related: [];
//   facts: {naam: X's naam, soort: X's soort,
//           eigenaars: naam of every eigenaar E ≠ X of X (EIGENAAR_VAN E->X), sorted by E's id,
//           zelf: X has an EIGENAAR_VAN relation to itself}.
//
// Algorithm. verantwoord is the least set closed under MODEL.md's five rules; that is exactly
// the set of organisations reachable from the roots (group bestuur, or onafhankelijk) over
// "grounding" steps u -> v:
//   * eigenaar:      (u)-[:EIGENAAR_VAN]->(v)                                 (rule 2)
//   * hierarchy:     (v)-[:ONDERDEEL_VAN]->(u), v of group eenheid or soort overleg, or v and u
//                    both of group uitvoerder                                 (rules 3 and 4)
//   * opdrachtgever: (u)-[:OPDRACHTGEVER_VAN]->(v), v of soort private or overig (rule 5)
// (The rules' "other than X" only excludes self-loops, which never reach a new node, so the
// steps need not test u ≠ v.) One quantified path pattern over the three relationship types,
// undirected, with a per-step predicate expresses this; the predicate tests the step's direction
// (startNode(s) = u: followed forwards; endNode(s) = u: backwards). It is one CASE on type(s), so
// the planner keeps it as a single per-step predicate (written as OR of three cases it is
// expanded to conjunctive normal form and reads about 7x more properties). Neo4j rewrites the
// pattern, because only the DISTINCT end nodes are used, into VarLengthExpand(Pruning,BFS):
// every node is expanded at most once per root, no path enumeration. Shared fragment (K03 needs the same set):
//
//   MATCH (r:Organisatie {model: $model}) WHERE r.groep = 'bestuur' OR r.onafhankelijk
//   MATCH (r)((u:Organisatie {model: $model})-[s:EIGENAAR_VAN|OPDRACHTGEVER_VAN|ONDERDEEL_VAN]-
//             (v:Organisatie {model: $model})
//             WHERE CASE type(s)
//                     WHEN 'EIGENAAR_VAN' THEN startNode(s) = u
//                     WHEN 'OPDRACHTGEVER_VAN' THEN startNode(s) = u AND v.soort IN ['private', 'overig']
//                     ELSE endNode(s) = u AND (v.groep = 'eenheid' OR v.soort = 'overleg'
//                                              OR (v.groep = 'uitvoerder' AND u.groep = 'uitvoerder'))
//                   END)*(x)
//
// The reached uitvoerders are collected once; every uitvoerder not among them is a finding.
// The anchor's `id IS NOT NULL` (always true) lets the planner seek the model's nodes in the
// (model, id) uniqueness index instead of scanning the nodes of every model in the database.
// Parameters: $model. ($peildatum and $drempel are not used.)
CALL () {
  MATCH (r:Organisatie {model: $model})
  WHERE r.id IS NOT NULL AND (r.groep = 'bestuur' OR r.onafhankelijk)
  MATCH (r)((u:Organisatie {model: $model})-[s:EIGENAAR_VAN|OPDRACHTGEVER_VAN|ONDERDEEL_VAN]-
            (v:Organisatie {model: $model})
            WHERE CASE type(s)
                    WHEN 'EIGENAAR_VAN' THEN startNode(s) = u
                    WHEN 'OPDRACHTGEVER_VAN' THEN startNode(s) = u AND v.soort IN ['private', 'overig']
                    ELSE endNode(s) = u AND (v.groep = 'eenheid' OR v.soort = 'overleg'
                                             OR (v.groep = 'uitvoerder' AND u.groep = 'uitvoerder'))
                  END)*(x)
  WITH DISTINCT x
  WHERE x.groep = 'uitvoerder'
  RETURN collect(x) AS verantwoord
}
MATCH (x:Organisatie {model: $model, groep: 'uitvoerder'})
WHERE x.id IS NOT NULL AND NOT x IN verantwoord
RETURN x.id AS subject,
       [] AS related,
       {naam: coalesce(x.naam, x.id),
        soort: x.soort,
        eigenaars: COLLECT {
          MATCH (e:Organisatie {model: $model})-[:EIGENAAR_VAN]->(x)
          WHERE e <> x
          WITH DISTINCT e ORDER BY e.id
          RETURN coalesce(e.naam, e.id)
        },
        zelf: EXISTS { (x)-[:EIGENAAR_VAN]->(x) }} AS facts
