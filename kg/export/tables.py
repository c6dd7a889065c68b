"""CSV tables for spreadsheets: roles.csv (one row per role) and facts.csv (one row per fact and evidence).

UTF-8 with a byte-order mark and CRLF line ends (RFC 4180): without the BOM, Excel opens UTF-8 files in
the local code page and garbles "è" and "€"; LibreOffice, Google Sheets and Python (`utf-8-sig`) read
the BOM as intended. Labels are given in the language of the article the fact comes from. A cell that a
spreadsheet would run as a formula (it starts with =, +, -, @, a tab or a carriage return: article text can)
is written with a leading apostrophe, the OWASP guard against CSV injection.
"""

from __future__ import annotations

import csv
import io
from collections import Counter

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import PROV, RDF, SKOS

from kg.export.names import compact
from kg.graph.index import GraphIndex, indexed
from kg.graph.namespaces import KG, SCHEMA

FACT_COLUMNS = ("subject", "subject_label", "predicate", "object", "object_label", "quote", "section",
                "article", "line", "start", "end", "rule", "confidence", "evidence")


def files(graph: Graph | GraphIndex) -> dict[str, bytes]:
    graph = indexed(graph)
    return {"roles.csv": _csv(*roles(graph)), "facts.csv": _csv(FACT_COLUMNS, facts(graph))}


def _csv(columns, rows) -> bytes:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=columns, lineterminator="\r\n")
    writer.writeheader()
    writer.writerows({key: _inert(value) for key, value in row.items()} for row in rows)
    return buffer.getvalue().encode("utf-8-sig")


def _inert(value):
    return f"'{value}" if isinstance(value, str) and value[:1] in _FORMULA_STARTS else value


_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def _label(graph: GraphIndex, term, lang: str) -> str:
    if isinstance(term, Literal):
        return str(term)
    labels = {label.language: str(label) for label in graph.objects(term, SKOS.prefLabel)}
    return labels.get(lang) or next(iter(sorted(labels.items())), ("", ""))[1]


def roles(graph: Graph | GraphIndex) -> tuple[tuple[str, ...], list[dict]]:
    """One row per role: its labels in every language, alternative labels, definition, article and fact count."""
    graph = indexed(graph)
    langs = sorted({label.language for props in graph.subjects.values() for label in props.get(SKOS.prefLabel, ())})
    columns = ("role", *(f"label_{lang}" for lang in langs), "alt_labels", "definition", "articles", "facts")
    evidence_count = Counter(graph.value(ev, RDF.subject) for ev in graph.of_type(KG.Evidence))
    rows = []
    for role in sorted(graph.of_type(KG.Role)):
        labels = {label.language: str(label) for label in graph.objects(role, SKOS.prefLabel)}
        rows.append({
            "role": str(role),
            **{f"label_{lang}": labels.get(lang, "") for lang in langs},
            "alt_labels": " | ".join(sorted(str(v) for v in graph.objects(role, SKOS.altLabel))),
            "definition": " | ".join(sorted(str(v) for v in graph.objects(role, SKOS.definition))),
            "articles": " ".join(sorted(str(graph.value(a, KG.sourcePath)) for a in graph.objects(role, KG.article))),
            "facts": evidence_count[role],
        })
    return columns, rows


def facts(graph: Graph | GraphIndex) -> list[dict]:
    """One row per evidence: the fact it supports, the sentence, and where that sentence is."""
    graph = indexed(graph)
    rows = []
    for ev in graph.of_type(KG.Evidence):
        article = graph.value(ev, PROV.wasDerivedFrom)
        lang = str(graph.value(article, SCHEMA.inLanguage) or "")
        subject, obj = graph.value(ev, RDF.subject), graph.value(ev, RDF.object)
        rows.append({
            "subject": str(subject),
            "subject_label": _label(graph, subject, lang),
            "predicate": compact(graph.value(ev, RDF.predicate)),
            "object": str(obj) if isinstance(obj, URIRef) else "",
            "object_label": _label(graph, obj, lang),
            "quote": str(graph.value(ev, KG.quote)),
            "section": str(graph.value(ev, KG.section) or ""),
            "article": str(graph.value(article, KG.sourcePath)),
            "line": int(graph.value(ev, KG.sourceLine)),
            "start": int(graph.value(ev, KG.startOffset)),
            "end": int(graph.value(ev, KG.endOffset)),
            "rule": str(graph.value(ev, KG.rule)),
            "confidence": str(graph.value(ev, KG.confidence) or ""),
            "evidence": str(ev),
        })
    return sorted(rows, key=lambda row: (row["article"], row["start"], row["end"], row["evidence"]))

