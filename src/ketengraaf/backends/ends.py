"""Relationship ends in a query's rows: ``_van`` and ``_naar``, the ``id`` of the nodes a relationship joins.

Neither engine hands them over with the relationship: Neo4j's driver gives the end nodes' properties
only when the same record also holds those nodes, LadybugDB gives an internal table and offset. So
both backends put an :class:`End` in their place while they turn a result into plain rows, look up
every end of the result at once, and :func:`fill` the rows; a relationship value then looks the same
on both engines, whatever else the query returns.

>>> e = End(("Organisatie", 3))
>>> rows = [{"r": {"_type": "ONDERDEEL_VAN", "_van": e, "_naar": "min-fin"}}]
>>> e.id = "belastingdienst"
>>> fill(rows)
[{'r': {'_type': 'ONDERDEEL_VAN', '_van': 'belastingdienst', '_naar': 'min-fin'}}]
"""

from __future__ import annotations

from typing import Any, Hashable


class End:
    """One end of a relationship (``key``: the engine's own reference to the node) until ``id`` is known.

    An end whose node has no ``id`` is left out of the row, as a property without a value is."""

    __slots__ = ("key", "id")

    def __init__(self, key: Hashable):
        self.key = key
        self.id: Any = None


def fill(v: Any) -> Any:
    """``v`` with every :class:`End` replaced by its node's ``id`` (and left out where it has none)."""
    if isinstance(v, dict):
        return {k: fill(x) for k, x in v.items() if not (isinstance(x, End) and x.id is None)}
    if isinstance(v, list):
        return [fill(x) for x in v]
    return v.id if isinstance(v, End) else v
