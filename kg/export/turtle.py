"""Turtle that is byte-identical for the same graph and that strict parsers (rapper) read cleanly."""

from __future__ import annotations

from rdflib import Graph

HEADER = b"# Career knowledge graph built by kg from career articles. Generated file: do not edit.\n"


def serialize(graph: Graph) -> bytes:
    """rdflib's Turtle writer sorts subjects and predicates; with no blank nodes the output is stable."""
    return HEADER + graph.serialize(format="turtle", encoding="utf-8")
