// D07 — Keten gebruikt ongeborgde gegevens / Chain link uses ungoverned data
//
// Returns one row per schakel that uses (GEBRUIKT) a dataset that is ongeborgd: the dataset itself,
// or a dataset reachable from it over AFGELEID_VAN (transitively; cycles allowed), meets D01 (no
// EIGENAAR) or D03 (persoonsgegevens = true and no VERWERKINGSVERANTWOORDELIJKE). Uitzonderingen
// do not change this.
//   subject: [the schakel id]; related: the datasets meeting D01 or D03 among those used and reached;
//   facts: {schakel, schakel_naam, keten, keten_naam,
//           ongeborgd: [those dataset ids, sorted], ongeborgd_namen: [their display names, same order]}.
// Algorithm: per schakel, in a CALL (s) {} subquery, the datasets reached from the used ones by a
//   DISTINCT variable-length pattern -[:AFGELEID_VAN*0..]-> ; Neo4j plans a DISTINCT var-length
//   reachability as a pruning breadth-first expand (VarLengthExpand(Pruning,BFS): each dataset is
//   expanded at most once per used dataset, then DISTINCT per schakel; no path
//   enumeration, so cycles cost nothing). The reached datasets are filtered by the D01/D03
//   condition and ordered by id. ids are ASCII ([a-z0-9._-]), so ORDER BY matches Python's sort.
// Index use: `x.id IS NOT NULL` on the anchor lets the planner seek the (model, id) uniqueness
// index instead of scanning the label across every model in the database.
// Parameters: $model (model id).
MATCH (k:Keten {model: $model})-[:SCHAKEL]->(s:Schakel {model: $model})
WHERE k.id IS NOT NULL
CALL (s) {
  MATCH (s)-[:GEBRUIKT]->(:Gegevens {model: $model})-[:AFGELEID_VAN*0..]->(d:Gegevens {model: $model})
  WITH DISTINCT d
  WHERE NOT EXISTS { (d)-[:EIGENAAR]->(:Organisatie {model: $model}) }
     OR (d.persoonsgegevens = true
         AND NOT EXISTS { (d)-[:VERWERKINGSVERANTWOORDELIJKE]->(:Organisatie {model: $model}) })
  WITH d ORDER BY d.id
  RETURN collect(d.id) AS ongeborgd,
         collect(CASE WHEN d.naam IS NULL OR d.naam = '' THEN d.id ELSE d.naam END) AS ongeborgd_namen
}
WITH k, s, ongeborgd, ongeborgd_namen
WHERE size(ongeborgd) > 0
RETURN [s.id] AS subject,
       ongeborgd AS related,
       {schakel: s.id, schakel_naam: CASE WHEN s.naam IS NULL OR s.naam = '' THEN s.id ELSE s.naam END,
        keten: k.id, keten_naam: CASE WHEN k.naam IS NULL OR k.naam = '' THEN k.id ELSE k.naam END,
        ongeborgd: ongeborgd, ongeborgd_namen: ongeborgd_namen} AS facts
