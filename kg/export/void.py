"""A VoID and DCAT description of the dataset: what it is, its sources and licence, its size, its vocabularies.

Catalogues (and people) read this before the data. Counts come from the graph (`counts`), from an Oxigraph
store of it as SPARQL aggregates (`counted`, the void-*.rq queries: no walk of the graph in Python, but a scan
of the store), or from the counts before an edit and what it added and removed (`updated`: `kg build` after
an edit, a few lookups per term it touched); the title and licence come from void.yaml beside this module; the
downloads are relative IRIs, resolved against void.ttl's place.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from importlib import resources
from itertools import islice
from typing import Iterator

import pyoxigraph as ox
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCAT, DCTERMS, FOAF, RDF, VOID, XSD

from kg import yamlfile
from kg.export.dataset import article_graph_iri
from kg.export.names import compact
from kg.export.turtle import serialize as turtle
from kg.graph.index import GraphIndex, indexed
from kg.graph.namespaces import KG, KGR, SCHEMA, bind
from kg.store.change import Change
from kg.store.terms import CAREER, career_query, term

DATASET = KGR["dataset"]
DOWNLOADS = {"careers.ttl": "text/turtle", "careers.trig": "application/trig", "careers.jsonld": "application/ld+json",
             "careers.graphml": "application/graphml+xml", "facts.csv": "text/csv", "roles.csv": "text/csv"}  # kg build's


def _namespace(iri) -> str:
    text = str(iri)
    return text.rsplit("#", 1)[0] + "#" if "#" in text else text.rsplit("/", 1)[0] + "/"


@dataclass(frozen=True)
class Counts:
    """What VoID says of the graph's size and make-up."""

    triples: int
    subjects: int
    objects: int
    entities: int  # subjects with a type
    classes: dict  # class -> subjects typed with it
    properties: dict  # predicate -> triples
    articles: dict  # article IRI -> its title


def counts(graph: Graph | GraphIndex) -> Counts:
    graph = indexed(graph)
    property_triples: Counter = Counter()
    objects = set()
    for properties in graph.subjects.values():
        for prop, values in properties.items():
            property_triples[prop] += len(values)
            objects.update(values)
    return Counts(len(graph), len(graph.subjects), len(objects),
                  sum(1 for properties in graph.subjects.values() if RDF.type in properties),
                  {cls: len(members) for cls, members in graph.instances.items()}, dict(property_triples),
                  {article: graph.value(article, SCHEMA.name) for article in graph.of_type(KG.Article)})


def counted(store: ox.Store) -> Counts:
    """`counts` of the store's default graph, from SPARQL aggregates."""
    (totals,) = career_query(store, _query("void-totals.rq"))
    (entities,) = career_query(store, _query("void-entities.rq"))
    return Counts(int(totals["triples"].value), int(totals["subjects"].value), int(totals["objects"].value),
                  int(entities["entities"].value),
                  {term(row["class"]): int(row["entities"].value) for row in career_query(store, _query("void-classes.rq"))},
                  {term(row["property"]): int(row["triples"].value) for row in career_query(store, _query("void-properties.rq"))},
                  {term(row["article"]): term(row["title"]) for row in career_query(store, _query("void-articles.rq"))})


def updated(before: Counts, store: ox.Store, change: Change) -> Counts:
    """The counts of the default graph of `store`, from those of the graph before `change` (its `added` and
    `removed` triples): whether a subject or object is still (or was already) there is one bounded lookup."""
    properties, classes = Counter(before.properties), Counter(before.classes)
    for sign, triples in ((1, change.added), (-1, change.removed)):
        for triple in triples:
            properties[term(triple.predicate)] += sign
            if triple.predicate == _TYPE:
                classes[term(triple.object)] += sign
    subjects, objects, typed = _tally(change, lambda t: t.subject), _tally(change, lambda t: t.object), \
        _tally(change, lambda t: t.subject, lambda t: t.predicate == _TYPE)
    articles = dict(before.articles)
    for node in {t.subject for t in change.added | change.removed if t.predicate in (_TYPE, _NAME)}:
        articles.pop(term(node), None)
        if next(store.quads_for_pattern(node, _TYPE, _ARTICLE, CAREER), None) is not None:
            name = next(store.quads_for_pattern(node, _NAME, None, CAREER), None)
            articles[term(node)] = None if name is None else term(name.object)
    return Counts(before.triples + len(change.added) - len(change.removed),
                  before.subjects + _moved(store, subjects, lambda n: (n, None, None)),
                  before.objects + _moved(store, objects, lambda n: (None, None, n)),
                  before.entities + _moved(store, typed, lambda n: (n, _TYPE, None)),
                  {c: n for c, n in classes.items() if n}, {p: n for p, n in properties.items() if n}, articles)


