// ketens-van — the embedded engine's text (LadybugDB); same parameters, columns and rows as
// ketens-van.cypher, which uses a CALL { } subquery with UNION and COLLECT { } that LadybugDB lacks.
// Here: every keten of the model with each candidate role kept when an EXISTS { } finds it; lists
// sorted with list_sort (the schakels by a key of their volgorde, then cut off again).
MATCH (o:Organisatie {model: $model, id: $id})
MATCH (k:Keten {model: $model})
UNWIND ['bestuur', 'deelnemer bestuur', 'eigenaar schakel', 'partij ketenafspraak', 'regisseur', 'uitvoerder'] AS rol
WITH o, k, rol
WHERE (rol = 'uitvoerder' AND EXISTS { MATCH (k)-[:SCHAKEL]->(:Schakel)-[:UITVOERDER]->(o) })
   OR (rol = 'eigenaar schakel' AND EXISTS { MATCH (k)-[:SCHAKEL]->(:Schakel)-[:EIGENAAR]->(o) })
   OR (rol = 'regisseur' AND EXISTS { MATCH (k)-[:REGISSEUR]->(o) })
   OR (rol = 'bestuur' AND EXISTS { MATCH (k)-[:BESTUUR]->(o) })
   OR (rol = 'deelnemer bestuur' AND EXISTS { MATCH (k)-[:BESTUUR]->(:Organisatie)<-[:DEELNEMER_VAN]-(o) })
   OR (rol = 'partij ketenafspraak' AND EXISTS { MATCH (k)<-[:KETEN]-(:Afspraak)-[:PARTIJ]->(o) })
WITH o, k, list_sort(collect(rol)) AS rollen
OPTIONAL MATCH (k)-[:SCHAKEL]->(s:Schakel)-[:UITVOERDER|EIGENAAR]->(o)
WITH o, k, rollen, list_sort(collect(DISTINCT CASE WHEN s IS NOT NULL THEN concat(lpad(string(s.volgorde), 9, '0'), ' ', s.id) END)) AS ss
OPTIONAL MATCH (k)<-[:KETEN]-(a:Afspraak)-[:PARTIJ]->(o)
WITH k, rollen, ss, list_sort(collect(DISTINCT a.id)) AS afspraken
RETURN k.id AS keten,
       k.naam AS naam,
       rollen,
       list_transform(ss, x -> substring(x, 11, size(x))) AS schakels,
       afspraken
ORDER BY keten
