// ketens-van: every chain (keten) an organisation takes part in, and in which roles
//
// Answers: in which ketens does organisation $id play a part, and how: uitvoerder or eigenaar of
// a schakel, ketenregisseur, the ketenbestuur itself, a deelnemer of the ketenbestuur, or a
// partij of an afspraak made for the keten. One row per keten:
//   keten, naam   the chain
//   rollen        the roles of $id in it, sorted: 'bestuur', 'deelnemer bestuur', 'eigenaar schakel',
//                 'partij ketenafspraak', 'regisseur', 'uitvoerder'
//   schakels      ids of the schakels $id executes or owns, in the chain's order
//   afspraken     ids of the afspraken for the keten that $id is a partij of
//
// Parameters:
//   $model   model id (as loaded with ketengraaf load)
//   $id      organisation id
//
// Example:
//   ketengraaf query ketens-van --param model=voorbeeld --param id=politie
MATCH (o:Organisatie {model: $model, id: $id})
CALL (o) {
  MATCH (k:Keten)-[:SCHAKEL]->(s:Schakel)-[:UITVOERDER]->(o)
  RETURN k, 'uitvoerder' AS rol, s AS schakel, null AS afspraak
  UNION
  MATCH (k:Keten)-[:SCHAKEL]->(s:Schakel)-[:EIGENAAR]->(o)
  RETURN k, 'eigenaar schakel' AS rol, s AS schakel, null AS afspraak
  UNION
  MATCH (k:Keten)-[:REGISSEUR]->(o)
  RETURN k, 'regisseur' AS rol, null AS schakel, null AS afspraak
  UNION
  MATCH (k:Keten)-[:BESTUUR]->(o)
  RETURN k, 'bestuur' AS rol, null AS schakel, null AS afspraak
  UNION
  MATCH (k:Keten)-[:BESTUUR]->(:Organisatie)<-[:DEELNEMER_VAN]-(o)
  RETURN k, 'deelnemer bestuur' AS rol, null AS schakel, null AS afspraak
  UNION
  MATCH (k:Keten)<-[:KETEN]-(a:Afspraak)-[:PARTIJ]->(o)
  RETURN k, 'partij ketenafspraak' AS rol, null AS schakel, a AS afspraak
}
WITH k, collect(DISTINCT rol) AS rollen, collect(DISTINCT schakel) AS schakels, collect(DISTINCT afspraak) AS afspraken
RETURN k.id AS keten,
       k.naam AS naam,
       COLLECT { UNWIND rollen AS r RETURN r ORDER BY r } AS rollen,
       COLLECT { UNWIND schakels AS s RETURN s.id AS schakel ORDER BY s.volgorde } AS schakels,
       COLLECT { UNWIND afspraken AS a RETURN a.id AS afspraak ORDER BY afspraak } AS afspraken
ORDER BY keten
