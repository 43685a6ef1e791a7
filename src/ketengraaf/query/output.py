r"""The rows of a query as a table, JSON or CSV.

>>> write_csv([{"a": 1, "b": ["x", "y"]}, {"a": None, "b": True}])
'a,b\r\n1,"x, y"\r\n,true\r\n'
"""

from __future__ import annotations

import csv
import io
import json
import shutil
import sys
from typing import Any


def columns(rows: list[dict[str, Any]]) -> list[str]:
    out: list[str] = []
    for r in rows:
        out += [k for k in r if k not in out]
    return out


def _cell(v: Any) -> str:
    if v is None:
        return ""
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, list) and all(isinstance(x, (str, int, float)) and not isinstance(x, bool) for x in v):
        return ", ".join(str(x) for x in v)
    if isinstance(v, (list, dict)):
        return json.dumps(v, ensure_ascii=False)
    return str(v)


def render_table(rows: list[dict[str, Any]]) -> None:
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    cols = columns(rows)
    tty = sys.stdout.isatty()
    width = shutil.get_terminal_size().columns if tty else 250
    t = Table(box=None, pad_edge=False, show_edge=False)
    for c in cols:
        t.add_column(Text(c), overflow="fold")
    for r in rows:
        t.add_row(*(Text(_cell(r.get(c))) for c in cols))  # Text: data is never read as markup
    buf = io.StringIO()
    Console(file=buf, width=width, highlight=False, soft_wrap=False, color_system=None).print(t)
    # as analyse's table: no padding at the ends of lines (diffs and pasted output stay clean)
    sys.stdout.write("".join(line.rstrip() + "\n" for line in buf.getvalue().splitlines()))


def write_csv(rows: list[dict[str, Any]]) -> str:
    """RFC 4180 CSV with a header row; cells as in the table (lists joined with ", ", maps as JSON)."""
    cols = columns(rows)
    buf = io.StringIO()
    w = csv.writer(buf)
    w.writerow(cols)
    for r in rows:
        w.writerow([_cell(r.get(c)) for c in cols])
    return buf.getvalue()


def write_json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, indent=2)
