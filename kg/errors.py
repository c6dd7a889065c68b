"""The one exception type users see: it names the file and line so the CLI can print one line."""

from __future__ import annotations

from pathlib import Path


class KgError(Exception):
    """A user-facing failure tied to a place in an input file.

    `status` is the HTTP status a server answers it with: a subclass sets its own, and a server maps every
    KgError through it in one place instead of matching messages."""

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
