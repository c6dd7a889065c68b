"""The career graph split into named graphs: one per article, one for the ontology and shapes.

A store that holds these graphs can replace one article's facts by replacing one graph. An article's
graph holds the article, the facts taken from it with their evidence, and the description (type, labels,
salary figures) of every node those facts use, so each graph reads on its own; a node used by two articles
is described in both. The union of the article graphs is the career graph.
"""

from __future__ import annotations

import hashlib
from functools import lru_cache
from importlib import resources
from typing import Iterator

import pyoxigraph as ox
from rdflib import BNode, Graph, URIRef
from rdflib.compare import to_canonical_graph
from rdflib.namespace import PROV, RDF

from kg.graph.index import GraphIndex, indexed
from kg.graph.namespaces import GRAPH_BASE, KG, bind
from kg.graph.namespaces import article_graph_iri as graph_of
from kg.graph.ontology import ontology, shapes
from kg.store.change import Change
from kg.store.terms import career_query

ONTOLOGY_GRAPH = URIRef(f"{GRAPH_BASE}ontology")
GENID = "https://w3id.org/careerkg/.well-known/genid/"  # RFC 7320-style skolem IRIs (RDF 1.1 §3.5)


def article_graph_iri(article: URIRef) -> URIRef:
    return URIRef(graph_of(article))


def named_graphs(graph: Graph | GraphIndex) -> dict[URIRef, Graph]:
    """Graph name -> graph, in name order: every article's graph, then the ontology and shapes."""
    result = {}
    for name, triples in named_triples(graph).items():
        result[name] = bind(Graph())
        result[name] += triples
    return result


def named_triples(graph: Graph | GraphIndex) -> dict[URIRef, set[tuple]]:
    """Graph name -> its triples, as named_graphs (without building an rdflib Graph per article)."""
    graphs = ArticleGraphs(indexed(graph))
    parts = {article_graph_iri(article): graphs.part(article) for article in sorted(graphs.graph.of_type(KG.Article))}
    parts[ONTOLOGY_GRAPH] = set(ontology_triples())
    return parts


class ArticleGraphs:
    """Each article's graph worked out from its neighbourhood in the index (what points at what: `referrers`),
    so one article's graph costs that article's size, and `touched` finds the graphs an edit changed."""

    def __init__(self, graph: GraphIndex) -> None:
        self.graph = graph
        self.described: dict = {}  # node -> its own description triples and the nodes they link to, made once
        self.facts: dict = {}  # node -> the triples about it as a subject that an evidence reifies, made once

    def part(self, article) -> set:
        """The triples of `article`'s graph: see the module's docstring."""
        graph = self.graph
        used, part = set(), set(_own_triples(graph, article))
        for node in graph.referrers.get(article, ()):
            properties = graph.subjects[node]
            if article in properties.get(_ARTICLE, ()):
                used.add(node)
                part.add((node, _ARTICLE, article))
            if article in properties.get(_DERIVED, ()):
                fact = _reified(properties)
                part.update(_own_triples(graph, node))
                part.add(fact)
                used.update(term for term in (fact[0], fact[2]) if isinstance(term, URIRef))
        self._describe(part, used)
        return part

    def _fact(self, triple: tuple) -> bool:
        """Whether an evidence is about `triple` (then it is a fact, in the graphs of the evidence's articles)."""
        facts = self.facts.get(triple[0])
        if facts is None:
            facts = self.facts[triple[0]] = set(self.graph.evidenced(triple[0]))
        return triple[1:] in facts

    def _describe(self, part: set, used: set) -> None:
        """Add every node's own triples (type, labels, salary figures), following links between nodes."""
        todo, seen = list(used), set()
        while todo:
            node = todo.pop()
            if node in seen:
                continue
            seen.add(node)
            own, links = self._description(node)
            part.update(own)
            todo.extend(links)

    def _description(self, node) -> tuple[list, list]:
        """A node's description and the nodes it links to, worked out once per build: a role many articles name
        has thousands of fact triples to skip, and each of its articles used to skip them again."""
        found = self.described.get(node)
        if found is None:
            own = [t for t in _own_triples(self.graph, node) if t[1] not in _NOT_DESCRIPTION and not self._fact(t)]
            found = self.described[node] = (own, [t[2] for t in own if isinstance(t[2], URIRef) and t[1] not in _TYPES])
        return found

    def digest(self, node) -> bytes:
        """A short digest of `node`'s description: kept with TriG's block index, so the next edit walks back only
        from the nodes whose description it changed."""
        text = "\n".join(sorted(f"{p.n3()} {o.n3()}" for _, p, o in self._description(node)[0]))
        return hashlib.blake2b(text.encode("utf-8"), digest_size=8).digest()

    def digests(self) -> dict[str, bytes]:
        """IRI -> digest of every node described so far."""
        return {str(node): self.digest(node) for node in list(self.described)}

    def touched(self, change: Change, digests: dict[str, bytes]) -> set[URIRef]:
        """The articles whose graph `change` may alter, given the `digests` of the descriptions the graphs held
        before it: those it touched, those of the evidences it touched, and those using a node whose description
        reaches one whose digest it changed (a node newly described is newly used, or newly linked from one whose
        description changed). A link the edit removed put both its ends in the change: the new graph's links are enough."""
        graph = self.graph
        articles = set(map(URIRef, change.articles))
        todo = []
        for node in map(URIRef, change.subjects | change.objects):
            properties = graph.subjects.get(node, {})
            if KG.Article in properties.get(RDF.type, ()):
                articles.add(node)
            articles.update(properties.get(PROV.wasDerivedFrom, ()))
            if str(node) in digests and digests[str(node)] != self.digest(node):
                todo.append(node)  # a node no graph described cannot change a graph by its description
        seen: set = set()
        while todo:
            node = todo.pop()
            if node in seen:
                continue
            seen.add(node)
            articles.update(graph.subjects.get(node, {}).get(KG.article, ()))
            for referrer in graph.referrers.get(node, ()):
                links = graph.subjects[referrer]
                if KG.Evidence in links.get(RDF.type, ()):
                    articles.update(links.get(PROV.wasDerivedFrom, ()))
                elif any(node in objects and p not in (RDF.type, KG.article) and not self._fact((referrer, p, node))
                         for p, objects in links.items()):
                    todo.append(referrer)  # its description holds `node`'s
        return articles


