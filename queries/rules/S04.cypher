// S04 — Driehoek zonder escalatieroute / Triangle without an escalation path
//
// Returns one row per organisation X of group uitvoerder with at least one eigenaar
// (EIGENAAR_VAN E->X) and one opdrachtgever (OPDRACHTGEVER_VAN O->X), for which no valid Afspraak
// (of any soort) with an escalation ladder (an ESCALATIE relationship) has among its partijen X,
// at least one of X's eigenaars and every one of X's opdrachtgevers. Valid: geldig_van <=
// $peildatum <= geldig_tot, absent bounds open. `keten`/`gegevens` limits do not matter here, and a
// ladder whose top lacks authority (S05) still counts.
//   subject: [X]; related: the ids of X's eigenaars and opdrachtgevers;
//   facts: {naam: X's naam,
//           eigenaars: naam of every distinct eigenaar of X, sorted by id,
//           opdrachtgevers: naam of every distinct opdrachtgever of X, sorted by id,
//           routes: one map per valid afspraak with a ladder that binds X, sorted by afspraak id:
//                   {afspraak: its naam (else id), eigenaar: an eigenaar of X is a partij,
//                    ontbreekt: naam of each opdrachtgever of X that is not a partij, sorted by id}}.
// Algorithm: a scan of the model's uitvoerders; per uitvoerder its (few) valid ladder agreements,
// each tested against the eigenaars and opdrachtgevers with EXISTS {} semi-joins over PARTIJ.
// The anchor's `id IS NOT NULL` (always true) lets the planner seek the model's nodes in the
// (model, id) uniqueness index instead of scanning the nodes of every model in the database.
// Parameters: $model, $peildatum.
MATCH (x:Organisatie {model: $model, groep: 'uitvoerder'})
WHERE x.id IS NOT NULL
  AND EXISTS { (:Organisatie {model: $model})-[:EIGENAAR_VAN]->(x) }
  AND EXISTS { (:Organisatie {model: $model})-[:OPDRACHTGEVER_VAN]->(x) }
WITH x,
     COLLECT {
       MATCH (e:Organisatie {model: $model})-[:EIGENAAR_VAN]->(x)
       WITH DISTINCT e
       RETURN e ORDER BY e.id
     } AS es,
     COLLECT {
       MATCH (o:Organisatie {model: $model})-[:OPDRACHTGEVER_VAN]->(x)
       WITH DISTINCT o
       RETURN o ORDER BY o.id
     } AS os
WITH x, es, os,
     COLLECT {
       MATCH (a:Afspraak {model: $model})-[:PARTIJ]->(x)
       WHERE (a.geldig_van IS NULL OR a.geldig_van <= $peildatum)
         AND (a.geldig_tot IS NULL OR $peildatum <= a.geldig_tot)
         AND EXISTS { (a)-[:ESCALATIE]->(:Organisatie) }
       WITH DISTINCT a
       ORDER BY a.id
       RETURN {afspraak: coalesce(a.naam, a.id),
               eigenaar: any(e IN es WHERE EXISTS { (a)-[:PARTIJ]->(e) }),
               ontbreekt: [o IN os WHERE NOT EXISTS { (a)-[:PARTIJ]->(o) } | coalesce(o.naam, o.id)]}
     } AS routes
WHERE none(r IN routes WHERE r.eigenaar AND size(r.ontbreekt) = 0)
RETURN [x.id] AS subject,
       [e IN es | e.id] + [o IN os | o.id] AS related,
       {naam: coalesce(x.naam, x.id),
        eigenaars: [e IN es | coalesce(e.naam, e.id)],
        opdrachtgevers: [o IN os | coalesce(o.naam, o.id)],
        routes: routes} AS facts
