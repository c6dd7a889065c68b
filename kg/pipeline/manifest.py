"""The build manifest: what an export folder was built from, so a build with nothing new to do returns at once.

A build digests everything it reads before it reads it (each article's cache key, curation.yaml, the options,
every file of the kg package and the ontology: code, rules, lexicons, models, templates; the Python and the
distributions installed) and `write` records that digest, last, beside the persisted store, with the size,
mtime and inode of every file it wrote. A later build whose digest is the same and whose export files are
still the ones recorded has nothing to write: it says so without extracting, resolving or validating anything.
Any change, even to one export file (a killed build that replaced some of them, an edit by hand, a checkout),
fails the match and the build runs in full.

The digest is taken before reading so that an article edited while a build runs is seen as new by the next one.
The module imports nothing of the pipeline's stages: the check costs file reads and hashing, not imports.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import sys
import time
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path

from kg.atomic import write_atomic
from kg.cachedir import cache_folder
from kg.codedigest import add_files

FILE = "kg-manifest.json"
RACY_NS = 2_000_000_000  # an article stamp younger than this when recorded is not trusted (see `inputs`)
CURATION = "curation.yaml"  # kg.resolve.curation.FILENAME (imported there with the stage; the check must stay light)
USED = {"articles": "kg-origin.json", "store": "kg-stamp.json", "graphs": "kg-graphs.json", "views": "views.json"}
# kg.pipeline.cache.ORIGIN, kg.store.persisted.STAMP, kg.store.graphs.STAMP, kg.pipeline.caches.VIEWS: idem
_PACKAGES = ("kg", "kg.ontology")


def article_key(path: Path, root: Path) -> str:
    """The key of an article's cache entry: its path under `root` and its bytes."""
    return hashlib.sha256(relative_name(path, root).encode("utf-8") + b"\0" + path.read_bytes()).hexdigest()


def relative_name(path: Path, root: Path) -> str:
    """An article's name: its path under `root`, with forward slashes."""
    text, base = str(path), str(root) + os.sep
    if text.startswith(base):  # pathlib's relative_to took a third of a check of 10,000 articles
        return text[len(base):].replace(os.sep, "/")
    return path.relative_to(root).as_posix() if path.is_relative_to(root) else path.name


@lru_cache(maxsize=1)
def code_version() -> str:
    """Digest of every file kg runs or reads (code, rules, lexicons, models, ontology, templates, queries)."""
    digest = hashlib.sha256()
    for package in _PACKAGES:
        add_files(digest, package, Path(str(resources.files(package))))
    return digest.hexdigest()


def environment() -> list[str]:
    """Python's version and every installed distribution with its version (the names of the `*.dist-info`
    folders on sys.path): a new rdflib can change the bytes of an export. Listing folders costs milliseconds,
    importlib.metadata half a second."""
    found = [sys.version]
    for folder in sys.path:
        with contextlib.suppress(OSError):
            found += sorted(name for name in os.listdir(folder or ".") if name.endswith(".dist-info"))
    return found


def options(strict: bool = False, curate: bool = True, min_confidence: float = 0.0) -> dict:
    """The options of kg.build that change what it makes."""
    return {"strict": strict, "curate": curate, "min_confidence": min_confidence}


@dataclass(frozen=True)
class Inputs:
    """The digest of what a build reads, and the articles' stamps (size, mtime, inode) with their keys: the next
    check hashes only the articles whose stamp changed, as git's index does."""

    digest: str
    articles: dict[str, list]
    context: str = ""  # the digest of all but the articles and curation: a build of another context shares no output
    keys: dict[str, str] = field(default_factory=dict)  # every article's key by its name (an edit compares them)


def inputs(paths: list[Path], root: Path, options: dict, known: dict | None = None) -> Inputs | None:
    """What a build of the articles `paths` under `root` reads; None when an article cannot be read (the build
    reports it, and a build with a failing article is never taken as done). An article whose stamp is in `known`
    is taken to have the key recorded with it; one changed less than RACY_NS before now is not recorded (it may
    change again within the file system's clock tick, keeping its stamp)."""
    known = known or {}
    articles, keys, now = {}, {}, time.time_ns()
    try:
        digest = _context(root, options)
        for path in paths:
            stamp, name = _stamp(path), relative_name(path, root)
            seen = known.get(name)
            key = keys[name] = seen[3] if seen and seen[:3] == stamp else article_key(path, root)
            digest.update(key.encode() + b"\n")
            if now - stamp[1] > RACY_NS:
                articles[name] = [*stamp, key]
    except OSError:
        return None
    return Inputs(digest.hexdigest(), articles, _settings(root, options).hexdigest(), keys)


