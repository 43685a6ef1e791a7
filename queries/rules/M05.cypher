// M05 — Opdrachtgevers uit meerdere besturen / Commissioners answering to several governments
//
// Returns one row per organisation X with |opdrachtgevers(X)| >= 2 where the union of besturen(O)
// over its opdrachtgevers O has two or more members.
//   subject: [X]; related: the ids of that union;
//   facts: {x: naam of X, opdrachtgevers: [namen of opdrachtgevers(X), in id order],
//           besturen: [namen of the union, in id order]}.
// Algorithm — besturen from the shared fragment (queries/rules/_besturen.cypher): every pair
// (B, Y) with B in besturen(Y); every reached Y that commissions an X gives (X, B); grouped per X.
// Parameters: $model (model id).
// @include besturen
MATCH (y)-[:OPDRACHTGEVER_VAN]->(x:Organisatie {model: $model})
WITH x, collect(DISTINCT b) AS bs
WHERE size(bs) >= 2
WITH x, COLLECT { UNWIND bs AS b RETURN b ORDER BY b.id } AS bs
WITH x, bs,
     COLLECT {
       MATCH (og:Organisatie {model: $model})-[:OPDRACHTGEVER_VAN]->(x)
       WITH DISTINCT og
       RETURN og ORDER BY og.id
     } AS ogs
WHERE size(ogs) >= 2
RETURN [x.id] AS subject,
       [b IN bs | b.id] AS related,
       {x: CASE WHEN x.naam IS NULL OR x.naam = '' THEN x.id ELSE x.naam END,
        opdrachtgevers: [y IN ogs | CASE WHEN y.naam IS NULL OR y.naam = '' THEN y.id ELSE y.naam END],
        besturen: [b IN bs | CASE WHEN b.naam IS NULL OR b.naam = '' THEN b.id ELSE b.naam END]} AS facts
