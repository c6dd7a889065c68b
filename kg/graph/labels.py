"""Find nodes by what people call them: any skos label, any language, case and accents ignored."""

from __future__ import annotations

import difflib
from typing import Callable, Iterable

from rdflib import RDF, Graph, URIRef
from rdflib.namespace import SKOS

from kg.errors import NotFound
from kg.language.profile import fold

LABELS = (SKOS.prefLabel, SKOS.altLabel)


def by_label(graph: Graph, type_: URIRef) -> dict[str, URIRef]:
    """Folded label (and IRI) -> node, over the instances of `type_`; on a clash the smallest IRI wins."""
    return label_map(graph.subjects(RDF.type, type_), graph.objects)


def label_map(nodes: Iterable[URIRef], objects: Callable) -> dict[str, URIRef]:
    """`by_label` of `nodes`, reading their labels with `objects(node, predicate)` (a Graph's or a GraphIndex's)."""
    index: dict[str, URIRef] = {}
    for node in sorted(nodes):
        index.setdefault(str(node), node)
        for predicate in LABELS:
            for label in objects(node, predicate):
                index.setdefault(fold(str(label)), node)
    return index


def find(graph: Graph, name: str, type_: URIRef) -> URIRef | None:
    """The node of class `type_` called `name` (a label in any language, or its IRI), if any; over a persisted
    store the index kg build saved with it answers without reading every label again."""
    persisted = getattr(graph.store, "label_index", None)
    index = (persisted and persisted(type_)) or by_label(graph, type_)
    found = index.get(name.strip()) or index.get(fold(name.strip()))
    return URIRef(found) if found is not None else None


def closest(graph: Graph, name: str, type_: URIRef, n: int = 3) -> list[str]:
    """Labels of `type_` nodes that look most like `name`, for "did you mean" messages."""
    labels = sorted({label(graph, node) for node in graph.subjects(RDF.type, type_)})
    folded = {fold(item): item for item in labels}
    return [folded[match] for match in difflib.get_close_matches(fold(name), list(folded), n=n, cutoff=0.4)]


def require(graph: Graph, name: str, type_: URIRef, what: str = "role") -> URIRef:
    """The node called `name`, or a one-line KgError naming the closest labels."""
    node = find(graph, name, type_)
    if node is None:
        near = closest(graph, name, type_)
        hint = f"; closest: {', '.join(repr(n) for n in near)}" if near else ""
        raise NotFound(f"no {what} called {name!r}{hint}")
    return node


def _display_order(literal) -> tuple:
    return literal.language != "en", literal.language or "", str(literal)


def label(graph: Graph, node: URIRef) -> str:
    """A display label: the prefLabel, English first then by language code; else the IRI."""
    labels = sorted(graph.objects(node, SKOS.prefLabel), key=_display_order)
    return str(labels[0]) if labels else str(node)


def display_labels(graph: Graph) -> dict[URIRef, str]:
    """`label` of every node that has a prefLabel, from one pass over the labels (a store answers one pattern
    much faster than one per node)."""
    best: dict = {}
    for node, literal in graph.subject_objects(SKOS.prefLabel):
        if node not in best or _display_order(literal) < _display_order(best[node]):
            best[node] = literal
    return {node: str(literal) for node, literal in best.items()}
