// K03 — Schakel zonder eigenaar / Unowned chain link
//
// Returns one row per schakel with an uitvoerder U, without EIGENAAR, where U is not verantwoord.
//   subject: [the schakel id]; related: [the keten id, U's id];
//   facts: {schakel: naam of the schakel, keten: naam of its keten, u: naam of U}.
// Algorithm: verantwoord from the shared fragment (queries/rules/_verantwoord.cypher); the reached
//   organisations that are the uitvoerder of a link without eigenaar are collected once (a short
//   list); every such link whose uitvoerder is not in it is a finding.
// Parameters: $model (model id).
// The anchors' `id IS NOT NULL` (always true) lets the planner seek the model's nodes in the
// (model, id) uniqueness index instead of scanning the nodes of every model in the database.
CALL () {
  // @include verantwoord
  WITH x
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
RETURN [s.id] AS subject,
       [k.id, u.id] AS related,
       {schakel: CASE WHEN s.naam IS NULL OR s.naam = '' THEN s.id ELSE s.naam END,
        keten: CASE WHEN k.naam IS NULL OR k.naam = '' THEN k.id ELSE k.naam END,
        u: CASE WHEN u.naam IS NULL OR u.naam = '' THEN u.id ELSE u.naam END} AS facts
