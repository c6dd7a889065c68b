"""The resolver: one node per real thing across articles and languages, IRIs that do not move."""

from __future__ import annotations

from rdflib.namespace import SKOS

from kg.graph.namespaces import KG, KGR
from kg.pipeline.build import build
from tests.conftest import write_article


def test_same_authority_by_acronym_and_long_name_is_one_node(tmp_path):
    write_article(tmp_path, "a.md", "---\ntitle: Broker\nlang: en\n---\n\nBrokers follow rules of the Financial Industry Regulatory Authority (FINRA).\n")
    write_article(tmp_path, "b.md", "---\ntitle: Trader\nlang: it\n---\n\nIl trader segue le regole della FINRA.\n")
    g = build(tmp_path).graph
    finra = KGR["regulator/finra"]
    roles = {str(s) for s, p, o in g if o == finra and "role/" in str(s)}
    assert roles == {str(KGR["role/broker"]), str(KGR["role/trader"])}
    assert {str(o) for o in g.objects(finra, SKOS.prefLabel)} == {"FINRA"}
    assert "Financial Industry Regulatory Authority" in {str(o) for o in g.objects(finra, SKOS.altLabel)}


def test_places_merge_across_languages(tmp_path):
    write_article(tmp_path, "a.md", "---\ntitle: Nurse\nlang: en\n---\n\nMost jobs are found in New York and Boston.\n")
    write_article(tmp_path, "b.md", "---\ntitle: Infermiere\nlang: it\n---\n\nLe offerte si trovano a New York e Milano.\n")
    g = build(tmp_path).graph
    ny = KGR["location/new-york"]
    assert len(set(g.subjects(None, ny))) >= 2
    milan = KGR["location/milan"]
    assert {(o.language, str(o)) for o in g.objects(milan, SKOS.prefLabel)} == {("it", "Milano"), ("en", "Milan")}


def test_alias_resolves_to_its_role(tmp_path):
    write_article(tmp_path, "a.md", "---\ntitle: Human Resources Business Partner\nlang: en\n---\n\nThe human resources business partner, also known as HR partner, advises leaders.\n")
    g = build(tmp_path).graph
    role = KGR["role/human-resources-business-partner"]
    assert "HR partner" in {str(o) for o in g.objects(role, SKOS.altLabel)}


def test_iris_do_not_depend_on_article_order(tmp_path):
    a = write_article(tmp_path / "x", "1.md", "---\ntitle: Broker\nlang: en\n---\n\nA broker may become a branch manager.\n")
    write_article(tmp_path / "x", "2.md", "---\ntitle: Branch Manager\nlang: en\n---\n\nThe branch manager reports to the regional director.\n")
    first = {str(s) for s in build(tmp_path / "x").graph.subjects()}
    a.rename(tmp_path / "x" / "9.md")
    second = {str(s) for s in build(tmp_path / "x").graph.subjects()}
    assert {i for i in first if "/role/" in i} == {i for i in second if "/role/" in i}
    assert str(KGR["role/branch-manager"]) in first


def test_same_title_twice_merges_with_both_sources(tmp_path):
    write_article(tmp_path, "a.md", "---\ntitle: Actuary\nlang: en\n---\n\nAn actuary is responsible for pricing models.\n")
    write_article(tmp_path, "b.md", "---\ntitle: Actuary\nlang: en\n---\n\nAn actuary is responsible for reserving studies.\n")
    result = build(tmp_path)
    role = KGR["role/actuary"]
    articles = {str(o) for o in result.graph.objects(role, KGR.article)} | {str(o) for o in result.graph.objects(role, KG.article)}
    assert articles == {str(KGR["article/a"]), str(KGR["article/b"])}
    assert result.violations == []
