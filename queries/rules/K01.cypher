// K01 — Keten zonder regie / Chain without direction
//
// Returns one row per keten without REGISSEUR and without BESTUUR whose schakels have two or more
// distinct uitvoerders.
//   subject: [the keten id]; related: the ids of the distinct uitvoerders;
//   facts: {keten: naam of the keten, uitvoerders: [namen of the distinct uitvoerders, in id order]}.
// Algorithm: per keten without regisseur and bestuur, a COLLECT {} subquery of the distinct
//   UITVOERDER targets of its SCHAKEL links, ordered by id.
// Parameters: $model (model id).
// The anchors' `id IS NOT NULL` (always true) lets the planner seek the model's nodes in the
// (model, id) uniqueness index instead of scanning the nodes of every model in the database.
MATCH (k:Keten {model: $model})
WHERE k.id IS NOT NULL
  AND NOT EXISTS { (k)-[:REGISSEUR]->(:Organisatie {model: $model}) }
  AND NOT EXISTS { (k)-[:BESTUUR]->(:Organisatie {model: $model}) }
WITH k,
     COLLECT {
       MATCH (k)-[:SCHAKEL]->(:Schakel {model: $model})-[:UITVOERDER]->(u:Organisatie {model: $model})
       WITH DISTINCT u
       RETURN u ORDER BY u.id
     } AS us
WHERE size(us) >= 2
RETURN [k.id] AS subject,
       [u IN us | u.id] AS related,
       {keten: CASE WHEN k.naam IS NULL OR k.naam = '' THEN k.id ELSE k.naam END,
        uitvoerders: [u IN us | CASE WHEN u.naam IS NULL OR u.naam = '' THEN u.id ELSE u.naam END]} AS facts
