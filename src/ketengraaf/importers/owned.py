"""An importer's own subdirectory of a model directory: ``DIR/roo/`` for ``ketengraaf import roo``.

The importer writes only there, and replaces it as a whole (:func:`ketengraaf.fileio.replace_dir`:
the previous import or the new one, never half of each). It may replace it only when everything in
it is its own earlier output, unchanged: ``manifest.json`` lists each file it wrote with its
SHA-256, and :func:`check` refuses (exit 2, nothing written) when the subdirectory holds a file the
manifest does not list, a file changed since, or no manifest at all. The architect's files beside
the subdirectory are read (to report broken references), never written.
"""

from __future__ import annotations

import hashlib
import json
import os
import stat
from pathlib import Path
from typing import Any, Optional

from ketengraaf.errors import UsageError
from ketengraaf.fileio import replace_dir

MANIFEST = "manifest.json"


def sha256(data: bytes) -> str:
    return "sha256:" + hashlib.sha256(data).hexdigest()


def check(sub: Path, tool: str) -> Optional[dict[str, Any]]:
    """The manifest of ``tool``'s earlier run in ``sub``, or None when ``sub`` is absent or empty.

    Raises :class:`UsageError` when ``sub`` may not be replaced: it is a link or not a directory,
    has no readable manifest of ``tool``, or holds anything the manifest does not list as written
    by it (or that changed since)."""
    if not os.path.lexists(sub):
        return None
    st = os.lstat(sub)
    if stat.S_ISLNK(st.st_mode):
        raise UsageError(f"{sub} is a symbolic link; {tool} writes {sub.name}/ itself, as a directory, so remove the "
                         f"link")
    if not stat.S_ISDIR(st.st_mode):
        raise UsageError(f"{sub} exists and is not a directory; {tool} writes its files in {sub.name}/, so move it")
    entries = sorted(os.listdir(sub))
    if not entries:
        return None
    mf = sub / MANIFEST
    try:
        manifest = json.loads(mf.read_bytes())
        if manifest.get("tool") != tool or not isinstance(manifest.get("files"), dict):
            raise ValueError
    except (OSError, ValueError, AttributeError):
        raise UsageError(f"{sub} is not empty and has no readable {MANIFEST} from {tool}, so it is not an earlier "
                         f"import; move it away (or restore {MANIFEST} from version control) and import again") from None
    files: dict[str, str] = manifest["files"]
    for name in entries:
        if name == MANIFEST:
            continue
        p = sub / name
        if name not in files or not p.is_file() or p.is_symlink():
            raise UsageError(f"{p} was not written by {tool}; {sub.name}/ holds only the import's own files (the "
                             f"next import replaces them all), so move it to {sub.parent}")
        if sha256(p.read_bytes()) != files[name]:
            raise UsageError(f"{p} was changed after {tool} wrote it, and the import replaces it; keep your "
                             f"additions in a file of your own beside {sub.name}/ (delete {p} to accept the "
                             f"register's version)")
    return manifest


def write(sub: Path, files: dict[str, bytes], manifest: dict[str, Any]) -> None:
    """Replace ``sub`` with ``files`` and their manifest (``manifest`` plus the files' hashes)."""
    doc = dict(manifest)
    doc["files"] = {name: sha256(data) for name, data in sorted(files.items())}
    text = json.dumps(doc, ensure_ascii=False, indent=1, sort_keys=False) + "\n"

    def fill(tmp: Path) -> None:
        for name, data in files.items():
            (tmp / name).write_bytes(data)
        (tmp / MANIFEST).write_text(text, encoding="utf-8")

    replace_dir(sub, fill)
