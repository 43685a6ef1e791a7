"""Named queries: where they are, what their headers say, and their variant per engine.

``ketengraaf query NAME`` runs ``explore/NAME.cypher`` (or ``NAME.cypher``) from the first of: the
repository's ``queries/`` next to the package (``src/ketengraaf`` → ``../../queries``), the copy
shipped inside the package as ``ketengraaf.queries``, and ``./queries`` of the current directory.
Anything ending in ``.cypher`` or containing a ``/`` is a path to a file (``rules/R01`` also finds
``queries/rules/R01.cypher``).

A named query is one text for both engines, in the common subset of Cypher (docs/queries.md), unless
a file ``NAME.embedded.cypher`` beside it gives the embedded engine its own text (a documented
variant, for what the common subset cannot say). A query whose header has ``// @rules: CODE …``
answers with those rules' findings (:func:`rules_of`), so that it reuses the rules instead of
copying them.

>>> parse_value("12"), parse_value("-1.5"), parse_value("true"), parse_value("rws"), parse_value('"12"')
(12, -1.5, True, 'rws', '12')
"""

from __future__ import annotations

import difflib
import os
import re
from pathlib import Path
from typing import Any, Optional

from ketengraaf.errors import UsageError

#: The suffix of a named query's text for the embedded engine.
EMBEDDED_SUFFIX = ".embedded.cypher"


def query_dirs() -> list[Path]:
    """Where named queries are looked up, in this order: the repository's ``queries/`` (a checkout
    or an editable install), the same files shipped inside the package as ``ketengraaf.queries``
    (a regular install), then ``./queries`` of the current directory (your own queries)."""
    cands = [Path(__file__).resolve().parents[3] / "queries"]
    try:
        from importlib.resources import files

        cands.append(Path(str(files("ketengraaf.queries"))))
    except (ImportError, TypeError, ValueError):
        pass
    cands.append(Path.cwd() / "queries")
    out: list[Path] = []
    for d in cands:
        if d.is_dir() and all(d.resolve() != o.resolve() for o in out):
            out.append(d)
    return out


def named_queries() -> dict[str, Path]:
    """Name → file of every named query (``explore/NAME.cypher`` and ``NAME.cypher`` below ``queries/``)."""
    found: dict[str, Path] = {}
    for d in query_dirs():
        for sub in (d / "explore", d):
            if sub.is_dir():
                for f in sorted(sub.glob("*.cypher")):
                    if "." in f.stem:
                        continue  # a variant (NAME.embedded.cypher), not a name of its own
                    found.setdefault(f.stem, f)
    return found


def resolve_query(name: str) -> tuple[str, Path]:
    """``(display name, file)`` for a NAME or a path to a ``.cypher`` file; UsageError otherwise."""
    if name.endswith(".cypher") or "/" in name or os.sep in name:
        p = Path(name)
        if p.is_file():
            return str(p), p
        if not name.endswith(".cypher"):
            for d in query_dirs():
                if (d / f"{name}.cypher").is_file():
                    return name, d / f"{name}.cypher"
        raise UsageError(f"{name}: no such query file")
    for d in query_dirs():
        for cand in (d / "explore" / f"{name}.cypher", d / f"{name}.cypher"):
            if cand.is_file():
                return name, cand
    known = sorted(named_queries())
    if not known:
        raise UsageError(f"no named query '{name}': no queries/ directory found (looked next to the package "
                         f"and in the current directory); give a path to a .cypher file instead")
    near = difflib.get_close_matches(name, known, n=1)
    hint = f"did you mean '{near[0]}'? " if near else ""
    return_names = ", ".join(known)
    raise UsageError(f"no named query '{name}'; {hint}named queries: {return_names} (ketengraaf query --list)")


def query_summary(path: Path) -> str:
    """The first header line of a query file, without the leading ``// NAME:``."""
    for line in path.read_text(encoding="utf-8").splitlines():
        s = line.strip()
        if not s.startswith("//"):
            break
        s = s.lstrip("/").strip()
        if s:
            return s.split(":", 1)[1].strip() if s.startswith(path.stem + ":") else s
    return ""


_NUM_INT = re.compile(r"[+-]?\d+")
_NUM_FLOAT = re.compile(r"[+-]?(\d+\.\d*|\.\d+|\d+(\.\d*)?[eE][+-]?\d+)")
_PARAM_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")


def parse_value(v: str) -> Any:
    """``--param`` values: integers, floats, true/false; text otherwise (``"…"`` forces text)."""
    if len(v) >= 2 and v[0] == v[-1] == '"':
        return v[1:-1]
    if v in ("true", "false"):
        return v == "true"
    if _NUM_INT.fullmatch(v):
        return int(v)
    if _NUM_FLOAT.fullmatch(v):
        return float(v)
    return v


def parse_params(items: tuple[str, ...]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for item in items:
        k, sep, v = item.partition("=")
        k = k.strip().lstrip("$")
        if not sep or not _PARAM_NAME.fullmatch(k):
            raise UsageError(f"--param '{item}': expected NAME=VALUE, for example --param model=voorbeeld")
        out[k] = parse_value(v)
    return out




def variant(path: Path, embedded: bool) -> Path:
    """The file to run for ``path`` on the chosen engine: ``NAME.embedded.cypher`` beside it for the
    embedded engine when there is one, else ``path`` itself."""
    if embedded and path.name.endswith(".cypher") and not path.name.endswith(EMBEDDED_SUFFIX):
        alt = path.with_name(path.name[: -len(".cypher")] + EMBEDDED_SUFFIX)
        if alt.is_file():
            return alt
    return path


_RULES = re.compile(r"^//\s*@rules:\s*(.+)$", re.M)


def rules_of(cypher: str) -> Optional[list[str]]:
    """The rule codes of a ``// @rules: K03 D01`` header line, or None for a plain query.

    >>> rules_of("// zonder-eigenaar: …\\n// @rules: K03 D01\\n")
    ['K03', 'D01']
    >>> rules_of("MATCH (n) RETURN n") is None
    True
    """
    m = _RULES.search(cypher)
    return m.group(1).replace(",", " ").split() if m else None
