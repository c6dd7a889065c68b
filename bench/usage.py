"""`--help` for the bench modules that read their arguments by hand: a module's docstring is its usage."""

from __future__ import annotations


def wanted(argv: list[str], doc: str | None, needs_arguments: bool = False) -> bool:
    """Print `doc` and say so when the command line asks for help (or lacks the arguments it needs)."""
    if {"-h", "--help"} & set(argv) or (needs_arguments and not argv):
        print((doc or "").strip())
        return True
    return False
