"""Writing a generated model: its YAML text, the files of a split model, and the rule that
``generate`` replaces only its own earlier output.

The YAML is written directly, one flow mapping per list item and line (as in voorbeeld.yaml),
by the writer the importers share (:mod:`ketengraaf.model.yamlwrite`), with a scalar quoting that
no YAML 1.1 or 1.2 reader can misread (see :func:`~ketengraaf.model.yamlwrite.scalar`). Every file
starts with :data:`MARKER`; a file without it is someone else's and is never overwritten.
"""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import Any, Optional

from ketengraaf.errors import UsageError
from ketengraaf.fileio import atomic_write, has_marker, refuse_unmarked
from ketengraaf.generate.core import generate_model
from ketengraaf.model.yamlwrite import header, model_text, section

#: The list sections in the order of MODEL.md.
SECTIONS = ("organisaties", "sturingsrelaties", "opdrachten", "afspraken", "ketens", "gegevens",
            "gegevensstromen", "middelen", "uitzonderingen")

#: Organisations per file in a split model.
CHUNK = 5000

#: The first line of every file ``generate`` writes: it replaces only files that carry it.
MARKER = "# Gegenereerd door ketengraaf generate (fictief); een volgende run vervangt dit bestand.\n"


def _header(model: Optional[dict[str, Any]]) -> list[str]:
    return header(model, MARKER)


def dump_yaml(model: dict[str, Any]) -> str:
    """The whole model as the text of one YAML file."""
    return model_text(model, MARKER, SECTIONS)


def split_files(model: dict[str, Any], chunk: Optional[int] = None) -> list[tuple[str, str]]:
    """The model as ``(file name, text)`` pairs for a directory; only ``model.yaml`` has ``model:``.

    The organisaties go in chunks of ``chunk`` (default :data:`CHUNK`) per file; every other section
    has a file of its own (gegevensstromen share ``gegevens.yaml``). Every file starts with
    ``ketengraaf: 1``.
    """
    chunk = chunk or CHUNK
    files: list[tuple[str, str]] = [("model.yaml", "".join(_header(model.get("model"))))]
    orgs = model.get("organisaties", [])
    n_chunks = max(1, -(-len(orgs) // chunk))
    width = max(3, len(str(n_chunks - 1)))
    for i in range(n_chunks):
        out = _header(None)
        section("organisaties", orgs[i * chunk:(i + 1) * chunk], out)
        files.append((f"organisaties-{i:0{width}d}.yaml", "".join(out)))
    for fname, sections in (("sturing.yaml", ("sturingsrelaties",)), ("opdrachten.yaml", ("opdrachten",)),
                            ("middelen.yaml", ("middelen",)), ("afspraken.yaml", ("afspraken",)),
                            ("ketens.yaml", ("ketens",)), ("gegevens.yaml", ("gegevens", "gegevensstromen")),
                            ("uitzonderingen.yaml", ("uitzonderingen",))):
        out = _header(None)
        for s in sections:
            section(s, model.get(s, []), out)
        files.append((fname, "".join(out)))
    return files


_OWN_FILE = re.compile(r"(?:model|organisaties-\d{3,}|sturing|opdrachten|middelen|afspraken|ketens|gegevens"
                       r"|uitzonderingen)\.yaml")


def write_model(n: int, *, seed: int, output: str | os.PathLike[str], split: bool = False,
                agreement_density: float = 1.0, extra_stromen: float = 0.0) -> list[Path]:
    """Generate a model of about ``n`` organisations and write it; return the paths written.

    ``agreement_density`` and ``extra_stromen``: see :func:`generate_model`.

    Without ``split``, ``output`` is one YAML file. With ``split``, ``output`` is a directory
    (created when missing); the files of this generator in it are replaced, and organisatie
    chunks left over from an earlier, larger run are removed so the directory holds one model.
    Every file is written atomically.
    """
    out = Path(output)
    if not split:
        if out.is_dir():
            raise UsageError(f"{output} is a directory; give a .yaml file, or use --split")
        _refuse_foreign(out)
        atomic_write(out, dump_yaml(generate_model(n, seed, agreement_density=agreement_density,
                                                   extra_stromen=extra_stromen)))
        return [out]
    if out.exists() and not out.is_dir():
        raise UsageError(f"{output} is a file; --split writes a directory")
    model = generate_model(n, seed, agreement_density=agreement_density, extra_stromen=extra_stromen)
    files = split_files(model)
    names = {f for f, _ in files}
    for fname, _ in files:
        _refuse_foreign(out / fname)
    out.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    for fname, text in files:
        p = out / fname
        atomic_write(p, text)
        written.append(p)
    for old in sorted(out.iterdir()):
        if old.is_file() and _OWN_FILE.fullmatch(old.name) and old.name not in names and _generated(old):
            old.unlink()
    return written


def _generated(path: Path) -> bool:
    """Was ``path`` written by this generator (its first line is :data:`MARKER`)?"""
    return has_marker(path, MARKER)


def _refuse_foreign(path: Path) -> None:
    """``generate`` replaces only its own earlier output: an existing model someone wrote is theirs."""
    refuse_unmarked(path, MARKER, "ketengraaf generate")
