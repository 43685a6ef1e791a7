"""The rule catalogue: one module per theme, an explicit registry, a tiny engine."""
