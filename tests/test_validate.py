"""kg's SHACL engine (shapes compiled to SPARQL on Oxigraph) reports what pyshacl reports."""

from __future__ import annotations

import pytest
from rdflib import Graph, Literal
from rdflib.namespace import RDF, SKOS, XSD

from kg.graph.namespaces import KG, KGR
from kg.store.persisted import to_store
from kg.store.shacl import UnsupportedShape, compile_shapes, validate, validate_store

AM = KGR["role/account-manager"]


def reference(graph: Graph) -> set[tuple[str, str, str]]:
    return {(v.focus, v.path, v.shape) for v in validate(graph, engine="pyshacl")}


def ours(graph: Graph) -> set[tuple[str, str, str]]:
    return {(v.focus, v.path, v.shape) for v in validate(graph)}


def broken(sample_build) -> Graph:
    g = Graph()
    for triple in sample_build.graph:
        g.add(triple)
    salary = next(g.objects(AM, KG.salary))
    g.remove((salary, KG.currency, None))                                    # minCount
    g.add((salary, KG.period, Literal("fortnight")))                          # maxCount + pattern
    g.add((salary, KG.minValue, Literal("999999", datatype=XSD.decimal)))    # maxCount + lessThanOrEquals
    g.add((AM, SKOS.prefLabel, Literal("second label", lang="it")))          # uniqueLang
    g.add((AM, SKOS.altLabel, Literal("no language")))                       # datatype
    g.add((AM, KG.requiresSkill, Literal("a string")))                       # nodeKind, class, no evidence
    g.add((AM, KG.promotesTo, KGR["role/account-executive"]))                # no evidence
    g.add((AM, KG.reportsTo, KGR["role/account-executive"]))                 # no evidence
    evidence = next(g.subjects(RDF.type, KG.Evidence))
    g.set((evidence, KG.startOffset, Literal(999999)))                       # lessThan
    g.set((evidence, KG.quote, Literal("")))                                 # minLength
    g.set((evidence, KG.confidence, Literal("1.5", datatype=XSD.decimal)))   # maxInclusive
    lonely = KGR["salary-observation/lonely"]
    g.add((lonely, RDF.type, KG.SalaryObservation))                          # no label, no figure
    return g


def test_same_report_as_pyshacl_on_a_broken_graph(sample_build):
    g = broken(sample_build)
    expected = reference(g)
    assert len(expected) >= 12
    assert ours(g) == expected


def test_a_check_of_some_nodes_reports_their_violations_and_no_other(sample_build):
    """kg build checks only the nodes an edit may change (kg.store.graphs.focus): the full report, cut to them."""
    store = to_store(broken(sample_build))
    everything = validate_store(store)
    some = frozenset({str(AM), str(KGR["salary-observation/lonely"])})
    assert validate_store(store, some) == [v for v in everything if v.focus in some]
    assert {v.focus for v in everything} - some  # the other nodes' violations are there, not checked


def test_sample_graph_conforms_for_both(sample_build):
    assert ours(sample_build.graph) == set() == reference(sample_build.graph)


def test_unknown_shape_feature_is_refused():
    extra = Graph().parse(data="""
        @prefix sh: <http://www.w3.org/ns/shacl#> . @prefix ex: <http://example.org/> .
        ex:S a sh:NodeShape ; sh:targetClass ex:C ; sh:property ex:P .
        ex:P sh:path ex:p ; sh:qualifiedMinCount 1 .""", format="turtle")
    with pytest.raises(UnsupportedShape, match="qualifiedMinCount"):
        compile_shapes(extra)


def test_validate_command_with_both_engines(sample_exports, tmp_path):
    from click.testing import CliRunner

    from kg.cli import main

    for engine in ("oxigraph", "pyshacl"):
        ok = CliRunner().invoke(main, ["validate", "--graph", str(sample_exports / "careers.ttl"), "--engine", engine])
        assert ok.exit_code == 0 and "0 violations" in ok.output
    bad = tmp_path / "bad.ttl"
    bad.write_text((sample_exports / "careers.ttl").read_text(encoding="utf-8").replace('kg:currency "USD"', 'kg:currency "usd"'), encoding="utf-8")
    result = CliRunner().invoke(main, ["validate", "--graph", str(bad)])
    assert result.exit_code == 4
    assert "a salary has one ISO 4217 currency code" in result.stderr
