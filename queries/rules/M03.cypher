// M03 — Conflicterende opdrachten / Conflicting assignments
//
// Returns one row per pair of opdrachten a, b (a.id < b.id) that are both not finished (finished:
// `tot` before $peildatum), have the same opdrachtnemer X, different opdrachtgevers, at least one
// shared RAAKT middel, and periodes that overlap on some day on or after $peildatum — and for which
// there is no valid Afspraak of soort 'opdrachtgeversagenda' whose parties include X and both
// opdrachtgevers.
//   subject: [a, b] ('a+b' at output); related: [a's opdrachtgever, b's opdrachtgever, X, shared middel ids];
//   facts: {a, b: namen of the opdrachten (naam, else id), og_a, og_b: namen of their opdrachtgevers,
//           x: naam of X,
//           vanaf: the first day on or after $peildatum on which both run (ISO text),
//           op_peildatum: vanaf = $peildatum,
//           middelen: [namen of the shared middelen, in id order]}.
// Algorithm: pairs are found by joining on (X, middel) — only opdrachten that share the opdrachtnemer
//   and a middel are ever compared — then made distinct. A periode is inclusive; an absent `van` is
//   open (the start is clipped at $peildatum anyway), an absent `tot` is open (+infinity). Each
//   start is clipped at the peildatum: start = max(van, $peildatum); the overlap begins at
//   vanaf = max(start_a, start_b) and exists iff vanaf <= tot for both (absent tot always holds).
//   Dates are ISO text and compare as strings.
// Parameters: $model (model id), $peildatum (ISO date text), and the rule's param $soorten (opdrachtgeversagenda).
MATCH (a:Opdracht {model: $model})-[:RAAKT]->(:Middel {model: $model})<-[:RAAKT]-(b:Opdracht {model: $model}),
      (a)-[:OPDRACHTNEMER]->(x:Organisatie {model: $model})<-[:OPDRACHTNEMER]-(b)
WHERE a.id < b.id
  AND (a.tot IS NULL OR a.tot >= $peildatum)
  AND (b.tot IS NULL OR b.tot >= $peildatum)
WITH DISTINCT a, b, x
MATCH (oa:Organisatie {model: $model})<-[:OPDRACHTGEVER]-(a)-[:OPDRACHTNEMER]->(x)<-[:OPDRACHTNEMER]-(b)-[:OPDRACHTGEVER]->(ob:Organisatie {model: $model})
WHERE oa <> ob
WITH a, b, x, oa, ob,
     CASE WHEN a.van IS NOT NULL AND a.van > $peildatum THEN a.van ELSE $peildatum END AS start_a,
     CASE WHEN b.van IS NOT NULL AND b.van > $peildatum THEN b.van ELSE $peildatum END AS start_b
WITH a, b, x, oa, ob, CASE WHEN start_a > start_b THEN start_a ELSE start_b END AS vanaf
WHERE (a.tot IS NULL OR vanaf <= a.tot)
  AND (b.tot IS NULL OR vanaf <= b.tot)
  AND NOT EXISTS {
    MATCH (g:Afspraak {model: $model})-[:PARTIJ]->(x)
    WHERE g.soort IN $soorten
      AND (g.geldig_van IS NULL OR g.geldig_van <= $peildatum)
      AND (g.geldig_tot IS NULL OR $peildatum <= g.geldig_tot)
      AND EXISTS { (g)-[:PARTIJ]->(oa) }
      AND EXISTS { (g)-[:PARTIJ]->(ob) }
  }
WITH a, b, x, oa, ob, vanaf,
     COLLECT {
       MATCH (a)-[:RAAKT]->(m:Middel {model: $model})<-[:RAAKT]-(b)
       WITH DISTINCT m
       RETURN m ORDER BY m.id
     } AS gedeeld
RETURN [a.id, b.id] AS subject,
       [oa.id, ob.id, x.id] + [m IN gedeeld | m.id] AS related,
       {a: CASE WHEN a.naam IS NULL OR a.naam = '' THEN a.id ELSE a.naam END,
        b: CASE WHEN b.naam IS NULL OR b.naam = '' THEN b.id ELSE b.naam END,
        og_a: CASE WHEN oa.naam IS NULL OR oa.naam = '' THEN oa.id ELSE oa.naam END,
        og_b: CASE WHEN ob.naam IS NULL OR ob.naam = '' THEN ob.id ELSE ob.naam END,
        x: CASE WHEN x.naam IS NULL OR x.naam = '' THEN x.id ELSE x.naam END,
        vanaf: vanaf,
        op_peildatum: vanaf = $peildatum,
        middelen: [m IN gedeeld | CASE WHEN m.naam IS NULL OR m.naam = '' THEN m.id ELSE m.naam END]} AS facts
