"""kg push round-trips through real stores: the Oxigraph server always, Virtuoso 7 where it is installed."""

from __future__ import annotations

import json
import shutil
import urllib.parse
import urllib.request
from pathlib import Path

import pytest
from click.testing import CliRunner

import kg
from kg.cli import main
from kg.errors import KgError
from kg.export.dataset import GRAPH_BASE, ONTOLOGY_GRAPH, named_graphs
from kg.push.endpoint import push
from tests.conftest import SAMPLE
from tests.servers import free_port, running

COUNT = ("SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } FILTER(STRSTARTS(STR(?g), \"%s\")) }" % GRAPH_BASE)
GRAPHS = ("SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } FILTER(STRSTARTS(STR(?g), \"%s\")) }" % GRAPH_BASE)


def select(url: str, query: str) -> list[dict]:
    request = urllib.request.Request(f"{url}?{urllib.parse.urlencode({'query': query})}",
                                     headers={"Accept": "application/sparql-results+json"})
    with urllib.request.urlopen(request, timeout=30) as response:
        return json.loads(response.read())["results"]["bindings"]


def quads(url: str) -> int:
    return int(select(url, COUNT)[0]["n"]["value"])


def graph_names(url: str) -> set[str]:
    return {row["g"]["value"] for row in select(url, GRAPHS)}


@pytest.fixture(scope="module")
def one_article_graph(tmp_path_factory):
    folder = tmp_path_factory.mktemp("one")
    shutil.copy(SAMPLE / "account-manager.md", folder)
    return kg.build(folder).graph


def round_trip(graph, one_article_graph, store: str, sparql: str, tmp_path: Path, **auth) -> None:
    expected = {str(name): len(part) for name, part in named_graphs(graph).items()}
    state = tmp_path / "state.json"
    first = push(graph, store, state=state, **auth)
    assert quads(sparql) == sum(expected.values()) == first.triples
    assert graph_names(sparql) == set(expected)
    push(graph, store, state=state, **auth)
    assert quads(sparql) == sum(expected.values())  # pushing twice leaves the same store
    smaller = push(one_article_graph, store, state=state, **auth)
    assert [name.rsplit("/", 1)[-1] for name in smaller.deleted] == ["account-executive"]
    assert graph_names(sparql) == {str(n) for n in named_graphs(one_article_graph)}
    assert quads(sparql) == sum(len(p) for p in named_graphs(one_article_graph).values())


def test_push_round_trips_through_oxigraph(sample_build, one_article_graph, tmp_path):
    port = free_port()
    with running(["oxigraph", "serve", "--location", str(tmp_path / "db"), "--bind", f"127.0.0.1:{port}"], port):
        base = f"http://127.0.0.1:{port}"
        round_trip(sample_build.graph, one_article_graph, f"{base}/store", f"{base}/query", tmp_path)


VIRTUOSO_INI = """[Database]
DatabaseFile = {db}/virtuoso.db
ErrorLogFile = {db}/virtuoso.log
TransactionFile = {db}/virtuoso.trx
xa_persistent_file = {db}/virtuoso.pxa
ErrorLogLevel = 7
FileExtend = 200
Striping = 0
[TempDatabase]
DatabaseFile = {db}/virtuoso-temp.db
TransactionFile = {db}/virtuoso-temp.trx
[Parameters]
ServerPort = {sql_port}
NumberOfBuffers = 10000
MaxDirtyBuffers = 6000
DirsAllowed = ., {db}
[HTTPServer]
ServerPort = {http_port}
ServerRoot = {db}
MaxClientConnections = 4
ServerThreads = 4
[SPARQL]
ResultSetMaxRows = 100000
MaxQueryExecutionTime = 60
"""


