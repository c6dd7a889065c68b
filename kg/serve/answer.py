"""Answer one SPARQL request inside a query worker: parse, refuse updates and SERVICE, run, cap, write.

Runs in a worker process (kg.serve.pool) so a query past the time limit can be killed: neither rdflib nor
Oxigraph can interrupt a running query. rdflib parses every query (to refuse updates and SERVICE); the
graph's store then runs the text (Oxigraph over a persisted store). Returns an Answer (status, media type, body, headers) so the worker never raises.
"""

from __future__ import annotations

from itertools import islice

import rdflib.plugins.sparql
from rdflib import Graph
from rdflib.plugins.sparql import prepareQuery
from rdflib.plugins.sparql.algebra import traverse
from rdflib.plugins.sparql.parser import parseUpdate
from rdflib.query import Result

from kg.errors import KgError
from kg.graph.namespaces import PREFIXES, bind
from kg.query import Page, formats, question, run
from kg.query.paging import PageOfRows

rdflib.plugins.sparql.SPARQL_LOAD_GRAPHS = False  # FROM <url> must never fetch from the network

# media type -> kg.query format name, per kind of answer; the first is the default
RESULTS = {
    "SELECT": {"application/sparql-results+json": "json", "application/json": "json",
               "application/sparql-results+xml": "xml", "application/xml": "xml", "text/csv": "csv",
               "text/tab-separated-values": "tsv"},
    "ASK": {"application/sparql-results+json": "json", "application/json": "json",
            "application/sparql-results+xml": "xml", "application/xml": "xml"},
    "GRAPH": {"text/turtle": "turtle", "application/ld+json": "json-ld", "application/n-triples": "nt",
              "application/rdf+xml": "xml"},
}

Answer = tuple[int, str, bytes, dict[str, str]]  # status, media type, body, extra headers


def negotiate(accept: str, kind: str) -> str:
    """The media type to answer with: the client's most preferred one this kind of answer supports."""
    offered = RESULTS[kind]
    best, best_q = next(iter(offered)), 0.0
    for position, part in enumerate(accept.split(",") if accept else []):
        media, *options = [piece.strip() for piece in part.split(";")]
        q = next((float(o[2:]) for o in options if o.startswith("q=") and _number(o[2:])), 1.0)
        q -= position * 1e-6  # equal q: the first listed wins
        if media in offered and q > best_q:
            best, best_q = media, q
    return best


def _number(text: str) -> bool:
    try:
        float(text)
        return True
    except ValueError:
        return False


def _text(status: int, message: str) -> Answer:
    return status, "text/plain; charset=utf-8", (message + "\n").encode("utf-8"), {}


def sparql(graph: Graph, text: str, accept: str, row_cap: int) -> Answer:
    try:
        prepared = prepareQuery(text, initNs=PREFIXES)
    except Exception as error:  # pyparsing raises many types
        if _is_update(text):
            return _text(403, "this endpoint is read-only: SPARQL updates are refused")
        return _text(400, f"bad SPARQL: {str(error).splitlines()[0]}")
    if _uses_service(prepared):
        return _text(400, "SERVICE is not allowed: this endpoint never queries other servers")
    try:
        return write(graph.query(text, initNs=PREFIXES), accept, row_cap)
    except Exception as error:  # evaluation errors (bad function arguments...) are the query's fault
        return _text(400, f"query failed: {str(error).splitlines()[0] if str(error) else type(error).__name__}")


def named(graph: Graph, name: str, params: dict[str, str], accept: str, page: Page | None, row_cap: int) -> Answer:
    try:
        result = run(graph, question(name), params, page)
    except KgError as error:
        return _text(error.status, error.message)
    status, media, body, headers = write(result, accept, row_cap)
    return status, media, body, {**headers, **_page_headers(result, row_cap)}


def _page_headers(result, row_cap: int) -> dict[str, str]:
    """Which rows a page holds (`X-KG-Rows: 21-30`, empty for none) and where the next page starts, if rows
    follow (the row cap may have cut the page short)."""
    if not isinstance(result, PageOfRows):
        return {}
    shown = min(len(result), row_cap)
    headers = {"X-KG-Rows": f"{result.first}-{result.first + shown - 1}" if shown else ""}
    if result.more or len(result) > row_cap:
        headers["X-KG-Next-Offset"] = str(result.first - 1 + shown)
    return headers


def write(result, accept: str, row_cap: int) -> Answer:
    """The result in the negotiated format, cut to `row_cap` rows (or triples); a cut is said in a header."""
    kind = "GRAPH" if result.type in ("CONSTRUCT", "DESCRIBE") else result.type
    media = negotiate(accept, kind)
    truncated = False
    if kind == "SELECT":
        rows = list(islice(result, row_cap + 1))
        truncated = len(rows) > row_cap
        capped = Result("SELECT")
        capped.vars = result.vars
        capped.bindings = [{v: t for v, t in zip(result.vars, row) if t is not None} for row in rows[:row_cap]]
        result = capped
    if kind == "GRAPH":
        triples = list(islice(result.graph, row_cap + 1))
        truncated = len(triples) > row_cap
        graph = bind(Graph())
        for triple in triples[:row_cap]:
            graph.add(triple)
        body = graph.serialize(format=RESULTS[kind][media], encoding="utf-8")
    else:
        body = formats.write(result, RESULTS[kind][media])
    return 200, f"{media}; charset=utf-8", body, ({"X-KG-Truncated": f"only the first {row_cap} shown"} if truncated else {})


def _is_update(text: str) -> bool:
    try:
        parseUpdate(text)
        return True
    except Exception:
        return False


def _uses_service(prepared) -> bool:
    found = []
    traverse(prepared.algebra, visitPre=lambda node: found.append(True) if getattr(node, "name", "") == "ServiceGraphPattern" else None)
    return bool(found)
