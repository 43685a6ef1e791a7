// K04 — Overdracht zonder afspraak / Handover without agreement
//
// Returns one row per handover P -> S in a keten: S VOLGT_OP P (both links of that keten), both have
// an uitvoerder, the uitvoerders differ, and there is no valid Afspraak of soort ketenafspraak,
// samenwerkingsafspraak, convenant or wettelijke-regeling whose PARTIJ parties include both
// uitvoerders and that has no KETEN or has this keten (valid: geldig_van <= $peildatum <= geldig_tot,
// an absent bound holds).
//   subject: [P, S] ('P->S' at output); related: [P's uitvoerder, S's uitvoerder];
//   facts: {p: naam of P, s: naam of S, keten: naam of the keten,
//           pu: naam of P's uitvoerder, su: naam of S's uitvoerder}.
// Algorithm: one pattern over SCHAKEL/VOLGT_OP/UITVOERDER, made distinct per (keten, P, S), and a
//   NOT EXISTS {} subquery starting from the agreements of P's uitvoerder. Dates are ISO text.
// Parameters: $model (model id), $peildatum (ISO date text), and the rule's param $soorten (the agreement kinds it accepts).
// The anchors' `id IS NOT NULL` (always true) lets the planner seek the model's nodes in the
// (model, id) uniqueness index instead of scanning the nodes of every model in the database.
MATCH (k:Keten {model: $model})-[:SCHAKEL]->(s:Schakel {model: $model})-[:VOLGT_OP]->(p:Schakel {model: $model})<-[:SCHAKEL]-(k),
      (s)-[:UITVOERDER]->(su:Organisatie {model: $model}),
      (p)-[:UITVOERDER]->(pu:Organisatie {model: $model})
WHERE k.id IS NOT NULL AND pu <> su
WITH DISTINCT k, p, s, pu, su
WHERE NOT EXISTS {
  MATCH (a:Afspraak {model: $model})-[:PARTIJ]->(pu)
  WHERE a.soort IN $soorten
    AND (a.geldig_van IS NULL OR a.geldig_van <= $peildatum)
    AND (a.geldig_tot IS NULL OR $peildatum <= a.geldig_tot)
    AND EXISTS { (a)-[:PARTIJ]->(su) }
    AND NOT EXISTS { (a)-[:KETEN]->(ander:Keten {model: $model}) WHERE ander <> k }
}
RETURN [p.id, s.id] AS subject,
       [pu.id, su.id] AS related,
       {p: CASE WHEN p.naam IS NULL OR p.naam = '' THEN p.id ELSE p.naam END,
        s: CASE WHEN s.naam IS NULL OR s.naam = '' THEN s.id ELSE s.naam END,
        keten: CASE WHEN k.naam IS NULL OR k.naam = '' THEN k.id ELSE k.naam END,
        pu: CASE WHEN pu.naam IS NULL OR pu.naam = '' THEN pu.id ELSE pu.naam END,
        su: CASE WHEN su.naam IS NULL OR su.naam = '' THEN su.id ELSE su.naam END} AS facts
