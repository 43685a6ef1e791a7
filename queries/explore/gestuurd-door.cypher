// gestuurd-door: everything an organisation or DG steers, directly and through the organisations it steers
//
// Vraag: welke organisaties stuurt organisatie (of DG) $id, rechtstreeks of via organisaties die
// zij zelf stuurt, en via wie?
//
// Answers: every organisation reached from $id along sturingsrelaties (EIGENAAR_VAN or
// OPDRACHTGEVER_VAN, in their direction, at most 8 steps). One row per reached organisation and
// each of its steering parties that is $id or reached itself:
//   organisatie, naam   the steered organisation
//   stappen             the fewest sturingsrelaties from $id to it
//   via                 a party that steers it: $id or an organisation that $id steers
//   rol                 that party's role: 'eigenaar' or 'opdrachtgever'
// Sorted by stappen, organisatie, via, rol. One text for both engines (the common subset).
//
// Parameters:
//   $model   model id (with --model: that model's)
//   $id      id of the organisation or DG
//
// Example:
//   ketengraaf query gestuurd-door --model modellen/rijkswaterstaat.yaml --param id=dgwb
MATCH (d:Organisatie {model: $model, id: $id})
MATCH p = (d)-[:EIGENAAR_VAN|OPDRACHTGEVER_VAN*1..8]->(x:Organisatie)
WHERE x.id <> d.id
WITH d, x, min(length(p)) AS stappen
MATCH (v:Organisatie)-[r:EIGENAAR_VAN|OPDRACHTGEVER_VAN]->(x)
WHERE v.id = d.id OR EXISTS { MATCH (d)-[:EIGENAAR_VAN|OPDRACHTGEVER_VAN*1..8]->(v) }
RETURN DISTINCT x.id AS organisatie,
       x.naam AS naam,
       stappen,
       v.id AS via,
       CASE type(r) WHEN 'EIGENAAR_VAN' THEN 'eigenaar' ELSE 'opdrachtgever' END AS rol
ORDER BY stappen, organisatie, via, rol
