"""ketengraaf: a graph-based governance modeller and linter for Dutch public administration."""

__version__ = "0.1.0"
