"""``ketengraaf lsp``: the editor server (Language Server Protocol over stdio, pygls + lsprotocol).

What the author sees while typing is what ``validate`` and ``analyse`` say, at the same places:

* :mod:`.settings` — the options the CLI takes (lang, peildatum, rules, drempel), from the client's
  ``initializationOptions`` and its workspace configuration (section ``ketengraaf``);
* :mod:`.source` — which model a file belongs to (a directory with a ``model.yaml``, else the file),
  and the loader's :class:`~ketengraaf.model.formats.Source` for it: open buffers over the disk, and
  the readings of files that did not change kept between runs;
* :mod:`.check` — one run of the pipeline (:class:`~ketengraaf.pipeline.Analysis`) on that source,
  turned into diagnostics per file; a newer change cancels an older run between its stages;
* :mod:`.index` — where every id is defined and referenced, from each file's reading alone (so it
  works while the model does not validate), read through :mod:`ketengraaf.model.references`;
* :mod:`.features` — hover, definition, references, completion, code actions and rename;
* :mod:`.server` — the pygls wiring: debounce, the worker thread, publishing.

The words it shows live in :mod:`ketengraaf.texts.lsp`. ``docs/editors.md`` has the client set-ups.
"""
