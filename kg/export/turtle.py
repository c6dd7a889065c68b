"""Turtle that is byte-identical for the same graph and that strict parsers (rapper) read cleanly.

The terms are written as rdflib writes them (`a` first, predicates and objects sorted, the same prefixed names
and literal forms), ~10x faster: rdflib's serializer walks its store once per subject and per predicate. Unlike
rdflib, subjects come in IRI order and every project prefix is declared, used or not: each subject's block
then depends on its own triples alone, so an edit rewrites only the blocks of the subjects it touched
(kg.export.blocks). Graphs without blank nodes only (ours have none: the ontology's are skolemised).
"""

from __future__ import annotations

import io
from collections import defaultdict
from typing import Callable, Iterable

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF, RDFS, split_uri
from rdflib.plugins.serializers.turtle import TurtleSerializer

from kg.export.blocks import Layout, Render, write_to
from kg.graph.index import GraphIndex, indexed
from kg.graph.namespaces import PREFIXES, bind

_FIRST = (RDF.type, RDFS.label)  # rdflib's predicate order: these, then the rest sorted
_FIRSTS = frozenset(_FIRST)  # for `in`: a tuple compares with rdflib's Python __eq__, a million calls at 1,000 articles
HEADER = b"# Career knowledge graph built by kg from career articles. Generated file: do not edit.\n"


LAYOUT = Layout(HEADER + "".join(f"@prefix {prefix}: <{uri}> .\n" for prefix, uri in sorted(PREFIXES.items())).encode(), b"\n")


def serialize(graph: Graph | GraphIndex) -> bytes:
    graph = indexed(graph)
    out = io.BytesIO()
    write_to(out, LAYOUT, "ttl", keys(graph), blocks(graph))
    return out.getvalue()


def keys(graph: GraphIndex) -> list[str]:
    """The blocks' keys in file order: the subjects' IRIs, sorted."""
    return sorted(map(str, graph.subjects))


def blocks(graph: GraphIndex) -> Render:
    """IRI -> its subject's block in `graph` (None when it is no subject there)."""
    names = Names()

    def render(key: str) -> bytes | None:
        subject = URIRef(key)
        properties = graph.subjects.get(subject)
        return statement(names, subject, properties).encode("utf-8") if properties else None

    return render


def grouped(triples: Iterable[tuple]) -> dict:
    """Subject -> predicate -> objects, the shape `statements` reads (a GraphIndex holds it already)."""
    by_subject: dict = defaultdict(lambda: defaultdict(list))
    for s, p, o in triples:
        by_subject[s][p].append(o)
    return by_subject


def statements(by_subject: dict, names: "Names", render: Callable[[object, dict], str] | None = None) -> str:
    """The statements of subject -> predicate -> objects, subjects in IRI order; `render(subject, properties)`
    makes one (by default `statement`: a caller may hand back one it made before for the same triples)."""
    render = render or (lambda subject, properties: statement(names, subject, properties))
    return "".join(render(subject, by_subject[subject]) for subject in sorted(by_subject, key=str))


def statement(names: "Names", subject, properties: dict) -> str:
    """One subject's statement: `a` and rdfs:label first, then the predicates in IRI order, objects sorted."""
    order = [p for p in _FIRST if p in properties]
    order += sorted((p for p in properties if p not in _FIRSTS), key=str)  # IRIs: rdflib's order, without its Python __lt__
    parts = []
    for predicate in order:
        objects = _sorted(properties[predicate])
        parts.append(f"{names.verb(predicate)} " + ",\n        ".join(names.label(o) for o in objects))
    return f"\n{names.label(subject)} " + " ;\n    ".join(parts) + " .\n"


def _sorted(objects: list) -> list:
    """`sorted(objects)` as rdflib orders terms: IRIs alone compare as strings, in C rather than rdflib's `__lt__`."""
    if len(objects) < 2:
        return objects
    if all(type(o) is URIRef for o in objects):
        return sorted(objects, key=str)
    return sorted(objects)


class Names:
    """Terms as rdflib's Turtle serializer writes them with the project prefixes (and no other), each computed once."""

    def __init__(self) -> None:
        self._serializer = TurtleSerializer(bind(Graph()))
        self._serializer.reset()
        self._labels: dict = {}
        self._verbs: dict = {RDF.type: "a"}
        self._namespaces = {str(uri) for uri in PREFIXES.values()}

    def _bound(self, node: URIRef) -> bool:
        """Whether rdflib could name `node` with a prefix. Asking it about every other IRI cost a build
        time quadratic in its articles: rdflib files each new namespace (one per article for the evidence
        IRIs) in a trie, inserted by a linear scan."""
        try:
            return split_uri(node)[0] in self._namespaces
        except ValueError:  # no local name to split off
            return False

    def _pname(self, node) -> str | None:
        return self._bound(node) and self._serializer.get_pname(node, False) or None

    def verb(self, node) -> str:
        text = self._verbs.get(node)
        if text is None:
            text = self._verbs[node] = self._pname(node) or node.n3()
        return text

    def label(self, node) -> str:
        text = self._labels.get(node)
        if text is None:
            if isinstance(node, Literal):
                text = node._literal_n3(use_plain=True, qname_callback=self._pname)
            elif isinstance(node, URIRef):
                text = self._pname(node) or node.n3()
            else:
                raise ValueError(f"blank node {node} in a graph written by kg's Turtle writer")
            self._labels[node] = text
        return text
