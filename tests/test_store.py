"""The persisted store: `kg query` reads it only while it matches the careers.ttl asked for, and it answers
every question row for row as rdflib does on the parsed Turtle."""

from __future__ import annotations

import io
import os
import shutil

import pytest
from rdflib import BNode, Graph, Literal
from rdflib.query import Result

import kg
from kg.graph.namespaces import bind
from kg.query import questions
from kg.store import bindings
from kg.store.careerstore import CareerStore
from kg.store.persisted import folder_for, oxigraph_of
from tests.conftest import write_article
from tests.test_query import example_params

ARTICLE = "---\ntitle: Contabile\nlang: it\n---\n\nIl contabile può diventare {target}.\nServono ottime capacità di ascolto.\n"


def parsed(turtle) -> Graph:
    """The graph the way kg read it before the store: rdflib parsing the Turtle."""
    return bind(Graph()).parse(turtle, format="turtle")


def answer(graph: Graph, name: str) -> list:
    result = kg.query(graph, name, **example_params(name))
    if result.type == "ASK":
        return [result.askAnswer]
    if result.type == "CONSTRUCT":
        return sorted(result.graph)
    return [tuple(row) for row in result]


def test_build_persists_a_store_that_kg_opens(sample_exports):
    graph = kg.load_graph(sample_exports / "careers.ttl")
    assert isinstance(graph.store, CareerStore)
    assert len(graph) == len(parsed(sample_exports / "careers.ttl"))


@pytest.mark.parametrize("name", sorted(questions()))
def test_store_answers_like_rdflib_on_the_turtle_row_for_row(sample_graph, sample_exports, name):
    assert oxigraph_of(sample_graph) is not None
    assert answer(sample_graph, name) == answer(parsed(sample_exports / "careers.ttl"), name)


@pytest.mark.parametrize("fmt", ["json", "xml", "csv", "tsv"])
def test_w3c_formats_carry_the_same_answer_from_both(sample_graph, sample_exports, fmt):
    """Same bytes in CSV/TSV; in JSON/XML the same bindings (the store lists each row's keys in SELECT order,
    rdflib in its evaluation order, which the formats leave free)."""
    from kg.query.formats import write

    via = [write(kg.query(g, "salary-by-role"), fmt) for g in (sample_graph, parsed(sample_exports / "careers.ttl"))]
    if fmt in ("csv", "tsv"):
        assert via[0] == via[1]
    else:
        parsed_rows = [[tuple(row) for row in Result.parse(io.BytesIO(body), format=fmt)] for body in via]
        assert parsed_rows[0] == parsed_rows[1]
    assert b"57504.0" in via[0]  # Oxigraph keeps decimals as "57504": they must come back as written


def _corpus(tmp_path, target: str):
    source = tmp_path / "articles"
    write_article(source, "contabile.md", ARTICLE.format(target=target))
    return source


def _targets(graph: Graph) -> set[str]:
    rows = kg.sparql(graph, "SELECT ?l WHERE { ?a kg:promotesTo ?b . ?b skos:prefLabel ?l }")
    return {str(row[0]) for row in rows}


def test_rebuild_after_an_edit_replaces_the_store(tmp_path):
    source, out = _corpus(tmp_path, "responsabile amministrativo"), tmp_path / "out"
    kg.write(kg.build(source), out)
    assert _targets(kg.load_graph(out / "careers.ttl")) == {"responsabile amministrativo"}
    write_article(source, "contabile.md", ARTICLE.format(target="direttore finanziario"))
    kg.write(kg.build(source), out)
    graph = kg.load_graph(out / "careers.ttl")
    assert isinstance(graph.store, CareerStore)
    assert _targets(graph) == {"direttore finanziario"}


def test_a_stale_store_is_not_used(tmp_path):
    source, out = _corpus(tmp_path, "responsabile amministrativo"), tmp_path / "out"
    kg.write(kg.build(source), out)
    turtle = out / "careers.ttl"
    turtle.write_text(turtle.read_text(encoding="utf-8").replace("responsabile amministrativo", "capo contabile"), encoding="utf-8")
    graph = kg.load_graph(turtle)
    assert not isinstance(graph.store, CareerStore)
    assert _targets(graph) == {"capo contabile"}


def test_same_bytes_but_touched_or_copied_turtle_is_parsed(tmp_path):
    source, out = _corpus(tmp_path, "responsabile amministrativo"), tmp_path / "out"
    kg.write(kg.build(source), out)
    turtle = out / "careers.ttl"
    info = turtle.stat()
    os.utime(turtle, ns=(info.st_atime_ns, info.st_mtime_ns + 1_000_000))
    assert not isinstance(kg.load_graph(turtle).store, CareerStore)
    copy = tmp_path / "elsewhere" / "careers.ttl"
    copy.parent.mkdir()
    shutil.copy2(out / "careers.ttl", copy)
    assert not isinstance(kg.load_graph(copy).store, CareerStore)


@pytest.mark.parametrize("text, opened", [
    ("SELECT ?x WHERE { ?x ?p ?o }", "SELECT ?x WHERE {"),
    ("#+ params: {role: {class: kg:Role}}\nSELECT ?x { ?x ?p '}' }", "SELECT ?x {"),
    ("PREFIX a: <http://x/#{>\nCONSTRUCT { ?x a:b ?o } WHERE { ?x ?p ?o }", "WHERE {"),
    ('ASK { ?x ?p """ { """ }', "ASK {"),
])
def test_parameters_open_the_where_group(text, opened):
    import pyoxigraph as ox

    bound = bindings.bind(text, {"x": ox.NamedNode("http://x/a")})
    assert bound.startswith(text[: text.index(opened) + len(opened)] + " VALUES (?x) { (<http://x/a>) } ")


def test_the_store_of_a_removed_export_folder_is_deleted_by_the_next_build(tmp_path):
    first, second = tmp_path / "first", tmp_path / "second"
    for out in (first, second):
        kg.write(kg.build(_corpus(tmp_path, "responsabile amministrativo")), out)
    kept = folder_for(second / "careers.ttl")
    shutil.rmtree(first)
    kg.write(kg.build(_corpus(tmp_path, "responsabile amministrativo")), second)
    assert kept.is_dir()
    assert not folder_for(first / "careers.ttl").exists()


def test_ad_hoc_answers_with_blank_nodes_and_typed_values(sample_graph):
    rows = list(kg.sparql(sample_graph, 'SELECT (BNODE() AS ?b) (1 + 1 AS ?n) ("x" AS ?s) WHERE {} '))
    b, n, s = rows[0]
    assert isinstance(b, BNode) and n == Literal(2) and s == Literal("x") and s.datatype is None


def test_a_query_over_named_graphs_sees_the_articles_not_the_stores_bookkeeping(sample_exports):
    graph = kg.load_graph(sample_exports / "careers.ttl")
    names = {str(row.g) for row in graph.query("SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }")}
    assert names == {"https://w3id.org/careerkg/graph/article/account-executive",
                     "https://w3id.org/careerkg/graph/article/account-manager"}
    every = oxigraph_of(graph).named_graphs()  # they are in the store all the same: the build reads them
    assert any(g.value.endswith("/graph/nodes") for g in every) and any("/graph/state/" in g.value for g in every)
