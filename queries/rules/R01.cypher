// R01 — Uitvoerder zonder eigenaar / Executor without owner
//
// Returns one row per organisation X of group uitvoerder that is not verantwoord (MODEL.md).
//   subject: [X]; related: [];
//   facts: {naam: X's naam, soort: X's soort,
//           eigenaars: naam of every eigenaar E ≠ X of X (EIGENAAR_VAN E->X), sorted by E's id,
//           zelf: X has an EIGENAAR_VAN relation to itself}.
//
// Algorithm: verantwoord from the shared fragment (queries/rules/_verantwoord.cypher); the
// reached uitvoerders are collected once, and every uitvoerder not among them is a finding.
// The anchor's `id IS NOT NULL` (always true) lets the planner seek the model's nodes in the
// (model, id) uniqueness index instead of scanning the nodes of every model in the database.
// Parameters: $model.
CALL () {
  // @include verantwoord
  WITH x
  WHERE x.groep = 'uitvoerder'
  RETURN collect(x) AS verantwoord
}
MATCH (x:Organisatie {model: $model, groep: 'uitvoerder'})
WHERE x.id IS NOT NULL AND NOT x IN verantwoord
RETURN [x.id] AS subject,
       [] AS related,
       {naam: coalesce(x.naam, x.id),
        soort: x.soort,
        eigenaars: COLLECT {
          MATCH (e:Organisatie {model: $model})-[:EIGENAAR_VAN]->(x)
          WHERE e <> x
          WITH DISTINCT e ORDER BY e.id
          RETURN coalesce(e.naam, e.id)
        },
        zelf: EXISTS { (x)-[:EIGENAAR_VAN]->(x) }} AS facts
