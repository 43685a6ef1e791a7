"""Rendering DOT with the real Graphviz ``dot`` binary (Debian package ``graphviz``).

``.dot`` output never needs it; SVG, PNG and PDF do. When ``dot`` is not on the PATH, rendering
raises :class:`~ketengraaf.errors.Unavailable` (exit 3) with one sentence saying how to install it.
"""

from __future__ import annotations

import math
import os
import re
import shutil
import subprocess
from pathlib import Path
from typing import Callable, Optional

from ketengraaf.errors import Unavailable
from ketengraaf.fileio import atomic_write

FORMATS = ("svg", "png", "pdf", "dot")
RENDERED = ("svg", "png", "pdf")
#: Seconds one ``dot`` run may take before it is stopped.
TIMEOUT = float(os.environ.get("KETENGRAAF_DOT_TIMEOUT", "120"))

INSTALL = ("Graphviz 'dot' is not installed or not on the PATH; install it with "
           "'sudo apt-get install graphviz' (Debian/Ubuntu), 'brew install graphviz' (macOS) "
           "or 'choco install graphviz' (Windows), or write a .dot file instead.")


class RenderFailed(Unavailable):
    """``dot`` ran but did not produce the picture (exit 3)."""


def dot_binary() -> Optional[str]:
    return shutil.which("dot")


def require_dot() -> str:
    exe = dot_binary()
    if exe is None:
        raise Unavailable(INSTALL)
    return exe


#: PNG resolution: 144 dpi (sharp on screens and in print), lowered for very large pictures so
#: that a PNG stays under about this many pixels (cairo's time grows with the area).
PNG_DPI = 144
PNG_PIXELS = 12_000_000


def png_dpi(svg: bytes) -> int:
    """The dpi for a PNG of the picture whose SVG is ``svg`` (its size is in points)."""
    m = re.search(rb'<svg width="([0-9.]+)pt" height="([0-9.]+)pt"', svg[:2000])
    if not m:
        return PNG_DPI
    w_in, h_in = float(m.group(1)) / 72, float(m.group(2)) / 72
    fit = math.sqrt(PNG_PIXELS / max(w_in * h_in, 1e-6))
    return int(max(36, min(PNG_DPI, fit)))


def render(dot_text: str, fmt: str, *, timeout: float = TIMEOUT) -> bytes:
    """Run ``dot -T<fmt>`` on ``dot_text`` and return its output."""
    if fmt not in RENDERED:
        raise ValueError(f"not a rendered format: {fmt}")
    if fmt == "png":
        dpi = png_dpi(run_dot(dot_text, ["-Tsvg"], timeout))
        return run_dot(dot_text, ["-Tpng:cairo", f"-Gdpi={dpi}"], timeout)
    # cairo gives an embeddable PDF; the core SVG renderer is plain and portable.
    return run_dot(dot_text, ["-Tsvg" if fmt == "svg" else "-Tpdf:cairo"], timeout)


def render_all(dot_texts: list[str], fmt: str = "svg") -> list[bytes]:
    """:func:`render` of every text, as many ``dot`` processes at a time as there are cores, in order."""
    return _all(lambda t: render(t, fmt), dot_texts)


def run_all(dot_texts: list[str], flags: list[str]) -> list[bytes]:
    """:func:`run_dot` of every text, each in a ``dot`` of its own (Graphviz 2.43, given several
    graphs in one run, lays out a later one differently from run to run), as many at a time as
    there are cores, in order."""
    return _all(lambda t: run_dot(t, flags), dot_texts)


def _all(fn: Callable[[str], bytes], texts: list[str]) -> list[bytes]:
    if len(texts) <= 1:
        return [fn(t) for t in texts]
    from concurrent.futures import ThreadPoolExecutor

    with ThreadPoolExecutor(max_workers=max(1, min(len(texts), os.cpu_count() or 1))) as pool:
        return list(pool.map(fn, texts))


def run_dot(dot_text: str, flags: list[str], timeout: float = TIMEOUT) -> bytes:
    """Run the real ``dot`` with ``flags`` on ``dot_text`` and return its output (a layout as JSON
    for the ArchiMate export's views, a picture for the diagrams). Raises
    :class:`~ketengraaf.errors.Unavailable` (exit 3) when ``dot`` is missing or fails."""
    exe = require_dot()
    args = [exe, *flags]
    try:
        proc = subprocess.run(args, input=dot_text.encode("utf-8"), capture_output=True, timeout=timeout,
                              check=False)
    except subprocess.TimeoutExpired:
        raise RenderFailed(f"Graphviz 'dot' took longer than {timeout:g} s to draw this diagram; draw a "
                           f"smaller view (--subject) or write a .dot file instead.") from None
    except OSError as e:
        raise Unavailable(f"Graphviz 'dot' could not be started ({e.strerror}); {INSTALL}") from None
    if proc.returncode != 0 or not proc.stdout:
        msg = proc.stderr.decode("utf-8", "replace").strip().splitlines()
        detail = msg[-1] if msg else f"exit status {proc.returncode}"
        raise RenderFailed(f"Graphviz 'dot' could not draw this diagram ({detail}).")
    return proc.stdout


def fmt_of(path: str | os.PathLike[str]) -> Optional[str]:
    """The output format a file name asks for, from its suffix (None when unknown)."""
    suf = Path(path).suffix.lower().lstrip(".")
    if suf == "gv":
        return "dot"
    return suf if suf in FORMATS else None


def write(dot_text: str, path: str | os.PathLike[str], fmt: Optional[str] = None) -> None:
    """Write ``dot_text`` to ``path`` as DOT or rendered, atomically."""
    fmt = fmt or fmt_of(path) or "svg"
    data: bytes | str = dot_text if fmt == "dot" else render(dot_text, fmt)
    atomic_write(path, data)
