// R03 — Eigenaar is ook opdrachtgever / Owner is also commissioner
//
// Returns one row per organisation X with at least one actor A that holds both an EIGENAAR_VAN
// and an OPDRACHTGEVER_VAN relation to X (A may be X itself).
//   subject: [X]; related: every such A;
//   facts: {naam: X's naam, actoren: naam of every such A, sorted by A's id}.
// Algorithm: every EIGENAAR_VAN A->X with an EXISTS {} semi-join on OPDRACHTGEVER_VAN A->X,
// grouped per X (relations are unique per role, so every A appears once per X).
// The anchor's `id IS NOT NULL` (always true) lets the planner seek the model's nodes in the
// (model, id) uniqueness index instead of scanning the nodes of every model in the database.
// Parameters: $model.
MATCH (a:Organisatie {model: $model})-[:EIGENAAR_VAN]->(x:Organisatie {model: $model})
WHERE x.id IS NOT NULL AND EXISTS { (a)-[:OPDRACHTGEVER_VAN]->(x) }
WITH x, a ORDER BY a.id
WITH x, collect(a) AS actoren
RETURN [x.id] AS subject,
       [a IN actoren | a.id] AS related,
       {naam: coalesce(x.naam, x.id), actoren: [a IN actoren | coalesce(a.naam, a.id)]} AS facts
