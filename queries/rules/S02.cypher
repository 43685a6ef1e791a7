// S02 — Stewardship zonder randvoorwaarden / Stewardship without its preconditions
//
// Returns one row per OPDRACHTGEVER_VAN relation O->X with sturingsmodel $sturingsmodel ('stewardship')
// that lacks a valid afspraak of a soort in $soorten (resultaatafspraak) with O and X among its partijen, or lacks an overleg (an Organisatie of
// soort overleg) with O and X among its deelnemers (DEELNEMER_VAN), or lacks both. Valid:
// geldig_van <= $peildatum <= geldig_tot, absent bounds open (ISO date text compares as dates).
//   subject: ['opdrachtgever', O, X] ('opdrachtgever:O->X' at output); related: [O, X];
//   facts: {opdrachtgever: O's naam, opdrachtnemer: X's naam,
//           afspraak: such an agreement exists, overleg: such a forum exists} (never both true).
// Algorithm: per relation two EXISTS {} tests; the two PARTIJ (DEELNEMER_VAN) edges are matched
// in separate patterns so that O = X works.
// The anchor's `id IS NOT NULL` (always true) lets the planner seek the model's nodes in the
// (model, id) uniqueness index instead of scanning the nodes of every model in the database.
// Parameters: $model, $peildatum, and the rule's params $sturingsmodel and $soorten.
MATCH (o:Organisatie {model: $model})-[r:OPDRACHTGEVER_VAN]->(x:Organisatie {model: $model})
WHERE x.id IS NOT NULL AND r.sturingsmodel = $sturingsmodel
WITH o, x,
     EXISTS {
       MATCH (a:Afspraak {model: $model})-[:PARTIJ]->(o)
       WHERE a.soort IN $soorten
         AND (a.geldig_van IS NULL OR a.geldig_van <= $peildatum)
         AND (a.geldig_tot IS NULL OR $peildatum <= a.geldig_tot)
         AND EXISTS { (a)-[:PARTIJ]->(x) }
     } AS afspraak,
     EXISTS {
       MATCH (o)-[:DEELNEMER_VAN]->(f:Organisatie {model: $model, soort: 'overleg'})
       WHERE EXISTS { (x)-[:DEELNEMER_VAN]->(f) }
     } AS overleg
WHERE NOT (afspraak AND overleg)
RETURN ['opdrachtgever', o.id, x.id] AS subject,
       [o.id, x.id] AS related,
       {opdrachtgever: coalesce(o.naam, o.id), opdrachtnemer: coalesce(x.naam, x.id),
        afspraak: afspraak, overleg: overleg} AS facts
