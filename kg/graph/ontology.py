"""Loads the ontology and the SHACL shapes shipped in ontology/."""

from __future__ import annotations

from functools import lru_cache
from importlib import resources

from rdflib import Graph


def text(name: str) -> str:
    return resources.files("kg.ontology").joinpath(name).read_text(encoding="utf-8")


@lru_cache(maxsize=None)
def _parsed(name: str) -> Graph:
    return Graph().parse(data=text(name), format="turtle")


def ontology() -> Graph:
    """A fresh copy of the OWL ontology (callers may add to it)."""
    graph = Graph()
    for triple in _parsed("kg.ttl"):
        graph.add(triple)
    return graph


def shapes() -> Graph:
    graph = Graph()
    for triple in _parsed("shapes.ttl"):
        graph.add(triple)
    return graph
