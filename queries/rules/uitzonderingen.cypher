// uitzonderingen — the model's uitzonderingen (accepted findings) / the model's exceptions
//
// Returns one row per Uitzondering node of the model, columns regel, onderwerp, reden and
// geldig_tot (ISO date text; null when absent), ordered by regel, onderwerp. The engine uses these
// rows to suppress matching findings and to compute U01 from the findings itself (there is no
// U01.cypher).
// Algorithm: a label scan of the model's Uitzondering nodes.
// Parameters: $model (model id).
MATCH (u:Uitzondering {model: $model})
RETURN u.regel AS regel, u.onderwerp AS onderwerp, u.reden AS reden, u.geldig_tot AS geldig_tot
ORDER BY regel, onderwerp
