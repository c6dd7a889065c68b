"""Exit statuses and error printing shared by every command."""

from __future__ import annotations

import sys

import click

OK, SOME_FAILED, USAGE, STALE, SHACL = 0, 1, 2, 3, 4


def fail(message: str, code: int) -> None:
    """Print one line to stderr and exit with `code`."""
    click.echo(message, err=True)
    sys.exit(code)
