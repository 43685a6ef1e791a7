"""The one graph schema that every backend follows (documented in ``docs/graph-schema.md``).

Declarative, in the manner of Cartography: node kinds with their properties, edge kinds with their
endpoints and properties. The NetworkX builder, the Neo4j loader (which generates its Cypher from
these declarations) and the documentation all read this module, so the three cannot drift apart.
Labels and relationship types that reach Cypher come only from here (a fixed whitelist).

Conventions
-----------
* Every node has a unique key ``id`` (the model's shared id namespace); ``Uitzondering`` nodes use
  ``REGEL:ONDERWERP``, which cannot clash with an id because ids never contain ``:``. The one
  exception is :data:`MODEL_LABEL` (``KetengraafModel``): a Neo4j-only node per loaded model that
  holds the graph attributes, keyed by ``model``; NetworkX has no such node.
* Edges point from the thing that *has* the relation to the thing it names:
  ``(Schakel)-[:UITVOERDER]->(Organisatie)``, ``(Organisatie)-[:EIGENAAR_VAN]->(Organisatie)``.
* Dates are ISO text ``YYYY-MM-DD`` (compare as strings); absent values are absent, not null.
* Lists whose order the author chose keep it in an edge property ``volgorde`` (0-based).
* ``kenmerken`` (free attributes) are a dict in NetworkX and a JSON text in Neo4j (which has no
  map properties); see :func:`kenmerken_json`.

>>> sorted(EDGE_KINDS)[:3]
['AFGELEID_VAN', 'BEHEERDER', 'BESTUUR']
>>> NODE_KINDS["Organisatie"].properties[:3]
('id', 'naam', 'soort')
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class NodeKind:
    label: str
    properties: tuple[str, ...]
    doc: str


@dataclass(frozen=True)
class EdgeKind:
    type: str
    source: tuple[str, ...]  # allowed source labels
    target: tuple[str, ...]  # allowed target labels
    properties: tuple[str, ...]
    doc: str


#: The Neo4j-only node that carries a loaded model's graph attributes (see its NodeKind below).
MODEL_LABEL = "KetengraafModel"

_NODES = [
    NodeKind("Organisatie", ("id", "naam", "soort", "groep", "onafhankelijk", "capaciteit", "kenmerken"),
             "An actor: organisation, unit, position (functie) or forum (overleg). `groep` is derived from `soort`: bestuur, eenheid, uitvoerder or overig."),
    NodeKind("Opdracht", ("id", "naam", "capaciteit", "van", "tot", "nieuw_beleid", "uitvoeringstoets", "kenmerken"),
             "An assignment; `van`/`tot` are its periode bounds (inclusive, absent = open)."),
    NodeKind("Afspraak", ("id", "naam", "soort", "geldig_van", "geldig_tot", "meerjarig", "kenmerken"),
             "An agreement between two or more partijen."),
    NodeKind("Keten", ("id", "naam", "doorzettingsmacht", "kenmerken"), "A chain of links (schakels)."),
    NodeKind("Schakel", ("id", "naam", "keten", "volgorde", "prestatie", "kenmerken"),
             "A link of a chain; `keten` repeats the chain's id and `volgorde` its position in the file."),
    NodeKind("Gegevens", ("id", "naam", "soort", "persoonsgegevens", "kenmerken"), "A dataset or registration."),
    NodeKind("Gegevensstroom", ("id", "grondslag", "verwerker", "kenmerken"),
             "A data flow; `grondslag` is absent when empty or blank in the model."),
    NodeKind("Middel", ("id", "naam", "soort", "kenmerken"), "A system or service that assignments touch."),
    NodeKind("Uitzondering", ("id", "regel", "onderwerp", "reden", "geldig_tot"),
             "An accepted finding; `id` is `REGEL:ONDERWERP`."),
    NodeKind(MODEL_LABEL, ("model", "naam", "beschrijving", "peildatum", "knopen", "relaties", "sha256"),
             "**Neo4j only**, one per loaded model, keyed by `model` (it has no `id` and no relationships; NetworkX keeps "
             "`naam`, `beschrijving`, `peildatum` as graph attributes). `knopen`/`relaties` count the model's graph and "
             "`sha256` fingerprints it, so that `load` can tell an identical reload from different content."),
]

_EDGES = [
    EdgeKind("ONDERDEEL_VAN", ("Organisatie",), ("Organisatie",), (), "placement in the hierarchy (`onderdeel_van`)"),
    EdgeKind("DEELNEMER_VAN", ("Organisatie",), ("Organisatie",), ("volgorde",), "takes part in a forum (`deelnemers` of an overleg)"),
    EdgeKind("EIGENAAR_VAN", ("Organisatie",), ("Organisatie",), ("sturingsmodel", "kenmerken"), "sturingsrelatie with rol eigenaar"),
    EdgeKind("OPDRACHTGEVER_VAN", ("Organisatie",), ("Organisatie",), ("coordinerend", "sturingsmodel", "kenmerken"), "sturingsrelatie with rol opdrachtgever"),
    EdgeKind("OPDRACHTGEVER", ("Opdracht",), ("Organisatie",), (), "the opdracht's opdrachtgever"),
    EdgeKind("OPDRACHTNEMER", ("Opdracht",), ("Organisatie",), (), "the opdracht's opdrachtnemer"),
    EdgeKind("RAAKT", ("Opdracht",), ("Middel",), ("volgorde",), "systems/services the opdracht touches"),
    EdgeKind("PARTIJ", ("Afspraak",), ("Organisatie",), ("volgorde",), "a party bound by the afspraak"),
    EdgeKind("KETEN", ("Afspraak",), ("Keten",), (), "the afspraak is made for one chain"),
    EdgeKind("GEGEVENS", ("Afspraak",), ("Gegevens",), ("volgorde",), "the afspraak only covers these datasets"),
    EdgeKind("ESCALATIE", ("Afspraak",), ("Organisatie",), ("volgorde",),
             "a step of the afspraak's escalation ladder (`escalatie`), in order from `volgorde` 0; the step with the highest `volgorde` is the top"),
    EdgeKind("SCHAKEL", ("Keten",), ("Schakel",), ("volgorde",), "a link of the chain"),
    EdgeKind("REGISSEUR", ("Keten",), ("Organisatie",), (), "the ketenregisseur"),
    EdgeKind("BESTUUR", ("Keten",), ("Organisatie",), (), "the ketenbestuur (an overleg)"),
    EdgeKind("UITVOERDER", ("Schakel",), ("Organisatie",), (), "who executes the link"),
    EdgeKind("EIGENAAR", ("Schakel", "Gegevens"), ("Organisatie",), (), "explicit owner of a link, or accountable owner of a dataset"),
    EdgeKind("VOLGT_OP", ("Schakel",), ("Schakel",), ("volgorde",), "(S)-[:VOLGT_OP]->(P): P hands over to S"),
    EdgeKind("GEBRUIKT", ("Schakel",), ("Gegevens",), ("volgorde",), "data the link uses"),
    EdgeKind("LEVERT", ("Schakel",), ("Gegevens",), ("volgorde",), "data the link delivers"),
    EdgeKind("BEHEERDER", ("Gegevens", "Middel"), ("Organisatie",), (), "who manages the registration or system"),
    EdgeKind("BRONHOUDER", ("Gegevens",), ("Organisatie",), ("volgorde",), "records the data at the source"),
    EdgeKind("VERWERKINGSVERANTWOORDELIJKE", ("Gegevens",), ("Organisatie",), (), "controller in the GDPR sense"),
    EdgeKind("AFGELEID_VAN", ("Gegevens",), ("Gegevens",), ("volgorde",), "a copy or derivation of another dataset"),
    EdgeKind("STROOM_VAN", ("Gegevensstroom",), ("Organisatie",), (), "the flow's sender"),
    EdgeKind("STROOM_NAAR", ("Gegevensstroom",), ("Organisatie",), (), "the flow's receiver"),
    EdgeKind("OVER", ("Gegevensstroom",), ("Gegevens",), (), "the dataset that flows"),
]

NODE_KINDS: dict[str, NodeKind] = {n.label: n for n in _NODES}
EDGE_KINDS: dict[str, EdgeKind] = {e.type: e for e in _EDGES}
LABELS = frozenset(NODE_KINDS)

#: The value type of every property that is not text, for engines that need typed columns (the
#: embedded query engine's tables, :mod:`ketengraaf.query.embedded`). ``kenmerken`` is JSON text there
#: as in Neo4j. ``tests/test_query_embedded.py`` checks that every value the graph builder produces
#: has its property's type.
PROPERTY_TYPES: dict[str, str] = {
    "onafhankelijk": "boolean", "nieuw_beleid": "boolean", "uitvoeringstoets": "boolean", "meerjarig": "boolean",
    "doorzettingsmacht": "boolean", "persoonsgegevens": "boolean", "verwerker": "boolean", "coordinerend": "boolean",
    "capaciteit": "number", "prestatie": "number",
    "volgorde": "integer", "knopen": "integer", "relaties": "integer",
}


def property_type(name: str) -> str:
    """``text``, ``boolean``, ``number`` (a float) or ``integer``.

    >>> property_type("capaciteit"), property_type("naam"), property_type("volgorde")
    ('number', 'text', 'integer')
    """
    return PROPERTY_TYPES.get(name, "text")
REL_TYPES = frozenset(EDGE_KINDS)


def kenmerken_json(kenmerken: dict[str, Any] | None) -> str | None:
    """Canonical JSON text of a kenmerken map (sorted keys), as stored in Neo4j."""
    if not kenmerken:
        return None
    return json.dumps(kenmerken, sort_keys=True, ensure_ascii=False)