def context(root: Path, options: dict) -> str:
    """Digest of what a build reads besides the articles (code, environment, curation.yaml, options): what every
    article's part of the graph depends on beside its own bytes (kg.store.graphs). Empty when unreadable."""
    try:
        return _context(root, options).hexdigest()
    except OSError:
        return ""


def _settings(root: Path, options: dict):
    """Digest of the code, environment, source folder and options: a build of other settings shares no output."""
    return hashlib.sha256(json.dumps({"code": code_version(), "environment": environment(), "root": str(root.resolve()), **options},
                                     sort_keys=True).encode())


def _context(root: Path, options: dict):
    digest = _settings(root, options)
    curation = root / CURATION
    digest.update(b"curation\0" + (curation.read_bytes() if curation.is_file() else b"-"))
    return digest


def _used(out: Path, root: Path) -> None:
    """A build with nothing new still used its caches: mark them so, or the size cap (kg.pipeline.caches), which
    deletes the least recently used first, would take them before those of folders nobody builds any more."""
    for path in (cache_folder("articles", root) / USED["articles"], _file(out).parent / USED["store"],
                 cache_folder("graphs", out) / USED["graphs"], cache_folder("views", out) / USED["views"]):
        with contextlib.suppress(OSError):
            os.utime(path)


def _stamp(path: Path | str) -> list[int]:
    info = os.stat(path)
    return [info.st_size, info.st_mtime_ns, info.st_ino]


def _file(out: Path) -> Path:
    return cache_folder("store", out) / FILE  # the store's folder (kg.store.persisted.folder_for): swapped with it


@dataclass(frozen=True)
class Manifest:
    """What the last build that wrote an export folder printed: its problems, one line each, and its summary."""

    summary: str
    errors: list[str]
    warnings: list[str]


def record(out: Path, built: Inputs, written: list[Path], manifest: Manifest) -> None:
    """Record that the files `written` into `out` are the build of `built` (call it when they all are)."""
    files = {path.relative_to(out).as_posix(): _stamp(path) for path in written}
    data = {"inputs": built.digest, "context": built.context, "articles": built.articles, "files": files,
            "summary": manifest.summary, "errors": manifest.errors, "warnings": manifest.warnings}
    try:
        write_atomic(_file(out), json.dumps(data, sort_keys=True).encode("utf-8"))
    except OSError:  # a read-only cache only costs the next build its shortcut
        pass


def intact(out: Path, now: Inputs | None) -> bool:
    """Whether `out` holds what the last build recorded there, every file as it left it, and that build had the
    context of `now` (code, environment, source folder, options): a build may then rewrite only what changed."""
    try:
        data = json.loads(_file(out).read_text(encoding="utf-8"))
        return now is not None and data["context"] == now.context and _as_left(out, data)
    except (OSError, ValueError, KeyError, TypeError):
        return False


def _as_left(out: Path, data: dict) -> bool:
    """Whether every file the manifest `data` records in `out` is still as the build left it."""
    folder = f"{out}{os.sep}"  # strings, not Paths: 20,000 Path objects cost more than their stat calls
    return all(_stamp(f"{folder}{name}") == stamp for name, stamp in data["files"].items())


def stamps(out: Path | None) -> dict:
    """The articles' stamps and keys the last build that wrote `out` recorded (empty when none): `inputs` then
    hashes only the articles whose stamp changed since, as the no-change check (`done`) does."""
    try:
        return json.loads(_file(out).read_text(encoding="utf-8"))["articles"] if out is not None else {}
    except (OSError, ValueError, KeyError, TypeError):
        return {}


def forget(out: Path) -> None:
    """Drop the record of `out`: its files are about to change."""
    _file(out).unlink(missing_ok=True)


def done(out: Path, paths: list[Path], root: Path, options: dict) -> Manifest | None:
    """The last build's manifest when it was the build of the articles `paths` under `root` as they are now, with
    the same `options`, and every file it wrote is still as it left it; else None."""
    try:
        data = json.loads(_file(out).read_text(encoding="utf-8"))
        now = inputs(paths, root, options, data["articles"])
        if now is None or data["inputs"] != now.digest or not _as_left(out, data):
            return None
        _used(out, root)
        return Manifest(data["summary"], data["errors"], data["warnings"])
    except (OSError, ValueError, KeyError, TypeError):
        return None
