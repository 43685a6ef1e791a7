// R04 — Rollen hiërarchisch vermengd / Roles mixed through hierarchy
//
// Returns one row per organisation X with an eigenaar E and an opdrachtgever O (E ≠ O) such that
// E ∈ ancestors(O) or O ∈ ancestors(E) (ancestors: ONDERDEEL_VAN followed upwards).
//   subject: [X]; related: every E and every O that is in such a pair;
//   facts: {naam: X's naam,
//           eigenaars: naam of every E in a pair, sorted by E's id,
//           opdrachtgevers: naam of every O in a pair, sorted by O's id}.
// Algorithm: no pairwise comparison. From every opdrachtgever O of X walk up its ancestors
// (ONDERDEEL_VAN+, a single chain because onderdeel_van is a forest) and keep those that are an
// eigenaar of X; likewise from every eigenaar E up to the opdrachtgevers of X. A proper ancestor
// is never the node itself, so E ≠ O holds by construction. Cost: (|eigenaars| + |opdrachtgevers|)
// × depth of the hierarchy per X.
// The anchor's `id IS NOT NULL` (always true) lets the planner seek the model's nodes in the
// (model, id) uniqueness index instead of scanning the nodes of every model in the database.
// Parameters: $model.
MATCH (x:Organisatie {model: $model})
WHERE x.id IS NOT NULL
  AND EXISTS { (:Organisatie {model: $model})-[:EIGENAAR_VAN]->(x) }
  AND EXISTS { (:Organisatie {model: $model})-[:OPDRACHTGEVER_VAN]->(x) }
CALL (x) {
  MATCH (o:Organisatie {model: $model})-[:OPDRACHTGEVER_VAN]->(x)
  MATCH (o)-[:ONDERDEEL_VAN]->+(e:Organisatie {model: $model})-[:EIGENAAR_VAN]->(x)
  RETURN e, o
  UNION
  MATCH (e:Organisatie {model: $model})-[:EIGENAAR_VAN]->(x)
  MATCH (e)-[:ONDERDEEL_VAN]->+(o:Organisatie {model: $model})-[:OPDRACHTGEVER_VAN]->(x)
  RETURN e, o
}
WITH x, collect(DISTINCT e) AS es, collect(DISTINCT o) AS os
WITH x,
     COLLECT { UNWIND es AS e WITH e ORDER BY e.id RETURN e } AS es,
     COLLECT { UNWIND os AS o WITH o ORDER BY o.id RETURN o } AS os
RETURN [x.id] AS subject,
       [n IN es | n.id] + [n IN os | n.id] AS related,
       {naam: coalesce(x.naam, x.id),
        eigenaars: [n IN es | coalesce(n.naam, n.id)],
        opdrachtgevers: [n IN os | coalesce(n.naam, n.id)]} AS facts
