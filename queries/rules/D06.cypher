// D06 — Verwerker zonder verwerkersovereenkomst / Processor without processing agreement
//
// Returns one row per gegevensstroom of the model with verwerker = true whose dataset has
// persoonsgegevens = true, where C is the dataset's verwerkingsverantwoordelijke (or the stroom's
// van when it has none), and no valid afspraak of soort verwerkersovereenkomst or
// wettelijke-regeling exists whose partijen include C and naar and whose gegevens list is absent or
// contains the stroom's dataset. C may equal naar: then one PARTIJ to that organisation suffices
// (hence two separate patterns, not (c)<-[:PARTIJ]-(a)-[:PARTIJ]->(n), which needs two relationships).
//   subject: [the stroom id]; related: [C, naar];
//   facts: {stroom, gegevens, gegevens_naam, van, van_naam, naar, naar_naam,
//           verantwoordelijke: C, verantwoordelijke_naam} (ids and display names).
// Algorithm: C by COLLECT {} over VERWERKINGSVERANTWOORDELIJKE with a coalesce to van; then an
//   EXISTS {} anti-join over C's PARTIJ relationships (validity and gegevens limit as in D05).
// Index use: `x.id IS NOT NULL` on the anchor lets the planner seek the (model, id) uniqueness
// index instead of scanning the label across every model in the database.
// Parameters: $model (model id), $peildatum (ISO date text), and the rule's param $soorten (the agreement kinds it accepts).
MATCH (s:Gegevensstroom {model: $model})-[:OVER]->(g:Gegevens {model: $model}),
      (s)-[:STROOM_VAN]->(v:Organisatie {model: $model}),
      (s)-[:STROOM_NAAR]->(n:Organisatie {model: $model})
WHERE s.id IS NOT NULL AND s.verwerker = true AND g.persoonsgegevens = true
WITH s, g, v, n,
     coalesce(COLLECT { MATCH (g)-[:VERWERKINGSVERANTWOORDELIJKE]->(vv:Organisatie {model: $model}) RETURN vv }[0], v) AS c
WHERE NOT EXISTS {
    MATCH (c)<-[:PARTIJ]-(a:Afspraak {model: $model})
    WHERE a.soort IN $soorten
      AND EXISTS { (a)-[:PARTIJ]->(n) }
      AND (a.geldig_van IS NULL OR a.geldig_van <= $peildatum)
      AND (a.geldig_tot IS NULL OR $peildatum <= a.geldig_tot)
      AND (NOT EXISTS { (a)-[:GEGEVENS]->(:Gegevens {model: $model}) } OR EXISTS { (a)-[:GEGEVENS]->(g) })
  }
RETURN [s.id] AS subject,
       [c.id, n.id] AS related,
       {stroom: s.id,
        gegevens: g.id, gegevens_naam: CASE WHEN g.naam IS NULL OR g.naam = '' THEN g.id ELSE g.naam END,
        van: v.id, van_naam: CASE WHEN v.naam IS NULL OR v.naam = '' THEN v.id ELSE v.naam END,
        naar: n.id, naar_naam: CASE WHEN n.naam IS NULL OR n.naam = '' THEN n.id ELSE n.naam END,
        verantwoordelijke: c.id,
        verantwoordelijke_naam: CASE WHEN c.naam IS NULL OR c.naam = '' THEN c.id ELSE c.naam END} AS facts
