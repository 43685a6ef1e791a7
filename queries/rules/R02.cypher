// R02 — Uitvoerder zonder opdrachtgever / Executor without commissioner
//
// Returns one row per organisation X of group uitvoerder that is not onafhankelijk and has no
// incoming OPDRACHTGEVER_VAN relation (a relation of X to itself counts as one).
//   subject: [X]; related: []; facts: {naam: X's naam, soort: X's soort}.
// Algorithm: a scan of the model's uitvoerders with an EXISTS {} anti-join.
// The anchor's `id IS NOT NULL` (always true) lets the planner seek the model's nodes in the
// (model, id) uniqueness index instead of scanning the nodes of every model in the database.
// Parameters: $model.
MATCH (x:Organisatie {model: $model, groep: 'uitvoerder'})
WHERE x.id IS NOT NULL AND NOT coalesce(x.onafhankelijk, false)
  AND NOT EXISTS { (:Organisatie {model: $model})-[:OPDRACHTGEVER_VAN]->(x) }
RETURN [x.id] AS subject,
       [] AS related,
       {naam: coalesce(x.naam, x.id), soort: x.soort} AS facts
