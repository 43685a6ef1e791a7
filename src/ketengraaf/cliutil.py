"""Small pieces shared by the command modules (cli.py, render/commands.py, backends/commands.py)."""

from __future__ import annotations

import os
import sys
from datetime import date
from typing import Any, Optional

import click


def date_option(ctx: Any, param: Any, value: Optional[str]) -> Optional[date]:
    """click callback: ``YYYY-MM-DD`` → :class:`date`, or a usage error (exit 2)."""
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise click.BadParameter(f"'{value}' is not a date YYYY-MM-DD") from None


def _mapping(ctx: Any, param: Any, value: Optional[str]) -> None:
    """``--mapping FILE``: checked when an ``.xml`` model is read, passed on through the environment
    (forked workers and every reader see it), like ``--max-file-size``."""
    if value is not None:
        from ketengraaf.archimate.mapping import ENV

        os.environ[ENV] = value


#: ``--mapping FILE`` for every command that reads a model: how an ArchiMate ``.xml`` model maps.
mapping_option = click.option(
    "--mapping", metavar="FILE", callback=_mapping, expose_value=False, is_eager=True,
    help="For an ArchiMate .xml model: a mapping file that adds to the default mapping (docs/archimate.md).")

#: The MODEL argument: a path that ketengraaf's own reader checks (exists, readable, a regular file
#: or a directory, sane size), so every problem with it gets the loader's ``FILE: message``.
MODEL_PATH = click.Path(path_type=str, readable=False)


class progress:
    """Progress on stderr while a command works: a spinner with the current stage (``step``), or a
    bar with how much is done (``bar``). Shown only when stderr is a terminal and not in CI;
    silent otherwise.

    The display refreshes when the command reports progress, never from a background thread: the
    rule checks may fork (ketengraaf.pipeline.parallel), which is only safe in a single-threaded
    process. ``with progress() as step: step("...")`` — the object is its own ``step``.
    """

    def __enter__(self) -> "progress":
        self._live: Any = None
        if sys.stderr.isatty() and "CI" not in os.environ:
            from rich.console import Console
            from rich.live import Live
            from rich.spinner import Spinner

            self._spinner = Spinner("dots", "")
            self._live = Live(self._spinner, console=Console(stderr=True), auto_refresh=False, transient=True)
            self._live.__enter__()
        return self

    def step(self, text: str) -> None:
        if self._live is not None:
            self._spinner.update(text=text)
            self._live.update(self._spinner, refresh=True)

    __call__ = step

    def bar(self, text: str, done: int, total: int) -> None:
        """A bar at ``done`` of ``total`` (bytes, items: any unit), with ``text`` before it."""
        if self._live is None or total <= 0:
            return
        from rich.progress_bar import ProgressBar
        from rich.table import Table

        row = Table.grid(padding=(0, 1))
        row.add_row(text, ProgressBar(total=total, completed=min(done, total), width=40),
                    f"{min(100, done * 100 // total):3d}%")
        self._live.update(row, refresh=True)

    def __exit__(self, *exc: Any) -> None:
        if self._live is not None:
            self._live.__exit__(*exc)
