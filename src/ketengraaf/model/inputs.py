"""What ketengraaf agrees to read, checked before any parsing.

A model is text the author wrote: a few files, each at most tens of megabytes of YAML. Anything else
that reaches the loader — a 2 GB sparse file, a binary, a FIFO that never ends, a device, a
directory named ``x.yaml``, a symbolic link that points at itself, a directory tree with a hundred
thousand files — gets one sentence (``FILE: message``, exit 2) at once, instead of minutes of work
and gigabytes of memory before a parser gives up.

The checks, in the order they run:

* **discovery** (:func:`discover`): the path exists, is a regular file or a directory; in a
  directory every ``*.yaml``/``*.yml`` entry is a regular file (or a link to one), symbolic links
  to directories are followed but a link back to a directory already read is a loop, and at most
  :attr:`Limits.max_files` model files are collected (the walk stops as soon as there are more);
* **reading** (:func:`read`): the file is opened without blocking and checked again on the open
  descriptor (so a file swapped for a FIFO between the two checks cannot hang the read), its size
  is at most :attr:`Limits.max_file_size` *before* anything is read, its first 64 KiB hold no NUL
  byte (so a binary is refused after one small read), and then the whole text holds no control
  characters that YAML forbids, is UTF-8, holds no line break that YAML 1.1 and 1.2 readers count
  differently (a lone CR, NEL, U+2028, U+2029), and has no line longer than :attr:`Limits.max_line`;
* **nesting** (``yamlio.read_precise``): at most :attr:`Limits.max_depth` levels, checked on the
  composed node tree before anything is built from it (a model needs about six).

The limits default well above a national model (36 MB, 100,000 organisations) and can be raised
with environment variables or ``ketengraaf --max-file-size``; see docs/model-format.md.

>>> Limits.parse_size("512M"), Limits.parse_size("2G"), Limits.parse_size("1500")
(536870912, 2147483648, 1500)
"""

from __future__ import annotations

import errno
import os
import re
import stat
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO, Optional

from ketengraaf.errors import ModelInvalid, Problem

SUFFIXES = (".yaml", ".yml")

#: The first read: enough to tell a binary from text without reading all of it.
HEAD = 64 * 1024

_ENV = {
    "max_file_size": "KETENGRAAF_MAX_FILE_SIZE",
    "max_line": "KETENGRAAF_MAX_LINE",
    "max_files": "KETENGRAAF_MAX_FILES",
    "max_depth": "KETENGRAAF_MAX_DEPTH",
}

try:  # the same engine as the fast path's checks: a DFA, linear, ~10x faster than re on 36 MB
    import re2 as _rx  # type: ignore[import-untyped]
except Exception:  # pragma: no cover
    _rx = re

# One pass over the text for what a model file may not hold:
# * C0 controls other than tab, line feed and carriage return, and DEL: YAML does not allow them,
#   and text editors do not write them;
# * line breaks that YAML 1.1 readers (PyYAML, so ketengraaf's precise reader) count and YAML 1.2
#   readers (rapidyaml, the fast reader) do not: a CR not followed by LF, NEL, LINE SEPARATOR and
#   PARAGRAPH SEPARATOR. In a model file they are accidents (pasted text); refusing them keeps both
#   readers and every editor on the same lines.
# (Non-ASCII characters are written as themselves: RE2 reads a pattern as UTF-8, so an escape like
# \xe2 would mean the character U+00E2, not the byte.)
# A CR ending the text is tested apart (`$` before a final LF matches in ``re``, not in RE2).
_FORBIDDEN = _rx.compile(rb"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]|\r[^\n]|" + "\u0085|\u2028|\u2029".encode())
_BREAK_NAMES = {b"\r": "a carriage return without line feed", b"\xc2\x85": "U+0085 NEXT LINE",
                b"\xe2\x80\xa8": "U+2028 LINE SEPARATOR", b"\xe2\x80\xa9": "U+2029 PARAGRAPH SEPARATOR"}


