// S01 — Sturing volgens principaal-agent / Principal-agent steering
//
// Returns one row per sturingsrelatie (EIGENAAR_VAN or OPDRACHTGEVER_VAN) V->N with
// sturingsmodel $sturingsmodel ('principaal-agent').
//   subject: [ROL, V, N], rol eigenaar or opdrachtgever ('ROL:V->N' at output); related: [V, N];
//   facts: {van: V's naam, naar: N's naam, rol: 'eigenaar' | 'opdrachtgever'}.
// Algorithm: a scan of the model's steering relations with a property filter.
// The anchor's `id IS NOT NULL` (always true) lets the planner seek the model's nodes in the
// (model, id) uniqueness index instead of scanning the nodes of every model in the database.
// Parameters: $model, $sturingsmodel (the rule's param).
MATCH (v:Organisatie {model: $model})-[r:EIGENAAR_VAN|OPDRACHTGEVER_VAN]->(n:Organisatie {model: $model})
WHERE v.id IS NOT NULL AND r.sturingsmodel = $sturingsmodel
WITH v, n, CASE type(r) WHEN 'EIGENAAR_VAN' THEN 'eigenaar' ELSE 'opdrachtgever' END AS rol
RETURN [rol, v.id, n.id] AS subject,
       [v.id, n.id] AS related,
       {van: coalesce(v.naam, v.id), naar: coalesce(n.naam, n.id), rol: rol} AS facts
