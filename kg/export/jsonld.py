"""JSON-LD a web developer can read: short keys from a published @context, language maps for labels.

The context is data (context.jsonld beside this module), written next to the export so other documents
can use it too; careers.jsonld carries a copy inline so it reads on its own, offline, from any place.
Any value the context's coercion does not fit is written as an explicit value object, so nothing is lost.
"""

from __future__ import annotations

import json
from functools import lru_cache
from importlib import resources

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF, XSD

from kg.graph.index import GraphIndex, indexed

CONTEXT_FILE = "context.jsonld"
_INTEGERS = {XSD.integer}


def context_bytes() -> bytes:
    return resources.files("kg.export").joinpath(CONTEXT_FILE).read_bytes()


@lru_cache(maxsize=1)
def _terms() -> tuple[dict, dict[str, tuple[str, dict]]]:
    """The context, and property IRI -> (term, definition) for every term that names an IRI."""
    context = json.loads(context_bytes())["@context"]
    prefixes = {k: v for k, v in context.items() if isinstance(v, str) and v.endswith(("#", "/"))}

    def expand(value: str) -> str:
        prefix, _, local = value.partition(":")
        return prefixes[prefix] + local if prefix in prefixes else value

    by_iri = {}
    for term, value in context.items():
        definition = value if isinstance(value, dict) else {"@id": value}
        if term not in prefixes and not definition["@id"].startswith("@"):
            by_iri[expand(definition["@id"])] = (term, {k: expand(v) if k == "@type" else v for k, v in definition.items()})
    return context, by_iri


def files(graph: Graph | GraphIndex) -> dict[str, bytes]:
    return {"careers.jsonld": serialize(graph), CONTEXT_FILE: context_bytes()}


def serialize(graph: Graph | GraphIndex) -> bytes:
    context, by_iri = _terms()
    subjects = indexed(graph).subjects
    nodes = [_node(subject, subjects[subject], by_iri) for subject in sorted(subjects)]
    document = {"@context": context, "@graph": nodes}
    return (json.dumps(document, indent=2, ensure_ascii=False) + "\n").encode("utf-8")


def _node(subject, properties: dict, by_iri) -> dict:
    node: dict = {"id": str(subject)}
    types = sorted(_vocab(o, by_iri) for o in properties.get(RDF.type, ()))
    if types:
        node["type"] = types[0] if len(types) == 1 else types
    entries = {}
    for prop in sorted(set(properties) - {RDF.type}):
        values = sorted(properties[prop], key=lambda term: term.n3())
        term, definition = by_iri.get(str(prop), (str(prop), {}))
        if definition.get("@container") == "@language":
            if all(isinstance(v, Literal) and v.language for v in values):
                entries[term] = _language_map(values)
                continue
            term, definition = str(prop), {}
        encoded = [_value(v, definition, by_iri) for v in values]
        entries[term] = encoded[0] if len(encoded) == 1 else encoded
    node.update(sorted(entries.items()))
    return node


def _language_map(values: list[Literal]) -> dict:
    by_lang: dict[str, list[str]] = {}
    for value in values:
        by_lang.setdefault(value.language, []).append(str(value))
    return {lang: texts[0] if len(texts) == 1 else texts for lang, texts in sorted(by_lang.items())}


def _vocab(iri, by_iri) -> str:
    return by_iri[str(iri)][0] if str(iri) in by_iri else str(iri)


def _value(value, definition: dict, by_iri):
    """The shortest JSON the term's coercion expands back to exactly `value`."""
    coercion = definition.get("@type")
    if isinstance(value, URIRef):
        if coercion == "@vocab":
            return _vocab(value, by_iri)
        return str(value) if coercion == "@id" else {"@id": str(value)}
    if value.language:
        return {"@value": str(value), "@language": value.language}
    datatype = str(value.datatype or XSD.string)
    if coercion == datatype:
        canonical_integer = value.datatype in _INTEGERS and str(value).isdigit() and str(int(value)) == str(value)
        return int(value) if canonical_integer else str(value)
    if datatype == str(XSD.string) and coercion is None:
        return str(value)
    return {"@value": str(value), "@type": datatype}
