"""kg serve answers a real SPARQL client (SPARQLWrapper), refuses updates, and stops runaway queries."""

from __future__ import annotations

import csv
import http.client
import io
import json
import shutil
import time
import urllib.error
import urllib.parse
import urllib.request

import pytest
from rdflib import Graph
from SPARQLWrapper import CSV, JSON, JSONLD, POST, TSV, TURTLE, XML, SPARQLWrapper
from SPARQLWrapper.SPARQLExceptions import SPARQLWrapperException

import kg
from kg.cli.serve import serve_command
from kg.serve import make_server
from tests.conftest import SAMPLE, write_article
from tests.servers import kg_serving

SLOW = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"


@pytest.fixture(scope="module")
def server(sample_build, sample_exports):
    with kg_serving(sample_build.graph, sample_exports, time_limit=3, row_cap=50, workers=2) as url:
        yield url


def client(server: str, query: str, fmt) -> SPARQLWrapper:
    sparql = SPARQLWrapper(f"{server}/sparql")
    sparql.setQuery(query)
    sparql.setReturnFormat(fmt)
    return sparql


def test_select_in_every_results_format(server, sample_build):
    query = "SELECT ?role WHERE { ?role a kg:Role } ORDER BY ?role"
    roles = sorted(str(r) for r, in sample_build.graph.query(query))
    rows = client(server, query, JSON).queryAndConvert()["results"]["bindings"]
    assert [row["role"]["value"] for row in rows] == roles
    xml = client(server, query, XML).queryAndConvert()
    assert len(xml.getElementsByTagName("result")) == len(roles)
    table = list(csv.DictReader(io.StringIO(client(server, query, CSV).queryAndConvert().decode("utf-8"))))
    assert [row["role"] for row in table] == roles
    tsv = client(server, query, TSV).queryAndConvert().decode("utf-8").splitlines()
    assert tsv[0] == "?role" and tsv[1:] == [f"<{r}>" for r in roles]


def test_ask_and_construct_with_post(server):
    ask = client(server, "ASK { ?r a kg:Role }", JSON)
    ask.setMethod(POST)
    assert ask.queryAndConvert()["boolean"] is True
    construct = "CONSTRUCT { ?r skos:prefLabel ?l } WHERE { ?r a kg:Role ; skos:prefLabel ?l }"
    turtle = client(server, construct, TURTLE).queryAndConvert()
    graph = Graph().parse(data=turtle, format="turtle")
    jsonld = Graph().parse(data=client(server, construct, JSONLD).query().response.read(), format="json-ld")
    assert len(graph) > 5 and set(graph) == set(jsonld)


def test_rows_are_capped_and_the_cap_is_said(server):
    response = urllib.request.urlopen(f"{server}/sparql?query=" + urllib.request.quote("SELECT * WHERE { ?s ?p ?o }"))
    assert len(json.loads(response.read())["results"]["bindings"]) == 50
    assert "50" in response.headers["X-KG-Truncated"]


def test_updates_are_refused_and_change_nothing(server):
    count = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
    before = client(server, count, JSON).queryAndConvert()["results"]["bindings"][0]["n"]["value"]
    update = SPARQLWrapper(f"{server}/sparql")
    update.setMethod(POST)
    update.setQuery("INSERT DATA { <urn:a> <urn:b> <urn:c> }")
    with pytest.raises((SPARQLWrapperException, urllib.error.HTTPError)):
        update.query()
    for body, media in ((b"update=DROP+ALL", "application/x-www-form-urlencoded"), (b"DROP ALL", "application/sparql-update"),
                        (b"query=CLEAR+ALL", "application/x-www-form-urlencoded")):
        request = urllib.request.Request(f"{server}/sparql", data=body, headers={"Content-Type": media})
        with pytest.raises(urllib.error.HTTPError) as refused:
            urllib.request.urlopen(request)
        assert 400 <= refused.value.code < 500
    assert client(server, count, JSON).queryAndConvert()["results"]["bindings"][0]["n"]["value"] == before


