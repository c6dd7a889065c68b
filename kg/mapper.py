"""Maps resolved facts onto the ontology: nodes with labels, fact triples, and one Evidence per fact."""

from __future__ import annotations

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import PROV, RDF, SKOS, XSD

from kg.mapping import kinds
from kg.namespaces import KG, SCHEMA, bind
from kg.resolve import Resolution, article_iri, article_iri_of

_FIGURES = {"min": KG.minValue, "max": KG.maxValue, "median": KG.medianValue, "average": KG.averageValue, "amount": KG.amount}


def to_graph(resolution: Resolution) -> Graph:
    """The career graph of a resolution; IRIs and literals only, no blank nodes."""
    graph = bind(Graph())
    for article in resolution.articles:
        iri = URIRef(article_iri(article))
        graph.add((iri, RDF.type, KG.Article))
        graph.add((iri, SCHEMA.name, Literal(article.title, lang=article.lang)))
        graph.add((iri, KG.sourcePath, Literal(article.path.as_posix())))
        graph.add((iri, SCHEMA.inLanguage, Literal(article.lang)))
        graph.add((iri, KG.contentHash, Literal(article.digest)))
        for keyword in article.keywords:
            graph.add((iri, SCHEMA.keywords, Literal(keyword, lang=article.lang)))
        graph.add((URIRef(resolution.roles[article.slug]), KG.article, iri))
    for node in resolution.nodes.values():
        iri = URIRef(node.iri)
        graph.add((iri, RDF.type, KG[node.type]))
        for lang, label in node.pref_labels().items():
            graph.add((iri, SKOS.prefLabel, Literal(label, lang=lang)))
        for lang, label in node.alt_labels():
            graph.add((iri, SKOS.altLabel, Literal(label, lang=lang)))
    table = kinds()
    for statement in resolution.statements:
        fact = statement.fact
        prop = _property(table[fact.kind]["property"])
        subject = URIRef(statement.subject)
        obj = Literal(statement.object, lang=fact.lang) if table[fact.kind].get("literal") else URIRef(statement.object)
        graph.add((subject, prop, obj))
        if fact.kind == "salary":
            _salary(graph, URIRef(statement.object), dict(fact.attrs), resolution.salary_links[statement.object])
        _evidence(graph, statement, subject, prop, obj)
    return graph


def _property(name: str) -> URIRef:
    if name.startswith("skos:"):
        return SKOS[name[5:]]
    return KG[name]


def _salary(graph: Graph, iri: URIRef, attrs: dict[str, str], links: dict[str, str]) -> None:
    for name, prop in _FIGURES.items():
        if name in attrs:
            graph.add((iri, prop, Literal(_decimal(attrs[name]), datatype=XSD.decimal)))
    graph.add((iri, KG.currency, Literal(attrs["currency"])))
    graph.add((iri, KG.period, Literal(attrs["period"])))
    for name in ("basis", "level"):
        if attrs.get(name):
            graph.add((iri, KG[name], Literal(attrs[name])))
    if attrs.get("as_of"):
        datatype = XSD.gYearMonth if len(attrs["as_of"]) == 7 else XSD.gYear
        graph.add((iri, KG.asOf, Literal(attrs["as_of"], datatype=datatype)))
    if "source" in links:
        graph.add((iri, KG.salarySource, URIRef(links["source"])))
    if "place" in links:
        graph.add((iri, KG.place, URIRef(links["place"])))


def _decimal(text: str) -> str:
    """The canonical xsd:decimal form ("45000.0"), the one Turtle writes: every export then holds the same literal."""
    return text if "." in text else f"{text}.0"


def _evidence(graph: Graph, statement, subject: URIRef, prop: URIRef, obj) -> None:
    ev = statement.fact.evidence
    iri = URIRef(statement.evidence)
    graph.add((iri, RDF.type, KG.Evidence))
    graph.add((iri, RDF.subject, subject))
    graph.add((iri, RDF.predicate, prop))
    graph.add((iri, RDF.object, obj))
    graph.add((iri, KG.quote, Literal(ev.quote)))
    if ev.section:
        graph.add((iri, KG.section, Literal(ev.section)))
    graph.add((iri, PROV.wasDerivedFrom, URIRef(article_iri_of(ev.article))))
    graph.add((iri, KG.startOffset, Literal(ev.start, datatype=XSD.integer)))
    graph.add((iri, KG.endOffset, Literal(ev.end, datatype=XSD.integer)))
    graph.add((iri, KG.sourceLine, Literal(ev.line, datatype=XSD.integer)))
    graph.add((iri, KG.rule, Literal(ev.rule)))
    if ev.curated:
        graph.add((iri, KG.curated, Literal(ev.curated)))