@dataclass(frozen=True)
class Limits:
    """How much ketengraaf reads before it calls an input unreasonable."""

    max_file_size: int = 512 * 2**20  # bytes per file
    max_line: int = 2**20  # bytes per line
    max_files: int = 10_000  # model files in a directory model
    max_depth: int = 64  # nesting levels of the YAML

    @staticmethod
    def parse_size(text: str) -> int:
        """``"512M"`` → bytes; suffixes K, M, G (powers of 1024), optionally followed by ``B``."""
        m = re.fullmatch(r"\s*(\d+)\s*([kKmMgG]?)[bB]?\s*", text)
        if not m:
            raise ValueError(f"'{text}' is not a size (a number of bytes, or with K, M or G: 512M)")
        return int(m.group(1)) * {"": 1, "k": 2**10, "m": 2**20, "g": 2**30}[m.group(2).lower()]

    @classmethod
    def from_env(cls) -> "Limits":
        """The defaults, overridden by ``KETENGRAAF_MAX_FILE_SIZE`` / ``_LINE`` (sizes) and
        ``KETENGRAAF_MAX_FILES`` / ``_DEPTH`` (counts)."""
        values: dict[str, int] = {}
        for name, var in _ENV.items():
            raw = os.environ.get(var, "").strip()
            if not raw:
                continue
            try:
                v = cls.parse_size(raw) if name in ("max_file_size", "max_line") else int(raw)
            except ValueError:
                from ketengraaf.errors import UsageError

                raise UsageError(f"{var}={raw!r} is not a valid limit") from None
            if v < 1:
                from ketengraaf.errors import UsageError

                raise UsageError(f"{var} must be at least 1")
            values[name] = v
        return cls(**values)


def _size(n: int) -> str:
    for unit, f in (("GiB", 2**30), ("MiB", 2**20), ("KiB", 2**10)):
        if n >= f:
            v = n / f
            return f"{v:.0f} {unit}" if v == int(v) else f"{v:.1f} {unit}"
    return f"{n} bytes"


def problem(path: str | os.PathLike[str], message: str) -> Problem:
    """A problem with a whole file: printed as ``FILE: message``."""
    return Problem(str(path), 0, 0, message)


def _not_regular(mode: int) -> Optional[str]:
    if stat.S_ISREG(mode):
        return None
    if stat.S_ISDIR(mode):
        return "is a directory"
    if stat.S_ISFIFO(mode):
        return "is a named pipe (FIFO)"
    if stat.S_ISCHR(mode):
        return "is a character device"
    if stat.S_ISBLK(mode):
        return "is a block device"
    if stat.S_ISSOCK(mode):
        return "is a socket"
    return "is not a regular file"  # pragma: no cover - no other kinds on Linux


def _os_error(path: Path | str, e: OSError) -> Problem:
    if e.errno == errno.ELOOP:
        return problem(path, "is a symbolic link loop (a link that leads back to itself); remove or fix the link")
    if e.errno == errno.ENOENT:
        if os.path.islink(path):
            return problem(path, f"is a symbolic link to nothing ({os.readlink(path)}); remove or fix the link")
        return problem(path, "no such file or directory")
    if e.errno in (errno.EACCES, errno.EPERM):
        return problem(path, "cannot be read: permission denied")
    return problem(path, f"cannot be read: {e.strerror or e}")


def discover(path: str | os.PathLike[str], limits: Optional[Limits] = None) -> list[Path]:
    """The files of a model: the file itself, or every ``*.yaml``/``*.yml`` below a directory,
    sorted by path as a plain string (MODEL.md). Raises :class:`ModelInvalid` with one
    ``FILE: message`` per unusable entry."""
    limits = limits or Limits.from_env()
    p = Path(path)
    try:
        st = os.stat(p)
    except OSError as e:
        raise ModelInvalid([_os_error(p, e)]) from None
    if stat.S_ISREG(st.st_mode):
        return [p]
    if not stat.S_ISDIR(st.st_mode):
        raise ModelInvalid([problem(p, f"{_not_regular(st.st_mode)}, not a model file or directory")])
    files, problems = _walk(p, st, limits)
    if problems:
        raise ModelInvalid(problems)
    if not files:
        raise ModelInvalid([problem(p, "the directory holds no .yaml or .yml files")])
    return sorted(files, key=lambda f: f.as_posix())


