// D02 — Gegevens zonder beheerder / Dataset without steward
//
// Returns one row per dataset (Gegevens) of the model without a BEHEERDER relationship.
//   subject: [the dataset id]; related: []; facts: {gegevens: id, gegevens_naam: naam (else id)}.
// Algorithm: the model's Gegevens (index seek) with an EXISTS {} anti-join.
// Index use: `x.id IS NOT NULL` on the anchor lets the planner seek the (model, id) uniqueness
// index instead of scanning the label across every model in the database.
// Parameters: $model (model id).
MATCH (g:Gegevens {model: $model})
WHERE g.id IS NOT NULL
  AND NOT EXISTS { (g)-[:BEHEERDER]->(:Organisatie {model: $model}) }
RETURN [g.id] AS subject,
       [] AS related,
       {gegevens: g.id,
        gegevens_naam: CASE WHEN g.naam IS NULL OR g.naam = '' THEN g.id ELSE g.naam END} AS facts
