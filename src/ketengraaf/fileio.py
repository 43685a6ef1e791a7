"""Writing outputs: atomically (a reader sees the old file or the new one, never half of one), and
never over anything the command reads (:class:`Inputs`)."""

from __future__ import annotations

import os
import shutil
import stat
import sys
import tempfile
from pathlib import Path
from typing import Callable, Optional


def atomic_write(path: str | os.PathLike[str], data: str | bytes) -> None:
    """Write ``data`` to ``path`` through a temporary file in the same directory and a rename."""
    p = Path(path)
    p.parent.mkdir(parents=True, exist_ok=True)
    raw = data.encode("utf-8") if isinstance(data, str) else data
    fd, tmp = tempfile.mkstemp(prefix=f".{p.name}.", suffix=".tmp", dir=p.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(raw)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, 0o644)
        os.replace(tmp, p)
    except BaseException:
        try:
            os.unlink(tmp)
        except FileNotFoundError:
            pass
        raise


def replace_dir(dest: str | os.PathLike[str], fill: Callable[[Path], None]) -> Path:
    """Put a new directory in place of ``dest`` (or create it) as a whole.

    ``fill(tmp)`` writes the new content into a temporary sibling directory; its files are flushed
    to disk and it then takes ``dest``'s place: in one step where the system can exchange two
    directories (Linux ``renameat2``), else by two renames, the old one put back if the second
    fails. Any failure, Ctrl-C included, leaves the previous ``dest`` (or nothing) and no temporary
    directory. Callers decide beforehand whether ``dest`` may be replaced.
    """
    dest = Path(dest)
    parent = dest.resolve().parent
    parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=f".{dest.name}.", suffix=".tmp", dir=parent))
    try:
        fill(tmp)
        for p in sorted(tmp.rglob("*")):
            if p.is_dir():
                os.chmod(p, 0o755)
                continue
            os.chmod(p, 0o644)
            fd = os.open(p, os.O_RDONLY)
            try:
                os.fsync(fd)
            finally:
                os.close(fd)
        os.chmod(tmp, 0o755)
        if not os.path.lexists(dest):
            os.replace(tmp, dest)
        elif _exchange(tmp, dest):  # tmp now holds the previous directory
            shutil.rmtree(tmp, ignore_errors=True)
        else:
            old = Path(tempfile.mkdtemp(prefix=f".{dest.name}.", suffix=".old", dir=parent))
            os.rmdir(old)
            os.replace(dest, old)
            try:
                os.replace(tmp, dest)
            except BaseException:
                os.replace(old, dest)
                raise
            shutil.rmtree(old, ignore_errors=True)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    return dest


def _exchange(a: Path, b: Path) -> bool:
    """Swap two directories in one step (Linux ``renameat2(RENAME_EXCHANGE)``); False where the
    system cannot, so the caller falls back to two renames."""
    if not sys.platform.startswith("linux") or os.environ.get("KETENGRAAF_NO_EXCHANGE"):
        return False
    import ctypes
    import errno

    try:
        renameat2 = ctypes.CDLL(None, use_errno=True).renameat2
    except (OSError, AttributeError):  # pragma: no cover - a C library without it
        return False
    renameat2.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p, ctypes.c_uint]
    at_fdcwd, rename_exchange = -100, 2
    if renameat2(at_fdcwd, os.fsencode(a), at_fdcwd, os.fsencode(b), rename_exchange) == 0:
        return True
    err = ctypes.get_errno()
    if err in (errno.ENOSYS, errno.EINVAL, errno.EOPNOTSUPP):  # pragma: no cover - old kernel or file system
        return False
    raise OSError(err, os.strerror(err), str(b))


def has_marker(path: str | os.PathLike[str], marker: str) -> bool:
    """Does the file at ``path`` start with ``marker`` (the first line a writer puts in every file
    it writes, so that it replaces only its own)?"""
    m = marker.encode("utf-8")
    try:
        with open(path, "rb") as f:
            return f.read(len(m)) == m
    except OSError:
        return False


def refuse_unmarked(path: str | os.PathLike[str], marker: str, tool: str) -> None:
    """A writer replaces only its own earlier output: raise :class:`~ketengraaf.errors.UsageError`
    when ``path`` exists and does not start with ``marker``."""
    if os.path.lexists(path) and not (Path(path).is_file() and has_marker(path, marker)):
        from ketengraaf.errors import UsageError

        raise UsageError(f"refusing to write {path}: it exists and was not written by {tool}; choose another "
                         f"output path")


