"""TriG and N-Quads of the named graphs (kg.export.dataset): a store can replace one article at a time, and
after an edit TriG is spliced (kg.export.blocks): only the graphs the edit touched are written anew."""

from __future__ import annotations

import io
from typing import BinaryIO

import pyoxigraph as ox
from rdflib import Graph, URIRef

from kg.export.blocks import Layout, write_to
from kg.export.dataset import ONTOLOGY_GRAPH, ArticleGraphs, article_graph_iri, named_triples, ontology_triples, store_quads
from kg.export.lines import SortedLines
from kg.export.ntriples import StoreTerms, Terms
from kg.export.turtle import LAYOUT, Names, grouped, statement, statements
from kg.graph.index import GraphIndex, indexed
from kg.graph.namespaces import KG
from kg.store.change import Change

TRIG = Layout(LAYOUT.header + b"\n", b"", b"\n")  # a block per graph: `<name> { ... }`


def trig(graph: Graph | GraphIndex) -> bytes:
    """Each graph written by the (sorted) Turtle writer inside its `<name> { }`, graphs in name order.

    rdflib's own TriG writer orders graphs and subjects by its store, which changes between runs.
    """
    graph = indexed(graph)
    out = io.BytesIO()
    write_to(out, TRIG, "trig", trig_keys(graph), TrigBlocks(graph))
    return out.getvalue()


def _articles(graph: GraphIndex) -> dict[str, URIRef]:
    return {str(article_graph_iri(article)): article for article in graph.of_type(KG.Article)}


def trig_keys(graph: GraphIndex) -> list[str]:
    """The graph names, sorted: every article's, then the ontology's."""
    return sorted([*_articles(graph), str(ONTOLOGY_GRAPH)])


class TrigBlocks:
    """Graph name -> its block in a graph (None when no article has that graph any more), and what the next
    splice needs to find the graphs an edit touched: the digests of the descriptions (kg.export.dataset)."""

    def __init__(self, graph: GraphIndex) -> None:
        self.graphs, self.names, self.articles = ArticleGraphs(graph), Names(), _articles(graph)
        self.described: dict = {}  # node -> the statement of its description alone, as every graph naming it holds it

    def __call__(self, key: str) -> bytes | None:
        if key == str(ONTOLOGY_GRAPH):
            part = ontology_triples()
        elif key in self.articles:
            part = self.graphs.part(self.articles[key])
        else:
            return None
        text = statements(grouped(part), self.names, lambda subject, properties: self._statement(subject, properties, part))
        return f"<{key}> {{\n{text.strip(chr(10))}\n}}\n".encode("utf-8")

    def _statement(self, subject, properties: dict, part) -> str:
        """A subject's statement in the graph of triples `part`; a node described in many graphs with nothing else
        of it there (a skill most articles name) is rendered once."""
        description = self.graphs.described.get(subject)
        if (description is None or sum(map(len, properties.values())) != len(description[0])
                or not all(triple in part for triple in description[0])):
            return statement(self.names, subject, properties)
        found = self.described.get(subject)
        if found is None:
            found = self.described[subject] = statement(self.names, subject, properties)
        return found

    def touched(self, change: Change, notes: dict) -> set[str]:
        """The names of the graphs `change` may alter, given the `notes` of the file before it."""
        return {str(article_graph_iri(article)) for article in self.graphs.touched(change, notes)}

    def notes(self, change: Change | None, notes: dict) -> dict:
        """The notes of the file just written: the digest of every description in it (after a splice, those of
        the descriptions it wrote or `change` touched made anew, the others kept)."""
        return self.graphs.digests() if change is None else {**notes, **self.graphs.digests()}


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
