// K05 — Keten over meerdere besturen zonder doorzettingsmacht / Chain across governments without override
//
// Returns one row per keten whose `doorzettingsmacht` is not true and where the union of besturen(U)
// over the keten's distinct uitvoerders U has two or more members.
//   subject: [the keten id]; related: the ids of that union;
//   facts: {keten: naam of the keten, besturen: [namen of the union, in id order]}.
// Algorithm — besturen from the shared fragment (queries/rules/_besturen.cypher): every pair
// (B, Y) with B in besturen(Y); every reached Y that is the uitvoerder of a link of a keten K gives (K, B); grouped per K.
// Parameters: $model (model id).
// @include besturen
MATCH (y)<-[:UITVOERDER]-(:Schakel {model: $model})<-[:SCHAKEL]-(k:Keten {model: $model})
WHERE NOT coalesce(k.doorzettingsmacht, false)
WITH k, collect(DISTINCT b) AS bs
WHERE size(bs) >= 2
WITH k, COLLECT { UNWIND bs AS b RETURN b ORDER BY b.id } AS bs
RETURN [k.id] AS subject,
       [b IN bs | b.id] AS related,
       {keten: CASE WHEN k.naam IS NULL OR k.naam = '' THEN k.id ELSE k.naam END,
        besturen: [b IN bs | CASE WHEN b.naam IS NULL OR b.naam = '' THEN b.id ELSE b.naam END]} AS facts