_TYPE, _NAME, _ARTICLE = ox.NamedNode(str(RDF.type)), ox.NamedNode(str(SCHEMA.name)), ox.NamedNode(str(KG.Article))


def _tally(change: Change, end, keep=lambda t: True) -> dict:
    """Term -> (triples added, triples removed) with it at `end`, over the triples `keep` accepts."""
    found: dict = {}
    for index, triples in enumerate((change.added, change.removed)):
        for triple in triples:
            if keep(triple):
                found.setdefault(end(triple), [0, 0])[index] += 1
    return found


def _moved(store: ox.Store, tally: dict, pattern) -> int:
    """How many of the terms of `tally` the store gained minus those it lost: a term with a triple removed was
    there before; one with only triples added was there before if more than those are there now."""
    moved = 0
    for node, (added, removed) in tally.items():
        matches = store.quads_for_pattern(*pattern(node), CAREER)
        now = sum(1 for _ in islice(matches, added + 1))
        moved += (now > 0) - (removed > 0 or now > added)
    return moved


def _query(name: str) -> str:
    return resources.files("kg.export").joinpath(name).read_text(encoding="utf-8")


def describe(counts: Counts) -> Graph:
    out = bind(Graph())
    out.bind("void", VOID)
    out.bind("dcat", DCAT)
    out.bind("foaf", FOAF)
    for triple in _described(counts):
        out.add(triple)
    return out


def _described(counts: Counts) -> Iterator[tuple]:
    """The triples of the description, as plain tuples: `render` indexes them without an rdflib Graph (whose
    store cost half of an edit's VoID, five triples an article)."""
    meta = yamlfile.load(resources.files("kg.export").joinpath("void.yaml").read_text(encoding="utf-8"))
    yield (DATASET, RDF.type, VOID.Dataset)
    yield (DATASET, RDF.type, DCAT.Dataset)
    for key, prop in (("title", DCTERMS.title), ("description", DCTERMS.description)):
        for lang, text in meta[key].items():
            yield (DATASET, prop, Literal(text, lang=lang))
    yield (DATASET, DCTERMS.license, URIRef(meta["license"]))
    yield (DATASET, FOAF.homepage, URIRef(meta["homepage"]))
    yield (DATASET, VOID.uriSpace, Literal(str(KGR)))
    yield (DATASET, VOID.triples, _count(counts.triples))
    yield (DATASET, VOID.distinctSubjects, _count(counts.subjects))
    yield (DATASET, VOID.distinctObjects, _count(counts.objects))
    yield (DATASET, VOID.entities, _count(counts.entities))
    yield (DATASET, VOID.properties, _count(len(counts.properties)))
    yield (DATASET, VOID.classes, _count(len(counts.classes)))
    for namespace in {_namespace(iri) for iri in {*counts.properties, *counts.classes}}:
        yield (DATASET, VOID.vocabulary, URIRef(namespace))
    for cls, entities in counts.classes.items():
        part = URIRef(f"{DATASET}/class/{compact(cls).replace(':', '-')}")
        yield (DATASET, VOID.classPartition, part)
        yield (part, VOID["class"], cls)
        yield (part, VOID.entities, _count(entities))
    for prop, triples in counts.properties.items():
        part = URIRef(f"{DATASET}/property/{compact(prop).replace(':', '-')}")
        yield (DATASET, VOID.propertyPartition, part)
        yield (part, VOID.property, prop)
        yield (part, VOID.triples, _count(triples))
    for article, title in counts.articles.items():
        yield (DATASET, DCTERMS.source, article)
        if title is not None:
            yield (article, DCTERMS.title, title)
        yield (DATASET, VOID.subset, article_graph_iri(article))
        yield (article_graph_iri(article), RDF.type, VOID.Dataset)
        yield (article_graph_iri(article), DCTERMS.source, article)
    for name, media_type in DOWNLOADS.items():
        yield (DATASET, VOID.dataDump, URIRef(name))
        yield (DATASET, DCAT.distribution, URIRef(name))
        yield (URIRef(name), RDF.type, DCAT.Distribution)
        yield (URIRef(name), DCAT.downloadURL, URIRef(name))
        yield (URIRef(name), DCAT.mediaType, Literal(media_type))


def _count(value: int) -> Literal:
    return Literal(value, datatype=XSD.integer)


def serialize(graph: Graph | GraphIndex) -> bytes:
    return render(counts(graph))


def render(counts: Counts) -> bytes:
    """void.ttl of a graph of these counts."""
    return turtle(GraphIndex(dict.fromkeys(_described(counts))))


def from_store(store: ox.Store) -> dict[str, bytes]:
    """void.ttl made from the store of the graph: the bytes `serialize` gives for the same graph."""
    return {"void.ttl": render(counted(store))}
