// K05 — Keten over meerdere besturen zonder doorzettingsmacht / Chain across governments without override
//
// Returns one row per keten whose `doorzettingsmacht` is not true and where the union of besturen(U)
// over the keten's distinct uitvoerders U has two or more members.
//   subject: the keten id; related: the ids of that union;
//   facts: {keten: naam of the keten, besturen: [namen of the union, in id order]}.
// Algorithm — besturen(U) (MODEL.md), the same fragment as in M05:
//   * "base" organisations are those with a bestuur among their ancestors-or-self
//     ((u)-[:ONDERDEEL_VAN*0..]->(:Organisatie {groep: 'bestuur'}), a walk up a tree); for them
//     besturen(U) is the nearest such bestuur (shortest such path, LIMIT 1);
//   * for the others it is a reachability: from U, step up over ONDERDEEL_VAN or back over
//     EIGENAAR_VAN to an owner, but never out of a base organisation; the answer is the nearest
//     bestuur of every base owner of a reached organisation. Parents of non-base organisations are
//     non-base, so only the owner steps need a guard: the list `vrij` (computed once) holds the
//     EIGENAAR_VAN relations whose owner is non-base, and an owner step is allowed only over those.
//     The quantified path pattern has only per-step predicates, so Neo4j plans it, with DISTINCT,
//     as VarLengthExpand(Pruning,BFS): each organisation is visited once per start, no path
//     enumeration, cycles cost nothing. (A subquery in the step predicate would make the planner
//     fall back to enumerating trails, hence the precomputed list; it is usually short, since owners
//     are nearly always ministries' units.)
// Parameters: $model (model id). $peildatum and $drempel are not used.
CALL () {
  MATCH (e:Organisatie {model: $model})-[r:EIGENAAR_VAN]->(:Organisatie {model: $model})
  WHERE NOT EXISTS { (e)-[:ONDERDEEL_VAN*0..]->(:Organisatie {model: $model, groep: 'bestuur'}) }
  RETURN collect(r) AS vrij
}
MATCH (k:Keten {model: $model})
WHERE NOT coalesce(k.doorzettingsmacht, false)
WITH k, vrij,
     COLLECT {
       MATCH (k)-[:SCHAKEL]->(:Schakel {model: $model})-[:UITVOERDER]->(u:Organisatie {model: $model})
       RETURN DISTINCT u
     } AS us
WHERE size(us) > 0
CALL (us, vrij) {
  UNWIND us AS o
  CALL (o, vrij) {
    // besturen(o), base case: the nearest bestuur ancestor-or-self
    MATCH p = (o)-[:ONDERDEEL_VAN*0..]->(b:Organisatie {model: $model, groep: 'bestuur'})
    RETURN b ORDER BY length(p) LIMIT 1
    UNION
    // besturen(o), otherwise: the nearest bestuur of the base owners of everything reached
    WITH o, vrij
    WHERE NOT EXISTS { (o)-[:ONDERDEEL_VAN*0..]->(:Organisatie {model: $model, groep: 'bestuur'}) }
    MATCH (o) ((a:Organisatie {model: $model})-[r:ONDERDEEL_VAN|EIGENAAR_VAN]-(c:Organisatie {model: $model})
               WHERE (r:ONDERDEEL_VAN AND startNode(r) = a)
                  OR (r:EIGENAAR_VAN AND endNode(r) = a AND r IN vrij))* (y:Organisatie {model: $model})
    WITH DISTINCT y
    MATCH (y)<-[:EIGENAAR_VAN]-(e:Organisatie {model: $model})
    WITH DISTINCT e
    CALL (e) {
      MATCH p = (e)-[:ONDERDEEL_VAN*0..]->(b:Organisatie {model: $model, groep: 'bestuur'})
      RETURN b ORDER BY length(p) LIMIT 1
    }
    RETURN b
  }
  WITH DISTINCT b
  ORDER BY b.id
  RETURN collect(b) AS bs
}
WITH k, bs
WHERE size(bs) >= 2
RETURN k.id AS subject,
       [b IN bs | b.id] AS related,
       {keten: CASE WHEN k.naam IS NULL OR k.naam = '' THEN k.id ELSE k.naam END,
        besturen: [b IN bs | CASE WHEN b.naam IS NULL OR b.naam = '' THEN b.id ELSE b.naam END]} AS facts
