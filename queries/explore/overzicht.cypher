// overzicht: how many nodes per label and relationships per type a loaded model has
//
// Answers: what is in model $model: one row per node label and per relationship type with its
// count (labels and types with none are left out), after a first row with the model itself.
//   soort    'model', 'knoop' (node) or 'relatie' (relationship)
//   naam     the model's naam, the label, or the relationship type
//   aantal   how many (for the model row: all nodes of the model)
//
// Parameters:
//   $model   model id (as loaded with ketengraaf load)
//
// Example:
//   ketengraaf query overzicht --param model=voorbeeld
CALL () {
  MATCH (n:Organisatie) WHERE n.model = $model AND n.id IS NOT NULL RETURN n
  UNION ALL
  MATCH (n:Opdracht) WHERE n.model = $model AND n.id IS NOT NULL RETURN n
  UNION ALL
  MATCH (n:Afspraak) WHERE n.model = $model AND n.id IS NOT NULL RETURN n
  UNION ALL
  MATCH (n:Keten) WHERE n.model = $model AND n.id IS NOT NULL RETURN n
  UNION ALL
  MATCH (n:Schakel) WHERE n.model = $model AND n.id IS NOT NULL RETURN n
  UNION ALL
  MATCH (n:Gegevens) WHERE n.model = $model AND n.id IS NOT NULL RETURN n
  UNION ALL
  MATCH (n:Gegevensstroom) WHERE n.model = $model AND n.id IS NOT NULL RETURN n
  UNION ALL
  MATCH (n:Middel) WHERE n.model = $model AND n.id IS NOT NULL RETURN n
  UNION ALL
  MATCH (n:Uitzondering) WHERE n.model = $model AND n.id IS NOT NULL RETURN n
}
WITH collect(n) AS knopen
CALL (knopen) {
  OPTIONAL MATCH (m:KetengraafModel {model: $model})
  RETURN 'model' AS soort, coalesce(m.naam, $model) AS naam, size(knopen) AS aantal, 0 AS volgorde
  UNION ALL
  UNWIND knopen AS n
  RETURN 'knoop' AS soort, labels(n)[0] AS naam, count(*) AS aantal, 1 AS volgorde
  UNION ALL
  UNWIND knopen AS n
  MATCH (n)-[r]->()
  RETURN 'relatie' AS soort, type(r) AS naam, count(*) AS aantal, 2 AS volgorde
}
RETURN soort, naam, aantal
ORDER BY volgorde, naam
