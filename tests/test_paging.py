"""Pages of a question's rows (`kg query --limit --offset`, `/api/<name>?limit=&offset=`): the pages of every
question, put end to end, are its whole answer in its order, on the store and on a parsed Turtle file alike."""

from __future__ import annotations

import json
import re
import urllib.error
import urllib.request

import pytest
from click.testing import CliRunner
from rdflib import Graph
from rdflib.plugins.sparql import prepareQuery

import kg
from kg.cli import main
from kg.errors import KgError
from kg.graph.namespaces import bind
from kg.query import Page, question, run
from kg.serve import answer
from kg.store import sparqltext
from tests.servers import kg_serving

SELECTS = sorted(name for name, asked in kg.questions().items() if re.search(r"^SELECT\b", asked.text, re.MULTILINE))
ROLES = "SELECT ?role WHERE { ?role a kg:Role } ORDER BY ?role"


@pytest.fixture(scope="module", params=["store", "parsed"])
def graph(request, sample_graph, sample_exports):
    """The sample graph as `kg query` opens it (the persisted store) and as rdflib parses it (any other Turtle)."""
    if request.param == "store":
        return sample_graph
    return bind(Graph()).parse(sample_exports / "careers.ttl", format="turtle")


def values(result) -> list[tuple]:
    return [tuple(row) for row in result]


@pytest.mark.parametrize("text, limit, offset", [
    ("SELECT ?x WHERE { ?x ?p ?o }", None, 0),
    ("SELECT ?x WHERE { ?x ?p ?o } ORDER BY ?x LIMIT 5", 5, 0),
    ("SELECT ?x WHERE { ?x ?p ?o } order by ?x offset 3 limit 5", 5, 3),
    ("SELECT ?x WHERE { { SELECT ?x WHERE { ?x ?p ?o } LIMIT 2 } } # LIMIT 9 in a comment", None, 0),
    ("SELECT ?limit WHERE { ?limit ?p 'LIMIT 7' } ORDER BY ?limit", None, 0),
    ("SELECT ?x { ?x ?p ?o } LIMIT 4 VALUES ?x { <http://x/LIMIT/1> }", 4, 0),
    ("SELECT ?x { ?x ?p ?o } ORDER BY ?x VALUES ?x { <http://x/1> }", None, 0),
    ("SELECT ?x WHERE { ?x ?p ?o } ORDER BY ?x # a last comment, no newline", None, 0),
])
def test_the_window_a_query_already_has(text, limit, offset):
    window = sparqltext.window(text)
    assert (window.limit, window.offset) == (limit, offset)
    if limit is None and not offset:
        assert window.start == window.end == (text.index("VALUES") if "VALUES" in text else len(text))
    paged = Page(2, 1).sparql(text)
    prepareQuery(paged)  # still SPARQL
    assert sparqltext.window(paged)[:2] == ((min(3, limit - 1) if limit else 3), offset + 1)


@pytest.mark.parametrize("name", SELECTS)
def test_pages_end_to_end_are_the_whole_answer_in_order(graph, name):
    asked = question(name)
    params = {p.name: "account manager" for p in asked.params if not p.optional}
    whole = values(run(graph, asked, params))
    pages, offset = [], 0
    while True:
        page = run(graph, asked, params, Page(2, offset))
        assert page.first == offset + 1 and len(page) <= 2
        pages += values(page)
        offset += 2
        if not page.more:
            break
    assert pages == whole
    assert values(run(graph, asked, params, Page(offset=1))) == whole[1:]


@pytest.mark.parametrize("page, cut", [(Page(2, 2), slice(2, 4)), (Page(10, 3), slice(3, 5)), (Page(0, 1), slice(0, 0)),
                                       (Page(offset=6), slice(5, 5))])
def test_a_page_is_cut_from_inside_the_querys_own_limit_and_offset(graph, page, cut):
    whole = values(kg.sparql(graph, ROLES))
    assert len(whole) >= 7
    window = whole[1:6]  # what LIMIT 5 OFFSET 1 keeps
    paged = kg.sparql(graph, ROLES + " LIMIT 5 OFFSET 1", page)
    assert values(paged) == window[cut]
    assert paged.more == (page.limit is not None and page.offset + page.limit < len(window))


