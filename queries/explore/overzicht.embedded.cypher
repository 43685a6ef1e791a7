// overzicht — the embedded engine's text (LadybugDB); same parameters, columns and rows as
// overzicht.cypher, which uses CALL { } subqueries that LadybugDB lacks (and LadybugDB keeps
// neither the order of UNION ALL parts nor, quickly, a list carried through a grouping). Here: one
// pass over the model's nodes gives a key per node ('1 ' + its label) and per outgoing
// relationship ('2 ' + its type); the keys are counted, the model's row ('0 ' + naam, with the
// number of nodes the load counted) is put in front, and the key both sorts the rows and gives
// soort and naam back. label(n) names a node's one label.
MATCH (n) WHERE n.model = $model AND label(n) <> 'KetengraafModel'
OPTIONAL MATCH (n)-[r]->()
WITH n, collect(type(r)) AS typen
UNWIND list_concat([concat('1 ', label(n))], list_transform(typen, t -> concat('2 ', t))) AS sleutel
WITH sleutel, count(*) AS aantal
WITH collect({sleutel: sleutel, aantal: aantal}) AS rijen
OPTIONAL MATCH (m:KetengraafModel {model: $model})
UNWIND list_concat([{sleutel: concat('0 ', coalesce(m.naam, $model)), aantal: m.knopen}], rijen) AS rij
RETURN CASE substring(rij.sleutel, 1, 1) WHEN '0' THEN 'model' WHEN '1' THEN 'knoop' ELSE 'relatie' END AS soort,
       substring(rij.sleutel, 3, size(rij.sleutel)) AS naam,
       rij.aantal AS aantal
ORDER BY rij.sleutel
