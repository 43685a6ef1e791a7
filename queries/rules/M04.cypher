// M04 — Overbelaste opdrachtnemer / Executor over capacity
//
// M04 is arithmetic (an exact sum of FTE over the busiest day), and one Python function decides it
// for both backends (ketengraaf.rules.opdrachtgevers.peak_demand, through the rule's `decide`). This
// query returns its raw rows, the same rows ketengraaf.rules.opdrachtgevers.loads() gathers on
// NetworkX (the `Load` and `Claim` records declared there):
//   one row per organisation X with a `capaciteit` and at least one not-finished opdracht to it
//   (an opdracht is finished when its `tot` lies before $peildatum), with columns
//     x: X's id, naam: X's naam (else id), cap: X's capaciteit, peil: $peildatum,
//     opdrachten: one map per not-finished opdracht to X, in id order:
//       {id, naam (else id), start: its `van` when after $peildatum, else $peildatum,
//        tot: its `tot` (null: open), capaciteit (null counts 0)}.
// Algorithm: a seek of the model's organisations with a capaciteit; per X its opdrachten.
// The anchor's `id IS NOT NULL` (always true) lets the planner seek the model's nodes in the
// (model, id) uniqueness index instead of scanning the nodes of every model in the database.
// Parameters: $model (model id), $peildatum (ISO date text).
MATCH (x:Organisatie {model: $model})
WHERE x.id IS NOT NULL AND x.capaciteit IS NOT NULL
WITH x, COLLECT {
  MATCH (a:Opdracht {model: $model})-[:OPDRACHTNEMER]->(x)
  WHERE a.tot IS NULL OR a.tot >= $peildatum
  WITH a ORDER BY a.id
  RETURN {id: a.id, naam: coalesce(a.naam, a.id),
          start: CASE WHEN a.van IS NOT NULL AND a.van > $peildatum THEN a.van ELSE $peildatum END,
          tot: a.tot, capaciteit: a.capaciteit}
} AS opdrachten
WHERE size(opdrachten) > 0
RETURN x.id AS x, coalesce(x.naam, x.id) AS naam, x.capaciteit AS cap, $peildatum AS peil, opdrachten
