"""The one exception type users see: it names the file and line so the CLI can print one line."""

from __future__ import annotations

from pathlib import Path


class KgError(Exception):
    """A user-facing failure tied to a place in an input file."""

    def __init__(self, message: str, path: Path | str | None = None, line: int = 1):
        super().__init__(message)
        self.message = message
        self.path = path
        self.line = line

    def __str__(self) -> str:
        if self.path is None:
            return f"error: {self.message}"
        return f"{self.path}:{self.line}: error: {self.message}"
