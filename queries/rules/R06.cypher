// R06 — Opdrachtgeverschap zonder afspraak / Commissioning without agreement
//
// Returns one row per OPDRACHTGEVER_VAN relation O->X for which no valid Afspraak of soort
// resultaatafspraak, samenwerkingsafspraak, werkagenda or wettelijke-regeling has both O and X
// among its partijen (PARTIJ). Valid: geldig_van <= $peildatum <= geldig_tot, absent bounds open
// (ISO date text compares as dates).
//   subject: ['opdrachtgever', O, X] ('opdrachtgever:O->X' at output); related: [O, X];
//   facts: {opdrachtgever: O's naam, opdrachtnemer: X's naam}.
// Algorithm: every relation with an EXISTS {} anti-join over the agreements of O. The two PARTIJ
// edges are matched in separate patterns so that O = X (a relation to itself: one party) works.
// The anchor's `id IS NOT NULL` (always true) lets the planner seek the model's nodes in the
// (model, id) uniqueness index instead of scanning the nodes of every model in the database.
// Parameters: $model, $peildatum, and the rule's param $soorten (the agreement kinds it accepts).
MATCH (o:Organisatie {model: $model})-[:OPDRACHTGEVER_VAN]->(x:Organisatie {model: $model})
WHERE x.id IS NOT NULL AND NOT EXISTS {
  MATCH (a:Afspraak {model: $model})-[:PARTIJ]->(o)
  WHERE a.soort IN $soorten
    AND (a.geldig_van IS NULL OR a.geldig_van <= $peildatum)
    AND (a.geldig_tot IS NULL OR $peildatum <= a.geldig_tot)
    AND EXISTS { (a)-[:PARTIJ]->(x) }
}
RETURN ['opdrachtgever', o.id, x.id] AS subject,
       [o.id, x.id] AS related,
       {opdrachtgever: coalesce(o.naam, o.id), opdrachtnemer: coalesce(x.naam, x.id)} AS facts
