"""Maps resolved facts onto the ontology: nodes with labels, fact triples, and one Evidence per fact.

The triples are made once and go two ways (kg.build): into an rdflib Graph for the writers and views, and
into an Oxigraph store for SHACL, `kg query` and `kg serve`. The Graph uses rdflib's SimpleMemory store:
same triples and API as the default Memory store, without the per-context bookkeeping nothing here uses
(2-3x faster to fill, and every writer reads it faster too).
"""

from __future__ import annotations

from typing import Iterable, Iterator

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import PROV, RDF, SKOS, XSD

from kg.mapping import kinds
from kg.namespaces import KG, SCHEMA, bind
from kg.resolve import Resolution, article_iri, article_iri_of

_FIGURES = {"min": KG.minValue, "max": KG.maxValue, "median": KG.medianValue, "average": KG.averageValue, "amount": KG.amount}


def to_graph(resolution: Resolution) -> Graph:
    """The career graph of a resolution; IRIs and literals only, no blank nodes."""
    return graph_of(triples(resolution))


def graph_of(found: Iterable[tuple]) -> Graph:
    """An rdflib Graph of `found` triples, with the project prefixes bound."""
    graph = bind(Graph(store="SimpleMemory"))
    graph.addN((s, p, o, graph) for s, p, o in found)
    return graph


def triples(resolution: Resolution) -> Iterator[tuple]:
    """Every triple of the career graph of a resolution (a triple may come more than once)."""
    for article in resolution.articles:
        iri = URIRef(article_iri(article))
        yield (iri, RDF.type, KG.Article)
        yield (iri, SCHEMA.name, Literal(article.title, lang=article.lang))
        yield (iri, KG.sourcePath, Literal(article.path.as_posix()))
        yield (iri, SCHEMA.inLanguage, Literal(article.lang))
        yield (iri, KG.contentHash, Literal(article.digest))
        for keyword in article.keywords:
            yield (iri, SCHEMA.keywords, Literal(keyword, lang=article.lang))
        yield (URIRef(resolution.roles[article.slug]), KG.article, iri)
    for node in resolution.nodes.values():
        iri = URIRef(node.iri)
        yield (iri, RDF.type, KG[node.type])
        for lang, label in node.pref_labels().items():
            yield (iri, SKOS.prefLabel, Literal(label, lang=lang))
        for lang, label in node.alt_labels():
            yield (iri, SKOS.altLabel, Literal(label, lang=lang))
    table = kinds()
    for statement in resolution.statements:
        fact = statement.fact
        prop = _property(table[fact.kind]["property"])
        subject = URIRef(statement.subject)
        obj = Literal(statement.object, lang=fact.lang) if table[fact.kind].get("literal") else URIRef(statement.object)
        yield (subject, prop, obj)
        if fact.kind == "salary":
            yield from _salary(URIRef(statement.object), dict(fact.attrs), resolution.salary_links[statement.object])
        yield from _evidence(statement, subject, prop, obj)


def _property(name: str) -> URIRef:
    if name.startswith("skos:"):
        return SKOS[name[5:]]
    return KG[name]


def _salary(iri: URIRef, attrs: dict[str, str], links: dict[str, str]) -> Iterator[tuple]:
    for name, prop in _FIGURES.items():
        if name in attrs:
            yield (iri, prop, Literal(_decimal(attrs[name]), datatype=XSD.decimal))
    yield (iri, KG.currency, Literal(attrs["currency"]))
    yield (iri, KG.period, Literal(attrs["period"]))
    for name in ("basis", "level"):
        if attrs.get(name):
            yield (iri, KG[name], Literal(attrs[name]))
    if attrs.get("as_of"):
        datatype = XSD.gYearMonth if len(attrs["as_of"]) == 7 else XSD.gYear
        yield (iri, KG.asOf, Literal(attrs["as_of"], datatype=datatype))
    if "source" in links:
        yield (iri, KG.salarySource, URIRef(links["source"]))
    if "place" in links:
        yield (iri, KG.place, URIRef(links["place"]))


def _decimal(text: str) -> str:
    """The canonical xsd:decimal form ("45000.0"), the one Turtle writes: every export then holds the same literal."""
    return text if "." in text else f"{text}.0"


def _evidence(statement, subject: URIRef, prop: URIRef, obj) -> Iterator[tuple]:
    ev = statement.fact.evidence
    iri = URIRef(statement.evidence)
    yield (iri, RDF.type, KG.Evidence)
    yield (iri, RDF.subject, subject)
    yield (iri, RDF.predicate, prop)
    yield (iri, RDF.object, obj)
    yield (iri, KG.quote, Literal(ev.quote))
    if ev.section:
        yield (iri, KG.section, Literal(ev.section))
    yield (iri, PROV.wasDerivedFrom, URIRef(article_iri_of(ev.article)))
    yield (iri, KG.startOffset, Literal(ev.start, datatype=XSD.integer))
    yield (iri, KG.endOffset, Literal(ev.end, datatype=XSD.integer))
    yield (iri, KG.sourceLine, Literal(ev.line, datatype=XSD.integer))
    yield (iri, KG.rule, Literal(ev.rule))
    if ev.curated:
        yield (iri, KG.curated, Literal(ev.curated))
