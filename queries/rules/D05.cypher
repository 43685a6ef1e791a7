// D05 — Gegevensstroom zonder afspraak / Data flow without agreement
//
// Returns one row per gegevensstroom of the model with van <> naar for which no valid afspraak of
// soort gegevensleveringsovereenkomst, convenant, verwerkersovereenkomst or wettelijke-regeling
// exists whose partijen include van and naar and whose gegevens list is absent or contains the
// stroom's dataset.
//   subject: [the stroom id]; related: [gegevens, van, naar];
//   facts: {stroom, gegevens, gegevens_naam, van, van_naam, naar, naar_naam} (ids and display names).
// Algorithm: per stroom an EXISTS {} over the sender's PARTIJ relationships (anti-join).
//   valid: (a.geldig_van IS NULL OR a.geldig_van <= $peildatum)
//          AND (a.geldig_tot IS NULL OR $peildatum <= a.geldig_tot)   -- ISO dates compare as text
//   gegevens limit: no GEGEVENS relationship at all, or one to this dataset.
// Index use: `x.id IS NOT NULL` on the anchor lets the planner seek the (model, id) uniqueness
// index instead of scanning the label across every model in the database.
// Parameters: $model (model id), $peildatum (ISO date text), and the rule's param $soorten (the agreement kinds it accepts).
MATCH (s:Gegevensstroom {model: $model})-[:OVER]->(g:Gegevens {model: $model}),
      (s)-[:STROOM_VAN]->(v:Organisatie {model: $model}),
      (s)-[:STROOM_NAAR]->(n:Organisatie {model: $model})
WHERE s.id IS NOT NULL AND v <> n
  AND NOT EXISTS {
    MATCH (v)<-[:PARTIJ]-(a:Afspraak {model: $model})-[:PARTIJ]->(n)
    WHERE a.soort IN $soorten
      AND (a.geldig_van IS NULL OR a.geldig_van <= $peildatum)
      AND (a.geldig_tot IS NULL OR $peildatum <= a.geldig_tot)
      AND (NOT EXISTS { (a)-[:GEGEVENS]->(:Gegevens {model: $model}) } OR EXISTS { (a)-[:GEGEVENS]->(g) })
  }
RETURN [s.id] AS subject,
       [g.id, v.id, n.id] AS related,
       {stroom: s.id,
        gegevens: g.id, gegevens_naam: CASE WHEN g.naam IS NULL OR g.naam = '' THEN g.id ELSE g.naam END,
        van: v.id, van_naam: CASE WHEN v.naam IS NULL OR v.naam = '' THEN v.id ELSE v.naam END,
        naar: n.id, naar_naam: CASE WHEN n.naam IS NULL OR n.naam = '' THEN n.id ELSE n.naam END} AS facts