@pytest.mark.skipif(shutil.which("virtuoso-t") is None, reason="virtuoso-t is not installed (Debian virtuoso-opensource)")
def test_push_round_trips_through_virtuoso_with_digest_auth(sample_build, one_article_graph, tmp_path):
    db = tmp_path / "virtuoso"
    db.mkdir()
    sql_port, http_port = free_port(), free_port()
    (db / "virtuoso.ini").write_text(VIRTUOSO_INI.format(db=db, sql_port=sql_port, http_port=http_port))
    with running(["virtuoso-t", "-f", "-c", str(db / "virtuoso.ini")], http_port, seconds=120, cwd=db):
        base = f"http://127.0.0.1:{http_port}"
        store = f"{base}/sparql-graph-crud-auth"
        with pytest.raises(KgError, match="refused user 'dba'"):
            push(sample_build.graph, store, "dba", "wrong", state=tmp_path / "refused.json")
        round_trip(sample_build.graph, one_article_graph, store, f"{base}/sparql", tmp_path, user="dba", password="dba")


def test_an_unreachable_store_is_one_clear_error_and_the_state_forgets_what_it_cannot_know(sample_build, tmp_path):
    endpoint, state = f"http://127.0.0.1:{free_port()}/store", tmp_path / "s.json"
    names = sorted(str(n) for n in named_graphs(sample_build.graph))
    state.write_text(json.dumps({endpoint: dict.fromkeys(names, "old")}))
    with pytest.raises(KgError, match="cannot reach the store"):
        push(sample_build.graph, endpoint, state=state)
    # the first PUT failed: whether the store took that graph is unknown, so it is sent again next time
    assert json.loads(state.read_text()) == {endpoint: {names[0]: None, **dict.fromkeys(names[1:], "old")}}
    with pytest.raises(KgError, match="cannot reach the store"):
        push(sample_build.graph, f"http://127.0.0.1:{free_port()}/other", state=tmp_path / "fresh.json")
    assert not (tmp_path / "fresh.json").exists()  # nothing learnt, nothing written


def delete_graph(store: str, name: str) -> None:
    """What someone else may do to the store behind kg's back."""
    urllib.request.urlopen(urllib.request.Request(f"{store}?graph={urllib.parse.quote(name, safe='')}", method="DELETE"), timeout=30)


def test_only_graphs_changed_since_the_last_push_to_a_store_are_sent(sample_build, sample_exports, one_article_graph, tmp_path):
    names = {str(n) for n in named_graphs(sample_build.graph)}
    state = tmp_path / "state.json"
    port = free_port()
    with running(["oxigraph", "serve", "--location", str(tmp_path / "db"), "--bind", f"127.0.0.1:{port}"], port):
        store, sparql = f"http://127.0.0.1:{port}/store", f"http://127.0.0.1:{port}/query"
        first = push(sample_build.graph, store, state=state)
        assert set(first.replaced) == names and first.unchanged == []
        dropped = sorted(names)[0]
        delete_graph(store, dropped)
        second = push(sample_build.graph, store, state=state)
        assert (second.replaced, set(second.unchanged), second.triples) == ([], names, 0)
        assert graph_names(sparql) == names - {dropped}  # no PUT was sent, so the dropped graph stays dropped
        assert second.summary(store) == f"pushed 0 graphs (0 triples) to {store}; {len(names)} unchanged since the last push; deleted 0"
        forced = CliRunner().invoke(main, ["push", "--endpoint", store, "--graph", str(sample_exports / "careers.ttl"),
                                           "--state", str(state), "--all"])
        assert forced.exit_code == 0 and forced.output.startswith(f"pushed {len(names)} graphs")
        assert graph_names(sparql) == names
        smaller = push(one_article_graph, store, state=state)
        assert str(ONTOLOGY_GRAPH) in smaller.unchanged and [n.rsplit("/", 1)[-1] for n in smaller.deleted] == ["account-executive"]
        assert quads(sparql) == sum(len(p) for p in named_graphs(one_article_graph).values())
        state.write_text(json.dumps({store: sorted(names)}))  # a state file of kg before digests: each graph is sent once more
        again = push(sample_build.graph, store, state=state)
        assert set(again.replaced) == names and set(json.loads(state.read_text())[store]) == names
        assert None not in json.loads(state.read_text())[store].values()
        assert quads(sparql) == sum(len(p) for p in named_graphs(sample_build.graph).values())
