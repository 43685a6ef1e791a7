"""``ketengraaf import roo``: a model's organisations from the Register van Overheidsorganisaties.

The path of the data::

    export.xml --reader (lxml iterparse, streaming)--> Records
               --importer (duplicates, dates, selection, soort, ids, relations)--> Plan
               --files + owned.write (DIR/roo/, one step)--> files; the model in DIR validated

:mod:`.reader` reads the export, :mod:`.mapping` holds the documented tables (ROO type to soort,
organisatieonderdelen by name, ids from names), :mod:`.importer` decides (:mod:`.select` for
``--under``), :mod:`.files` writes, :mod:`.run` runs it all and says what happened.
docs/import-roo.md explains every choice with its sources.
"""
