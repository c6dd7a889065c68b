"""The exports `kg build` writes as blocks (kg.export.blocks): after an edit, only the touched blocks are rendered.

Each file's block index is kept in the store's cache folder, beside the build manifest and swapped with it
(`record`, after the store is persisted); a file whose index is missing, of another version, or does not
match the file on disk is written whole, and so is every file of a build whose change is `full`. VoID is
small and written whole, but from counts kept the same way (in its index's notes) and updated by the change
(kg.export.void.updated): counting them again scans the whole store.
"""

from __future__ import annotations

from array import array
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterable

import pyoxigraph as ox

from kg.atomic import write_atomic
from kg.export import graphml, jsonld, quads, tables, turtle, void
from kg.export.blocks import BlockIndex, Layout, Render, splice, stamp, write
from kg.export.headed import near
from kg.graph.index import GraphIndex
from kg.store import persisted
from kg.store.change import Change
from kg.store.described import StoreIndex


def _subjects(render: Render, change: Change, notes: dict) -> frozenset[str]:
    return change.subjects


def _near(render: Render, change: Change, notes: dict) -> set[str]:
    return near(render.graph, change)


def _no_notes(render: Render, change: Change | None, notes: dict) -> dict:
    return {}


@dataclass(frozen=True)
class Spliced:
    """A format whose main file is written as blocks: how to list and render them, which of them a change
    touched (given the notes kept with the old file's index), the notes to keep, and its companion files."""

    filename: str
    layout: Callable[[], Layout]
    keys: Callable[[GraphIndex], list[str]]
    blocks: Callable[[GraphIndex], Render]
    changed: Callable[[Render, Change, dict], Iterable[str]] = _subjects
    notes: Callable[[Render, Change | None, dict], dict] = _no_notes
    companions: Callable[[], dict[str, bytes]] = dict


_OWN = {"changed": lambda render, change, notes: render.touched(change, notes),  # renderers that know both
        "notes": lambda render, change, notes: render.notes(change, notes)}  # (TriG's, kg.export.headed's)
FORMATS = {  # kg.export.FORMATS name -> the files of it this module writes (all of them)
    "ttl": (Spliced("careers.ttl", lambda: turtle.LAYOUT, turtle.keys, turtle.blocks),),
    "trig": (Spliced("careers.trig", lambda: quads.TRIG, quads.trig_keys, quads.TrigBlocks, **_OWN),),
    "jsonld": (Spliced("careers.jsonld", jsonld.layout, turtle.keys, jsonld.blocks,
                       companions=lambda: {jsonld.CONTEXT_FILE: jsonld.context_bytes()}),),
    "graphml": (Spliced("careers.graphml", lambda: graphml.LAYOUT, graphml.keys, graphml.Blocks, **_OWN),),
    "csv": (Spliced("roles.csv", lambda: tables.ROLES, lambda graph: tables.Roles(graph).all_keys(), tables.Roles, **_OWN),
            Spliced("facts.csv", lambda: tables.FACTS, lambda graph: tables.Facts(graph).keys(), tables.Facts, _near)),
}
FILES = tuple(fmt for files in FORMATS.values() for fmt in files)
VOID = "void.ttl"  # written whole, from counts kept with its index
WRITTEN = (*FORMATS, "void")  # kg.export.FORMATS names of what `write_changed` writes


def folder(out: Path) -> Path:
    """Where the block indexes of the exports in `out` are kept (in the store's cache folder)."""
    return persisted.folder_for(out / "careers.ttl") / "blocks"


def indexes(out: Path, version: str) -> dict[str, BlockIndex]:
    """The block indexes of the files in `out` that still match them, by file name (read before the store is swapped)."""
    found = {}
    versions = {**{fmt.filename: f"{version}:{fmt.layout().digest()}" for fmt in FILES}, VOID: f"{version}:counts"}
    for filename, kind in versions.items():
        index = BlockIndex.load(folder(out) / f"{filename}.pickle", kind, out / filename)
        if index is not None:
            found[filename] = index
    return found


def write_changed(out: Path, change: Change, graph: Callable[[], GraphIndex], store: ox.Store, version: str,
                  previous: dict[str, BlockIndex]) -> tuple[list[Path], dict[str, BlockIndex]]:
    """Write each format's files into `out`: its block file spliced from the `previous` one with the blocks
    `change` touched, or whole; the paths written, and the new block indexes. A splice reads the nodes it
    renders from `store`, the graph's (kg.store.described); `graph()` gives the index of the whole graph, asked
    for only when a file is written whole."""
    written, made = [], {}
    for fmt in FILES:
        path, layout = out / fmt.filename, fmt.layout()
        old = None if change.full else previous.get(fmt.filename)
        if old is None:
            render = fmt.blocks(graph())
            made[fmt.filename] = write(path, layout, version, fmt.keys(graph()), render)
            made[fmt.filename].notes = fmt.notes(render, None, {})
        else:
            render = fmt.blocks(StoreIndex(store))
            made[fmt.filename] = splice(path, old, layout, fmt.changed(render, change, old.notes), render)
            made[fmt.filename].notes = fmt.notes(render, change, old.notes)
        written.append(path)
        for name, data in fmt.companions().items():
            if not (out / name).is_file() or (out / name).read_bytes() != data:
                write_atomic(out / name, data)
            written.append(out / name)
    old = None if change.full else previous.get(VOID)
    counts = void.counted(store) if old is None else void.updated(old.notes["counts"], store, change)
    data = void.render(counts)
    if not (out / VOID).is_file() or (out / VOID).read_bytes() != data:
        write_atomic(out / VOID, data)
    made[VOID] = BlockIndex(f"{version}:counts", [], array("q"), array("q"), stamp(out / VOID), {"counts": counts})
    return [*written, out / VOID], made


def record(out: Path, made: dict[str, BlockIndex]) -> None:
    """Keep the block indexes of the files just written, for the next build (after the store is persisted)."""
    for filename, index in made.items():
        try:
            index.save(folder(out) / f"{filename}.pickle")
        except OSError:  # a read-only cache costs the next build its splice, not its result
            pass