def test_a_long_query_is_cut_off_and_the_server_keeps_answering(server):
    started = time.monotonic()
    with pytest.raises(urllib.error.HTTPError) as stopped:
        urllib.request.urlopen(f"{server}/sparql?query=" + urllib.request.quote(SLOW), timeout=30)
    assert stopped.value.code == 503 and time.monotonic() - started < 10
    assert client(server, "ASK { ?s ?p ?o }", JSON).queryAndConvert()["boolean"] is True


def test_service_is_refused(server):
    with pytest.raises(urllib.error.HTTPError) as refused:
        urllib.request.urlopen(f"{server}/sparql?query=" + urllib.request.quote("SELECT * WHERE { SERVICE <http://example.org/sparql> { ?s ?p ?o } }"))
    assert refused.value.code == 400


def test_named_questions_on_api(server):
    listed = json.loads(urllib.request.urlopen(f"{server}/api").read())
    assert any(q["name"] == "skills-by-role" for q in listed)
    answer = json.loads(urllib.request.urlopen(f"{server}/api/skills-by-role?role=account+manager").read())
    assert answer["results"]["bindings"]
    with pytest.raises(urllib.error.HTTPError) as missing:
        urllib.request.urlopen(f"{server}/api/no-such-question")
    assert missing.value.code == 404


def test_page_static_files_security_headers_and_no_traversal(server):
    page = urllib.request.urlopen(f"{server}/")
    html = page.read().decode("utf-8")
    csp = page.headers["Content-Security-Policy"]
    assert "script-src 'self'" in csp and page.headers["X-Content-Type-Options"] == "nosniff"
    assert page.headers["Access-Control-Allow-Origin"] == "*"
    assert "/static/yasgui-4.6.2.min.js" in html and "<script>" not in html  # no inline script
    assert 'autocompleters: ["variables"]' in urllib.request.urlopen(f"{server}/static/page.js").read().decode()  # no prefix.cc
    assert urllib.request.urlopen(f"{server}/static/yasgui-4.6.2.min.js").headers["Content-Type"].startswith("text/javascript")
    assert urllib.request.urlopen(f"{server}/exports/careers.ttl").read().startswith(b"# Career")
    for path in ("/exports/../pyproject.toml", "/exports/%2e%2e/pyproject.toml", "/static/..%2F__init__.py", "/exports//etc/passwd"):
        request = urllib.request.Request(server + path)
        with pytest.raises(urllib.error.HTTPError) as refused:
            urllib.request.urlopen(request)
        assert refused.value.code == 404, path


def test_oversized_requests_are_refused_before_reading_them(server):
    connection = http.client.HTTPConnection(server.removeprefix("http://"), timeout=10)
    connection.putrequest("POST", "/sparql")
    connection.putheader("Content-Type", "application/sparql-query")
    connection.putheader("Content-Length", str(2 << 20))
    connection.endheaders()  # the body is never sent: the server must answer without waiting for it
    assert connection.getresponse().status == 413
    connection.close()


UPDATES = ["INSERT DATA { <urn:a> <urn:b> <urn:c> }", "DELETE WHERE { ?s ?p ?o }", "LOAD <file:///etc/passwd>",
           "CLEAR ALL", "CREATE GRAPH <urn:g>", "DROP ALL", "COPY DEFAULT TO <urn:g>",
           "DELETE { ?s ?p ?o } INSERT { ?s ?p 1 } WHERE { ?s ?p ?o }"]
FORM = "application/x-www-form-urlencoded"
UPDATE_FORMS = {  # every way a client could send an update: (method, query string or body, content type)
    "GET query=": lambda u: ("GET", "?" + urllib.parse.urlencode({"query": u}), None),
    "GET update=": lambda u: ("GET", "?" + urllib.parse.urlencode({"update": u}), None),
    "POST form update=": lambda u: ("POST", urllib.parse.urlencode({"update": u}), FORM),
    "POST form query=": lambda u: ("POST", urllib.parse.urlencode({"query": u}), FORM),
    "POST sparql-update": lambda u: ("POST", u, "application/sparql-update"),
    "POST sparql-query": lambda u: ("POST", u, "application/sparql-query"),
}


