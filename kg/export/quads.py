"""TriG and N-Quads of the named graphs (kg.export.dataset): a store can replace one article at a time."""

from __future__ import annotations

from rdflib import Dataset, Graph

from kg.export.dataset import named_graphs
from kg.export.ntriples import sorted_lines
from kg.export.turtle import HEADER
from kg.namespaces import bind


def dataset(graph: Graph) -> Dataset:
    """The named graphs in one rdflib Dataset, added in name order (TriG writes them in that order)."""
    result = Dataset()
    bind(result)
    for name, part in named_graphs(graph).items():
        result.graph(name).__iadd__(part)
    return result


def trig(graph: Graph) -> bytes:
    """Each graph written by the (sorted) Turtle writer inside its `<name> { }`, graphs in name order.

    rdflib's own TriG writer orders graphs and subjects by its store, which changes between runs.
    """
    prefixes, blocks = set(), []
    for name, part in named_graphs(graph).items():
        lines = part.serialize(format="turtle").splitlines()
        prefixes.update(line for line in lines if line.startswith("@prefix "))
        body = "\n".join(line for line in lines if not line.startswith("@prefix ")).strip("\n")
        blocks.append(f"<{name}> {{\n{body}\n}}\n")
    return HEADER + ("\n".join(sorted(prefixes)) + "\n\n" + "\n".join(blocks)).encode("utf-8")


def nquads(graph: Graph) -> bytes:
    return sorted_lines(dataset(graph).serialize(format="nquads", encoding="utf-8").decode("utf-8"))
