"""Export formats, registered by name: `kg export --format NAME` and `kg build` read this table.

Each format turns the career graph into one or more files (`files(graph) -> {file name: bytes}`), always
byte-identical for the same graph: whatever rdflib leaves unordered is sorted by the format's module.
`graph` is an rdflib Graph or its GraphIndex (kg.export.index): `kg build` indexes once for every format.
A format that can also `from_store(store)` makes its files from SPARQL aggregates on an Oxigraph store of
the graph (`kg build` does, rather than walk the graph in Python). A format that can also `stream(store, file)` writes the same bytes from an Oxigraph store without holding the
graph in Python (`kg export` does, from the persisted store).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import BinaryIO, Callable

import pyoxigraph as ox
from rdflib import Graph

from kg.export import graphml, jsonld, ntriples, quads, tables, turtle, void
from kg.graph.index import GraphIndex, writer


@dataclass(frozen=True)
class Format:
    name: str
    filenames: tuple[str, ...]  # what `kg build` writes into the export folder
    media_type: str
    files: Callable[[Graph | GraphIndex], dict[str, bytes]]
    summary: str
    standalone: bool = True  # the first file reads without the others (they are companions, e.g. a @context)
    stream: Callable[[ox.Store, BinaryIO], None] | None = None  # the one file's bytes, from a store, in bounded memory
    from_store: Callable[[ox.Store], dict[str, bytes]] | None = None  # `files` from an Oxigraph store of the graph


def _one(filename: str, serialize: Callable[[Graph | GraphIndex], bytes]) -> Callable[[Graph | GraphIndex], dict[str, bytes]]:
    return writer(lambda graph: {filename: serialize(graph)})


FORMATS: dict[str, Format] = {
    "ttl": Format("ttl", ("careers.ttl",), "text/turtle", _one("careers.ttl", turtle.serialize),
                  "Turtle: every fact with its evidence"),
    "nt": Format("nt", ("careers.nt",), "application/n-triples", _one("careers.nt", ntriples.serialize),
                 "N-Triples, one sorted triple a line", stream=ntriples.stream),
    "trig": Format("trig", ("careers.trig",), "application/trig", _one("careers.trig", quads.trig),
                   "TriG: one named graph per article, one for the ontology and shapes"),
    "nq": Format("nq", ("careers.nq",), "application/n-quads", _one("careers.nq", quads.nquads),
                 "N-Quads: the TriG graphs, one sorted quad a line", stream=quads.stream_nquads),
    "jsonld": Format("jsonld", ("careers.jsonld", "context.jsonld"), "application/ld+json", writer(jsonld.files),
                     "JSON-LD with readable keys, and its @context"),
    "graphml": Format("graphml", ("careers.graphml",), "application/graphml+xml", _one("careers.graphml", graphml.serialize),
                      "GraphML for Gephi, yEd, networkx: nodes and fact edges with labels and types"),
    "csv": Format("csv", ("roles.csv", "facts.csv"), "text/csv", writer(tables.files),
                  "CSV tables: roles, and facts with their evidence", standalone=False),
    "void": Format("void", ("void.ttl",), "text/turtle", _one("void.ttl", void.serialize),
                   "VoID/DCAT description of the dataset: sources, licence, counts, vocabularies", from_store=void.from_store),
}
