// driehoek — the embedded engine's text (LadybugDB); same parameters, columns and rows as
// driehoek.cypher, which uses COLLECT { } subqueries that LadybugDB lacks. Here: one OPTIONAL MATCH
// per list, collected and sorted with list_sort (LadybugDB does not keep the order of rows in
// collect()).
MATCH (o:Organisatie {model: $model, id: $id})
MATCH (p:Organisatie)-[r:EIGENAAR_VAN|OPDRACHTGEVER_VAN]->(o)
WITH o, p, r, CASE type(r) WHEN 'EIGENAAR_VAN' THEN 'eigenaar' ELSE 'opdrachtgever' END AS rol
OPTIONAL MATCH (o)<-[:PARTIJ]-(a:Afspraak)-[:PARTIJ]->(p)
WITH o, p, r, rol, list_sort(collect(DISTINCT a.id)) AS afspraken
OPTIONAL MATCH (p)<-[:PARTIJ]-(a2:Afspraak)-[:PARTIJ]->(q:Organisatie)-[s:EIGENAAR_VAN|OPDRACHTGEVER_VAN]->(o)
WHERE q.id <> p.id AND type(s) <> type(r)
WITH o, p, r, rol, afspraken, list_sort(collect(DISTINCT a2.id)) AS met_andere_rol
OPTIONAL MATCH (p)<-[:OPDRACHTGEVER]-(x:Opdracht)-[:OPDRACHTNEMER]->(o)
WITH p, r, rol, afspraken, met_andere_rol, list_sort(collect(x.id)) AS opdrachten
RETURN rol,
       p.id AS partij,
       p.naam AS naam,
       r.sturingsmodel AS sturingsmodel,
       coalesce(r.coordinerend, false) AS coordinerend,
       afspraken,
       met_andere_rol,
       opdrachten
ORDER BY rol, partij