def raw(server: str, method: str, path: str, body: str | None = None, media: str | None = None) -> tuple[int, dict, bytes]:
    """One request sent as written (no client-side normalisation of the path): status, headers, body."""
    connection = http.client.HTTPConnection(server.removeprefix("http://"), timeout=30)
    try:
        connection.request(method, path, body=body.encode("utf-8") if body else None,
                           headers={"Content-Type": media} if media else {})
        response = connection.getresponse()
        return response.status, dict(response.headers), response.read()
    finally:
        connection.close()


def triple_count(server: str) -> str:
    return client(server, "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }", JSON).queryAndConvert()["results"]["bindings"][0]["n"]["value"]


def test_every_update_form_is_refused_and_the_store_is_unchanged(server):
    before = triple_count(server)
    for form, request in UPDATE_FORMS.items():
        for update in UPDATES:
            method, data, media = request(update)
            status, _, body = raw(server, method, "/sparql" + (data if method == "GET" else ""),
                                  None if method == "GET" else data, media)
            assert status == 403 and b"read-only" in body, (form, update, status, body)
    assert triple_count(server) == before


def test_loopback_unless_told_otherwise(sample_build, sample_exports):
    assert next(p.default for p in serve_command.params if p.name == "host") == "127.0.0.1"
    running = make_server(sample_build.graph, sample_exports, port=0, workers=1)
    try:
        assert running.server_address[0] == "127.0.0.1"
    finally:
        running.server_close()
        running.pool.close()


TRAVERSALS = ["/exports/%2e%2e%2f%2e%2e%2f%2e%2e%2f%2e%2e%2f%2e%2e%2f%2e%2e%2fetc%2fpasswd",
              "/exports/%252e%252e%252f%252e%252e%252fetc%252fpasswd", "/exports/..%5c..%5c..%5cetc%5cpasswd",
              "/exports/..\\..\\..\\etc\\passwd", "/static/..%2f..%2f..%2fpyproject.toml", "/static/%2e%2e/%2e%2e/%2e%2e/pyproject.toml",
              "/static/./../../../pyproject.toml", "/exports/%c0%ae%c0%ae/%c0%ae%c0%ae/etc/passwd", "/exports/careers.ttl%00.html",
              "/exports/%2fetc%2fpasswd", "/%2e%2e/%2e%2e/etc/passwd", "//etc/passwd", "/exports/" + "../" * 12 + "etc/passwd"]


@pytest.mark.parametrize("path", TRAVERSALS)
def test_no_path_leaves_the_served_folders(server, path):
    status, _, body = raw(server, "GET", path)
    assert status == 404, (path, status)
    assert b"root:" not in body and b"[project]" not in body


def test_security_headers_on_every_answer(server):
    answers = [raw(server, "GET", path) for path in ("/", "/index.html", "/static/page.js", "/exports/index.html",
               "/exports/roles/account-manager.html", "/exports/careers.ttl", "/api", "/api/roles",
               "/sparql?query=ASK%7B%7D", "/no-such-page", "/exports/../x")]
    answers += [raw(server, "POST", "/sparql", "DROP ALL", "application/sparql-update"), raw(server, "OPTIONS", "/sparql")]
    assert sorted({status for status, _, _ in answers}) == [200, 204, 403, 404]
    for status, headers, _ in answers:
        assert "script-src 'self'" in headers["Content-Security-Policy"] and "object-src 'none'" in headers["Content-Security-Policy"]
        assert headers["X-Content-Type-Options"] == "nosniff" and headers["X-Frame-Options"] == "DENY", status


def test_a_rebuild_is_served_without_restarting(tmp_path):
    source, out = tmp_path / "source", tmp_path / "exports"
    shutil.copytree(SAMPLE, source)
    kg.write(kg.build(source), out)
    roles = "SELECT (COUNT(DISTINCT ?r) AS ?n) WHERE { ?r a kg:Role }"

    def count(url: str) -> int:
        sparql = client(url, roles, JSON)
        return int(sparql.query().convert()["results"]["bindings"][0]["n"]["value"])

    with kg_serving(kg.load_graph(out / "careers.ttl"), out, workers=1) as url:
        before = count(url)
        write_article(source, "claims-adjuster.md", "---\ntitle: Claims Adjuster\nlang: en\n---\n\n"
                      "A claims adjuster reports to the claims manager. Claims adjusters can be promoted to senior claims adjuster.\n")
        kg.write(kg.build(source), out)
        assert count(url) == before + 3
