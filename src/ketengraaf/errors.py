"""Errors that end a command with a clear sentence and a defined exit code (CLI.md)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, order=True)
class Problem:
    """One error in a model, printed as ``FILE:LINE:COLUMN: message``, or ``FILE: message`` for a
    problem with the file as a whole (``line`` 0)."""

    file: str
    line: int
    column: int
    message: str

    def __str__(self) -> str:
        if self.line <= 0:
            return f"{self.file}: {self.message}"
        return f"{self.file}:{self.line}:{self.column}: {self.message}"


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


class Unavailable(KetengraafError):
    """A backend or tool the command needs is not available (exit 3)."""

    exit_code = 3
