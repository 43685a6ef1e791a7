"""``ketengraaf import archimate``: a model from an ArchiMate exchange file (OEF 3.1), as YAML.

The file is read as a model by the same path as ``ketengraaf analyse FILE.xml``
(:mod:`ketengraaf.archimate.model` through the loader, so an invalid file stops here with its
lines, and nothing is written); :mod:`.run` writes the model through the shared YAML writer — into
one file that carries the import's marker, or into ``DIR/archimate/`` (owned as ``DIR/roo/`` is,
:mod:`ketengraaf.importers.owned`) — validates what it wrote, and says what was not imported and why.
"""
