"""N-Triples with one triple a line, sorted: rdflib writes them in its store's order."""

from __future__ import annotations

from typing import Iterable

from rdflib import Graph, Literal
from rdflib.plugins.serializers.nt import _quoteLiteral

from kg.graph.index import GraphIndex, indexed


class Terms(dict):
    """Term -> its N-Triples text as rdflib's N-Triples and N-Quads writers give it, each computed once."""

    def __missing__(self, term) -> str:
        text = self[term] = _quoteLiteral(term) if isinstance(term, Literal) else term.n3()
        return text


def sorted_lines(text: str) -> bytes:
    """The statements of a line-based format (N-Triples, N-Quads) sorted, so equal graphs give equal bytes."""
    lines = sorted({line for line in text.splitlines() if line.strip()})
    return "".join(f"{line}\n" for line in lines).encode("utf-8")


def serialize(graph: Graph | GraphIndex) -> bytes:
    return of_triples(indexed(graph).triples())


def of_triples(triples: Iterable[tuple], terms: Terms | None = None) -> bytes:
    """Sorted N-Triples of `triples`; pass one `terms` to share the text of terms across several calls."""
    terms = Terms() if terms is None else terms
    return sorted_lines("".join(f"{terms[s]} {terms[p]} {terms[o]} .\n" for s, p, o in triples))
