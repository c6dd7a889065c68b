"""N-Triples with one triple a line, sorted: rdflib writes them in its store's order."""

from __future__ import annotations

from rdflib import Graph


def sorted_lines(text: str) -> bytes:
    """The statements of a line-based format (N-Triples, N-Quads) sorted, so equal graphs give equal bytes."""
    lines = sorted({line for line in text.splitlines() if line.strip()})
    return "".join(f"{line}\n" for line in lines).encode("utf-8")


def serialize(graph: Graph) -> bytes:
    return sorted_lines(graph.serialize(format="nt", encoding="utf-8").decode("utf-8"))
