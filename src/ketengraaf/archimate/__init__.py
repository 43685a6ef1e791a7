"""The ArchiMate Model Exchange File Format (OEF 3.1): models that architects keep in Archi.

* :mod:`.oef` — the format's vocabulary (namespace, types, Archi's folders);
* :mod:`.reader` — a file read as a stream and checked for what ketengraaf relies on;
* :mod:`.mapping` — what an element or relationship means in ketengraaf (defaults, mapping file);
* :mod:`.model` — a file as a ketengraaf model: data, positions in the XML, and the report of what
  was not imported; the loader reads ``.xml`` models through it (:mod:`ketengraaf.model.formats`);
* :mod:`.values` — the texts of ``ketengraaf:*`` properties;
* :mod:`.concepts` — a ketengraaf model as the elements and relationships of an exchange file;
* :mod:`.export` — those written as an exchange file, with findings and views (:mod:`.views`).

docs/archimate.md describes the mapping and what an Archi user sees.
"""
