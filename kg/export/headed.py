"""Block files whose head names what their blocks use (GraphML's attribute keys, roles.csv's label columns).

The head is the block of key HEAD, first in key order, rendered on every write from the names each block uses;
the block index keeps those names in its notes (key -> names), so a splice knows the whole file's names from
the blocks it renders and the notes of the others, without reading the rest of the graph. When an edit changes
the set of names, every block is rendered (a block may show a cell per name, as roles.csv's rows do).
"""

from __future__ import annotations

import sys
from typing import Iterable

from rdflib import URIRef

from kg.graph.index import GraphIndex
from kg.store.change import Change

HEAD = ""  # sorts before every IRI


def near(graph: GraphIndex, change: Change) -> set[str]:
    """The IRIs whose row or node `change` may alter: those it touched as subjects or objects, and those one link
    from a subject it touched, either way (an evidence about it, a node linking to it, a role of its article;
    what an evidence it touched is about)."""
    found = set(change.subjects) | set(change.objects)
    for iri in change.subjects:
        node = URIRef(iri)
        found.update(str(s) for s in graph.referrers.get(node, ()))
        found.update(str(o) for objects in graph.subjects.get(node, {}).values() for o in objects if isinstance(o, URIRef))
    return found


class Headed:
    """A block renderer (kg.export.blocks.Render) whose HEAD block lists the names the others use.

    A subclass gives `keys()` (the blocks' keys, HEAD excluded, sorted), `uses(key)` (the names its block uses,
    None when the key has no block), `head(names)` and `body(key, names)`."""

    def __init__(self, graph: GraphIndex) -> None:
        self.graph = graph
        self.used: dict[str, tuple[str, ...]] | None = None  # key -> names: every block's, once known
        self._names: set[str] | None = None  # their union

    def keys(self) -> list[str]:
        raise NotImplementedError

    def uses(self, key: str) -> tuple[str, ...] | None:
        raise NotImplementedError

    def head(self, names: set[str]) -> bytes:
        raise NotImplementedError

    def body(self, key: str, names: set[str]) -> bytes | None:
        raise NotImplementedError

    def all_keys(self) -> list[str]:
        return [HEAD, *self.keys()]

    def __call__(self, key: str) -> bytes | None:
        return self.head(self.names) if key == HEAD else self.body(key, self.names)

    @property
    def names(self) -> set[str]:
        if self.used is None:
            self.used = self._uses(self.keys())
        if self._names is None:
            self._names = self._union(self.used.values())
        return self._names

    def touched(self, change: Change, notes: dict) -> Iterable[str]:
        """The keys to render after `change`, given the `notes` of the file before it: HEAD, the keys near the
        change, or every key when the set of names changed."""
        keys = near(self.graph, change)
        self.used, self._names = {k: v for k, v in notes.items() if k not in keys} | self._uses(keys), None
        if self._union(notes.values()) != self.names:
            return {HEAD} | keys | set(notes)  # every block: the old ones, and any new one is near the change
        return {HEAD} | keys

    def notes(self, change: Change | None, notes: dict) -> dict:
        """Every block's names: the notes the next splice starts from."""
        return self.used if self.used is not None else self._uses(self.keys())

    def _uses(self, keys: Iterable[str]) -> dict[str, tuple[str, ...]]:
        found = {}
        for key in keys:
            names = self.uses(key)
            if names is not None:
                found[key] = tuple(sys.intern(n) for n in names)
        return found

    @staticmethod
    def _union(groups: Iterable[tuple[str, ...]]) -> set[str]:
        return set().union(*groups)
