"""Ask the graph: named career questions with safe parameters, any .rq file, and ad hoc SPARQL.

    from kg.query.formats import write
    graph = kg.load_graph()                               # exports/careers.ttl
    rows = kg.query(graph, "skills-by-role", role="account manager")
    first = kg.query(graph, "roles", page=Page(limit=20))  # one page: rows 1-20, and whether more follow
    print(write(rows, "csv").decode())                    # or table, json, xml, tsv, ttl

Parameters are bound as RDF terms through initBindings, never pasted into the query text: a name is
looked up among the labels of the parameter's class and bound as the node's IRI; a name that matches no
node is bound as the plain literal typed, which no triple pattern matches, so the answer is empty.
"""

from __future__ import annotations

import difflib
from pathlib import Path

from rdflib import Graph, Literal
from rdflib.query import Result

from kg.errors import KgError, NotFound
from kg.graph import labels
from kg.graph.namespaces import PREFIXES
from kg.query import formats, keyset, ladder
from kg.query.catalogue import Question, from_file, questions
from kg.query.paging import Page

PAGERS = {"ladder": ladder.cut}  # `pages-by: NAME` -> what cuts a page of that question from less than its whole answer

__all__ = ["Page", "Question", "formats", "query", "question", "questions", "run", "sparql"]


def question(name: str) -> Question:
    """A named question, or a .rq file when `name` is a path to one."""
    if name.endswith(".rq") or Path(name).is_file():
        return from_file(Path(name))
    found = questions()
    if name not in found:
        near = difflib.get_close_matches(name, list(found), n=3)
        hint = f"; closest: {', '.join(near)}" if near else "; see kg query --list"
        raise NotFound(f"no question called {name!r}{hint}")
    return found[name]


def run(graph: Graph, asked: Question, params: dict[str, str], page: Page | None = None) -> Result:
    """Answer `asked` on `graph` with `params` (name -> text) bound as RDF terms; only the rows of `page` if given."""
    declared = {p.name: p for p in asked.params}
    unknown = sorted(set(params) - set(declared))
    if unknown:
        takes = ", ".join(declared) or "no parameters"
        raise KgError(f"{asked.name} has no parameter {unknown[0]!r}; it takes {takes}")
    missing = [p.name for p in asked.params if not p.optional and p.name not in params]
    if missing:
        raise KgError(f"{asked.name} needs --param {missing[0]}=... ({declared[missing[0]].meaning})")
    bindings = {}
    for name, value in params.items():
        node = labels.find(graph, str(value), declared[name].type_)
        bindings[name] = node if node is not None else Literal(str(value))
    if asked.pager and page is not None and page.limit is not None:
        if asked.pager not in PAGERS:
            raise KgError(f"no pager called {asked.pager!r}; pages-by names one of {', '.join(PAGERS)} or a variable", asked.source)
        answer = lambda text, bound: _execute(graph, text, bound, asked.source)  # noqa: E731
        return page.cut(PAGERS[asked.pager](bindings, page, answer))
    nodes = keyset.nodes_in_order(graph, asked, params, page)
    if nodes is not None:  # a page of a corpus-wide list from its first nodes: Oxigraph cannot sort just the top
        return page.cut(keyset.cut(graph, asked, nodes, page, lambda text: _execute(graph, text, bindings, asked.source)))
    return _execute(graph, asked.text, bindings, asked.source, page)


def query(graph: Graph, name: str, *, page: Page | None = None, **params: str) -> Result:
    """Answer the named question (or .rq file) `name` on `graph`, e.g. query(g, "skills-by-role", role="account manager");
    `page=Page(limit=20, offset=40)` gives rows 41-60 only, as `kg query --limit 20 --offset 40` does."""
    return run(graph, question(name), params, page)


def sparql(graph: Graph, text: str, page: Page | None = None) -> Result:
    """Run an ad hoc SPARQL query; the project prefixes (kg:, kgr:, skos:, prov:...) are predeclared."""
    return _execute(graph, text, {}, "--sparql", page)


def _execute(graph: Graph, text: str, bindings: dict, source: str, page: Page | None = None) -> Result:
    text = page.sparql(text) if page else text
    try:
        result = graph.query(text, initNs=PREFIXES, initBindings=bindings)
        len(result)  # rdflib evaluates lazily: evaluate here so errors get the same one-line treatment
    except Exception as error:  # pyparsing and rdflib raise many types; the user needs one line
        raise KgError(f"bad SPARQL: {str(error).splitlines()[0]}", source) from error
    return page.cut(result) if page else result