def _walk(root: Path, root_st: os.stat_result, limits: Limits) -> tuple[list[Path], list[Problem]]:
    """Depth-first walk with its own stack (no recursion limit), following symbolic links to
    directories once; stops as soon as there are more model files than the limit, or when it has
    looked at a hundred times that many entries (a model directory is not a disk)."""
    files: list[Path] = []
    problems: list[Problem] = []
    seen = {(root_st.st_dev, root_st.st_ino): root}
    stack = [root]
    budget = 100 * limits.max_files
    while stack:
        d = stack.pop()
        try:
            entries = list(os.scandir(d))
        except OSError as e:
            problems.append(_os_error(d, e))
            continue
        budget -= len(entries)
        if budget < 0:
            problems.append(problem(root, f"holds more than {100 * limits.max_files:,} entries; point ketengraaf at "
                                          f"the directory of one model"))
            return files, problems
        for entry in entries:
            path = Path(entry.path)
            model_file = entry.name.endswith(SUFFIXES)
            try:
                is_dir = entry.is_dir()  # follows symbolic links
                st = os.stat(path) if (is_dir or model_file) else None
            except OSError as e:
                if model_file or entry.is_symlink():
                    problems.append(_os_error(path, e))
                continue
            if is_dir:
                assert st is not None
                key = (st.st_dev, st.st_ino)
                if key in seen:
                    if entry.is_symlink():
                        problems.append(problem(path, f"is a symbolic link loop: it leads back to {seen[key]}, "
                                                      f"which is already read; remove the link"))
                    continue
                seen[key] = path
                if model_file:
                    problems.append(problem(path, "is a directory named like a model file; rename it (the files "
                                                  "in it are read all the same)"))
                stack.append(path)
                continue
            if not model_file:
                continue
            assert st is not None
            why = _not_regular(st.st_mode)
            if why is not None:
                problems.append(problem(path, f"{why}, not a model file; remove it or rename it"))
                continue
            files.append(path)
            if len(files) > limits.max_files:
                problems.append(problem(root, f"holds more than {limits.max_files:,} model files (.yaml, .yml); "
                                              f"the limit is set by KETENGRAAF_MAX_FILES"))
                return files, problems
    return files, problems


def open_checked(path: str | os.PathLike[str], limits: Limits, display: Optional[str] = None,
                 what: str = "a model file", text: str = "YAML text", one: str = "one model") -> tuple[BinaryIO, int]:
    """Open ``path`` for reading after the checks every input gets: it is a regular file (checked on
    the open descriptor, so a file swapped for a FIFO cannot hang the read), at most
    :attr:`Limits.max_file_size`, and not binary (no NUL byte in its first :data:`HEAD` bytes).
    Returns the open binary file, positioned at its start, and its size. ``what``, ``text`` and
    ``one`` name the kind of file in the messages ("a model file", "YAML text", "one model"; "a ROO
    export", "XML text", "one export"). Raises :class:`ModelInvalid`."""
    shown = display or str(path)
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_NOCTTY", 0) | getattr(os, "O_CLOEXEC", 0))
    except OSError as e:
        raise ModelInvalid([_os_error(shown, e)]) from None
    try:
        st = os.fstat(fd)
        why = _not_regular(st.st_mode)
        if why is not None:
            raise ModelInvalid([problem(shown, f"{why}, not {what}")])
        if st.st_size > limits.max_file_size:
            raise ModelInvalid([problem(shown, f"is {_size(st.st_size)}, more than the {_size(limits.max_file_size)} "
                                               f"{what} may be; raise the limit with --max-file-size or "
                                               f"KETENGRAAF_MAX_FILE_SIZE if this really is {one}")])
        f = os.fdopen(fd, "rb", closefd=True)
        fd = -1
        try:
            head = f.read(HEAD)
            i = head.find(b"\x00")
            if i >= 0:
                raise ModelInvalid([problem(shown, f"is not a text file: it holds a NUL byte ({_where(head, i)}); "
                                                   f"{what} is {text}")])
            f.seek(0)
        except BaseException:
            f.close()
            raise
        return f, st.st_size
    except OSError as e:
        raise ModelInvalid([_os_error(shown, e)]) from None
    finally:
        if fd >= 0:
            os.close(fd)


