"""Exporters: a model in another tool's format (``ketengraaf export ...``).

The click group ``export`` lives in :mod:`.commands`, one subcommand per format; the formats live in
packages of their own (:mod:`ketengraaf.archimate.export` for ArchiMate).
"""
