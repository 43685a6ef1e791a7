"""Cypher queries shipped with ketengraaf (see README.md here)."""
