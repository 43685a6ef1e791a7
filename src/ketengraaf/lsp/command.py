"""``ketengraaf lsp``: the editor server (registered in :func:`ketengraaf.cli._register_optional`)."""

from __future__ import annotations

import click


@click.command("lsp", epilog="""\b
Examples:
  ketengraaf lsp
  (started by the editor; docs/editors.md has VS Code, Neovim and Helix)
""")
@click.option("--stdio", is_flag=True, help="Talk over stdin/stdout (the default and only transport).")
def lsp(stdio: bool) -> None:
    """Run the Language Server Protocol server over stdio: diagnostics as you type (the findings of
    analyse and the errors of validate), hover, go to definition, references, completion, code
    actions and rename for model files. Settings: lang, peildatum, rule, drempel (as analyse)."""
    import gc

    gc.enable()  # cli.main turns the collector off for a batch command; a server runs for hours
    from ketengraaf.lsp.server import main

    main()
