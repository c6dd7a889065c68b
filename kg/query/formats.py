"""Answer formats, registered by name: `kg query --format NAME` reads this table and `--help` lists it.

json, xml and csv are rdflib's W3C SPARQL results writers; rdflib has no TSV writer, so `tsv` follows
https://www.w3.org/TR/sparql11-results-csv-tsv/ here: terms in Turtle syntax, unbound values empty.
"""

from __future__ import annotations

import io
import shutil
from dataclasses import dataclass
from typing import Callable

from rdflib import XSD, BNode, Literal, URIRef
from rdflib.query import Result
from rdflib.term import Node
from rich.console import Console
from rich.table import Table

from kg.errors import KgError
from kg.graph.namespaces import PREFIXES, bind
from kg.query.paging import PageOfRows

SELECT, ASK, GRAPH = frozenset({"SELECT"}), frozenset({"ASK"}), frozenset({"CONSTRUCT", "DESCRIBE"})


@dataclass(frozen=True)
class Format:
    name: str
    kinds: frozenset[str]  # the query forms it can write
    write: Callable[[Result], bytes]
    summary: str


def _w3c(name: str) -> Callable[[Result], bytes]:
    return lambda result: result.serialize(format=name, encoding="utf-8")


def _turtle(result: Result) -> bytes:
    return bind(result.graph).serialize(format="turtle", encoding="utf-8")


def short(term: Node | None) -> str:
    """A term as a person reads it: IRIs with the project prefixes, literals as their text."""
    if term is None:
        return ""
    if isinstance(term, URIRef):
        for prefix, namespace in sorted(PREFIXES.items(), key=lambda item: -len(str(item[1]))):
            if term.startswith(str(namespace)):
                return f"{prefix}:{term[len(str(namespace)):]}"
    return str(term)


def _table(result: Result, label: Callable[[URIRef], str] | None = None) -> bytes:
    """Rows as a person reads them: a node by its label when `label` gives one, else its prefixed IRI; a page
    says which rows of the whole answer it shows."""
    if result.type == "ASK":
        return f"{'yes' if result.askAnswer else 'no'}\n".encode()
    if result.type in GRAPH:
        return _turtle(result)
    table = Table(*[str(v) for v in result.vars], show_lines=False, header_style="bold")
    for row in result:
        table.add_row(*[label(term) if label and isinstance(term, URIRef) else short(term) for term in row])
    width = shutil.get_terminal_size((160, 24)).columns
    out = io.StringIO()
    Console(file=out, width=width, color_system=None).print(table)
    footer = result.note() if isinstance(result, PageOfRows) else f"{len(result)} row{'s' if len(result) != 1 else ''}"
    return f"{out.getvalue()}{footer}\n".encode()


def tsv_term(term: Node | None) -> str:
    """One TSV cell: an RDF term in Turtle syntax, with tab, newline and CR escaped as the spec asks."""
    if term is None:
        return ""
    if isinstance(term, URIRef):
        return f"<{term}>"
    if isinstance(term, BNode):
        return f"_:{term}"
    assert isinstance(term, Literal)
    text = str(term).replace("\\", "\\\\").replace('"', '\\"').replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r")
    if term.language:
        return f'"{text}"@{term.language}'
    if term.datatype and term.datatype != XSD.string:
        return f'"{text}"^^<{term.datatype}>'
    return f'"{text}"'


def _tsv(result: Result) -> bytes:
    lines = ["\t".join(f"?{v}" for v in result.vars)]
    lines += ["\t".join(tsv_term(term) for term in row) for row in result]
    return ("\n".join(lines) + "\n").encode("utf-8")


FORMATS: dict[str, Format] = {
    f.name: f
    for f in (
        Format("table", SELECT | ASK | GRAPH, _table, "a readable table (Turtle for CONSTRUCT/DESCRIBE)"),
        Format("json", SELECT | ASK, _w3c("json"), "SPARQL 1.1 Query Results JSON"),
        Format("xml", SELECT | ASK, _w3c("xml"), "SPARQL Query Results XML"),
        Format("csv", SELECT, _w3c("csv"), "SPARQL 1.1 Query Results CSV"),
        Format("tsv", SELECT, _tsv, "SPARQL 1.1 Query Results TSV"),
        Format("ttl", GRAPH, _turtle, "Turtle, for CONSTRUCT and DESCRIBE"),
    )
}


def write(result: Result, format_name: str = "table", label: Callable[[URIRef], str] | None = None) -> bytes:
    """The answer `result` in format `format_name`; a KgError if that format cannot carry this kind of answer.
    `label` names nodes in the readable table (the machine formats keep IRIs)."""
    if format_name not in FORMATS:
        raise KgError(f"unknown format {format_name!r}; choose one of {', '.join(FORMATS)}")
    fmt = FORMATS[format_name]
    if result.type not in fmt.kinds:
        usable = [f.name for f in FORMATS.values() if result.type in f.kinds]
        raise KgError(f"{format_name} cannot carry a {result.type} answer; use {', '.join(usable)}")
    return _table(result, label) if fmt.write is _table else fmt.write(result)
