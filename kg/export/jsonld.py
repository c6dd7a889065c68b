"""JSON-LD a web developer can read: short keys from a published @context, language maps for labels.

The context is data (context.jsonld beside this module), written next to the export so other documents
can use it too; careers.jsonld carries a copy inline so it reads on its own, offline, from any place.
Any value the context's coercion does not fit is written as an explicit value object, so nothing is lost.
Node objects come in IRI order, each written from its own triples, so an edit rewrites only the node objects
of the subjects it touched (kg.export.blocks).
"""

from __future__ import annotations

import io
import json
from functools import lru_cache
from importlib import resources
from json.encoder import encode_basestring

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF, XSD

from kg.export.blocks import Layout, Render, write_to
from kg.export.turtle import keys
from kg.graph.index import GraphIndex, indexed

CONTEXT_FILE = "context.jsonld"
_INTEGERS = {XSD.integer}
_TYPE, _STRING = RDF.type, str(XSD.string)  # once: an rdflib namespace makes a new term on every attribute read
_TYPES = frozenset({_TYPE})  # for `in`: by hash, not by rdflib's Python __eq__


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
    graph = indexed(graph)
    out = io.BytesIO()
    write_to(out, layout(), "jsonld", keys(graph), blocks(graph))
    return out.getvalue()


@lru_cache(maxsize=1)
def layout() -> Layout:
    """The bytes json.dumps(indent=2) gives around the node objects of {"@context": ..., "@graph": [...]}."""
    context = json.dumps(_terms()[0], indent=2, ensure_ascii=False).replace("\n", "\n  ")
    return Layout(f'{{\n  "@context": {context},\n  "@graph": [\n'.encode(), b"\n  ]\n}\n", b",\n")


def blocks(graph: GraphIndex) -> Render:
    """IRI -> its node object in `graph`, indented as inside "@graph" (None when it is no subject there)."""
    by_iri = _terms()[1]

    def render(key: str) -> bytes | None:
        subject = URIRef(key)
        properties = graph.subjects.get(subject)
        if not properties:
            return None
        text = _indented(_node(subject, properties, by_iri))
        return ("    " + text.replace("\n", "\n    ")).encode("utf-8")  # JSON strings hold no raw newline

    return render


_string = encode_basestring  # a JSON string, non-ASCII kept (ensure_ascii=False)


def _indented(value, indent: str = "") -> str:
    """`json.dumps(value, indent=2, ensure_ascii=False)` for a node object (strings, integers, lists and dicts of
    them): the same text without json's pure-Python encoder, which `indent` forces and which was a third of the time."""
    if isinstance(value, str):
        return _string(value)
    inner = indent + "  "
    if isinstance(value, dict):
        items = [f"{inner}{_string(key)}: {_indented(item, inner)}" for key, item in value.items()]
        return "{\n" + ",\n".join(items) + f"\n{indent}}}" if items else "{}"
    if isinstance(value, list):
        items = [inner + _indented(item, inner) for item in value]
        return "[\n" + ",\n".join(items) + f"\n{indent}]" if items else "[]"
    return json.dumps(value)


def _node(subject, properties: dict, by_iri) -> dict:
    node: dict = {"id": str(subject)}
    types = sorted(_vocab(o, by_iri) for o in properties.get(_TYPE, ()))
    if types:
        node["type"] = types[0] if len(types) == 1 else types
    entries = {}
    for prop in sorted((p for p in properties if p not in _TYPES), key=str):  # IRIs: rdflib's order, in C
        values = properties[prop]
        if len(values) > 1:  # most properties hold one value, and a Literal's n3() costs microseconds
            values = sorted(values, key=lambda term: term.n3())
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
    datatype = str(value.datatype) if value.datatype else _STRING
    if coercion == datatype:
        canonical_integer = value.datatype in _INTEGERS and str(value).isdigit() and str(int(value)) == str(value)
        return int(value) if canonical_integer else str(value)
    if datatype == _STRING and coercion is None:
        return str(value)
    return {"@value": str(value), "@type": datatype}
