// D03 — Persoonsgegevens zonder verwerkingsverantwoordelijke / Personal data without controller
//
// Returns one row per dataset (Gegevens) of the model with persoonsgegevens = true and no
// VERWERKINGSVERANTWOORDELIJKE relationship (an absent persoonsgegevens means false).
//   subject: [the dataset id]; related: []; facts: {gegevens: id, gegevens_naam: naam (else id)}.
// Algorithm: the model's Gegevens (index seek) with an EXISTS {} anti-join.
// Index use: `x.id IS NOT NULL` on the anchor lets the planner seek the (model, id) uniqueness
// index instead of scanning the label across every model in the database.
// Parameters: $model (model id).
MATCH (g:Gegevens {model: $model})
WHERE g.id IS NOT NULL AND g.persoonsgegevens = true
  AND NOT EXISTS { (g)-[:VERWERKINGSVERANTWOORDELIJKE]->(:Organisatie {model: $model}) }
RETURN [g.id] AS subject,
       [] AS related,
       {gegevens: g.id,
        gegevens_naam: CASE WHEN g.naam IS NULL OR g.naam = '' THEN g.id ELSE g.naam END} AS facts
