// modellen: the ketengraaf models loaded in this database
//
// Answers: which models does this Neo4j database hold (one KetengraafModel node per model
// written by ketengraaf load), with their naam, peildatum and size. One row per model:
//   model, naam, peildatum
//   knopen, relaties   number of nodes and relationships of its graph
//   sha256             fingerprint of the content (the same file loads to the same value)
//
// Parameters: none
//
// Example:
//   ketengraaf query modellen
MATCH (m:KetengraafModel)
RETURN m.model AS model, m.naam AS naam, m.peildatum AS peildatum, m.knopen AS knopen,
       m.relaties AS relaties, m.sha256 AS sha256
ORDER BY model
