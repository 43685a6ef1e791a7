"""Small pieces shared by the command modules (cli.py, render/commands.py, backends/commands.py)."""

from __future__ import annotations

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


#: The MODEL argument: a path that ketengraaf's own reader checks (exists, readable, a regular file
#: or a directory, sane size), so every problem with it gets the loader's ``FILE: message``.
MODEL_PATH = click.Path(path_type=str, readable=False)
