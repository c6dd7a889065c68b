"""The first pages of a corpus-wide answer without sorting the corpus.

Oxigraph has no top-k sort: `ORDER BY ... LIMIT 20` over 10,000 roles sorts every row before it keeps 20, so
the first page of skills-by-role costs as much as the whole answer. A question whose rows are sorted first by
a node's IRI (its `pages-by` header: ?role, ?industry...) can be asked for a few of those nodes at a time
instead, in IRI order, with a VALUES block: the rows of the first nodes are the first rows of the answer.
The nodes come sorted from the label index `kg build` saved beside the store (every instance of each class);
without one (an rdflib Graph in memory) the page is cut from the whole answer as before.
"""

from __future__ import annotations

from typing import Callable

import pyoxigraph as ox
from rdflib import Graph, URIRef
from rdflib.query import Result

from kg.query.catalogue import Question
from kg.query.paging import Page
from kg.store import bindings, sparqltext
from kg.store.persisted import oxigraph_of
from kg.store.terms import CAREER

FIRST_NODES = 1  # nodes asked for in the first round, then twice as many each round: one industry can hold
# hundreds of rows and one role a few; at 1,000 articles starting from 1 beat 8 and 32 for every paged question


def nodes_in_order(graph: Graph, asked: Question, params: dict, page: Page | None) -> list[str] | None:
    """The IRIs, sorted, of the nodes the answer's rows are sorted by, when a page can be cut from its first
    ones; None when it cannot (no page limit, the variable bound by a parameter, no saved label index)."""
    keyed = asked.pages_by
    if page is None or page.limit is None or keyed is None or keyed.name in params:
        return None
    own = sparqltext.window(asked.text)
    if own.limit is not None or own.offset:
        return None
    found = getattr(graph.store, "label_index", None)
    indexes = [found(each) for each in keyed.types] if found else [None]
    return None if None in indexes else sorted({node for index in indexes for node in index.values()})


def cut(graph: Graph, asked: Question, nodes: list[str], page: Page, answer: Callable[[str], Result]) -> Result:
    """Rows offset+1 .. offset+limit+1 of the answer (one more tells whether a page follows), asking `answer`
    for the rows of FIRST_NODES nodes, then twice as many, until there are enough or no nodes are left; with a
    second level, the nodes one at a time and their rows FIRST_NODES of the next nodes at a time."""
    keyed, wanted = asked.pages_by, page.offset + page.limit + 1
    if keyed.then is None:
        variables, rows = first_rows(asked.text, (keyed.name,), [(node,) for node in nodes], wanted, answer)
    else:
        rows = []
        for node in nodes:
            under = _subjects(graph, keyed.then.via, node)
            variables, found = first_rows(asked.text, (keyed.name, keyed.then.name), [(node, each) for each in under],
                                          wanted - len(rows), answer)
            rows += found
            if len(rows) >= wanted:
                break
    found = Result("SELECT")
    found.vars, found.bindings = variables, rows[page.offset:]
    return found


def _subjects(graph: Graph, via: URIRef, node: str) -> list[str]:
    """The IRIs, sorted, of the subjects of `via` whose object is `node`: over a store, read as Oxigraph's terms
    (an rdflib term costs microseconds to make, and an industry has a thousand roles at 10,000 articles)."""
    store = oxigraph_of(graph)
    if store is None:
        return sorted(str(each) for each in graph.subjects(via, URIRef(node)))
    return sorted(quad.subject.value for quad in store.quads_for_pattern(None, ox.NamedNode(via), ox.NamedNode(node), CAREER))


def first_rows(text: str, names: tuple[str, ...], keys: list[tuple[str, ...]], wanted: int, answer: Callable[[str], Result],
               keep: Callable[[dict], bool] | None = None) -> tuple[list, list[dict]]:
    """The answer's variables and its first `wanted` rows that `keep` keeps (fewer when it has no more), `text`
    asked for the rows of FIRST_NODES of `keys` (IRIs of ?`names`), then twice as many, until there are enough
    (a round is asked for no more rows than are missing, unless `keep` may drop some)."""
    variables, rows = [], []
    start, size = 0, FIRST_NODES
    while True:  # once at least: no node at all still answers with the question's variables
        some = [tuple(ox.NamedNode(iri) for iri in key) for key in keys[start:start + size]]
        asked = bindings.among(text, names, some)
        part = answer(Page(limit=wanted - len(rows) - 1).sparql(asked) if keep is None else asked)
        variables, rows = part.vars, rows + [row for row in part.bindings if keep is None or keep(row)]
        start, size = start + size, size * 2
        if start >= len(keys) or len(rows) >= wanted:
            return variables, rows[:wanted]
