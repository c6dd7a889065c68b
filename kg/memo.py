"""What a process works out from kg's own files and keeps on disk for the next one: a rules file parsed and
checked, the literals its patterns need, a lexicon's entries. Python cannot keep compiled regular expressions
across processes, but it unpickles what it would otherwise parse and analyse again in a fraction of the time,
and every `kg build` of an edit, every test process and `kg eval` starts by needing them.

An entry is named by what it holds and keyed by a digest of all it was made from (the files it read, the code of
the packages that made it, Python's version), so an edit makes a new entry and never serves a stale one. Entries
live in `compiled-<python>/` under the cache folder (kg.cachedir); a folder that cannot be written costs time, not a result.
"""

from __future__ import annotations

import hashlib
import pickle
import sys
from collections.abc import Callable, Iterable
from functools import lru_cache
from pathlib import Path
from typing import TypeVar

from kg.atomic import write_atomic
from kg.cachedir import cache_root
from kg.codedigest import add_files

FOLDER = f"compiled-{sys.implementation.cache_tag}"  # `kg cache` lists and clears it (kg.pipeline.caches)
KEEP = 4  # entries kept per name: a rules file edited back and forth, or two checkouts sharing one cache folder
CODE = ("kg.language", "kg.extract", "kg.lexicon")  # the packages whose code and data make what is kept here
MODULES = ("memo.py", "yamlfile.py")  # and kg's own modules they use to make and keep it
T = TypeVar("T")


def remembered(name: str, inputs: Iterable[str | bytes], make: Callable[[], T]) -> T:
    """`make()`, or what it returned for the same `inputs` (and the same code) in an earlier process."""
    digest = hashlib.sha256(f"{sys.version}\0{code_version()}".encode())
    for value in inputs:
        digest.update(b"\0" + (value.encode("utf-8") if isinstance(value, str) else value))
    path = cache_root() / FOLDER / f"{name}-{digest.hexdigest()[:16]}.pickle"
    try:
        value = pickle.loads(path.read_bytes())
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError, TypeError, ValueError):
        value = make()
        try:
            write_atomic(path, pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL))
            _prune(path, name)
        except OSError:
            pass
    return value


def _prune(kept: Path, name: str) -> None:
    """Keep the KEEP newest entries of `name`: each edit of a rules file would otherwise leave one behind."""
    entries = sorted(kept.parent.glob(f"{name}-*.pickle"), key=_modified, reverse=True)
    for stale in entries[KEEP:]:
        stale.unlink(missing_ok=True)


def _modified(path: Path) -> float:
    try:
        return path.stat().st_mtime
    except OSError:  # another process pruned it meanwhile
        return 0.0


@lru_cache(maxsize=1)
def code_version() -> str:
    """Digest of MODULES and of the code and data files of CODE's folders, by path and bytes (read, not imported:
    importing kg.extract to find it would cost what this module saves)."""
    digest = hashlib.sha256()
    here = Path(__file__).parent
    for module in MODULES:
        add_files(digest, module, here / module)
    for package in CODE:
        add_files(digest, package, here / package.split(".", 1)[1], (".py", ".yaml"))
    return digest.hexdigest()[:16]
