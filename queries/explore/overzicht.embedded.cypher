// overzicht — the embedded engine's text (LadybugDB); same parameters, columns and rows as
// overzicht.cypher, which uses CALL { } subqueries that LadybugDB lacks (and LadybugDB does not keep
// the order of UNION ALL parts). Here: the counts per label and per type collected as lists of
// rows, joined with list_concat, unwound and sorted; label(n) names a node's one label.
MATCH (n) WHERE n.model = $model AND label(n) <> 'KetengraafModel'
WITH label(n) AS naam, count(*) AS aantal
WITH collect({soort: 'knoop', naam: naam, aantal: aantal, v: 1}) AS knopen, CAST(sum(aantal) AS INT64) AS totaal
OPTIONAL MATCH (n)-[r]->() WHERE n.model = $model
WITH knopen, totaal, type(r) AS naam, count(r) AS aantal
WITH knopen, totaal, list_filter(collect({soort: 'relatie', naam: naam, aantal: aantal, v: 2}), x -> x.aantal > 0) AS relaties
OPTIONAL MATCH (m:KetengraafModel {model: $model})
UNWIND list_concat(list_concat([{soort: 'model', naam: coalesce(m.naam, $model), aantal: totaal, v: 0}], knopen), relaties) AS rij
RETURN rij.soort AS soort, rij.naam AS naam, rij.aantal AS aantal
ORDER BY rij.v, naam
