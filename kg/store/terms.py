"""Terms across rdflib and Oxigraph, both ways, and the label-index file a persisted store folder holds.

Shared by the build's loader (`persisted`, which must not import oxrdflib) and the rdflib view (`careerstore`).
"""

from __future__ import annotations

import pyoxigraph as ox
from rdflib import BNode, Literal, URIRef
from rdflib.namespace import XSD

LABELS = "labels.pickle"  # class IRI -> kg.graph.labels.by_label of its instances, for parameter lookups


def to_ox(term: URIRef | Literal) -> ox.NamedNode | ox.Literal:
    """The Oxigraph term of an rdflib IRI or literal (kg's graphs have no blank nodes)."""
    if isinstance(term, URIRef):
        return ox.NamedNode(term)
    if term.language:
        return ox.Literal(term, language=term.language)
    return ox.Literal(term, datatype=ox.NamedNode(term.datatype) if term.datatype else None)



_STRING, _DECIMAL = XSD.string.toPython(), XSD.decimal.toPython()


def term(node):
    """The rdflib term of an Oxigraph term as rdflib reads it from careers.ttl: plain strings stay plain, and
    decimals keep the ".0" the mapper writes (Oxigraph keeps the canonical value form, 45000)."""
    if node is None:
        return None
    if isinstance(node, ox.NamedNode):
        return URIRef(node.value)
    if isinstance(node, ox.BlankNode):  # kg's graphs have none, but an ad hoc query can make one (BNODE())
        return BNode(node.value)
    if node.language:
        return Literal(node.value, lang=node.language)
    datatype = node.datatype.value
    if datatype == _STRING:
        return Literal(node.value)
    if datatype == _DECIMAL and "." not in node.value:
        return Literal(f"{node.value}.0", datatype=XSD.decimal)
    return Literal(node.value, datatype=URIRef(datatype))


CAREER = None  # the graph `quads_for_pattern` reads the career graph from: every graph (kg.store.graphs keeps each of
# its triples in one named graph of the store of record; an in-memory store holds it as its default graph)


def career_query(store: ox.Store, text: str, **options):
    """`text` asked of the career graph of `store`: the union of its graphs as the query's default graph."""
    return store.query(text, use_default_graph_as_union=True, **options)
