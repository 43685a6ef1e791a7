// D04 — Stroom van persoonsgegevens zonder grondslag / Personal-data flow without legal basis
//
// Returns one row per gegevensstroom of the model whose dataset (OVER) has persoonsgegevens = true
// and which has no grondslag (absent, empty or blank; the loader already drops empty/blank ones).
//   subject: [the stroom id]; related: [gegevens, van, naar];
//   facts: {stroom, gegevens, gegevens_naam, van, van_naam, naar, naar_naam} (ids and display names).
// Algorithm: the model's gegevensstromen (index seek), one pattern match per stroom over OVER,
//   STROOM_VAN and STROOM_NAAR.
// Index use: `x.id IS NOT NULL` on the anchor lets the planner seek the (model, id) uniqueness
// index instead of scanning the label across every model in the database.
// Parameters: $model (model id).
//
// Shared fragment (D04, D05, D06): the stroom with its dataset, sender and receiver
//   MATCH (s:Gegevensstroom {model: $model})-[:OVER]->(g:Gegevens {model: $model}),
//         (s)-[:STROOM_VAN]->(v:Organisatie {model: $model}),
//         (s)-[:STROOM_NAAR]->(n:Organisatie {model: $model})
MATCH (s:Gegevensstroom {model: $model})-[:OVER]->(g:Gegevens {model: $model}),
      (s)-[:STROOM_VAN]->(v:Organisatie {model: $model}),
      (s)-[:STROOM_NAAR]->(n:Organisatie {model: $model})
WHERE s.id IS NOT NULL AND g.persoonsgegevens = true
  AND (s.grondslag IS NULL OR trim(s.grondslag) = '')
RETURN [s.id] AS subject,
       [g.id, v.id, n.id] AS related,
       {stroom: s.id,
        gegevens: g.id, gegevens_naam: CASE WHEN g.naam IS NULL OR g.naam = '' THEN g.id ELSE g.naam END,
        van: v.id, van_naam: CASE WHEN v.naam IS NULL OR v.naam = '' THEN v.id ELSE v.naam END,
        naar: n.id, naar_naam: CASE WHEN n.naam IS NULL OR n.naam = '' THEN n.id ELSE n.naam END} AS facts
