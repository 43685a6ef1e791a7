"""A model as it is at a git revision: ``ketengraaf diff --git REV MODEL``.

The model's files at REV are read with ``git ls-tree`` and ``git cat-file --batch`` (one process
for all of them, no shell, argv lists only) into a temporary directory that keeps the repository's
layout below its root, so that the model gets the same id (a directory model is named after its
directory) and every message names the file as ``REV:path/in/repo.yaml``. The directory is removed
when the comparison ends, also on an error or Ctrl-C.

Only what the loader reads is written: the file itself, or every ``.yaml``/``.yml`` file below the
directory at REV. A symbolic link is kept when it points inside that copy; one that points
elsewhere would read the working tree, not REV, so it is left out (and the loader says what is
missing). ``.gitattributes`` (``export-ignore``) do not hide files, as they would from ``git archive``.

Errors: no ``git`` → :class:`~ketengraaf.errors.Unavailable` (exit 3); MODEL outside a
repository, REV unknown or MODEL absent at REV → :class:`~ketengraaf.errors.UsageError` (exit 2)
with git's reason.
"""

from __future__ import annotations

import contextlib
import dataclasses
import os
import shutil
import subprocess
import tempfile
from pathlib import Path
from typing import Iterator

from ketengraaf.errors import ModelInvalid, Unavailable, UsageError
from ketengraaf.model.inputs import SUFFIXES

INSTALL = "git is not installed, and `ketengraaf diff --git` needs it to read the model at a revision " \
          "(install it with: sudo apt-get install git)"


@dataclasses.dataclass(frozen=True)
class Revision:
    """MODEL at REV, written out: ``path`` to pass to the loader, ``label`` for the outputs
    (``REV:path/in/repo``), and ``root`` the temporary directory that stands for the repository."""

    path: str
    label: str
    root: str
    rev: str

    def relabel(self, e: ModelInvalid) -> ModelInvalid:
        """The same errors with each file named ``REV:path`` instead of its temporary copy."""
        prefix = self.root.rstrip(os.sep) + os.sep
        fixed = [dataclasses.replace(p, file=f"{self.rev}:{p.file[len(prefix):]}") if p.file.startswith(prefix) else p
                 for p in e.problems]
        out = ModelInvalid(fixed)
        out.args = (f"{out.args[0]} at revision {self.rev}",)
        return out


def _git() -> list[str]:
    """git's argv start: paths are plain paths (no pathspec magic or globs in a file name)."""
    exe = shutil.which("git")
    if exe is None:
        raise Unavailable(INSTALL)
    return [exe, "--literal-pathspecs"]


def _run(argv: list[str], what: str) -> bytes:
    """Run git; a failure is a usage error that gives ``what`` and git's own last line."""
    p = subprocess.run(argv, capture_output=True)
    if p.returncode != 0:
        lines = p.stderr.decode("utf-8", "replace").strip().splitlines()
        reason = lines[-1].removeprefix("fatal: ").removeprefix("error: ") if lines else f"exit {p.returncode}"
        raise UsageError(f"{what} ({reason})")
    return p.stdout


def _existing_dir(path: Path) -> Path:
    """The path itself when it is a directory, else the nearest directory above it that exists."""
    p = path if path.is_dir() else path.parent
    while not p.is_dir() and p != p.parent:
        p = p.parent
    return p