def read(path: Path, limits: Optional[Limits] = None, display: Optional[str] = None) -> bytes:
    """The bytes of one model file, after the checks of this module. Raises :class:`ModelInvalid`."""
    limits = limits or Limits.from_env()
    shown = display or str(path)
    f, _ = open_checked(path, limits, shown)
    try:
        with f:
            raw = f.read(limits.max_file_size + 1)
    except OSError as e:
        raise ModelInvalid([_os_error(shown, e)]) from None
    return check(raw, limits, shown)


def check(raw: bytes, limits: Optional[Limits] = None, display: str = "") -> bytes:
    """``raw`` if it passes the checks of :func:`read` on a file's contents (size, text, UTF-8,
    line breaks and lengths), for contents that come from elsewhere than the disk (an editor's
    unsaved buffer). Raises :class:`ModelInvalid`."""
    limits = limits or Limits.from_env()
    if len(raw) > limits.max_file_size:  # for a file: it grew while being read
        raise ModelInvalid([problem(display, f"is more than the {_size(limits.max_file_size)} a model file may be")])
    _check_text(display, raw, 0)
    _check_utf8(display, raw)
    _check_lines(display, raw, limits.max_line)
    return raw


def _where(raw: bytes, offset: int) -> str:
    """``line L, column C`` of a byte offset; columns count characters, as editors (and the
    YAML reader's positions) do."""
    line = raw.count(b"\n", 0, offset) + 1
    start = raw.rfind(b"\n", 0, offset) + 1
    col = len(raw[start:offset].decode("utf-8", "replace")) + 1
    return f"line {line}, column {col}"


def _check_text(shown: str, raw: bytes, start: int) -> None:
    i = raw.find(b"\x00", start)
    if i >= 0:
        raise ModelInvalid([problem(shown, f"is not a text file: it holds a NUL byte ({_where(raw, i)}); a model "
                                           f"file is YAML text")])
    m = _FORBIDDEN.search(raw[start:] if start else raw)
    if m:
        at, hit = start + m.start(), m.group()
    elif raw.endswith(b"\r"):
        at, hit = len(raw) - 1, b"\r"
    else:
        return
    if hit[:1] == b"\r":
        hit = b"\r"
    if hit in _BREAK_NAMES:
        raise ModelInvalid([problem(shown, f"holds {_BREAK_NAMES[hit]} ({_where(raw, at)}), a line break that YAML "
                                           f"readers count differently; use ordinary line breaks (LF or CRLF) and "
                                           f"spaces")])
    raise ModelInvalid([problem(shown, f"is not a text file: it holds the control character U+{hit[0]:04X} "
                                       f"({_where(raw, at)}); a model file is YAML text")])


def _check_utf8(shown: str, raw: bytes) -> None:
    try:
        raw.decode("utf-8")
    except UnicodeDecodeError as e:
        raise ModelInvalid([problem(shown, f"is not UTF-8 text ({_where(raw, e.start)}); save it as UTF-8")]) from None


def _check_lines(shown: str, raw: bytes, max_line: int) -> None:
    if len(raw) <= max_line:
        return
    # Long lines are rare: look at line lengths only where a window of max_line bytes holds no
    # newline (one C-speed find per window), and walk lines only there.
    pos = 0
    n = len(raw)
    while pos + max_line < n:
        nl = raw.find(b"\n", pos, pos + max_line + 1)
        if nl < 0:
            raise ModelInvalid([problem(shown, f"has a line longer than {_size(max_line)} ({_where(raw, pos)}); a "
                                               f"model file is YAML text with one item per line or block, not "
                                               f"minified data (the limit is set by KETENGRAAF_MAX_LINE)")])
        nxt = raw.rfind(b"\n", pos, pos + max_line + 1)
        pos = nxt + 1
