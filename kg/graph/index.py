"""The career graph read once into plain dicts, shared by every export and view of one build.

Asking the store thousands of small questions (value(), objects(), subjects()) costs far more than one
pass over graph.triples(), on rdflib's memory store as on Oxigraph behind oxrdflib. Writers take a
Graph or a GraphIndex (`indexed` turns the first into the second), so `kg build` reads its graph once for
all of them. An index is a snapshot: change the graph, index it again.
"""

from __future__ import annotations

import gc
from contextlib import contextmanager
from functools import cached_property, wraps
from typing import Callable, Iterable, Iterator, TypeVar

from rdflib import Graph, URIRef
from rdflib.namespace import RDF

from kg.graph.namespaces import KG

_frozen = 0  # depth of nested frozen_heap blocks
Writer = TypeVar("Writer", bound=Callable)


@contextmanager
def frozen_heap() -> Iterator[None]:
    """The garbage collector skips every object alive when the block starts (the graph: millions of them).

    Writers allocate many small objects, and each collection of the oldest generation walked the whole
    graph: at 1,000 articles that was most of the views' time. Cycles made inside the block are still
    collected. Re-entrant: the outermost block unfreezes.
    """
    global _frozen
    if not _frozen:
        gc.freeze()
    _frozen += 1
    try:
        yield
    finally:
        _frozen -= 1
        if not _frozen:
            gc.unfreeze()


def writer(function: Writer) -> Writer:
    """`function` run inside frozen_heap: for the entry points of the exports and views."""

    @wraps(function)
    def run(*args, **kwargs):
        with frozen_heap():
            return function(*args, **kwargs)

    return run  # type: ignore[return-value]


class GraphIndex:
    """Subject -> predicate -> objects, and what is derived from it once (instances of each class).

    Made from a Graph, or from distinct triples (kg.pipeline.build indexes what the mapper made, without a Graph)."""

    def __init__(self, triples: Graph | Iterable[tuple]) -> None:
        subjects: dict = {}
        count = 0
        for s, p, o in triples:
            count += 1
            properties = subjects.get(s)
            if properties is None:
                subjects[s] = {p: [o]}
            elif p in properties:
                properties[p].append(o)
            else:
                properties[p] = [o]
        self.subjects: dict[object, dict[object, list]] = subjects
        self.size = count

    def __len__(self) -> int:
        return self.size

    def triples(self):
        for s, properties in self.subjects.items():
            for p, objects in properties.items():
                for o in objects:
                    yield s, p, o

    def objects(self, subject, predicate) -> list:
        return self.subjects.get(subject, {}).get(predicate, [])

    def value(self, subject, predicate):
        """One object of (subject, predicate), None if there is none; meant for single-valued properties."""
        objects = self.subjects.get(subject, {}).get(predicate)
        return objects[0] if objects else None

    @cached_property
    def instances(self) -> dict[object, list]:
        """Class -> its instances (subjects typed with it)."""
        found: dict = {}
        for s, properties in self.subjects.items():
            for cls in properties.get(RDF.type, ()):
                found.setdefault(cls, []).append(s)
        return found

    @cached_property
    def referrers(self) -> dict[object, set]:
        """IRI -> the subjects of the triples pointing at it: what an edit of it may show on (kg.render.roles)."""
        found: dict = {}
        for s, properties in self.subjects.items():
            for objects in properties.values():
                for o in objects:
                    if isinstance(o, URIRef):
                        found.setdefault(o, set()).add(s)
        return found

    def of_type(self, cls) -> list:
        return self.instances.get(cls, [])

    def evidenced(self, node) -> list[tuple]:
        """(predicate, object) of each evidence about `node` (its rdf:subject): the facts said of it, one per evidence."""
        found = []
        for evidence in self.referrers.get(node, ()):
            properties = self.subjects[evidence]
            if node in properties.get(_SUBJECT, ()) and _EVIDENCE in properties.get(_TYPE, ()):
                found.append((properties.get(_PREDICATE, (None,))[0], properties.get(_OBJECT, (None,))[0]))
        return found


# Made once: an rdflib namespace makes a new term on every attribute read.
_TYPE, _SUBJECT, _PREDICATE, _OBJECT, _EVIDENCE = RDF.type, RDF.subject, RDF.predicate, RDF.object, KG.Evidence


@writer
def indexed(graph: Graph | GraphIndex) -> GraphIndex:
    return graph if isinstance(graph, GraphIndex) else GraphIndex(graph)
