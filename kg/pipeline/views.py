"""The views' Career model (kg.render.model) kept from build to build, so an edit's views read only what it touched.

Kept in a cache folder of its own (`views-*`, kg.pipeline.caches: the store's folder, where the block indexes are,
is swapped whole by every write) as one sqlite file, a row per node, article and fact (kg.render.facts), with the version of the build that made it and the stamps of the index.html made from it and of
the careers.ttl written with it (every write rewrites careers.ttl): a Career of another version, or kept by an
earlier build than the last write, is not used, and the build reads the whole Career from its index or store
instead. An edit rewrites the rows of what it touched in the file itself, inside a transaction that `keep` commits
with the new stamps: a build that stops before leaves the file as the last write kept it.
"""

from __future__ import annotations

import json
import os
import sqlite3
from pathlib import Path

import pyoxigraph as ox

from kg.cachedir import cache_folder
from kg.export.blocks import stamp
from kg.graph.index import GraphIndex, frozen_heap
from kg.pipeline.caches import VIEWS
from kg.render.facts import Table
from kg.render.model import Career, from_store, read, updated
from kg.store.change import Change

FILE, STAMPED = "career.sqlite", ("index.html", "careers.ttl")


def career(kept: Career | None, store: ox.Store, readable: GraphIndex | ox.Store, link: str, change: Change) -> Career:
    """The Career of the build's graph: `kept` (that of the graph before `change`) brought up to date from its
    `store`, else read whole from `readable` (the build's GraphIndex, or its store)."""
    with frozen_heap():
        if kept is not None:
            return updated(kept, store, change, link)
        return from_store(readable, link) if isinstance(readable, ox.Store) else read(readable, link)


def kept(out: Path, version: str, link: str) -> Career | None:
    """The Career the last write kept for the exports in `out`, if of this `version` and `link`; else None."""
    path = folder(out) / FILE
    if not path.is_file():
        return None
    table = None
    try:
        table = Table.open(path)
        meta = table.meta()
        if (meta.get("version"), meta.get("stamps"), meta.get("link")) != (version, _stamps(out), link):
            table.close()
            return None
        return Career(table.objects("node"), list(table.objects("article").values()), meta["type_labels"], table,
                      meta["layouts"])
    except (OSError, sqlite3.Error, AttributeError, ImportError, TypeError, ValueError, KeyError, EOFError):
        if table is not None:
            table.close()
        return None


def keep(out: Path, version: str, link: str, career: Career) -> None:
    """Keep `career` for the next build (after the store is persisted; a read-only cache costs it the saving, no more):
    the rows an edit rewrote in the kept file committed, or a new file in its place."""
    path = folder(out) / FILE
    meta = {"version": version, "stamps": _stamps(out), "link": link, "type_labels": career.type_labels,
            "layouts": career.layouts}
    try:
        if career.table.path == path:
            career.table.set_meta(meta)
            career.table.commit()
        else:
            path.parent.mkdir(parents=True, exist_ok=True)
            for leftover in path.parent.glob(f".{FILE}.*.tmp"):  # one build at a time: any other is a killed build's
                leftover.unlink()
            temp = path.with_name(f".{FILE}.{os.getpid()}.tmp")
            career.table.set_meta(meta)
            career.table.save(temp)
            path.with_name(f"{FILE}-journal").unlink(missing_ok=True)  # a killed edit's: it would roll back onto the new file
            os.replace(temp, path)
        (path.parent / VIEWS).write_text(json.dumps({"graph": str((out / "careers.ttl").resolve())}), encoding="utf-8")
    except (OSError, sqlite3.Error):
        pass


def folder(out: Path) -> Path:
    """The cache folder of the Career of the exports in `out`."""
    return cache_folder("views", out)


def _stamps(out: Path) -> list[tuple]:
    return [stamp(out / name) for name in STAMPED]
