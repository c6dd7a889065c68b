"""The reads a block writer makes of a GraphIndex (kg.graph.index), answered from an Oxigraph store.

After an edit the writers look up only the nodes it touched and their neighbours: from the build's store
(`quads_for_pattern` on its career graph, one lookup per node, cached) they need no index of the whole graph
in Python. Terms come back as rdflib reads them from careers.ttl (kg.store.terms.term).
"""

from __future__ import annotations

from functools import lru_cache, partial
from importlib import resources

import pyoxigraph as ox
from rdflib import URIRef
from rdflib.namespace import RDF

from kg.store.bindings import bind
from kg.store.terms import CAREER, career_query, term, to_ox

_TYPE = ox.NamedNode(str(RDF.type))
_EVIDENCED = resources.files("kg.store").joinpath("evidenced.rq").read_text(encoding="utf-8")


@lru_cache(maxsize=1024)
def _predicate(iri: str) -> URIRef:
    return URIRef(iri)


class StoreIndex:
    """`subjects.get(node)`, `referrers.get(node)`, `objects`, `value` and `of_type` of GraphIndex, from a store."""

    def __init__(self, store: ox.Store) -> None:
        self.store = store
        # functions of the store, not bound methods: no reference cycle, so the store closes as soon as the
        # writers let this go (a store of record left open blocks the next build of the process)
        self.subjects = _Lookup(partial(_description, store))
        self.referrers = _Lookup(partial(_referrers, store))
        self.facts: dict = {}  # node -> `evidenced(node)`

    def objects(self, subject, predicate) -> list:
        return self.subjects.get(subject, {}).get(predicate, [])

    def value(self, subject, predicate):
        objects = self.objects(subject, predicate)
        return objects[0] if objects else None

    def of_type(self, cls) -> list:
        return [term(q.subject) for q in self.store.quads_for_pattern(None, _TYPE, to_ox(cls), CAREER)]

    def evidenced(self, node) -> list[tuple]:
        """GraphIndex.evidenced, by one query: describing every evidence that points at a node was most of a splice."""
        found = self.facts.get(node)
        if found is None:
            rows = career_query(self.store, bind(_EVIDENCED, {"node": to_ox(node)}))
            found = self.facts[node] = [(_predicate(p.value), term(o)) for p, o in rows]
        return found


def _description(store: ox.Store, node) -> dict:
    properties: dict = {}
    for quad in store.quads_for_pattern(to_ox(node), None, None, CAREER):
        properties.setdefault(term(quad.predicate), []).append(term(quad.object))
    return properties


def _referrers(store: ox.Store, node) -> set:
    return {term(q.subject) for q in store.quads_for_pattern(None, None, to_ox(node), CAREER)}


class _Lookup:
    """IRI -> what the store holds about it, looked up once; like a dict, an IRI with nothing has no entry."""

    def __init__(self, find) -> None:
        self.find, self.found = find, {}

    def get(self, node, default=None):
        if not isinstance(node, URIRef):
            return default
        found = self.found.get(node)
        if found is None:
            found = self.found[node] = self.find(node)
        return found or default

    def __getitem__(self, node):
        found = self.get(node)
        if found is None:
            raise KeyError(node)
        return found

    def __contains__(self, node) -> bool:
        return self.get(node) is not None