# ------------------------------------------------------------------------------------------------
# outputs never touch inputs


class Inputs:
    """Everything a command reads: the model (its root and every file in it) and other input files.

    Compared with outputs by resolved path (symbolic links followed) and by inode (hard links).

    >>> import tempfile
    >>> d = Path(tempfile.mkdtemp())
    >>> (d / "m.yaml").write_text("ketengraaf: 1\\n")
    14
    >>> ins = Inputs([d / "m.yaml"])
    >>> ins.conflict(d / "m.yaml") == f"it is the file {d / 'm.yaml'} that this command reads"
    True
    >>> ins.conflict(d / "out.json") is None
    True
    """

    def __init__(self, paths: list[Path], *, roots: Optional[list[Path]] = None):
        self.files: dict[str, Path] = {}  # realpath -> as given
        self.inodes: dict[tuple[int, int], Path] = {}
        self.dirs: dict[str, Path] = {}  # model directories (realpath -> as given)
        for p in [*(roots or []), *paths]:
            real = os.path.realpath(p)
            try:
                st = os.stat(p)
            except OSError:
                continue
            if stat.S_ISDIR(st.st_mode):
                self.dirs.setdefault(real, p)
            else:
                self.files.setdefault(real, p)
                self.inodes.setdefault((st.st_dev, st.st_ino), p)

    @classmethod
    def of_model(cls, model: str | os.PathLike[str], *others: Optional[str]) -> "Inputs":
        """The inputs of a command on ``model`` (plus ``others``, e.g. a baseline file). A model
        that cannot be discovered yields just its root: loading it reports the problem."""
        return cls.of_models([model], *others)

    @classmethod
    def of_models(cls, models: list[str | os.PathLike[str]], *others: Optional[str]) -> "Inputs":
        """The inputs of a command on several models (``ketengraaf diff``: OLD and NEW)."""
        from ketengraaf.errors import ModelInvalid
        from ketengraaf.model.formats import extra_inputs
        from ketengraaf.model.inputs import discover

        files: list[Path] = []
        for model in models:
            try:
                files += discover(model)
            except ModelInvalid:
                pass
            files += extra_inputs(model)
        return cls([*files, *(Path(o) for o in others if o)], roots=[Path(m) for m in models])

    def conflict(self, out: str | os.PathLike[str], *, replaces_dir: bool = False) -> Optional[str]:
        """Why writing ``out`` would touch an input (None when it would not).

        ``replaces_dir``: ``out`` is a directory that the command replaces as a whole (the report),
        so no input may lie inside it either."""
        real = os.path.realpath(out)
        try:
            st = os.stat(out)
            same = self.inodes.get((st.st_dev, st.st_ino))
        except OSError:
            same = None
        if real in self.files or same is not None:
            return f"it is the file {self.files.get(real, same)} that this command reads"
        if real in self.dirs:
            return f"it is the model directory {self.dirs[real]} that this command reads"
        for d, shown in self.dirs.items():
            if _inside(real, d):
                return f"it lies inside the model directory {shown}, which this command reads"
        for f, shown in self.files.items():
            if _inside(real, f):  # a file used as a directory: cannot be written, say why
                return f"it would lie inside {shown}, a file this command reads"
        if replaces_dir:
            for f, shown in [*self.files.items(), *self.dirs.items()]:
                if _inside(f, real):
                    return f"it holds {shown}, which this command reads, and would be replaced as a whole"
        return None

    def check(self, out: str | os.PathLike[str], *, replaces_dir: bool = False) -> None:
        """Raise :class:`~ketengraaf.errors.UsageError` (exit 2) when writing ``out`` would
        touch an input; one sentence naming both paths."""
        why = self.conflict(out, replaces_dir=replaces_dir)
        if why is not None:
            from ketengraaf.errors import UsageError

            raise UsageError(f"refusing to write {out}: {why}; choose another output path")


def _inside(path: str, directory: str) -> bool:
    return path != directory and path.startswith(directory.rstrip(os.sep) + os.sep)


def distinct_outputs(**named: Optional[str]) -> None:
    """Two options of one command may not name the same file (``-o x --write-baseline x``)."""
    seen: dict[str, str] = {}
    for opt, path in named.items():
        if not path:
            continue
        real = os.path.realpath(path)
        if real in seen:
            from ketengraaf.errors import UsageError

            raise UsageError(f"{seen[real]} and {opt} name the same file ({path}); give each its own")
        seen[real] = opt
