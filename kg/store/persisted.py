"""Where questions read the graph from: the Oxigraph store `kg build` persisted with its exports, opened in
milliseconds while it still matches the Turtle file asked for; else that Turtle file, parsed by rdflib.

rdflib stays the API (`kg.query`, `kg.paths` and users get an rdflib Graph), but over a persisted store the
Graph is an oxrdflib view whose SPARQL runs on Oxigraph: parsing careers.ttl with rdflib costs ~17 µs a
triple on every `kg query`, and rdflib's engine needs seconds for the heavier questions.

The store lives in the user's cache (kg.cachedir; kg.pipeline.caches deletes it when its export folder is
gone), not in the export folder people commit and publish. It records the size, mtime and inode of the
careers.ttl written with it; any other careers.ttl (edited, rebuilt elsewhere, copied) no longer matches, and
the Turtle is parsed instead.
"""

from __future__ import annotations

import json
import os
import pickle
import shutil
from functools import lru_cache
from pathlib import Path
from typing import Iterable, Iterator

import pyoxigraph as ox
from rdflib import Graph
from rdflib.graph import DATASET_DEFAULT_GRAPH_ID

from kg.cachedir import cache_folder
from kg.errors import KgError, NotFound
from kg.graph.namespaces import bind
from kg.store.labelindex import LabelIndex
from kg.store.terms import CAREER, LABELS, term, to_ox

DEFAULT_GRAPH = Path("exports") / "careers.ttl"
STAMP = "kg-stamp.json"
LAYOUT = 2  # the career graph as the union of the store's named graphs (kg.store.graphs); a store published with
# another layout (1: a default graph beside named graphs holding the same triples) no longer matches: the Turtle is read


def _once(convert):
    """`convert` remembering its answers for one pass over a graph: terms repeat, and each costs microseconds to make."""
    return lru_cache(maxsize=None)(convert)


def to_store(triples: Iterable[tuple]) -> ox.Store:
    """An in-memory Oxigraph store of rdflib triples; each distinct term is converted once."""
    ox_term = _once(to_ox)
    store = ox.Store()
    store.bulk_extend(ox.Quad(ox_term(s), ox_term(p), ox_term(o)) for s, p, o in triples)
    return store


def career_triples(store: ox.Store) -> Iterator[tuple]:
    """The career graph of `store` as rdflib triples, as careers.ttl reads back; each distinct
    term converted once (an rdflib term costs microseconds to make, and IRIs repeat across the graph)."""
    convert = _once(term)
    for quad in store.quads_for_pattern(None, None, None, CAREER):
        yield convert(quad.subject), convert(quad.predicate), convert(quad.object)


def as_graph(store: ox.Store, folder: Path | None = None) -> Graph:
    """An rdflib Graph over the career graph of `store`; its SPARQL runs on Oxigraph."""
    from kg.store.careerstore import CareerStore  # oxrdflib registers rdflib plugins on import: ~0.2 s kg build does not need

    return bind(Graph(store=CareerStore(store, folder), identifier=DATASET_DEFAULT_GRAPH_ID))


def oxigraph_of(graph: Graph) -> ox.Store | None:
    """The Oxigraph store beneath `graph`, when it has one."""
    return getattr(graph.store, "oxigraph", None)


def folder_for(turtle: Path) -> Path:
    """Where the store of the exports holding `turtle` lives: one folder per export folder."""
    return cache_folder("store", turtle.resolve().parent)


def _stamp(turtle: Path) -> dict:
    info = turtle.stat()
    return {"graph": str(turtle.resolve()), "size": info.st_size, "mtime_ns": info.st_mtime_ns, "inode": info.st_ino, "layout": LAYOUT}


def persist(master: Path, labels: LabelIndex, turtle: Path, record: ox.Store | None = None) -> bool:
    """Publish a checkpoint of the store of record at `master` (kg.store.graphs: its default graph is the career
    graph) as the store of `turtle`, just written from it, with the label index of its nodes `labels`;
    swapped in whole, so a reader sees the old store or the new one (the checkpoint hard-links the store's
    files: no copy; `record` is that store when the build has it open). A read-only cache only costs the next query its speed (and the result is False)."""
    folder = folder_for(turtle)
    temp = folder.with_name(f".{folder.name}.{os.getpid()}.tmp")
    try:
        shutil.rmtree(temp, ignore_errors=True)
        temp.parent.mkdir(parents=True, exist_ok=True)
        (record if record is not None else ox.Store(str(master))).backup(str(temp))  # dropped (closed) before the folder moves
        (temp / LABELS).write_bytes(pickle.dumps(labels.winners(), protocol=pickle.HIGHEST_PROTOCOL))
        labels.save(temp)
        (temp / STAMP).write_text(json.dumps(_stamp(turtle)), encoding="utf-8")
        old = folder.with_name(f".{folder.name}.{os.getpid()}.old")
        if folder.exists():
            os.replace(folder, old)
        os.replace(temp, folder)
        shutil.rmtree(old, ignore_errors=True)
    except OSError:
        shutil.rmtree(temp, ignore_errors=True)
        return False
    return True


def previous_labels(turtle: Path) -> LabelIndex | None:
    """The label index published with the store of `turtle`, while that store still matches the file: read
    before `turtle` is written again, it is the index of the graph before the build."""
    folder = folder_for(turtle)
    return LabelIndex.load(folder) if _matches(folder, turtle) else None


def _matches(folder: Path, turtle: Path) -> bool:
    """Whether the store at `folder` was published with `turtle` as it is now."""
    try:
        return json.loads((folder / STAMP).read_text(encoding="utf-8")) == _stamp(turtle)
    except (OSError, ValueError):
        return False


def open_store(turtle: Path) -> Graph | None:
    """The persisted store of `turtle` as a Graph, or None when there is none or it does not match the file."""
    store = previous(turtle)
    return None if store is None else as_graph(store, folder_for(turtle))


def previous(turtle: Path) -> ox.Store | None:
    """The persisted store of `turtle`, read-only, or None when there is none or it does not match the file."""
    folder = folder_for(turtle)
    if not _matches(folder, turtle):
        return None
    try:
        return ox.Store.read_only(str(folder))
    except (OSError, ValueError):
        return None


def reopen(folder: Path) -> Graph:
    """The store at `folder` again, in another process (a query worker)."""
    return as_graph(ox.Store.read_only(str(folder)), folder)


def load_graph(path: Path | str = DEFAULT_GRAPH) -> Graph:
    """The graph in the Turtle file `path` (default exports/careers.ttl), with the project prefixes bound:
    its persisted store when it matches, else the file parsed."""
    path = Path(path)
    if not path.is_file():
        raise NotFound(f"no graph at {path}; run `kg build` first or pass --graph FILE", path)
    graph = open_store(path)
    if graph is not None:
        return graph
    graph = bind(Graph())
    try:
        graph.parse(path, format="turtle")
    except Exception as error:  # rdflib raises several parser exception types; the user needs one line
        raise KgError(f"cannot read the graph: {error}".splitlines()[0], path) from error
    return graph
