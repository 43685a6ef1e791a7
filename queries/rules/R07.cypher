// R07 — Nieuw beleid zonder uitvoeringstoets / New policy without feasibility test
//
// Returns one row per opdracht that is not finished (tot absent or tot >= $peildatum), has
// nieuw_beleid true and whose uitvoeringstoets is absent or false.
//   subject: [the opdracht id]; related: [opdrachtgever, opdrachtnemer];
//   facts: {opdracht: its naam (else its id), opdrachtgever: naam, opdrachtnemer: naam,
//           toets_vastgelegd: uitvoeringstoets is present (and so false)}.
// Algorithm: a scan of the model's opdrachten with a property filter.
// The anchor's `id IS NOT NULL` (always true) lets the planner seek the model's nodes in the
// (model, id) uniqueness index instead of scanning the nodes of every model in the database.
// Parameters: $model, $peildatum.
MATCH (a:Opdracht {model: $model})
WHERE a.id IS NOT NULL AND a.nieuw_beleid AND NOT coalesce(a.uitvoeringstoets, false)
  AND (a.tot IS NULL OR $peildatum <= a.tot)
MATCH (a)-[:OPDRACHTGEVER]->(g:Organisatie {model: $model})
MATCH (a)-[:OPDRACHTNEMER]->(n:Organisatie {model: $model})
RETURN [a.id] AS subject,
       [g.id, n.id] AS related,
       {opdracht: coalesce(a.naam, a.id),
        opdrachtgever: coalesce(g.naam, g.id),
        opdrachtnemer: coalesce(n.naam, n.id),
        toets_vastgelegd: a.uitvoeringstoets IS NOT NULL} AS facts
