// K07 — Zwakke keten / Weak chain
//
// K07 is arithmetic (the chain's performance is the exact product of its links' prestaties), and
// one Python function decides it for both backends (ketengraaf.rules.ketens.chain_performance,
// through the rule's `decide`, with the rule's param drempel). This query returns its raw rows,
// the same rows ketengraaf.rules.ketens.performances() gathers on NetworkX (the `Performance` and
// `Measured` records declared there):
//   one row per keten with at least one schakel that has a `prestatie`, with columns
//     keten: the keten's id, naam: its naam (else id),
//     schakels: one map per schakel with a prestatie, in file order: {id, naam (else id), prestatie}.
// Algorithm: a seek of the model's ketens; per keten its schakels in `volgorde`.
// The anchor's `id IS NOT NULL` (always true) lets the planner seek the model's nodes in the
// (model, id) uniqueness index instead of scanning the nodes of every model in the database.
// Parameters: $model (model id).
MATCH (k:Keten {model: $model})
WHERE k.id IS NOT NULL
WITH k, COLLECT {
  MATCH (k)-[r:SCHAKEL]->(s:Schakel {model: $model})
  WHERE s.prestatie IS NOT NULL
  WITH s ORDER BY r.volgorde
  RETURN {id: s.id, naam: coalesce(s.naam, s.id), prestatie: s.prestatie}
} AS schakels
WHERE size(schakels) > 0
RETURN k.id AS keten, coalesce(k.naam, k.id) AS naam, schakels
