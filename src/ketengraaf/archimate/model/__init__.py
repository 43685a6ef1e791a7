"""An exchange file as a ketengraaf model: the data a YAML file would hold, where each part stands in
the XML, and what was not imported and why.

The path of the data::

    FILE.xml --reader (streaming, checked)--> Document --kinds, soorten, relations, ids--> data
             (a model file's Python data)  --the loader (as for YAML)--> the validated Model

:func:`read_model` is what the loader calls for an ``.xml`` model (:mod:`ketengraaf.model.formats`):
it returns the data, and an :class:`XmlDoc` that places every item, key and list entry at the line of
the element, relationship or property it came from, so that every error, rule, SARIF and JUnit
location points into the XML. The import (``ketengraaf import archimate``) writes the same data as
YAML and prints the :class:`Report`.

The choices (docs/archimate.md has the table):

* every element gets a **kind** (:mod:`ketengraaf.archimate.mapping`); an element whose kind needs
  a soort, a keten or ends that it does not have is not imported, and the report says why;
* relationships become references by their type, the kinds of their ends and their role: a
  Composition between organisaties is ``onderdeel_van``, a directed Association named eigenaar or
  opdrachtgever between organisaties a ``sturingsrelatie``, ...; only a relationship between two
  organisaties needs a direction (who steers whom), elsewhere the kinds say which end is which;
* what would make the model invalid is not imported and reported instead (a second parent, a cycle
  of ``onderdeel_van``, a handover between two ketens, the same relation twice): every file that is
  valid against the schemas imports. Only the ``ketengraaf:*`` properties a person wrote can make a
  model invalid (an unknown one, a capaciteit that is no number, an escalatie naming nobody), and
  those are reported like errors in a YAML model, with their line;
* ids: ``ketengraaf:id``, else a readable id from the name (the ROO import's rules), made unique
  whatever the order of the file: of several elements with the same name, the one with the smallest
  identifier keeps it, the others get a suffix from their identifier.

The modules, in the order of the passes (:meth:`_Interpreter.run`):

* :mod:`.properties` — the ``ketengraaf:*`` properties: where each belongs and how its value reads;
* :mod:`.base` — the :class:`~.base.Item` every element becomes, the shared state and the property checks;
* :mod:`.elements` — kinds and soorten of the elements, ketens with their schakels, opdrachten, afspraken;
* :mod:`.relations` — what every relationship adds (references, sturingsrelaties, gegevensstromen);
* :mod:`.build` — ids, then the data with where each part stands;
* :mod:`.results` — what :func:`read_model` returns besides the data: :class:`XmlDoc`, :class:`Report`.
"""

from __future__ import annotations

import os
from typing import Any, Optional

from ketengraaf.archimate.mapping import Mapping
from ketengraaf.archimate.model.build import BuildPass
from ketengraaf.archimate.model.elements import ElementPasses
from ketengraaf.archimate.model.relations import RelationPasses
from ketengraaf.archimate.model.results import Mapped, XmlDoc
from ketengraaf.archimate.reader import Document, read_document

# The names this module has always offered, where callers find them (docs and tests read the tables).
from ketengraaf.archimate.model.base import Item  # noqa: F401
from ketengraaf.archimate.model.properties import (BOOL_KEYS, ELEMENT_KEYS, FIELDS, FINDING, KENMERK,  # noqa: F401
                                                   MODEL_KEYS, NUMBER_KEYS, PREFIX, RELATION_KEYS, ROLE_NAMES,
                                                   SECTION, TEXT_KEYS)
from ketengraaf.archimate.model.results import Report, Skip  # noqa: F401


def read_model(path: str | os.PathLike[str], display: Optional[str] = None, *,
               mapping: Optional[Mapping] = None, progress: Any = None) -> tuple[bytes, dict[str, Any], XmlDoc]:
    """The model in the exchange file at ``path``: ``(raw bytes, data, positions)``. Raises
    :class:`~ketengraaf.errors.ModelInvalid` for a file that is not a valid exchange file."""
    doc = read_document(path, display, progress=progress)
    m = interpret(doc, mapping or Mapping.from_env(), stem=os.path.basename(str(path)))
    return doc.raw, m.data, m.doc


class _Interpreter(ElementPasses, RelationPasses, BuildPass):
    """One document under one mapping: the passes, on one state (:class:`~.base.InterpreterBase`)."""

    def run(self) -> Mapped:
        """Every pass in its order: elements, then relationships, then ids and the data."""
        self.kinds()
        self.ketens()
        self.opdrachten()
        self.afspraken()
        for it in self.items.values():
            self.check(it, ELEMENT_KEYS, it.kind)
        self.relationships()
        self.assign_ids()
        return self.build()


def interpret(doc: Document, mapping: Mapping, *, stem: str = "") -> Mapped:
    """The model in ``doc`` under ``mapping``."""
    return _Interpreter(doc, mapping, stem or os.path.basename(doc.path)).run()
