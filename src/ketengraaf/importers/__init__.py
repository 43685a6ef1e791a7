"""Importers: start or update a model from a source outside ketengraaf (``ketengraaf import ...``).

Each importer owns one subdirectory of the model directory (``DIR/roo/`` for the Register van
Overheidsorganisaties) and never touches the architect's files beside it (:mod:`.owned`). The
click group ``import`` lives in :mod:`.commands`; a new importer adds its subcommand there.
"""
