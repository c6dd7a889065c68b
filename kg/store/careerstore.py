"""An rdflib Graph's store over Oxigraph: oxrdflib's, with kg's term conversion, parameter binding and label index.

Kept apart from kg.store so `kg build` does not import oxrdflib (it registers rdflib plugins: ~0.2 s).
"""

from __future__ import annotations

import pickle
import re
from pathlib import Path

import pyoxigraph as ox
from oxrdflib import OxigraphStore
from oxrdflib._converter import to_ox_quad_pattern
from rdflib import Graph, URIRef, Variable
from rdflib.graph import DATASET_DEFAULT_GRAPH_ID
from rdflib.query import Result

from kg.graph.namespaces import ARTICLE_GRAPHS, bind
from kg.store import bindings
from kg.store.terms import CAREER, LABELS, career_query, term, to_ox

_NAMES_GRAPHS = re.compile(r"\b(GRAPH|NAMED)\b", re.IGNORECASE)  # GRAPH ?g {...}, FROM NAMED


class CareerStore(OxigraphStore):
    """oxrdflib's store with kg's term conversion, remembering the folder it was opened from (query workers
    reopen it there)."""

    def __init__(self, store: ox.Store, folder: Path | None = None) -> None:
        super().__init__(store=store)
        self.oxigraph = store
        self.folder = folder
        self._labels: dict | None = None
        self._articles: list[ox.NamedNode] | None = None

    def label_index(self, type_: URIRef) -> dict | None:
        """Folded label (and IRI) -> node IRI over the instances of `type_`, as saved by `persist`."""
        if self._labels is None:
            try:
                self._labels = pickle.loads((self.folder / LABELS).read_bytes()) if self.folder else {}
            except (OSError, pickle.UnpicklingError, EOFError):
                self._labels = {}
        return self._labels.get(str(type_))

    def _named_graphs(self, text: str) -> list[ox.NamedNode] | None:
        """The article graphs, for a query that names graphs: the store's bookkeeping graphs (kg.store.graphs'
        `nodes` and `state`) are not data a user asked for. None (every graph, no cost) for the other queries:
        handing Oxigraph the list costs ~6 ms at 10,000 articles."""
        if not _NAMES_GRAPHS.search(text):
            return None
        if self._articles is None:
            self._articles = [g for g in self._inner.named_graphs() if isinstance(g, ox.NamedNode) and g.value.startswith(ARTICLE_GRAPHS)]
        return self._articles

    def __len__(self, context=None) -> int:
        return len(self._inner)  # every quad: the career graph holds each triple once, the bookkeeping graphs none

    def triples(self, triple_pattern, context=None):
        contexts = (Graph(identifier=DATASET_DEFAULT_GRAPH_ID, store=self),)
        s, p, o, _ = to_ox_quad_pattern(triple_pattern, context)  # rdflib sees one graph: the career graph
        for quad in self._inner.quads_for_pattern(s, p, o, CAREER):
            yield (term(quad.subject), term(quad.predicate), term(quad.object)), iter(contexts)

    def query(self, query, initNs, initBindings, queryGraph, **kwargs) -> Result:  # noqa: N803 (rdflib's names)
        if not isinstance(query, str) or kwargs:
            raise NotImplementedError("kg's store answers SPARQL text only")  # rdflib then evaluates it itself
        text = bindings.bind(query, {str(k): to_ox(v) for k, v in initBindings.items()})
        found = career_query(self._inner, text, prefixes={k: str(v) for k, v in initNs.items()}, named_graphs=self._named_graphs(text))
        if isinstance(found, ox.QueryBoolean):
            out = Result("ASK")
            out.askAnswer = bool(found)
        elif isinstance(found, ox.QuerySolutions):
            out = Result("SELECT")
            out.vars = [Variable(v.value) for v in found.variables]
            seen: dict = {}  # rows repeat their roles and skills: convert each distinct term once
            out.bindings = [{v: seen[t] if t in seen else seen.setdefault(t, term(t)) for v, t in zip(out.vars, row) if t is not None}
                            for row in found]
        else:
            out = Result("CONSTRUCT")
            out.graph = bind(Graph())
            out.graph += ((term(t.subject), term(t.predicate), term(t.object)) for t in found)
        return out
