"""CSV tables for spreadsheets: roles.csv (one row per role) and facts.csv (one row per fact and evidence).

UTF-8 with a byte-order mark and CRLF line ends (RFC 4180): without the BOM, Excel opens UTF-8 files in
the local code page and garbles "è" and "€"; LibreOffice, Google Sheets and Python (`utf-8-sig`) read
the BOM as intended. Labels are given in the language of the article the fact comes from. A cell that a
spreadsheet would run as a formula (it starts with =, +, -, @, a tab or a carriage return: article text can)
is written with a leading apostrophe, the OWASP guard against CSV injection. Each row is a block
(kg.export.blocks) made from its own IRI's neighbourhood, in IRI order, so an edit rewrites only its rows;
roles.csv's header row names the languages its roles have labels in (kg.export.headed).
"""

from __future__ import annotations

import csv
import io

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import PROV, RDF, SKOS

from kg.export.blocks import Layout, write_to
from kg.export.headed import Headed
from kg.export.names import compact
from kg.graph.index import GraphIndex, indexed
from kg.graph.namespaces import KG, SCHEMA

FACT_COLUMNS = ("subject", "subject_label", "predicate", "object", "object_label", "quote", "section",
                "article", "line", "start", "end", "rule", "confidence", "evidence")
BOM = "\ufeff".encode()
ROLES = Layout(BOM, b"")
FACTS = Layout(BOM + ",".join(FACT_COLUMNS).encode() + b"\r\n", b"")


def files(graph: Graph | GraphIndex) -> dict[str, bytes]:
    graph = indexed(graph)
    roles, facts = Roles(graph), Facts(graph)
    return {"roles.csv": _bytes(ROLES, roles.all_keys(), roles), "facts.csv": _bytes(FACTS, facts.keys(), facts)}


def _bytes(layout: Layout, keys: list[str], render) -> bytes:
    out = io.BytesIO()
    write_to(out, layout, "csv", keys, render)
    return out.getvalue()


def _row(values) -> bytes:
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\r\n").writerow([_inert(value) for value in values])
    return buffer.getvalue().encode("utf-8")


def _inert(value):
    return f"'{value}" if isinstance(value, str) and value[:1] in _FORMULA_STARTS else value


_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def _number(value) -> int | str:
    return "" if value is None else int(value)


def _label(graph: GraphIndex, term, lang: str) -> str:
    if isinstance(term, Literal):
        return str(term)
    labels = _labels(graph, term)
    return labels.get(lang) or next(iter(sorted(labels.items())), ("", ""))[1]


def _labels(graph: GraphIndex, node: URIRef) -> dict[str, str]:
    """Language -> `node`'s label in it (the first in order, should it have two)."""
    labels = sorted((label for label in graph.objects(node, SKOS.prefLabel) if isinstance(label, Literal)), reverse=True)
    return {label.language or "": str(label) for label in labels}


class Roles(Headed):
    """roles.csv, one row per role in IRI order: its labels in every language a role has a label in, alternative
    labels, definition, articles and fact count; the head is the column names."""

    def keys(self) -> list[str]:
        return sorted(map(str, self.graph.of_type(KG.Role)))

    def uses(self, key: str) -> tuple[str, ...] | None:
        role = URIRef(key)
        if KG.Role not in self.graph.objects(role, RDF.type):
            return None
        return tuple(sorted(_labels(self.graph, role)))

    def head(self, names: set[str]) -> bytes:
        return _row(("role", *(f"label_{lang}" for lang in sorted(names)), "alt_labels", "definition", "articles", "facts"))

    def body(self, key: str, names: set[str]) -> bytes | None:
        graph, role = self.graph, URIRef(key)
        if KG.Role not in graph.objects(role, RDF.type):
            return None
        labels = _labels(graph, role)
        facts = len(graph.evidenced(role))
        return _row((
            key,
            *(labels.get(lang, "") for lang in sorted(names)),
            " | ".join(sorted(str(v) for v in graph.objects(role, SKOS.altLabel))),
            " | ".join(sorted(str(v) for v in graph.objects(role, SKOS.definition))),
            " ".join(sorted(str(graph.value(a, KG.sourcePath)) for a in graph.objects(role, KG.article))),
            facts,
        ))


class Facts:
    """facts.csv, one row per evidence in IRI order (the IRI starts with its article's slug): the fact it
    supports, the sentence, and where that sentence is."""

    def __init__(self, graph: GraphIndex) -> None:
        self.graph = graph
        self.articles: dict = {}  # article -> (language, source path): every row of an article repeats them
        self.labels: dict = {}  # (node, language) -> its label: a node's row repeats across its facts

    def keys(self) -> list[str]:
        return sorted(map(str, self.graph.of_type(KG.Evidence)))

    def __call__(self, key: str) -> bytes | None:
        properties = self.graph.subjects.get(URIRef(key), {})
        if _EVIDENCE not in properties.get(_TYPE, ()):
            return None
        (article, subject, predicate, obj, quote, section, line, start, end, rule,
         confidence) = (properties.get(p, (None,))[0] for p in _EVIDENCE_PROPERTIES)
        lang, path = self._article(article)
        return _row((
            str(subject), self._label(subject, lang), compact(predicate),
            str(obj) if isinstance(obj, URIRef) else "", self._label(obj, lang),
            str(quote), str(section or ""), path, _number(line), _number(start), _number(end),
            str(rule), str(confidence or ""), key,
        ))

    def _article(self, article) -> tuple[str, str]:
        found = self.articles.get(article)
        if found is None:
            found = self.articles[article] = (str(self.graph.value(article, _LANGUAGE) or ""),
                                              str(self.graph.value(article, _PATH)))
        return found

    def _label(self, term, lang: str) -> str:
        if isinstance(term, Literal):
            return str(term)
        found = self.labels.get((term, lang))
        if found is None:
            found = self.labels[term, lang] = _label(self.graph, term, lang)
        return found


# Terms made once: an rdflib namespace makes a new one on every attribute read, and compares it in Python.
_TYPE, _EVIDENCE, _LANGUAGE, _PATH = RDF.type, KG.Evidence, SCHEMA.inLanguage, KG.sourcePath
_EVIDENCE_PROPERTIES = (PROV.wasDerivedFrom, RDF.subject, RDF.predicate, RDF.object, KG.quote, KG.section, KG.sourceLine,
                        KG.startOffset, KG.endOffset, KG.rule, KG.confidence)
