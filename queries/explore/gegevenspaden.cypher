// gegevenspaden: every path along which data flows from one organisation to another
//
// Answers: along which chains of gegevensstromen can data travel from organisation $van to
// organisation $naar, in at most $max steps (each step: a Gegevensstroom from one organisation
// to the next; no organisation twice on a path). One row per path, shortest first:
//   stappen            number of gegevensstromen on the path
//   organisaties       ids of the organisations along the path, from $van to $naar
//   stromen            ids of the gegevensstromen, in order
//   gegevens           ids of the gegevens each stroom carries, in order
//   zonder_grondslag   ids of the stromen on the path that have no grondslag (legal basis)
//
// Parameters:
//   $model   model id (as loaded with ketengraaf load)
//   $van     id of the organisation the data comes from
//   $naar    id of the organisation the data reaches
//   $max     the largest number of steps, 1 to 8 (Cypher does not allow a parameter as the
//            bound of a path pattern, so 8 is fixed in the pattern and $max filters)
//
// Example:
//   ketengraaf query gegevenspaden --param model=voorbeeld --param van=rvig --param naar=it-leverancier --param max=4
MATCH (a:Organisatie {model: $model, id: $van}), (b:Organisatie {model: $model, id: $naar})
MATCH (a) ((:Organisatie)<-[:STROOM_VAN]-(s:Gegevensstroom)-[:STROOM_NAAR]->(y:Organisatie)){1,8} (b)
WHERE size(s) <= $max
  AND all(i IN range(0, size(y) - 1) WHERE NOT y[i] IN [a] + y[0..i])
RETURN size(s) AS stappen,
       [a.id] + [n IN y | n.id] AS organisaties,
       [st IN s | st.id] AS stromen,
       [st IN s | [(st)-[:OVER]->(g:Gegevens) | g.id][0]] AS gegevens,
       [st IN s WHERE st.grondslag IS NULL | st.id] AS zonder_grondslag
ORDER BY stappen, organisaties, stromen
