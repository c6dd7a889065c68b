"""The views' Career model (kg.render.model) kept from build to build, so an edit's views read only what it touched.

Kept beside the block indexes (kg.pipeline.spliced), with the version of the build that made it and the stamps of
the index.html made from it and of the careers.ttl written with it (every write rewrites careers.ttl): a Career of
another version, or kept by an earlier build than the last write, is not used, and the build reads the whole
Career from its index or store instead.
"""

from __future__ import annotations

import gc
import pickle
from pathlib import Path

import pyoxigraph as ox

from kg.atomic import write_atomic
from kg.export.blocks import stamp
from kg.graph.index import GraphIndex, frozen_heap
from kg.pipeline.spliced import folder
from kg.render.model import Career, from_store, read, updated
from kg.store.change import Change

FILE, STAMPED = "career.pickle", ("index.html", "careers.ttl")


def career(kept: Career | None, store: ox.Store, readable: GraphIndex | ox.Store, link: str, change: Change) -> Career:
    """The Career of the build's graph: `kept` (that of the graph before `change`) brought up to date from its
    `store`, else read whole from `readable` (the build's GraphIndex, or its store)."""
    with frozen_heap():
        if kept is not None:
            return updated(kept, store, change, link)
        return from_store(readable, link) if isinstance(readable, ox.Store) else read(readable, link)


def kept(out: Path, version: str, link: str) -> Career | None:
    """The Career the last write kept for the exports in `out`, if of this `version` and `link`; else None."""
    try:
        data = (folder(out) / FILE).read_bytes()
        enabled = gc.isenabled()
        gc.disable()  # hundreds of thousands of objects: the collector would walk them again and again
        try:
            saved = pickle.loads(data)
        finally:
            if enabled:
                gc.enable()
        found = saved["career"]
        if saved["version"] != version or saved["stamps"] != _stamps(out) or saved["link"] != link:
            return None
        return found
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError, TypeError, ValueError, KeyError):
        return None


def keep(out: Path, version: str, link: str, career: Career) -> None:
    """Keep `career` for the next build (after the store is persisted; a read-only cache costs it the saving, no more)."""
    try:
        data = pickle.dumps({"version": version, "stamps": _stamps(out), "link": link, "career": career},
                            protocol=pickle.HIGHEST_PROTOCOL)
        write_atomic(folder(out) / FILE, data)
    except OSError:
        pass


def _stamps(out: Path) -> list[tuple]:
    return [stamp(out / name) for name in STAMPED]