@contextlib.contextmanager
def at_revision(model: str | os.PathLike[str], rev: str) -> Iterator[Revision]:
    """Write MODEL as it is at git revision REV into a temporary directory; remove it afterwards."""
    git = _git()
    if not rev or rev.startswith("-"):
        raise UsageError(f"'{rev}' is not a git revision")
    real = Path(os.path.realpath(model))
    top = _run([*git, "-C", str(_existing_dir(real)), "rev-parse", "--show-toplevel"],
               f"{model} is not inside a git repository").decode("utf-8").strip()
    commit = _run([*git, "-C", top, "rev-parse", "--verify", "--end-of-options", f"{rev}^{{commit}}"],
                  f"unknown git revision '{rev}'").decode("ascii").strip()
    rel = os.path.relpath(real, os.path.realpath(top))
    if rel == os.pardir or rel.startswith(os.pardir + os.sep):
        raise UsageError(f"{model} lies outside the git repository at {top}")
    rel_posix = "" if rel == os.curdir else Path(rel).as_posix()
    entries = _entries(git, top, commit, rel_posix, rev)
    tmp = tempfile.mkdtemp(prefix="ketengraaf-diff-")
    try:
        # The repository's layout below a directory named like it (the model's id, when the
        # repository itself is the model directory, comes from that name).
        base = os.path.join(tmp, os.path.basename(os.path.realpath(top)) or "repository")
        path = os.path.join(base, *rel_posix.split("/")) if rel_posix else base
        _write(git, top, base, entries, path)
        yield Revision(path, f"{rev}:{rel_posix or '.'}", base, rev)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def _entries(git: list[str], top: str, commit: str, rel: str, rev: str) -> list[tuple[str, str, str]]:
    """(mode, object, path) of the files the loader would read, from ``git ls-tree``."""
    spec = ["--", rel] if rel else []
    head = _run([*git, "-C", top, "ls-tree", "-z", "--full-tree", commit, *spec], f"cannot list revision '{rev}'")
    if rel and not head:
        raise UsageError(f"{rel} does not exist at git revision '{rev}'")
    is_tree = not rel or any(e.split(b"\t", 1)[0].split(b" ")[1] == b"tree" for e in head.split(b"\0") if e)
    if not is_tree:
        listing = head
    else:
        listing = _run([*git, "-C", top, "ls-tree", "-r", "-z", "--full-tree", commit, *spec],
                       f"cannot list revision '{rev}'")
    out = []
    for e in listing.split(b"\0"):
        if not e:
            continue
        meta, path = e.split(b"\t", 1)
        mode, kind, obj = meta.decode("ascii").split(" ")
        p = path.decode("utf-8", "surrogateescape")
        if kind != "blob" or (is_tree and not p.endswith(SUFFIXES)):
            continue
        out.append((mode, obj, p))
    if is_tree and not out:
        raise UsageError(f"{rel or 'the repository'} holds no .yaml or .yml files at git revision '{rev}'")
    return out


def _write(git: list[str], top: str, base: str, entries: list[tuple[str, str, str]], model: str) -> None:
    """Every blob through one ``git cat-file --batch``, written below ``base`` at its path; a
    symbolic link only when it stays inside ``model`` (the model's copy)."""
    proc = subprocess.Popen([*git, "-C", top, "cat-file", "--batch"], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                            stderr=subprocess.DEVNULL)
    try:
        assert proc.stdin is not None and proc.stdout is not None
        for mode, obj, path in entries:
            # One object at a time: git flushes each answer, so neither pipe can fill up and block.
            proc.stdin.write(f"{obj}\n".encode("ascii"))
            proc.stdin.flush()
            header = proc.stdout.readline().split()
            if len(header) != 3 or header[1] != b"blob":
                raise UsageError(f"git could not read {path} ({b' '.join(header).decode('ascii', 'replace')})")
            data = proc.stdout.read(int(header[2]))
            proc.stdout.read(1)  # the newline after each object
            dest = os.path.join(base, *path.split("/"))
            os.makedirs(os.path.dirname(dest), exist_ok=True)
            if mode == "120000":
                target = data.decode("utf-8", "surrogateescape")
                lands = os.path.normpath(os.path.join(os.path.dirname(dest), target))
                if not os.path.isabs(target) and os.path.commonpath([lands, model]) == model:
                    os.symlink(target, dest)
                continue
            with open(dest, "wb") as f:
                f.write(data)
        proc.stdin.close()
    finally:
        if proc.poll() is None:
            proc.kill()
        proc.wait()
