// M02 — Opdrachtgevers zonder gezamenlijk overleg / Commissioners without a joint forum
//
// Returns one row per organisation X with |opdrachtgevers(X)| >= 2 for which there is
//   * no Organisatie of soort 'overleg' whose DEELNEMER_VAN participants include X and every
//     opdrachtgever of X, and
//   * no valid Afspraak of soort 'opdrachtgeversagenda' whose PARTIJ parties include X and every
//     opdrachtgever of X (valid: geldig_van <= $peildatum <= geldig_tot, an absent bound holds).
//   subject: [X]; related: the ids of opdrachtgevers(X);
//   facts: {x: naam of X, opdrachtgevers: [namen of opdrachtgevers(X), in id order]}.
// Algorithm: per X, COLLECT {} the distinct commissioners ordered by id; then two NOT EXISTS {}
//   subqueries that start from X's own forums / agreements and require every commissioner to be a
//   participant / party of the same one (all(...) over the list with an EXISTS per member).
//   Dates are ISO text, so they compare as strings.
// Parameters: $model (model id), $peildatum (ISO date text), and the rule's param $soorten (opdrachtgeversagenda).
// The anchors' `id IS NOT NULL` (always true) lets the planner seek the model's nodes in the
// (model, id) uniqueness index instead of scanning the nodes of every model in the database.
MATCH (x:Organisatie {model: $model})
WHERE x.id IS NOT NULL AND EXISTS { (:Organisatie {model: $model})-[:OPDRACHTGEVER_VAN]->(x) }
WITH x,
     COLLECT {
       MATCH (o:Organisatie {model: $model})-[:OPDRACHTGEVER_VAN]->(x)
       WITH DISTINCT o
       RETURN o ORDER BY o.id
     } AS ogs
WHERE size(ogs) >= 2
  AND NOT EXISTS {
    MATCH (x)-[:DEELNEMER_VAN]->(ov:Organisatie {model: $model, soort: 'overleg'})
    WHERE all(o IN ogs WHERE EXISTS { (o)-[:DEELNEMER_VAN]->(ov) })
  }
  AND NOT EXISTS {
    MATCH (a:Afspraak {model: $model})-[:PARTIJ]->(x)
    WHERE a.soort IN $soorten
      AND (a.geldig_van IS NULL OR a.geldig_van <= $peildatum)
      AND (a.geldig_tot IS NULL OR $peildatum <= a.geldig_tot)
      AND all(o IN ogs WHERE EXISTS { (a)-[:PARTIJ]->(o) })
  }
RETURN [x.id] AS subject,
       [o IN ogs | o.id] AS related,
       {x: CASE WHEN x.naam IS NULL OR x.naam = '' THEN x.id ELSE x.naam END,
        opdrachtgevers: [o IN ogs | CASE WHEN o.naam IS NULL OR o.naam = '' THEN o.id ELSE o.naam END]} AS facts
