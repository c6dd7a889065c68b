"""Turtle that is byte-identical for the same graph and that strict parsers (rapper) read cleanly.

The layout is rdflib's (subjects by how often they are referenced then by IRI, `a` first, predicates
and objects sorted, the same prefixed names and literal forms), written by this module ~10x faster:
rdflib's serializer walks its store once per subject and per predicate, which dominates a large build.
Graphs without blank nodes only (ours have none: the ontology's are skolemised).
"""

from __future__ import annotations

from collections import Counter, defaultdict
from typing import Iterable

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF, RDFS, split_uri
from rdflib.plugins.serializers.turtle import TurtleSerializer

from kg.graph.index import GraphIndex, indexed
from kg.graph.namespaces import bind

_FIRST = (RDF.type, RDFS.label)  # rdflib's predicate order: these, then the rest sorted
HEADER = b"# Career knowledge graph built by kg from career articles. Generated file: do not edit.\n"


def serialize(graph: Graph | GraphIndex) -> bytes:
    graph = indexed(graph)
    names = Names(bind(Graph()))
    body = statements(graph.subjects, names)
    return HEADER + f"{names.prefix_lines()}{body}\n".encode("utf-8")


def grouped(triples: Iterable[tuple]) -> dict:
    """Subject -> predicate -> objects, the shape `statements` reads (a GraphIndex holds it already)."""
    by_subject: dict = defaultdict(lambda: defaultdict(list))
    for s, p, o in triples:
        by_subject[s][p].append(o)
    return by_subject


def statements(by_subject: dict, names: "Names") -> str:
    """The statements of subject -> predicate -> objects; `names` collects the prefixes they use (written before them)."""
    references = Counter(o for properties in by_subject.values() for objects in properties.values() for o in objects)
    classes = sorted(s for s, props in by_subject.items() if RDFS.Class in props.get(RDF.type, ()))
    first = set(classes)
    rest = sorted((False, references[s], s) for s in by_subject if s not in first)
    blocks = [_statement(names, subject, by_subject[subject]) for subject in classes + [s for _, _, s in rest]]
    return "".join(blocks)


def _statement(names: "Names", subject, properties: dict) -> str:
    order = [p for p in _FIRST if p in properties]
    order += sorted(p for p in properties if p not in _FIRST)
    parts = []
    for predicate in order:
        objects = sorted(properties[predicate])
        parts.append(f"{names.verb(predicate)} " + ",\n        ".join(names.label(o) for o in objects))
    return f"\n{names.label(subject)} " + " ;\n    ".join(parts) + " .\n"


class Names:
    """Terms as rdflib's Turtle serializer writes them (prefixes as bound in `graph`), each computed once."""

    def __init__(self, graph: Graph) -> None:
        self._serializer = TurtleSerializer(graph)
        self._serializer.reset()
        self._labels: dict = {}
        self._verbs: dict = {RDF.type: "a"}
        self._namespaces = {str(uri) for _, uri in graph.namespaces()}

    def _bound(self, node: URIRef) -> bool:
        """Whether rdflib could name `node` with a prefix. Asking it about every other IRI cost a build
        time quadratic in its articles: rdflib files each new namespace (one per article for the evidence
        IRIs) in a trie, inserted by a linear scan."""
        try:
            return split_uri(node)[0] in self._namespaces
        except ValueError:  # no local name to split off
            return False

    def verb(self, node) -> str:
        text = self._verbs.get(node)
        if text is None:
            text = self._verbs[node] = self._serializer.get_pname(node, True) or node.n3()
        return text

    def label(self, node) -> str:
        text = self._labels.get(node)
        if text is None:
            pname = self._serializer.get_pname
            if isinstance(node, Literal):
                if node.datatype:
                    pname(node.datatype, False)
                text = node._literal_n3(use_plain=True, qname_callback=lambda dt: pname(dt, False))
            elif isinstance(node, URIRef):
                text = (self._bound(node) and pname(node, False)) or node.n3()
            else:
                raise ValueError(f"blank node {node} in a graph written by kg's Turtle writer")
            self._labels[node] = text
        return text

    def prefix_lines(self) -> str:
        return "".join(f"@prefix {prefix}: <{uri}> .\n" for prefix, uri in sorted(self._serializer.namespaces.items()))