def store_quads(store: ox.Store) -> Iterator[tuple]:
    """The quads of `named_triples` but the ontology graph's, (name, subject, predicate, object) in Oxigraph
    terms, from the career graph of `store`: in no order, some more than once (a sorted writer drops them).

    Only the descriptions of nodes (types, labels, salary figures: a few per node) are held; the articles,
    evidences and facts, nearly all of the graph, stream from the store's queries."""
    own: dict = {}  # node -> its description triples, as in _describe
    for s, p, o in career_query(store, _query("descriptions.rq")):
        own.setdefault(s, []).append((s, p, o))
    for article, s, p, o in career_query(store, _query("graph-statements.rq")):
        yield _graph_name(article), s, p, o
    closures: dict = {}
    for article, node in career_query(store, _query("graph-nodes.rq")):
        name = _graph_name(article)
        for s, p, o in _closure(node, own, closures):
            yield name, s, p, o


def _closure(node, own: dict, closures: dict) -> list:
    """The description of `node` and of the nodes it links to (not by its type), transitively; made once a node."""
    found = closures.get(node)
    if found is None:
        found, todo, seen = [], [node], set()
        while todo:
            current = todo.pop()
            if current not in seen:
                seen.add(current)
                found += own.get(current, ())
                todo += [o for _, p, o in own.get(current, ()) if isinstance(o, ox.NamedNode) and p != _OX_TYPE]
        closures[node] = found
    return found


_OX_TYPE = ox.NamedNode(str(RDF.type))
# Made once (an rdflib namespace makes a new term on every attribute read); sets test by hash, not Python __eq__.
_ARTICLE, _DERIVED, _REIFIED = KG.article, PROV.wasDerivedFrom, (RDF.subject, RDF.predicate, RDF.object)
_NOT_DESCRIPTION, _TYPES = frozenset({_ARTICLE}), frozenset({RDF.type})


@lru_cache(maxsize=1 << 12)
def _graph_name(article: ox.NamedNode) -> ox.NamedNode:
    return ox.NamedNode(article_graph_iri(article.value))


@lru_cache(maxsize=None)
def _query(name: str) -> str:
    return resources.files("kg.export").joinpath(name).read_text(encoding="utf-8")


def _reified(properties: dict) -> tuple:
    """The (subject, predicate, object) an evidence is about; None where it does not say."""
    return tuple(next(iter(properties.get(prop, ())), None) for prop in _REIFIED)


def _own_triples(graph: GraphIndex, subject):
    for prop, objects in graph.subjects.get(subject, {}).items():
        for obj in objects:
            yield subject, prop, obj


@lru_cache(maxsize=1)
def ontology_triples() -> frozenset:
    """The ontology and shapes graph: fixed data, and canonicalising its blank nodes takes most of a second."""
    return frozenset(skolemised(ontology() + shapes()))


def skolemised(graph: Graph) -> Graph:
    """Blank nodes replaced by IRIs named after their canonical labels, the same on every run."""
    canonical = to_canonical_graph(graph)
    out = bind(Graph())
    for triple in canonical:
        out.add(tuple(URIRef(f"{GENID}{term}") if isinstance(term, BNode) else term for term in triple))
    return out
