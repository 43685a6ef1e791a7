// R08 — Opdracht buiten de sturingslijn / Assignment outside the steering line
//
// Returns one row per opdracht that is not finished (tot absent or tot >= $peildatum) whose
// opdrachtgever G has no OPDRACHTGEVER_VAN relation to its opdrachtnemer N.
//   subject: [the opdracht id]; related: [G, N];
//   facts: {opdracht: its naam (else its id), opdrachtgever: G's naam, opdrachtnemer: N's naam,
//           eigenaar: G has an EIGENAAR_VAN relation to N}.
// Algorithm: a scan of the model's opdrachten with an EXISTS {} anti-join (G = N works: the
// pattern then asks for a relation of G to itself).
// The anchor's `id IS NOT NULL` (always true) lets the planner seek the model's nodes in the
// (model, id) uniqueness index instead of scanning the nodes of every model in the database.
// Parameters: $model, $peildatum.
MATCH (a:Opdracht {model: $model})
WHERE a.id IS NOT NULL AND (a.tot IS NULL OR $peildatum <= a.tot)
MATCH (a)-[:OPDRACHTGEVER]->(g:Organisatie {model: $model})
MATCH (a)-[:OPDRACHTNEMER]->(n:Organisatie {model: $model})
WHERE NOT EXISTS { (g)-[:OPDRACHTGEVER_VAN]->(n) }
RETURN [a.id] AS subject,
       [g.id, n.id] AS related,
       {opdracht: coalesce(a.naam, a.id),
        opdrachtgever: coalesce(g.naam, g.id),
        opdrachtnemer: coalesce(n.naam, n.id),
        eigenaar: EXISTS { (g)-[:EIGENAAR_VAN]->(n) }} AS facts
