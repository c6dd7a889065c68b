"""The questions rewritten for Oxigraph's planner (kg/queries) and kg.paths' per-relation views answer exactly
what their plain formulations do: same rows in the same order, on the sample corpus and a generated one.

tests/data/reference-queries holds each rewritten question as first written (plain joins, ORDER BY on the
terms): the meaning the fast text must keep."""

from __future__ import annotations

from pathlib import Path

import pytest

import kg
from bench.corpus import write_corpus
from kg.graph.labels import label
from kg.graph.namespaces import KG, RDF
from kg.paths import career as paths
from kg.query import Page, keyset, run
from kg.query.catalogue import parse

REFERENCE = Path(__file__).resolve().parent / "data" / "reference-queries"


@pytest.fixture(scope="module")
def generated_graph(tmp_path_factory):
    """60 generated articles (bench/corpus.py), built and loaded from their persisted store like `kg query` does."""
    folder = tmp_path_factory.mktemp("generated")
    source = write_corpus(folder / "articles", 60)
    kg.write(kg.build(source), folder / "exports")
    return kg.load_graph(folder / "exports" / "careers.ttl")


def answers(graph, asked, params):
    """The rows in order, or a CONSTRUCT's triples (a graph has no order)."""
    found = run(graph, asked, params)
    if found.type == "CONSTRUCT":
        return [], sorted(found.graph)
    return [str(v) for v in found.vars], [tuple(row) for row in found]


def parameter_values(graph, asked) -> list[dict[str, str]]:
    """No parameter (when all are optional), then each instance of the parameter's class, by label."""
    if not asked.params:
        return [{}]
    param, = asked.params
    nodes = sorted(graph.subjects(RDF.type, param.type_))
    return ([{}] if param.optional else []) + [{param.name: label(graph, node)} for node in nodes]


@pytest.mark.parametrize("corpus", ["sample_graph", "generated_graph"])
@pytest.mark.parametrize("name", sorted(p.stem for p in REFERENCE.glob("*.rq")))
def test_rewritten_question_gives_the_rows_of_its_plain_formulation(request, corpus, name):
    graph = request.getfixturevalue(corpus)
    fast = kg.questions()[name]
    plain = parse((REFERENCE / f"{name}.rq").read_text(encoding="utf-8"), name, str(REFERENCE))
    assert fast.text != plain.text and fast.params == plain.params
    compared = 0
    for params in parameter_values(graph, fast):
        expected = answers(graph, plain, params)
        assert answers(graph, fast, params) == expected, params
        compared += len(expected[1])
    assert compared  # the corpus gives the question rows to compare


@pytest.mark.parametrize("corpus", ["sample_graph", "generated_graph"])
@pytest.mark.parametrize("relations", [(KG.promotesTo,), paths.CAREER, paths.NEEDS, paths.FEATURES])
def test_view_of_some_relations_is_that_part_of_the_whole_view(request, corpus, relations):
    graph = request.getfixturevalue(corpus)
    whole, part = paths.view(graph), paths.view(graph, relations)
    expected = sorted((s, t, r, q) for s, t, r, q in whole.edges(keys=True, data="quote") if r in relations)
    assert sorted(part.edges(keys=True, data="quote")) == expected and expected
    assert dict(part.nodes(data=True)) == {n: whole.nodes[n] for s, t, _, _ in expected for n in (s, t)}


def test_paths_answers_on_a_generated_corpus_name_their_edges(generated_graph):
    roles = sorted(generated_graph.subjects(KG.promotesTo, None))
    role, target = label(generated_graph, roles[0]), label(generated_graph, next(generated_graph.objects(roles[0], KG.promotesTo)))
    ladder = paths.ladder(generated_graph, role)
    assert (role, "promotesTo", target) in [(e.source, e.relation, e.target) for e in ladder.up]
    assert paths.between(generated_graph, role, target)[0].quote
    assert paths.similar(generated_graph, role, top=1)


PAGED = sorted(name for name, asked in kg.questions().items() if asked.pages_by)


@pytest.mark.parametrize("corpus", ["sample_graph", "generated_graph"])
@pytest.mark.parametrize("name", PAGED)
def test_a_page_cut_from_the_first_nodes_is_that_page_of_the_whole_answer(request, corpus, name):
    assert keyset.FIRST_NODES == 1  # rounds of 1, 2, 4... nodes: the pages below span several rounds
    graph, asked = request.getfixturevalue(corpus), kg.questions()[name]
    whole = answers(graph, asked, {})[1]
    assert whole  # the corpus gives the question rows to page through
    for limit, offset in [(1, 0), (7, 0), (50, 0), (5, 3), (40, 33), (1, len(whole) - 1), (10, len(whole) + 5)]:
        page = Page(limit, offset)
        assert keyset.nodes_in_order(graph, asked, {}, page) is not None  # cut from the first nodes, not the whole
        found = run(graph, asked, {}, page)
        assert [tuple(row) for row in found] == whole[offset:offset + limit], (limit, offset)
        assert found.more == (len(whole) > offset + limit)


def test_questions_paged_from_their_first_nodes():
    assert PAGED == ["related-roles", "reports-to", "role-regulation", "roles", "roles-by-industry",
                     "roles-by-location", "salary-by-role", "single-evidence-facts", "skills-by-role"]


@pytest.mark.parametrize("corpus", ["sample_graph", "generated_graph"])
def test_a_ladder_page_cut_from_its_walk_is_that_page_of_the_whole_ladder(request, corpus):
    graph, asked = request.getfixturevalue(corpus), kg.questions()["promotion-ladder"]
    assert asked.pager == "ladder"
    compared = 0
    for params in parameter_values(graph, asked) + [{"role": "no such role"}]:
        whole = answers(graph, asked, params)[1]
        for limit, offset in [(1, 0), (20, 0), (5, 3), (40, 33), (1, max(len(whole) - 1, 0)), (10, len(whole) + 5)]:
            found = run(graph, asked, params, Page(limit, offset))
            assert [tuple(row) for row in found] == whole[offset:offset + limit], (params, limit, offset)
            assert found.more == (len(whole) > offset + limit)
        compared += len(whole)
    assert compared
