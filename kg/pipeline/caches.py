"""The caches kg keeps in the user's cache folder: which folder each serves, how big, and keeping them tidy.

Four kinds with one cache folder per folder served (kg.cachedir): `articles-*`, what the articles of a source folder
extracted to (kg.pipeline.cache), `store-*`, the Oxigraph store of an export folder readers open
(kg.store.persisted), `graphs-*`, the store of record it is published from, updated in place (kg.store.graphs), and
`views-*`, the views' model of its exports, updated in place too (kg.pipeline.views);
and a fourth that serves no folder, `compiled-*`: the rules, lexicons and models a process would otherwise parse (kg.memo).
Each records the folder it serves and is re-stamped by every build that uses it, so:
- a build deletes the caches of folders that are gone (temp corpora, benchmarks, renamed projects), as the
  article cache forgets articles that are gone;
- when all caches together pass KG_CACHE_MAX_MB, a build that writes deletes the least recently used ones (built, or found up to date),
  entry by entry (an article, a whole store), until they fit; never its own, which it would rebuild at once.
`kg cache info` and `kg cache clear` read the same table.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import stat
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from kg.cachedir import cache_root
from kg.errors import KgError
from kg.pipeline.cache import ORIGIN
from kg.store.graphs import STAMP as GRAPHS
from kg.store.persisted import STAMP

VIEWS = "views.json"  # the stamp of a `views-*` cache: the views' Career kept for an export folder (kg.pipeline.views)
DEFAULT_MAX_MB = 2048  # a 10,000-article corpus takes a few hundred MB (its articles and its store): room for several


def _recorded(file: Path, key: str) -> Path | None:
    try:
        return Path(json.loads(file.read_text(encoding="utf-8"))[key])
    except (OSError, ValueError, KeyError, TypeError):
        return None


def _source_of(cache: Path) -> Path | None:
    return _recorded(cache / ORIGIN, "folder")


def _exports_of(stamp: str) -> Callable[[Path], Path | None]:
    def exports(cache: Path) -> Path | None:
        turtle = _recorded(cache / stamp, "graph")
        return turtle.parent if turtle else None

    return exports


@dataclass(frozen=True)
class Kind:
    """A kind of cache: the prefix of its folders, and how to read what one serves and holds."""

    prefix: str
    stamp: str  # the file every build using the cache rewrites: what it serves, and when it was last used
    serves: Callable[[Path], Path | None]  # the folder served, from the stamp; None when unknown
    entries: Callable[[Path, set[tuple[int, int]]], list[tuple[float, int, Path]]]  # what can be deleted one at a
    # time: (modified, bytes, path), the bytes of files whose (device, inode) is not in the set, which it adds them to


def _whole(cache: Path, seen: set[tuple[int, int]]) -> list[tuple[float, int, Path]]:
    """The folder as one entry."""
    return [(_modified(cache), _bytes(cache, seen), cache)]


def _pickles(cache: Path, seen: set[tuple[int, int]]) -> list[tuple[float, int, Path]]:
    """Each pickle in the folder an entry, by one listing with a stat a file (10,000 entries for a corpus of 10,000
    articles: a Path's glob, is_dir and two stats each cost four times as much, at every build's cap)."""
    found = []
    try:
        with os.scandir(cache) as listing:
            for entry in listing:
                if entry.name.endswith(".pickle"):
                    try:
                        info = entry.stat(follow_symlinks=True)
                    except OSError:  # deleted meanwhile (another build's prune)
                        continue
                    if not stat.S_ISREG(info.st_mode):
                        continue
                    counted = (info.st_dev, info.st_ino) not in seen
                    seen.add((info.st_dev, info.st_ino))
                    found.append((info.st_mtime, info.st_size if counted else 0, cache / entry.name))
    except OSError:
        return []
    return found


KINDS = (
    Kind("articles", ORIGIN, _source_of, _pickles),
    Kind("store", STAMP, _exports_of(STAMP), _whole),
    Kind("graphs", GRAPHS, _exports_of(GRAPHS), _whole),
    Kind("views", VIEWS, _exports_of(VIEWS), _whole),
    Kind("compiled", "", lambda cache: None, _pickles),  # kg.memo: rules, lexicons, models
)
_LEFTOVER = re.compile(rf"\.(?:{'|'.join(k.prefix for k in KINDS)})-.+\.(\d+)\.(?:tmp|old)")  # a store being swapped in


@dataclass
class Cache:
    """One cache folder, as found on disk."""

    kind: str
    folder: Path
    serves: Path | None
    entries: list[tuple[float, int, Path]]  # (modified, bytes, path), oldest first
    used: float  # when a build last used it

    @property
    def size(self) -> int:
        return sum(size for _, size, _ in self.entries)

    @property
    def gone(self) -> bool:
        """The folder it served no longer exists."""
        return _gone(self.serves)


def _gone(serves: Path | None) -> bool:
    return serves is not None and not serves.is_dir()


def caches(only: Callable[[Kind, Path], bool] = lambda kind, folder: True) -> list[Cache]:
    """Every kg cache under the cache folder (those `only` takes), least recently used first; the others' entries
    are not stat'ed: a build that only looks for caches of folders gone sizes none of 10,000 article entries."""
    found = []
    root = cache_root()
    seen: set[tuple[int, int]] = set()  # a store's checkpoint hard-links the store of record's files: count them once
    for kind in KINDS:
        for folder in root.glob(f"{kind.prefix}-*") if root.is_dir() else ():
            if not folder.is_dir() or not only(kind, folder):
                continue
            entries = sorted(kind.entries(folder, seen))
            stamp = folder / kind.stamp
            found.append(Cache(kind.prefix, folder, kind.serves(folder), entries, _modified(stamp if stamp.is_file() else folder)))
    return sorted(found, key=lambda cache: (cache.used, str(cache.folder)))


