// gegevenspaden — the embedded engine's text (LadybugDB); same parameters, columns and rows as
// gegevenspaden.cypher, which uses a quantified path pattern that LadybugDB lacks. Here: an acyclic
// path over STROOM_VAN|STROOM_NAAR in both directions (no organisation twice, checked again because
// LadybugDB's ACYCLIC lets a path pass its end node) whose steps alternate STROOM_VAN (from an
// organisation to a stroom it sends) and STROOM_NAAR (from the stroom to the one it reaches); list
// positions count from 1; lists are ordered by a sort key (a position or a text), since LadybugDB
// does not keep the order of rows in collect().
MATCH (a:Organisatie {model: $model, id: $van}), (b:Organisatie {model: $model, id: $naar})
MATCH p = (a)-[:STROOM_VAN|STROOM_NAAR* ACYCLIC 2..16]-(b)
WITH nodes(p) AS ns, rels(p) AS rs
WHERE size(rs) <= 2 * $max
  AND all(i IN range(1, size(rs)) WHERE label(rs[i]) = CASE i % 2 WHEN 1 THEN 'STROOM_VAN' ELSE 'STROOM_NAAR' END)
WITH size(rs) / 2 AS stappen,
     list_transform(list_filter(ns, n -> label(n) = 'Organisatie'), n -> n.id) AS organisaties,
     list_transform(list_filter(ns, n -> label(n) = 'Gegevensstroom'), n -> n.id) AS stromen
WHERE size(list_distinct(organisaties)) = size(organisaties)
UNWIND range(1, size(stromen)) AS i
MATCH (s:Gegevensstroom {model: $model, id: stromen[i]})-[:OVER]->(g:Gegevens)
WITH stappen, organisaties, stromen,
     list_sort(collect(concat(lpad(string(i), 4, '0'), ' ', g.id))) AS gs,
     list_sort(collect(CASE WHEN s.grondslag IS NULL THEN concat(lpad(string(i), 4, '0'), ' ', s.id) END)) AS zs
RETURN stappen,
       organisaties,
       stromen,
       list_transform(gs, x -> substring(x, 6, size(x))) AS gegevens,
       list_transform(zs, x -> substring(x, 6, size(x))) AS zonder_grondslag
ORDER BY stappen, list_reduce(organisaties, (x, y) -> concat(x, ' ', y)), list_reduce(stromen, (x, y) -> concat(x, ' ', y))
