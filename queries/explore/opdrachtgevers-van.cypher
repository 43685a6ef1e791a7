// opdrachtgevers-van: every opdrachtgever of an organisation, direct and via the organisations it is part of, with role and budget
//
// Vraag: wie zijn op de peildatum de opdrachtgevers van organisatie $id, rechtstreeks of via een
// organisatie waar $id onder valt (onderdeel_van, omhoog), in welke rol, en met welk budget?
//
// Answers: for $id and each organisation above it (onderdeel_van, up to 16 levels), every
// organisation that is its opdrachtgever (a sturingsrelatie with rol opdrachtgever) or gives it an
// opdracht that is active on $peildatum. One row per opdrachtgever and organisation:
//   opdrachtgever, naam   the commissioning organisation
//   via                   the organisation it commissions: $id itself or one above it
//   afstand               0 for $id, 1 for its parent, and so on
//   rol                   'coördinerend opdrachtgever', 'opdrachtgever' (a sturingsrelatie), or
//                         'alleen opdrachten' (no sturingsrelatie, only active opdrachten)
//   opdrachten            the number of opdrachten from opdrachtgever to via active on $peildatum
//   budget                their summed capaciteit (fte) (DECISIONS.md: the budget is the capaciteit
//                         of the opdrachten active on the peildatum; an opdracht without capaciteit adds 0)
// An opdracht is active when van <= $peildatum <= tot (an absent bound is open). Sorted by afstand,
// via, opdrachtgever. One text for both engines (the common subset, docs/queries.md).
//
// Parameters:
//   $model       model id (with --model: that model's)
//   $id          organisation id
//   $peildatum   YYYY-MM-DD (with --model: the model's peildatum, else today, or --peildatum)
//
// Example:
//   ketengraaf query opdrachtgevers-van --model modellen/politie.yaml --param id=politie
MATCH (o:Organisatie {model: $model, id: $id})
MATCH p = (o)-[:ONDERDEEL_VAN*0..16]->(v:Organisatie)
WITH v, length(p) AS afstand
MATCH (v)<-[:OPDRACHTGEVER_VAN|OPDRACHTNEMER]-(y)
OPTIONAL MATCH (y)-[:OPDRACHTGEVER]->(g2:Organisatie)
WITH DISTINCT v, afstand, coalesce(g2.id, y.id) AS gid
MATCH (g:Organisatie {model: $model, id: gid})
OPTIONAL MATCH (g)-[r:OPDRACHTGEVER_VAN]->(v)
OPTIONAL MATCH (g)<-[:OPDRACHTGEVER]-(x:Opdracht)-[:OPDRACHTNEMER]->(v)
WHERE (x.van IS NULL OR x.van <= $peildatum) AND (x.tot IS NULL OR x.tot >= $peildatum)
WITH g, v, afstand,
     CASE WHEN r IS NULL THEN 'alleen opdrachten'
          WHEN r.coordinerend THEN 'coördinerend opdrachtgever'
          ELSE 'opdrachtgever' END AS rol,
     count(x) AS opdrachten,
     sum(coalesce(x.capaciteit, 0.0)) AS budget
WHERE rol <> 'alleen opdrachten' OR opdrachten > 0
RETURN g.id AS opdrachtgever, g.naam AS naam, v.id AS via, afstand, rol, opdrachten, budget
ORDER BY afstand, via, opdrachtgever
