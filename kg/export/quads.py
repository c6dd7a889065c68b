"""TriG and N-Quads of the named graphs (kg.export.dataset): a store can replace one article at a time."""

from __future__ import annotations

from rdflib import Graph

from kg.export.dataset import named_triples
from kg.export.ntriples import Terms
from kg.export.turtle import HEADER, Names, grouped, statements
from kg.graph.index import GraphIndex
from kg.graph.namespaces import bind


def trig(graph: Graph | GraphIndex) -> bytes:
    """Each graph written by the (sorted) Turtle writer inside its `<name> { }`, graphs in name order.

    rdflib's own TriG writer orders graphs and subjects by its store, which changes between runs.
    """
    names = Names(bind(Graph()))  # as each graph of the dataset binds them
    blocks = [f"<{name}> {{\n{statements(grouped(part), names).strip(chr(10))}\n}}\n" for name, part in named_triples(graph).items()]
    return HEADER + (names.prefix_lines() + "\n" + "\n".join(blocks)).encode("utf-8")


def nquads(graph: Graph | GraphIndex) -> bytes:
    """One quad a line (rdflib's N-Quads terms), sorted."""
    terms = Terms()
    lines = {f"{terms[s]} {terms[p]} {terms[o]} {terms[name]} .\n"
             for name, part in named_triples(graph).items() for s, p, o in part}
    return "".join(sorted(lines)).encode("utf-8")
