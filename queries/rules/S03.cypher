// S03 — Driehoek zonder meerjarige werkagenda / Triangle without multi-year agenda
//
// Returns one row per organisation X of group uitvoerder with at least one eigenaar
// (EIGENAAR_VAN E->X) and one opdrachtgever (OPDRACHTGEVER_VAN O->X), for which no valid Afspraak
// of a soort in $soorten (werkagenda) with meerjarig true has among its partijen X, one of X's eigenaars and one
// of X's opdrachtgevers (the same partij may be both; X itself counts when it is its own eigenaar
// or opdrachtgever). Valid: geldig_van <= $peildatum <= geldig_tot, absent bounds open.
//   subject: [X]; related: [];
//   facts: {naam: X's naam,
//           eigenaars: naam of every distinct eigenaar of X, sorted by id,
//           opdrachtgevers: naam of every distinct opdrachtgever of X, sorted by id}.
// Algorithm: a scan of the model's uitvoerders; an EXISTS {} anti-join over the valid multi-year
// werkagenda's of X, each tested with two EXISTS {} semi-joins over its partijen.
// The anchor's `id IS NOT NULL` (always true) lets the planner seek the model's nodes in the
// (model, id) uniqueness index instead of scanning the nodes of every model in the database.
// Parameters: $model, $peildatum, and the rule's param $soorten.
MATCH (x:Organisatie {model: $model, groep: 'uitvoerder'})
WHERE x.id IS NOT NULL
  AND EXISTS { (:Organisatie {model: $model})-[:EIGENAAR_VAN]->(x) }
  AND EXISTS { (:Organisatie {model: $model})-[:OPDRACHTGEVER_VAN]->(x) }
  AND NOT EXISTS {
    MATCH (a:Afspraak {model: $model})-[:PARTIJ]->(x)
    WHERE a.soort IN $soorten AND a.meerjarig = true
      AND (a.geldig_van IS NULL OR a.geldig_van <= $peildatum)
      AND (a.geldig_tot IS NULL OR $peildatum <= a.geldig_tot)
      AND EXISTS { (a)-[:PARTIJ]->(:Organisatie {model: $model})-[:EIGENAAR_VAN]->(x) }
      AND EXISTS { (a)-[:PARTIJ]->(:Organisatie {model: $model})-[:OPDRACHTGEVER_VAN]->(x) }
  }
RETURN [x.id] AS subject,
       [] AS related,
       {naam: coalesce(x.naam, x.id),
        eigenaars: COLLECT {
          MATCH (e:Organisatie {model: $model})-[:EIGENAAR_VAN]->(x)
          WITH DISTINCT e ORDER BY e.id
          RETURN coalesce(e.naam, e.id)
        },
        opdrachtgevers: COLLECT {
          MATCH (o:Organisatie {model: $model})-[:OPDRACHTGEVER_VAN]->(x)
          WITH DISTINCT o ORDER BY o.id
          RETURN coalesce(o.naam, o.id)
        }} AS facts
