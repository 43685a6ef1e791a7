// driehoek: the steering triangle of one organisation: its eigenaars and opdrachtgevers, and the agreements between them
//
// Answers: who steers organisation $id as eigenaar (owner) and as opdrachtgever (commissioner),
// with which sturingsmodel, and which afspraken bind each of them to $id. One row per
// sturingsrelatie towards $id:
//   rol             'eigenaar' or 'opdrachtgever'
//   partij, naam    the steering organisation
//   sturingsmodel   the relation's sturingsmodel, if any
//   coordinerend    true for the coordinating opdrachtgever
//   afspraken       ids of the afspraken with both partij and $id as partijen
//   met_andere_rol  ids of the afspraken that bind partij to a party in the other corner of the
//                   triangle (for an opdrachtgever: one of $id's eigenaars, and vice versa)
//   opdrachten      ids of the opdrachten partij gives to $id
// No rows: $id has no eigenaar and no opdrachtgever (or is not in the model).
//
// Parameters:
//   $model   model id (as loaded with ketengraaf load)
//   $id      organisation id
//
// Example:
//   ketengraaf query driehoek --param model=voorbeeld --param id=belastingdienst
MATCH (o:Organisatie {model: $model, id: $id})
MATCH (p:Organisatie)-[r:EIGENAAR_VAN|OPDRACHTGEVER_VAN]->(o)
WITH o, p, r, CASE type(r) WHEN 'EIGENAAR_VAN' THEN 'eigenaar' ELSE 'opdrachtgever' END AS rol
RETURN rol,
       p.id AS partij,
       p.naam AS naam,
       r.sturingsmodel AS sturingsmodel,
       coalesce(r.coordinerend, false) AS coordinerend,
       COLLECT {
         MATCH (o)<-[:PARTIJ]-(a:Afspraak)-[:PARTIJ]->(p)
         RETURN DISTINCT a.id AS a ORDER BY a
       } AS afspraken,
       COLLECT {
         MATCH (p)<-[:PARTIJ]-(a:Afspraak)-[:PARTIJ]->(q:Organisatie)-[s:EIGENAAR_VAN|OPDRACHTGEVER_VAN]->(o)
         WHERE q <> p AND type(s) <> type(r)
         RETURN DISTINCT a.id AS a ORDER BY a
       } AS met_andere_rol,
       COLLECT {
         MATCH (p)<-[:OPDRACHTGEVER]-(x:Opdracht)-[:OPDRACHTNEMER]->(o)
         RETURN x.id AS x ORDER BY x
       } AS opdrachten
ORDER BY rol, partij
