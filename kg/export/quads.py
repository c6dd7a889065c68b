"""TriG and N-Quads of the named graphs (kg.export.dataset): a store can replace one article at a time."""

from __future__ import annotations

from rdflib import Graph
from rdflib.plugins.serializers.nquads import _nq_row

from kg.export.dataset import named_triples
from kg.export.turtle import HEADER, Names, statements
from kg.namespaces import bind


def trig(graph: Graph) -> bytes:
    """Each graph written by the (sorted) Turtle writer inside its `<name> { }`, graphs in name order.

    rdflib's own TriG writer orders graphs and subjects by its store, which changes between runs.
    """
    names = Names(bind(Graph()))  # as each graph of the dataset binds them
    blocks = [f"<{name}> {{\n{statements(part, names).strip(chr(10))}\n}}\n" for name, part in named_triples(graph).items()]
    return HEADER + (names.prefix_lines() + "\n" + "\n".join(blocks)).encode("utf-8")


def nquads(graph: Graph) -> bytes:
    """One quad a line (rdflib's N-Quads terms), sorted."""
    lines = {_nq_row(triple, name) for name, part in named_triples(graph).items() for triple in part}
    return "".join(sorted(lines)).encode("utf-8")
