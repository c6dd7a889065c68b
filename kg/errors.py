"""The exception types users see: each names the file and line, and carries the exit status the CLI returns
and the HTTP status `kg serve` answers with, so both map an error in one place and never by its text."""

from __future__ import annotations

from pathlib import Path


class KgError(Exception):
    """A user-facing failure tied to a place in an input file: bad input or a bad request (exit 2, HTTP 400)."""

    exit_code = 2
    status = 400

    def __init__(self, message: str, path: Path | str | None = None, line: int = 1, severity: str = "error"):
        super().__init__(message)
        self.message = message
        self.path = path
        self.line = line
        self.severity = severity  # "error", or "warning" for what --strict turns into a failure

    def __str__(self) -> str:
        if self.path is None:
            return f"{self.severity}: {self.message}"
        return f"{self.path}:{self.line}: {self.severity}: {self.message}"


class NotFound(KgError):
    """What was asked for does not exist: a named question, a role, a graph file."""

    status = 404


class RemoteFailed(KgError):
    """Another system (a triple store kg pushes to) refused or failed: the input was fine (exit 1, HTTP 502)."""

    exit_code = 1
    status = 502


class Busy(KgError):
    """Another process holds what this one needs (a build writing the same export folder): nothing was done,
    and running again once it has finished will do (exit 1, HTTP 409)."""

    exit_code = 1
    status = 409
