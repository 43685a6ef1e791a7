// afspraken-verlopen — the embedded engine's text (LadybugDB); same parameters, columns and rows as
// afspraken-verlopen.cypher. LadybugDB adds days with to_days(n) (Neo4j: duration({days: n})),
// subtracts dates to a number of days (Neo4j: duration.inDays) and sorts lists with list_sort.
MATCH (a:Afspraak {model: $model})
WHERE a.geldig_tot IS NOT NULL AND a.geldig_tot >= $peildatum
  AND date(a.geldig_tot) <= date($peildatum) + to_days($dagen)
MATCH (a)-[:PARTIJ]->(p:Organisatie)
WITH a, list_sort(collect(DISTINCT p.id)) AS partijen
RETURN a.id AS afspraak, a.naam AS naam, a.soort AS soort, a.geldig_tot AS geldig_tot,
       date(a.geldig_tot) - date($peildatum) AS dagen, partijen
ORDER BY geldig_tot, afspraak
