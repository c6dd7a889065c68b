"""One build at a time per export folder: `kg build` holds an flock on `<out>/.kg-build.lock` while it runs.

Two builds writing one folder leave a mix of both builds' files, and a persisted store stamped with the other
build's careers.ttl. The lock lives beside the exports it guards, so every process writing there sees it,
whatever its cache folder, and the kernel releases it when the holder exits, even when killed.

A second build fails at once rather than waiting: a build takes minutes at scale, a silent wait looks like a
hang, and a second build started meanwhile (an editor's save hook, a CI job) usually has nothing to add to the
first; its author runs it again when the first has finished. `kg build --check` takes the lock shared: checks
run side by side, never while a build writes.
"""

from __future__ import annotations

import fcntl
import os
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

from kg.errors import Busy, KgError

LOCK = ".kg-build.lock"


@contextmanager
def building(out: Path | str, check: bool = False) -> Iterator[None]:
    """Hold the export folder `out` for a build (exclusive), or for a check (shared; a folder that no build has
    locked yet is left untouched: a check writes nothing)."""
    path = Path(out) / LOCK
    try:
        if check:
            fd = os.open(path, os.O_RDONLY) if path.is_file() else None
        else:
            path.parent.mkdir(parents=True, exist_ok=True)
            fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    except OSError as error:
        raise KgError(f"cannot write to {path.parent}: {error.strerror}") from None
    try:
        if fd is not None:
            fcntl.flock(fd, (fcntl.LOCK_SH if check else fcntl.LOCK_EX) | fcntl.LOCK_NB)
    except OSError as error:
        os.close(fd)
        if isinstance(error, BlockingIOError):
            raise Busy(f"another kg build is writing {path.parent} (it holds {path}); run this one when it has finished") from None
        raise KgError(f"cannot lock {path}: {error.strerror}") from None
    try:
        yield
    finally:
        if fd is not None:
            os.close(fd)  # releases the lock
