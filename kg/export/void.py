"""A VoID and DCAT description of the dataset: what it is, its sources and licence, its size, its vocabularies.

Catalogues (and people) read this before the data. Counts come from the graph; the title and licence
come from void.yaml beside this module; the downloads are relative IRIs, resolved against void.ttl's place.
"""

from __future__ import annotations

from collections import Counter
from importlib import resources

import yaml
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCAT, DCTERMS, FOAF, RDF, VOID, XSD

from kg.export.dataset import article_graph_iri
from kg.export.names import compact
from kg.export.turtle import serialize as turtle
from kg.graph.index import GraphIndex, indexed
from kg.graph.namespaces import KG, KGR, SCHEMA, bind

DATASET = KGR["dataset"]
DOWNLOADS = {"careers.ttl": "text/turtle", "careers.trig": "application/trig", "careers.jsonld": "application/ld+json",
             "careers.graphml": "application/graphml+xml", "facts.csv": "text/csv", "roles.csv": "text/csv"}  # kg build's


def _namespace(iri) -> str:
    text = str(iri)
    return text.rsplit("#", 1)[0] + "#" if "#" in text else text.rsplit("/", 1)[0] + "/"


def describe(graph: Graph | GraphIndex) -> Graph:
    graph = indexed(graph)
    meta = yaml.safe_load(resources.files("kg.export").joinpath("void.yaml").read_text(encoding="utf-8"))
    out = bind(Graph())
    out.bind("void", VOID)
    out.bind("dcat", DCAT)
    out.bind("foaf", FOAF)
    add = out.add
    add((DATASET, RDF.type, VOID.Dataset))
    add((DATASET, RDF.type, DCAT.Dataset))
    for key, prop in (("title", DCTERMS.title), ("description", DCTERMS.description)):
        for lang, text in meta[key].items():
            add((DATASET, prop, Literal(text, lang=lang)))
    add((DATASET, DCTERMS.license, URIRef(meta["license"])))
    add((DATASET, FOAF.homepage, URIRef(meta["homepage"])))
    add((DATASET, VOID.uriSpace, Literal(str(KGR))))
    property_triples: Counter = Counter()
    objects = set()
    for properties in graph.subjects.values():
        for prop, values in properties.items():
            property_triples[prop] += len(values)
            objects.update(values)
    add((DATASET, VOID.triples, _count(len(graph))))
    add((DATASET, VOID.distinctSubjects, _count(len(graph.subjects))))
    add((DATASET, VOID.distinctObjects, _count(len(objects))))
    add((DATASET, VOID.entities, _count(sum(1 for properties in graph.subjects.values() if RDF.type in properties))))
    predicates = set(property_triples)
    classes = set(graph.instances)
    add((DATASET, VOID.properties, _count(len(predicates))))
    add((DATASET, VOID.classes, _count(len(classes))))
    for namespace in {_namespace(iri) for iri in predicates | classes}:
        add((DATASET, VOID.vocabulary, URIRef(namespace)))
    for cls in classes:
        part = URIRef(f"{DATASET}/class/{compact(cls).replace(':', '-')}")
        add((DATASET, VOID.classPartition, part))
        add((part, VOID["class"], cls))
        add((part, VOID.entities, _count(len(graph.of_type(cls)))))
    for prop in predicates:
        part = URIRef(f"{DATASET}/property/{compact(prop).replace(':', '-')}")
        add((DATASET, VOID.propertyPartition, part))
        add((part, VOID.property, prop))
        add((part, VOID.triples, _count(property_triples[prop])))
    for article in graph.of_type(KG.Article):
        add((DATASET, DCTERMS.source, article))
        add((article, DCTERMS.title, graph.value(article, SCHEMA.name)))
        add((DATASET, VOID.subset, article_graph_iri(article)))
        add((article_graph_iri(article), RDF.type, VOID.Dataset))
        add((article_graph_iri(article), DCTERMS.source, article))
    for name, media_type in DOWNLOADS.items():
        add((DATASET, VOID.dataDump, URIRef(name)))
        add((DATASET, DCAT.distribution, URIRef(name)))
        add((URIRef(name), RDF.type, DCAT.Distribution))
        add((URIRef(name), DCAT.downloadURL, URIRef(name)))
        add((URIRef(name), DCAT.mediaType, Literal(media_type)))
    return out


def _count(value: int) -> Literal:
    return Literal(value, datatype=XSD.integer)


def serialize(graph: Graph | GraphIndex) -> bytes:
    return turtle(describe(graph))
