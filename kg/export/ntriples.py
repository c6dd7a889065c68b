"""N-Triples with one triple a line, sorted: rdflib writes them in its store's order."""

from __future__ import annotations

from typing import BinaryIO, Iterable

import pyoxigraph as ox
from rdflib import Graph, Literal
from rdflib.plugins.serializers.nt import _quoteLiteral

from kg.export.lines import SortedLines
from kg.graph.index import GraphIndex, indexed
from kg.store.terms import CAREER, term


class Terms(dict):
    """Term -> its N-Triples text as rdflib's N-Triples and N-Quads writers give it, each computed once."""

    def __missing__(self, term) -> str:
        text = self[term] = _quoteLiteral(term) if isinstance(term, Literal) else term.n3()
        return text


class StoreTerms(dict):
    """Oxigraph term -> the same text (read back as kg reads a store: kg.store.terms.term), for streaming
    writers; forgets everything past LIMIT terms, so quotes (each seen once) do not pile up."""

    LIMIT = 1 << 17

    def __missing__(self, node) -> str:
        if len(self) >= self.LIMIT:
            self.clear()
        found = term(node)
        text = self[node] = _quoteLiteral(found) if isinstance(found, Literal) else found.n3()
        return text


def sorted_lines(text: str) -> bytes:
    """The statements of a line-based format (N-Triples, N-Quads) sorted, so equal graphs give equal bytes.
    Split at "\n" only: a literal may hold U+2028 or a form feed unescaped, which str.splitlines() splits at."""
    lines = sorted({line for line in text.split("\n") if line.strip()})
    return "".join(f"{line}\n" for line in lines).encode("utf-8")


def serialize(graph: Graph | GraphIndex) -> bytes:
    return of_triples(indexed(graph).triples())


def of_triples(triples: Iterable[tuple], terms: Terms | None = None) -> bytes:
    """Sorted N-Triples of `triples`; pass one `terms` to share the text of terms across several calls."""
    terms = Terms() if terms is None else terms
    return sorted_lines("".join(f"{terms[s]} {terms[p]} {terms[o]} .\n" for s, p, o in triples))


def stream(store: ox.Store, out: BinaryIO) -> None:
    """The bytes of `serialize` for the career graph of `store`, written to `out` without holding the graph:
    triples are read from the store and sorted on disk (kg.export.lines)."""
    terms, lines = StoreTerms(), SortedLines()
    for quad in store.quads_for_pattern(None, None, None, CAREER):
        lines.add(f"{terms[quad.subject]} {terms[quad.predicate]} {terms[quad.object]} .\n".encode())
    lines.write(out)