def max_bytes() -> int:
    """The cap on all caches together: KG_CACHE_MAX_MB megabytes, DEFAULT_MAX_MB without it."""
    value = os.environ.get("KG_CACHE_MAX_MB", "").strip()
    try:
        megabytes = float(value) if value else DEFAULT_MAX_MB
    except ValueError:
        megabytes = -1
    if megabytes < 0:
        raise KgError(f"KG_CACHE_MAX_MB must be a number of megabytes, got {value!r}")
    return int(megabytes * 1_000_000)


def delete(cache: Cache) -> None:
    shutil.rmtree(cache.folder, ignore_errors=True)


def forget_gone() -> list[Cache]:
    """Delete the caches of folders that are gone, and what a killed build left half-made; return the caches."""
    gone = caches(lambda kind, folder: _gone(kind.serves(folder)))
    for cache in gone:
        delete(cache)
    for leftover in cache_root().glob(".*") if cache_root().is_dir() else ():
        match = _LEFTOVER.fullmatch(leftover.name)
        if match and not _running(int(match.group(1))):
            shutil.rmtree(leftover, ignore_errors=True)
    return gone


def cap(keep: set[Path], limit: int | None = None) -> int:
    """Delete entries of the least recently used caches, oldest first, until all fit in `limit` bytes
    (max_bytes()); the caches in `keep` are left whole. Returns the bytes freed."""
    found = caches()
    over = sum(cache.size for cache in found) - (max_bytes() if limit is None else limit)
    freed = 0
    for cache, (_, size, path) in [(c, entry) for c in found if c.folder not in keep for entry in c.entries]:
        if freed >= over:
            break
        if path == cache.entries[-1][2]:  # its last entry: no folder left behind
            delete(cache)
        else:
            path.unlink(missing_ok=True)
        freed += size
    return freed


def _stat(path: Path) -> os.stat_result | None:
    try:
        return path.stat()
    except OSError:  # deleted meanwhile (another build's prune)
        return None


def _modified(path: Path) -> float:
    found = _stat(path)
    return found.st_mtime if found else 0.0


def _bytes(path: Path, seen: set[tuple[int, int]]) -> int:
    """The bytes of the files under `path` not in `seen` (device, inode), which it adds them to."""
    files = [Path(top) / name for top, _, names in os.walk(path) for name in names] if path.is_dir() else [path]
    total = 0
    for found in filter(None, map(_stat, files)):
        if (found.st_dev, found.st_ino) not in seen:
            seen.add((found.st_dev, found.st_ino))
            total += found.st_size
    return total


def _running(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # someone else's process
        return True
    return True
