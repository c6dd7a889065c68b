"""The whole pipeline on the sample corpus: seed facts with evidence, SHACL, Turtle, exit codes."""

from __future__ import annotations

import shutil
import subprocess

import pytest
from click.testing import CliRunner
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import PROV, RDF, SKOS

import kg
import kg.graph.ontology
from kg.cli import main
from kg.graph.namespaces import KG, KGR
from kg.pipeline import spliced
from kg.pipeline.build import EXPORTS, STEPS, outputs
from kg.store.shacl import validate
from tests.conftest import SAMPLE, write_article

AM = KGR["role/account-manager"]
AE = KGR["role/account-executive"]


def labels(graph: Graph, node) -> set[str]:
    return {str(o) for o in graph.objects(node, SKOS.prefLabel)} | {str(o) for o in graph.objects(node, SKOS.altLabel)}


def evidence_for(graph: Graph, s, p, o) -> list:
    return [e for e in graph.subjects(RDF.subject, s) if (e, RDF.predicate, p) in graph and (e, RDF.object, o) in graph]


def test_seed_facts_with_evidence(sample_build):
    g = sample_build.graph
    assert (AM, RDF.type, KG.Role) in g
    assert (AM, SKOS.prefLabel, Literal("account manager", lang="it")) in g
    vp = KGR["role/vicepresidente-della-gestione-dei-conti"]
    assert (AM, KG.promotesTo, vp) in g
    [ev] = evidence_for(g, AM, KG.promotesTo, vp)
    assert "vicepresidente della gestione dei conti" in str(g.value(ev, KG.quote))
    assert g.value(ev, PROV.wasDerivedFrom) == KGR["article/account-manager"]
    assert str(g.value(ev, KG.rule)).startswith("it.promotes_to.")
    assert int(g.value(ev, KG.startOffset)) < int(g.value(ev, KG.endOffset))
    finra = KGR["regulator/finra"]
    assert (AE, KG.regulatedBy, finra) in g
    assert {"FINRA", "Autorità di regolamentazione del settore finanziario"} <= labels(g, finra)
    rule = next(g.objects(AE, KG.subjectToRegulation))
    assert (rule, KG.issuedBy, finra) in g
    assert {str(l) for e in g.objects(rule, KG.appliesTo) for l in g.objects(e, SKOS.prefLabel)} >= {"broker-dealer"}


def test_every_fact_has_evidence_and_every_node_a_label(sample_build):
    g = sample_build.graph
    fact_properties = {p for p in kg.graph.ontology.ontology().subjects(URIRef("http://www.w3.org/2000/01/rdf-schema#subPropertyOf"), KG.careerFact)}
    facts = [(s, p, o) for s, p, o in g if p in fact_properties]
    assert len(facts) > 40
    assert all(evidence_for(g, *t) for t in facts)
    for node in set(g.subjects(RDF.type, None)) - set(g.subjects(RDF.type, KG.Evidence)) - set(g.subjects(RDF.type, KG.Article)):
        assert list(g.objects(node, SKOS.prefLabel)), node
    assert not any(isinstance(t, type(None)) for t in g)


def test_salary_observation(sample_build):
    g = sample_build.graph
    [obs] = [o for o in g.objects(AM, KG.salary)]
    assert (g.value(obs, KG.minValue).toPython(), g.value(obs, KG.maxValue).toPython()) == (45000, 85000)
    assert (str(g.value(obs, KG.currency)), str(g.value(obs, KG.period))) == ("USD", "year")
    assert "Indeed.com" in labels(g, g.value(obs, KG.salarySource))
    [ae] = [o for o in g.objects(AE, KG.salary)]
    assert str(g.value(ae, KG.asOf)) == "2021-05"
    assert labels(g, g.value(ae, KG.place)) >= {"Stati Uniti", "United States"}


def test_sample_graph_conforms(sample_build):
    assert sample_build.violations == []
    assert sample_build.errors == []


def test_evidence_shape_lists_every_fact_property():
    import re

    from kg.graph.ontology import text
    listed = set(re.findall(r"kg:(\w+)", text("shapes.ttl").split("?path IN (")[1].split(")")[0]))
    ontology = kg.graph.ontology.ontology()
    declared = {str(p).split("#")[1] for p in ontology.subjects(URIRef("http://www.w3.org/2000/01/rdf-schema#subPropertyOf"), KG.careerFact)}
    assert listed == declared


def test_shacl_fails_on_a_broken_graph(sample_build):
    broken = Graph()
    for triple in sample_build.graph:
        broken.add(triple)
    obs = next(broken.objects(AM, KG.salary))
    broken.remove((obs, KG.currency, None))
    broken.add((AM, KG.requiresSkill, KGR["skill/unbacked"]))  # no evidence, no type, no label
    messages = {v.message for v in validate(broken)}
    assert "a salary has one ISO 4217 currency code" in messages
    assert "a career fact has no kg:Evidence that reifies it" in messages