def test_the_table_says_which_rows_it_shows(sample_exports):
    graph = ["--graph", str(sample_exports / "careers.ttl")]
    total = len(kg.sparql(kg.load_graph(sample_exports / "careers.ttl"), ROLES))
    first = CliRunner().invoke(main, ["query", "--sparql", ROLES, "--limit", "2", "--offset", "1", *graph])
    assert first.exit_code == 0, first.output
    assert first.output.splitlines()[-1] == "rows 2-3 of the answer; more from offset 3"
    last = CliRunner().invoke(main, ["query", "roles", "--limit", "1000", "--offset", "3", "-f", "table", *graph])
    assert last.output.splitlines()[-1].endswith(", the last")
    beyond = CliRunner().invoke(main, ["query", "--sparql", ROLES, "--offset", str(total + 5), *graph])
    assert beyond.output.splitlines()[-1] == f"no rows from row {total + 6} on"
    as_csv = CliRunner().invoke(main, ["query", "--sparql", ROLES, "--limit", "2", "-f", "csv", *graph])
    assert len(as_csv.output.splitlines()) == 3  # the header and two rows
    ask = CliRunner().invoke(main, ["query", "--sparql", "ASK { ?s ?p ?o }", "--limit", "1", *graph])
    assert ask.exit_code == 2 and ask.stderr.strip() == "error: a page is rows of a SELECT; this query answers ASK"
    assert CliRunner().invoke(main, ["query", "roles", "--limit", "-1", *graph]).exit_code == 2
    with pytest.raises(KgError, match="0 or more"):
        Page(offset=-1)


def test_api_pages_say_which_rows_and_where_the_next_starts(sample_build, sample_exports):
    whole = [row["role"]["value"] for row in json.loads(answer.named(sample_build.graph, "roles", {}, "application/json", None, 1000)[2])
             ["results"]["bindings"]]
    with kg_serving(sample_build.graph, sample_exports, workers=1) as url:
        response = urllib.request.urlopen(f"{url}/api/roles?limit=2&offset=1")
        rows = json.loads(response.read())["results"]["bindings"]
        assert [row["role"]["value"] for row in rows] == whole[1:3]
        assert (response.headers["X-KG-Rows"], response.headers["X-KG-Next-Offset"]) == ("2-3", "3")
        response = urllib.request.urlopen(f"{url}/api/roles?offset={len(whole) - 1}&format=csv")
        assert response.read().decode().splitlines()[1:] and response.headers["X-KG-Next-Offset"] is None
        with pytest.raises(urllib.error.HTTPError) as bad:
            urllib.request.urlopen(f"{url}/api/roles?limit=ten")
        assert bad.value.code == 400
    _, _, body, headers = answer.named(sample_build.graph, "roles", {}, "application/json", Page(5, 2), 3)  # the row cap cuts the page
    assert headers == {"X-KG-Truncated": "only the first 3 shown", "X-KG-Rows": "3-5", "X-KG-Next-Offset": "5"}
    assert [row["role"]["value"] for row in json.loads(body)["results"]["bindings"]] == whole[2:5]



def test_api_pages_a_ladder_from_its_walk(sample_build, sample_exports):
    """/api/promotion-ladder?limit=&offset= is cut by the ladder's pager (kg.query.ladder), rows as in the whole."""
    whole = json.loads(answer.named(sample_build.graph, "promotion-ladder", {"role": "account manager"}, "application/json", None,
                                    1000)[2])["results"]["bindings"]
    assert len(whole) > 3
    with kg_serving(sample_build.graph, sample_exports, workers=1) as url:
        response = urllib.request.urlopen(f"{url}/api/promotion-ladder?role=account%20manager&limit=2&offset=1")
        assert json.loads(response.read())["results"]["bindings"] == whole[1:3]
        assert (response.headers["X-KG-Rows"], response.headers["X-KG-Next-Offset"]) == ("2-3", "3")

def test_the_python_api_pages_a_named_question(graph):
    """`kg.query(..., page=...)` is the notebook's `kg query --limit --offset`."""
    whole = values(kg.query(graph, "skills-by-role", role="account manager"))
    page = kg.query(graph, "skills-by-role", page=Page(2, 1), role="account manager")
    assert values(page) == whole[1:3] and page.first == 2 and page.more == (len(whole) > 3)
