"""A progress bar for long work on a terminal; silent when output is piped or the work is quick."""

from __future__ import annotations

import sys
import time
from contextlib import contextmanager

from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

DELAY = 1.0  # seconds before a bar appears: short builds print nothing extra


@contextmanager
def progress_bar(label: str, quiet: bool = False):
    """Yield a `tick(done, total)` callback that drives a rich bar on stderr once work passes DELAY."""
    if quiet or not sys.stderr.isatty():
        yield lambda done, total: None
        return
    started = time.monotonic()
    progress = Progress(TextColumn(label), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn(), transient=True)
    state = {"task": None}

    def tick(done: int, total: int) -> None:
        if state["task"] is None:
            if time.monotonic() - started < DELAY:
                return
            progress.start()
            state["task"] = progress.add_task(label, total=total)
        progress.update(state["task"], completed=done, total=total)

    try:
        yield tick
    finally:
        if state["task"] is not None:
            progress.stop()