def test_build_twice_is_byte_identical(sample_build, sample_exports, tmp_path):
    kg.write(kg.build(SAMPLE), tmp_path)
    for path in sample_exports.rglob("*"):
        if path.is_file():
            assert (tmp_path / path.relative_to(sample_exports)).read_bytes() == path.read_bytes(), path


@pytest.mark.skipif(shutil.which("rapper") is None, reason="rapper (Debian raptor2-utils) is not installed")
def test_rapper_reads_turtle_without_warnings(sample_exports):
    run = subprocess.run(["rapper", "-i", "turtle", "-c", str(sample_exports / "careers.ttl")], capture_output=True, text=True)
    assert run.returncode == 0
    assert "warning" not in run.stderr.lower() and "error" not in run.stderr.lower()
    triples = int(run.stderr.split("returned")[1].split()[0])
    assert triples == len(Graph().parse(sample_exports / "careers.ttl"))


def test_bad_article_is_one_line_and_the_rest_builds(tmp_path):
    shutil.copy(SAMPLE / "account-manager.md", tmp_path)
    write_article(tmp_path, "broken.md", "---\ntitle: [oops\n---\n\ntext\n")
    runner = CliRunner()
    result = runner.invoke(main, ["build", str(tmp_path), "-o", str(tmp_path / "out")])
    assert result.exit_code == 1
    assert f"{tmp_path / 'broken.md'}:2: error: frontmatter is not valid YAML" in result.stderr
    assert "Traceback" not in result.output + result.stderr
    assert (AM, RDF.type, KG.Role) in Graph().parse(tmp_path / "out" / "careers.ttl")


def test_write_reports_progress_after_each_format_the_views_the_spliced_formats_and_the_store(tmp_path, sample_build):
    ticks = []
    kg.write(sample_build, tmp_path / "out", progress=lambda done, total: ticks.append((done, total)))
    assert STEPS == len(EXPORTS) - len(spliced.WRITTEN) + 3
    assert ticks == [(done, STEPS) for done in range(1, STEPS + 1)]
    assert (tmp_path / "out" / "careers.ttl").read_bytes() == outputs(sample_build, tmp_path / "out")["careers.ttl"]


def test_check_reports_stale_exports(tmp_path):
    shutil.copy(SAMPLE / "account-manager.md", tmp_path / "a.md")
    runner = CliRunner()
    out = tmp_path / "out"
    assert runner.invoke(main, ["build", str(tmp_path), "-o", str(out), "-q"]).exit_code == 0
    assert runner.invoke(main, ["build", str(tmp_path), "-o", str(out), "--check"]).exit_code == 0
    (tmp_path / "a.md").write_text((tmp_path / "a.md").read_text() + "\nIl account manager può diventare direttore commerciale.\n")
    result = runner.invoke(main, ["build", str(tmp_path), "-o", str(out), "--check"])
    assert result.exit_code == 3
    assert "stale" in result.stderr


def test_missing_source_is_a_usage_error(tmp_path):
    result = CliRunner().invoke(main, ["build", str(tmp_path / "nope")])
    assert result.exit_code == 2
    assert "no such folder of articles" in result.stderr


def test_committed_exports_are_current():
    """`kg build --check` on the repository itself: exports/ is what source/ builds now."""
    assert kg.stale(kg.build(SAMPLE), SAMPLE.parent / "exports") == []


def test_a_regulator_supervises_entity_types_in_the_graph(tmp_path):
    """"La CONSOB vigila sulle SGR": kg:supervises from the regulator node the role is regulated by, with its
    evidence, valid under SHACL; a supervised thing that is not an EntityType violates the shape."""
    write_article(tmp_path, "a.md", "---\ntitle: Addetto compliance\nlang: it\n---\n\n"
                  "L'addetto compliance lavora in banca. La CONSOB vigila sulle SGR e sulle SIM.\n")
    built = kg.build(tmp_path)
    g = built.graph
    consob, sgr = KGR["regulator/consob"], KGR["entity-type/asset-manager"]
    assert (KGR["role/addetto-compliance"], KG.regulatedBy, consob) in g
    assert (consob, KG.supervises, sgr) in g and (sgr, RDF.type, KG.EntityType) in g
    assert str(g.value(evidence_for(g, consob, KG.supervises, sgr)[0], KG.rule)) == "it.supervises.vigila_su"
    assert built.violations == []
    broken = Graph()
    for triple in g:
        broken.add(triple)
    broken.add((consob, KG.supervises, KGR["role/addetto-compliance"]))  # a role, and no evidence
    found = {(v.focus, v.shape, v.message) for v in validate(broken)}
    assert any(focus == str(consob) and "regulatorSupervises" in shape for focus, shape, _ in found)
    assert (str(consob), "a career fact has no kg:Evidence that reifies it") in {(f, m) for f, _, m in found}
