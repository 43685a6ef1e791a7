// S05 — Escalatie eindigt zonder gezag / Escalation ends without authority
//
// Returns one row per valid Afspraak A with an escalation ladder (ESCALATIE relationships; the one
// with the highest `volgorde` leads to the top T) where the union of besturen(P) over A's partijen P
// is not contained in gezag(T): besturen(T), together with besturen(D) for every deelnemer D of T
// when T is an overleg (not recursive: a deelnemer that is an overleg adds its own besturen only).
// When no partij has a bestuur the union is empty and A is not returned. Valid: geldig_van <=
// $peildatum <= geldig_tot, absent bounds open.
//   subject: [A]; related: the ids of the besturen in the union that are not in gezag(T);
//   facts: {afspraak: A's naam (else id), top: T's naam,
//           besturen: [namen of those besturen, in id order],
//           gezag: [namen of gezag(T), in id order]}.
// Algorithm — besturen from the shared fragment (queries/rules/_besturen.cypher): every pair
// (B, Y) with B in besturen(Y). Each pair then counts for the ladder agreements in which Y is a
// partij (B is in the union) and for those whose top is Y or, when the top is an overleg, has Y
// among its deelnemers (B is in gezag(T)); grouped per agreement.
// Parameters: $model, $peildatum.
// @include besturen
CALL (b, y) {
  // y is a partij: b is in the union
  MATCH (a:Afspraak {model: $model})-[:PARTIJ]->(y)
  WHERE (a.geldig_van IS NULL OR a.geldig_van <= $peildatum)
    AND (a.geldig_tot IS NULL OR $peildatum <= a.geldig_tot)
    AND EXISTS { (a)-[:ESCALATIE]->(:Organisatie) }
  RETURN DISTINCT a, true AS partij
  UNION
  // y is the top of the ladder: b is in gezag(top)
  MATCH (a:Afspraak {model: $model})-[t:ESCALATIE]->(y)
  WHERE (a.geldig_van IS NULL OR a.geldig_van <= $peildatum)
    AND (a.geldig_tot IS NULL OR $peildatum <= a.geldig_tot)
    AND NOT EXISTS { MATCH (a)-[t2:ESCALATIE]->(:Organisatie) WHERE t2.volgorde > t.volgorde }
  RETURN DISTINCT a, false AS partij
  UNION
  // y is a deelnemer of the top, an overleg: b is in gezag(top)
  MATCH (y)-[:DEELNEMER_VAN]->(top:Organisatie {model: $model, soort: 'overleg'})<-[t:ESCALATIE]-(a:Afspraak {model: $model})
  WHERE (a.geldig_van IS NULL OR a.geldig_van <= $peildatum)
    AND (a.geldig_tot IS NULL OR $peildatum <= a.geldig_tot)
    AND NOT EXISTS { MATCH (a)-[t2:ESCALATIE]->(:Organisatie) WHERE t2.volgorde > t.volgorde }
  RETURN DISTINCT a, false AS partij
}
WITH a, collect(DISTINCT CASE WHEN partij THEN b END) AS unie,
        collect(DISTINCT CASE WHEN NOT partij THEN b END) AS gezag
WITH a, gezag, [u IN unie WHERE NOT u IN gezag] AS buiten
WHERE size(buiten) > 0
WITH a, COLLECT { UNWIND buiten AS u RETURN u ORDER BY u.id } AS buiten,
        COLLECT { UNWIND gezag AS g RETURN g ORDER BY g.id } AS gezag,
        COLLECT { MATCH (a)-[t:ESCALATIE]->(s:Organisatie) RETURN s ORDER BY t.volgorde DESC LIMIT 1 }[0] AS top
RETURN [a.id] AS subject,
       [u IN buiten | u.id] AS related,
       {afspraak: coalesce(a.naam, a.id), top: coalesce(top.naam, top.id),
        besturen: [u IN buiten | coalesce(u.naam, u.id)],
        gezag: [g IN gezag | coalesce(g.naam, g.id)]} AS facts
