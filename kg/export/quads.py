"""TriG and N-Quads of the named graphs (kg.export.dataset): a store can replace one article at a time."""

from __future__ import annotations

from typing import BinaryIO

import pyoxigraph as ox
from rdflib import Graph

from kg.export.dataset import ONTOLOGY_GRAPH, named_triples, ontology_triples, store_quads
from kg.export.lines import SortedLines
from kg.export.ntriples import StoreTerms, Terms
from kg.export.turtle import LAYOUT, Names, grouped, statements
from kg.graph.index import GraphIndex


def trig(graph: Graph | GraphIndex) -> bytes:
    """Each graph written by the (sorted) Turtle writer inside its `<name> { }`, graphs in name order.

    rdflib's own TriG writer orders graphs and subjects by its store, which changes between runs.
    """
    names = Names()
    blocks = [f"<{name}> {{\n{statements(grouped(part), names).strip(chr(10))}\n}}\n" for name, part in named_triples(graph).items()]
    return LAYOUT.header + ("\n" + "\n".join(blocks)).encode("utf-8")


def nquads(graph: Graph | GraphIndex) -> bytes:
    """One quad a line (rdflib's N-Quads terms), sorted."""
    terms = Terms()
    lines = {f"{terms[s]} {terms[p]} {terms[o]} {terms[name]} .\n"
             for name, part in named_triples(graph).items() for s, p, o in part}
    return "".join(sorted(lines)).encode("utf-8")


def stream_nquads(store: ox.Store, out: BinaryIO) -> None:
    """The bytes of `nquads` for the graph in `store`, written to `out` without holding it: the article graphs
    come from the store's queries (kg.export.dataset.store_quads) and are sorted on disk (kg.export.lines)."""
    terms, lines = StoreTerms(), SortedLines()
    for name, s, p, o in store_quads(store):
        lines.add(f"{terms[s]} {terms[p]} {terms[o]} {terms[name]} .\n".encode())
    fixed = Terms()
    for s, p, o in ontology_triples():
        lines.add(f"{fixed[s]} {fixed[p]} {fixed[o]} {fixed[ONTOLOGY_GRAPH]} .\n".encode())
    lines.write(out)
