// K02 — Schakel zonder uitvoerder / Link without executor
//
// Returns one row per schakel without UITVOERDER.
//   subject: [the schakel id]; related: [the keten id];
//   facts: {schakel: naam of the schakel, keten: naam of its keten}.
// Algorithm: a pattern match over SCHAKEL with a NOT EXISTS {} on UITVOERDER.
// Parameters: $model (model id).
// The anchors' `id IS NOT NULL` (always true) lets the planner seek the model's nodes in the
// (model, id) uniqueness index instead of scanning the nodes of every model in the database.
MATCH (k:Keten {model: $model})-[:SCHAKEL]->(s:Schakel {model: $model})
WHERE k.id IS NOT NULL
  AND NOT EXISTS { (s)-[:UITVOERDER]->(:Organisatie {model: $model}) }
RETURN [s.id] AS subject,
       [k.id] AS related,
       {schakel: CASE WHEN s.naam IS NULL OR s.naam = '' THEN s.id ELSE s.naam END,
        keten: CASE WHEN k.naam IS NULL OR k.naam = '' THEN k.id ELSE k.naam END} AS facts
