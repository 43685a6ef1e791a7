// S02 — Stewardship zonder randvoorwaarden / Stewardship without its preconditions
//
// Returns one row per OPDRACHTGEVER_VAN relation O->X with sturingsmodel 'stewardship' that lacks
// a valid resultaatafspraak with O and X among its partijen, or lacks an overleg (an Organisatie of
// soort overleg) with O and X among its deelnemers (DEELNEMER_VAN), or lacks both. Valid:
// geldig_van <= $peildatum <= geldig_tot, absent bounds open (ISO date text compares as dates).
//   subject: the relation key 'opdrachtgever:O->X'; related: [O, X];
//   facts: {opdrachtgever: O's naam, opdrachtnemer: X's naam,
//           afspraak: such an agreement exists, overleg: such a forum exists} (never both true).
// Algorithm: per relation two EXISTS {} tests; the two PARTIJ (DEELNEMER_VAN) edges are matched
// in separate patterns so that O = X works.
// The anchor's `id IS NOT NULL` (always true) lets the planner seek the model's nodes in the
// (model, id) uniqueness index instead of scanning the nodes of every model in the database.
// Parameters: $model, $peildatum. ($drempel is not used.)
MATCH (o:Organisatie {model: $model})-[r:OPDRACHTGEVER_VAN]->(x:Organisatie {model: $model})
WHERE x.id IS NOT NULL AND r.sturingsmodel = 'stewardship'
WITH o, x,
     EXISTS {
       MATCH (a:Afspraak {model: $model, soort: 'resultaatafspraak'})-[:PARTIJ]->(o)
       WHERE (a.geldig_van IS NULL OR a.geldig_van <= $peildatum)
         AND (a.geldig_tot IS NULL OR $peildatum <= a.geldig_tot)
         AND EXISTS { (a)-[:PARTIJ]->(x) }
     } AS afspraak,
     EXISTS {
       MATCH (o)-[:DEELNEMER_VAN]->(f:Organisatie {model: $model, soort: 'overleg'})
       WHERE EXISTS { (x)-[:DEELNEMER_VAN]->(f) }
     } AS overleg
WHERE NOT (afspraak AND overleg)
RETURN 'opdrachtgever:' + o.id + '->' + x.id AS subject,
       [o.id, x.id] AS related,
       {opdrachtgever: coalesce(o.naam, o.id), opdrachtnemer: coalesce(x.naam, x.id),
        afspraak: afspraak, overleg: overleg} AS facts
