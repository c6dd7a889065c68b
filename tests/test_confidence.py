"""Every fact's confidence: in [0, 1], in the graph (valid under the shapes), a build option that drops the facts
under a threshold, and the fit that writes kg/extract/confidence.yaml giving the same bytes twice."""

from __future__ import annotations

import subprocess
import sys
from decimal import Decimal

import pytest
import yaml
from click.testing import CliRunner
from rdflib import Graph, Literal
from rdflib.namespace import RDF, XSD

import kg
from kg.cli import main
from kg.extract.confidence import DIGITS, FEATURES, parameters
from kg.graph.namespaces import KG
from kg.store.shacl import validate
from tests.conftest import DATA, ROOT, SAMPLE


def confidences(result: kg.Build) -> list[float]:
    return [fact.evidence.confidence for facts in result.facts.values() for fact in facts]


def test_every_fact_of_the_sample_has_a_confidence_in_0_1(sample_build):
    values = confidences(sample_build)
    assert values and all(0 <= v <= 1 and round(v, DIGITS) == v for v in values)
    assert len(set(values)) > 5  # the rule and the label's look tell facts apart: not one number for all


def test_the_turtle_carries_kg_confidence_and_passes_shacl(sample_exports):
    graph = Graph().parse(sample_exports / "careers.ttl", format="turtle")
    evidences = set(graph.subjects(RDF.type, KG.Evidence))
    values = {e: list(graph.objects(e, KG.confidence)) for e in evidences}
    assert evidences and all(len(v) == 1 and v[0].datatype == XSD.decimal for v in values.values())
    assert all(Decimal(0) <= v[0].toPython() <= Decimal(1) for v in values.values())
    assert validate(graph) == []
    assert "kg:confidence 0." in (sample_exports / "careers.ttl").read_text(encoding="utf-8")


def test_a_confidence_out_of_0_1_violates_the_shapes(sample_build):
    graph = Graph()
    for triple in sample_build.graph:
        graph.add(triple)
    evidence = next(graph.subjects(RDF.type, KG.Evidence))
    graph.set((evidence, KG.confidence, Literal("1.5", datatype=XSD.decimal)))
    assert [v.path for v in validate(graph)] == [str(KG.confidence)]
    graph.remove((evidence, KG.confidence, None))
    assert [v.path for v in validate(graph)] == [str(KG.confidence)]


def test_min_confidence_drops_exactly_the_facts_under_it(sample_build):
    values = sorted(confidences(sample_build))
    threshold = values[len(values) // 3]  # a confidence some facts have: "under" must not take them
    kept = kg.build(SAMPLE, min_confidence=threshold)
    expected = {slug: [f for f in facts if f.evidence.confidence >= threshold] for slug, facts in sample_build.facts.items()}
    assert kept.facts == expected
    assert kept.dropped == sum(v < threshold for v in values) > 0
    assert any(v == threshold for v in confidences(kept))
    stored = [lit.toPython() for lit in kept.graph.objects(None, KG.confidence)]
    assert stored and min(stored) >= Decimal(str(threshold))
    assert kept.violations == []


def test_the_default_keeps_every_fact(sample_build):
    assert sample_build.dropped == 0
    assert kg.build(SAMPLE, min_confidence=0).facts == sample_build.facts


def test_build_command_takes_min_confidence(tmp_path):
    result = CliRunner().invoke(main, ["build", str(SAMPLE), "-o", str(tmp_path), "--min-confidence", "0.8"])
    assert result.exit_code == 0, result.output
    assert "under the confidence asked for left out" in result.output
    graph = Graph().parse(tmp_path / "careers.ttl", format="turtle")
    assert min(lit.toPython() for lit in graph.objects(None, KG.confidence)) >= Decimal("0.8")
    bad = CliRunner().invoke(main, ["build", str(SAMPLE), "-o", str(tmp_path), "--min-confidence", "1.5"])
    assert bad.exit_code == 2


def test_eval_scores_the_facts_kept():
    folder = DATA / "corpus" / "en"
    everything, confident = kg.evaluate(folder, folder), kg.evaluate(folder, folder, min_confidence=0.9)
    assert confident.total.tp + confident.total.fp < everything.total.tp + everything.total.fp
    assert confident.total.fn > everything.total.fn


def test_the_data_file_names_known_features_and_probabilities():
    table = parameters()
    assert set(table["weights"]) <= set(FEATURES)
    priors = [table["global"], *table["families"].values(), *table["rules"].values()]
    assert all(0 < p < 1 for p in priors)


def fit(tmp_path, name: str, *sets: str) -> subprocess.CompletedProcess:
    args = [arg for s in sets for arg in ("--set", str(DATA / s), str(DATA / s))]
    return subprocess.run([sys.executable, str(ROOT / "scripts" / "fit_confidence.py"), *args, "-o", str(tmp_path / name)],
                          capture_output=True, text=True, timeout=600)


def test_the_fit_is_deterministic(tmp_path):
    """Twice on a tiny subset (heldout3, six articles): the same bytes, a table of the shape the build reads."""
    for name in ("first.yaml", "second.yaml"):
        done = fit(tmp_path, name, "heldout3/it", "heldout3/en")
        assert done.returncode == 0, done.stderr
    first = (tmp_path / "first.yaml").read_bytes()
    assert first == (tmp_path / "second.yaml").read_bytes()
    table = yaml.safe_load(first)
    assert set(table) == {"global", "families", "rules", "weights"} and 0 < table["global"] < 1


@pytest.mark.parametrize("untouched", ["heldout8/it", "heldout13/en"])
def test_the_fit_refuses_the_untouched_sets(tmp_path, untouched):
    done = fit(tmp_path, "out.yaml", untouched, "heldout3/en")
    assert done.returncode != 0 and "untouched" in done.stderr
    assert not (tmp_path / "out.yaml").exists()
