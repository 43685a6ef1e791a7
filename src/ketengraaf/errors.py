"""Errors that end a command with a clear sentence and a defined exit code (CLI.md)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Optional


@dataclass(frozen=True, order=True)
class Problem:
    """One error in a model, printed as ``FILE:LINE:COLUMN: message``, or ``FILE: message`` for a
    problem with the file as a whole (``line`` 0).

    ``ref``: for a reference to an id that does not exist, that id (not part of the comparison), so
    a caller can explain it further (``ketengraaf import roo`` says when a register organisation
    ended or left the register)."""

    file: str
    line: int
    column: int
    message: str
    ref: Optional[str] = field(default=None, compare=False)

    def __post_init__(self) -> None:
        # One problem, one line: editors and CI annotators parse FILE:LINE:COLUMN per line, and a
        # key or value quoted from the model may hold a line break or another control character.
        if any(c < " " for c in self.message):
            object.__setattr__(self, "message", "".join(_visible(c) for c in self.message))

    def __str__(self) -> str:
        if self.line <= 0:
            return f"{self.file}: {self.message}"
        return f"{self.file}:{self.line}:{self.column}: {self.message}"


def _visible(c: str) -> str:
    """A control character as the escape a reader recognises (``\\n``), other characters as they are."""
    if c >= " ":
        return c
    return {"\n": "\\n", "\r": "\\r", "\t": "\\t"}.get(c, f"\\x{ord(c):02x}")


class KetengraafError(Exception):
    """Base class: ``exit_code`` is what the CLI exits with, ``str(e)`` the one sentence it prints."""

    exit_code = 2


class UsageError(KetengraafError):
    """The command line is invalid (exit 2)."""


class ModelInvalid(KetengraafError):
    """The model has errors (exit 2); ``problems`` holds every one found, sorted."""

    def __init__(self, problems: list[Problem]):
        self.problems = sorted(set(problems))
        n = len(self.problems)
        super().__init__(f"the model has {n} error{'s' if n != 1 else ''}")


class ExportInvalid(ModelInvalid):
    """A file to import is unusable (exit 2); ``problems`` as for a model. Nothing was written.
    ``what`` names the file in the closing sentence ("the export", "the exchange file")."""

    def __init__(self, problems: list[Problem], what: str = "the export"):
        super().__init__(problems)
        n = len(self.problems)
        self.args = (f"{what} has {n} error{'s' if n != 1 else ''}; nothing was written",)


class Unavailable(KetengraafError):
    """A backend or tool the command needs is not available (exit 3)."""

    exit_code = 3
