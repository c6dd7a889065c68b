"""Maps resolved facts onto the ontology: nodes with labels, fact triples, and one Evidence per fact.

The triples are made once and go two ways (kg.build): into an Oxigraph store for SHACL, `kg query` and
`kg serve`, and into the GraphIndex the writers and views read.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Iterator

from rdflib import Literal, URIRef
from rdflib.namespace import PROV, RDF, SKOS, XSD

from kg.extract.confidence import DIGITS
from kg.extract.facts import kinds
from kg.graph.namespaces import KG, SCHEMA
from kg.read.article import Article
from kg.resolve.resolution import Node, Resolution, Statement, article_iri, article_iri_of

_FIGURES = {"min": KG.minValue, "max": KG.maxValue, "median": KG.medianValue, "average": KG.averageValue, "amount": KG.amount}
# The terms of the hot loops, looked up once: an attribute of an rdflib namespace builds a new URIRef on every
# access (~2 µs), and an evidence uses a dozen.
_TYPE, _SUBJECT, _PREDICATE, _OBJECT = RDF.type, RDF.subject, RDF.predicate, RDF.object
_PREF, _ALT, _DERIVED = SKOS.prefLabel, SKOS.altLabel, PROV.wasDerivedFrom
_EVIDENCE, _QUOTE, _SECTION, _START, _END, _LINE, _RULE, _CURATED, _CONFIDENCE = (
    KG.Evidence, KG.quote, KG.section, KG.startOffset, KG.endOffset, KG.sourceLine, KG.rule, KG.curated, KG.confidence)


@lru_cache(maxsize=1 << 16)
def _integer(value: int) -> Literal:
    """Offsets and lines repeat across articles, and an xsd:integer Literal costs ~10 µs to make."""
    return Literal(value, datatype=XSD.integer)


@lru_cache(maxsize=1 << 16)
def _text(value: str) -> Literal:
    """Rule ids and section paths: a few hundred values over thousands of evidences."""
    return Literal(value)


@lru_cache(maxsize=256)
def _confidence(value: float) -> Literal:
    """0.5 -> "0.5", 1.0 -> "1.0": the canonical xsd:decimal of a confidence (already rounded by the extractor),
    the form Turtle writes and Oxigraph gives back, so every export and every run holds the same literal."""
    text = f"{value:.{DIGITS}f}".rstrip("0")
    return Literal(text + "0" if text.endswith(".") else text, datatype=XSD.decimal)


@lru_cache(maxsize=1 << 16)
def _iri(value: str) -> URIRef:
    return URIRef(value)


def triples(resolution: Resolution) -> Iterator[tuple]:
    """Every triple of the career graph of a resolution, each once: a fact stated twice has two evidences."""
    for article in resolution.articles:
        yield from _article(resolution, article)
    for node in resolution.nodes.values():
        yield from description(node)
    yield from _statements(resolution.statements, resolution.salary_links, set())


def article_triples(resolution: Resolution, article: Article, statements: list[Statement]) -> Iterator[tuple]:
    """What `article` alone puts in the career graph: itself, and its `statements` (its facts) with their
    evidence; each once. The descriptions of the nodes it names are shared with other articles: `description`."""
    yield from _article(resolution, article)
    yield from _statements(statements, resolution.salary_links, set())


def description(node: Node) -> Iterator[tuple]:
    """A node's type and labels, from the label votes of every article that names it."""
    iri = URIRef(node.iri)
    yield (iri, _TYPE, KG[node.type])
    for lang, label in node.pref_labels().items():
        yield (iri, _PREF, Literal(label, lang=lang))
    for lang, label in node.alt_labels():
        yield (iri, _ALT, Literal(label, lang=lang))


def _article(resolution: Resolution, article: Article) -> Iterator[tuple]:
    iri = URIRef(article_iri(article))
    yield (iri, RDF.type, KG.Article)
    yield (iri, SCHEMA.name, Literal(article.title, lang=article.lang))
    yield (iri, KG.sourcePath, Literal(article.path.as_posix()))
    yield (iri, SCHEMA.inLanguage, Literal(article.lang))
    yield (iri, KG.contentHash, Literal(article.digest))
    for keyword in dict.fromkeys(article.keywords):
        yield (iri, SCHEMA.keywords, Literal(keyword, lang=article.lang))
    yield (URIRef(resolution.roles[article.slug]), KG.article, iri)


def _statements(statements: list[Statement], links: dict[str, dict[str, str]], stated: set) -> Iterator[tuple]:
    """The fact triples of `statements` not in `stated` yet, with their salary figures, and every evidence."""
    table = kinds()
    trust: dict[str, float] = {}  # evidence IRI -> confidence: two facts of one sentence may meet on one node
    for statement in statements:
        trust[statement.evidence] = max(trust.get(statement.evidence, 0.0), statement.fact.evidence.confidence)
    for statement in statements:
        fact = statement.fact
        prop = _property(table[fact.kind]["property"])
        subject = _iri(statement.subject)
        literal = table[fact.kind].get("literal")
        obj = Literal(statement.object, lang=fact.lang) if literal else _iri(statement.object)
        key = (statement.subject, prop, statement.object, fact.lang if literal else None)
        if key not in stated:
            stated.add(key)
            yield (subject, prop, obj)
            if fact.kind == "salary":
                yield from _salary(URIRef(statement.object), dict(fact.attrs), links[statement.object])
        yield from _evidence(statement, subject, prop, obj, trust[statement.evidence])


@lru_cache(maxsize=None)
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


def _evidence(statement, subject: URIRef, prop: URIRef, obj, confidence: float) -> Iterator[tuple]:
    ev = statement.fact.evidence
    iri = URIRef(statement.evidence)
    yield (iri, _TYPE, _EVIDENCE)
    yield (iri, _SUBJECT, subject)
    yield (iri, _PREDICATE, prop)
    yield (iri, _OBJECT, obj)
    yield (iri, _QUOTE, Literal(ev.quote))
    if ev.section:
        yield (iri, _SECTION, _text(ev.section))
    yield (iri, _DERIVED, _iri(article_iri_of(ev.article)))
    yield (iri, _START, _integer(ev.start))
    yield (iri, _END, _integer(ev.end))
    yield (iri, _LINE, _integer(ev.line))
    yield (iri, _RULE, _text(ev.rule))
    yield (iri, _CONFIDENCE, _confidence(confidence))
    if ev.curated:
        yield (iri, _CURATED, Literal(ev.curated))
