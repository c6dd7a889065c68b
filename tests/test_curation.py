"""curation.yaml: editors remove, rename, merge and add facts; the graph says which facts were curated."""

from __future__ import annotations

import datetime
import json
import shutil

import pytest
from click.testing import CliRunner
from rdflib import Literal
from rdflib.namespace import SKOS

import kg
from kg.cli import main
from kg.evaluate import evaluate
from kg.graph.namespaces import KG, KGR
from kg.resolve import curation
from tests.conftest import DATA, SAMPLE_GOLD

CURATION = """\
remove:
  - {role: account manager, kind: responsibility, object: numero di account più piccoli}
rename:
  - {kind: responsibility, from: punto di contatto, to: punto di contatto per il cliente}
merge:
  - {kind: role, into: direttore dei conti, labels: [direttore della gestione dei conti]}
add:
  - article: account-executive
    kind: responsibility
    object: organizzare dimostrazioni
    quote: "Ciò può comportare l'organizzazione di personale tecnico"
"""


@pytest.fixture()
def curated(sample_copy):
    (sample_copy / "curation.yaml").write_text(CURATION, encoding="utf-8")
    return sample_copy


def labels_of(graph, subject, prop):
    return {str(label) for node in graph.objects(subject, prop) for label in graph.objects(node, SKOS.prefLabel)}


def test_curation_is_applied_and_marked(curated):
    result = kg.build(curated)
    g = result.graph
    am, ae = KGR["role/account-manager"], KGR["role/account-executive"]
    duties = labels_of(g, am, KG.hasResponsibility)
    assert "numero di account più piccoli" not in duties
    assert "punto di contatto per il cliente" in duties and "punto di contatto" not in duties
    promoted = labels_of(g, am, KG.promotesTo)
    assert "direttore della gestione dei conti" not in promoted and "direttore dei conti" in promoted
    assert "organizzare dimostrazioni" in labels_of(g, ae, KG.hasResponsibility)
    curated_marks = {str(o) for o in g.objects(None, KG.curated)}
    assert curated_marks == {"added", "renamed", "merged"}
    added = next(e for e in g.subjects(KG.curated, Literal("added")))
    assert str(g.value(added, KG.quote)).startswith("Ciò può comportare")
    assert str(g.value(added, KG.confidence)) == "1.0"  # an editor's word
    assert result.violations == []


def test_eval_shows_the_effect(curated):
    report = evaluate(SAMPLE_GOLD, curated)
    assert report.uncurated is not None
    assert (report.total.tp, report.total.fn) == (report.uncurated.tp - 1, report.uncurated.fn + 1)  # the merge
    assert ("account-manager", "responsibilities", "numero di account più piccoli") not in report.extras


def test_bad_curation_is_one_line(curated):
    (curated / "curation.yaml").write_text("remove:\n  - {kind: responsibility}\n", encoding="utf-8")
    result = kg.build(curated)
    assert [str(e) for e in result.errors] == [f"{curated / 'curation.yaml'}:2: error: remove entry needs object"]
    (curated / "curation.yaml").write_text("remove: []\n\ndelete: []\n", encoding="utf-8")
    assert str(kg.build(curated).errors[0]).startswith(f"{curated / 'curation.yaml'}:3: error: unknown section 'delete'")


DECIDED = """\
remove:
  - {kind: location, object: Atlanta}
  - {article: account-manager, kind: location, object: Chicago, date: 2026-03-02}
rename:
  - {kind: responsibility, from: upselling, to: vendita aggiuntiva}
  - {article: account-manager, kind: responsibility, from: upselling, to: vendita di servizi aggiuntivi, date: 2026-03-02}
reviewed:
  - {article: account-manager, kind: location, object: Atlanta, date: 2026-03-02}
  - {article: account-manager, kind: skill, object: background finanziario o commerciale, date: 2026-03-02}
  - {article: account-manager, kind: location, object: Chicago, date: 2026-03-02, note: rejected after all}
"""


def evidence_rows(graph, role):
    """`kg query role-evidence` as dicts of text; an unbound ?curated is absent."""
    return [{str(k): str(v) for k, v in row.asdict().items()} for row in kg.query(graph, "role-evidence", role=role)]


def test_an_articles_own_decision_outranks_a_general_entry(curated):
    """Accepted in its article, Atlanta stays though a general entry removes it; the article's rename beats the
    general one; between one article's entries on one fact, remove wins (Chicago)."""
    (curated / "curation.yaml").write_text(DECIDED, encoding="utf-8")
    result = kg.build(curated)
    assert result.errors == [] and result.violations == []
    g = result.graph
    am = KGR["role/account-manager"]
    assert labels_of(g, am, KG.commonLocation) >= {"Atlanta"} and "Chicago" not in labels_of(g, am, KG.commonLocation)
    duties = labels_of(g, am, KG.hasResponsibility)
    assert "vendita di servizi aggiuntivi" in duties and not {"upselling", "vendita aggiuntiva"} & duties
    found = {(r["object"].rsplit("/", 1)[-1], r.get("curated")) for r in evidence_rows(g, "account manager")}
    assert ("atlanta", "reviewed") in found
    assert ("background-finanziario-o-commerciale", "reviewed") in found
    assert ("vendita-di-servizi-aggiuntivi", "renamed") in found
    assert ("new-york", None) in found  # untouched facts have no curation
    trust = {r["object"].rsplit("/", 1)[-1]: float(r["confidence"]) for r in evidence_rows(g, "account manager")}
    assert trust["background-finanziario-o-commerciale"] == 1.0  # accepted by an editor
    assert trust["new-york"] < 1.0  # the extractor's own


def test_an_entry_without_article_applies_everywhere(curated):
    (curated / "curation.yaml").write_text("remove:\n  - {kind: location, object: stati uniti}\n", encoding="utf-8")
    g = kg.build(curated).graph
    for role in ("account-manager", "account-executive"):
        assert "Stati Uniti" not in labels_of(g, KGR[f"role/{role}"], KG.commonLocation)


@pytest.mark.parametrize("text, message", [
    ("reviewed:\n  - {article: a, kind: skill}\n", "2: error: reviewed entry needs object"),
    ("remove:\n  - {kind: skill, object: x, date: 2 March}\n", "2: error: date must be YYYY-MM-DD, not '2 March'"),
    ("remove:\n  - {kind: skill, object: x, objct: y}\n", "2: error: remove entry has unknown key objct"),
    ("remove:\n  - just a string\n", "2: error: remove entry must be a mapping"),
    ("remove: {kind: skill}\n", "1: error: remove must be a list of entries"),
    ("rename: []\nadd:\n  - {article: a, kind: role, object: x}\n", "3: error: kind 'role' is for merge entries"),
    ("remove: []\ndelete: []\n", "2: error: unknown section 'delete'"),
])
def test_curation_errors_name_file_and_line(text, message):
    with pytest.raises(kg.KgError) as caught:
        curation.parse(text, "curation.yaml")
    assert str(caught.value).startswith(f"curation.yaml:{message}")


def test_dates_and_notes_are_accepted():
    data = curation.parse("reviewed:\n  - {article: a, kind: skill, object: x, date: 2026-03-02, note: fine}\n", "c.yaml")
    assert data["reviewed"][0]["date"] == datetime.date(2026, 3, 2)


def test_eval_scores_the_curated_and_the_raw_graph_side_by_side(tmp_path):
    gold = DATA / "corpus" / "en"
    for article in gold.glob("*.md"):
        shutil.copy(article, tmp_path)
    before = evaluate(gold, tmp_path)
    assert before.raw is None
    slug, key, label = next(extra for extra in before.extras if extra[1] == "skills")
    (tmp_path / "curation.yaml").write_text(f"remove:\n  - {{article: {slug}, kind: skill, object: {label!r}}}\n", encoding="utf-8")
    report = evaluate(gold, tmp_path)
    assert (report.raw.total.tp, report.raw.total.fp) == (before.total.tp, before.total.fp)
    assert report.total.fp == before.total.fp - 1 and report.by_type["skills"].fp == report.raw.by_type["skills"].fp - 1
    table = CliRunner().invoke(main, ["eval", str(gold), "--source", str(tmp_path)]).output
    assert "raw F1" in table.splitlines()[0] and table.count("  |") >= len(report.by_type) + 2
    data = json.loads(CliRunner().invoke(main, ["eval", str(gold), "--source", str(tmp_path), "--json"]).output)
    assert data["without_curation"]["by_type"]["skills"]["fp"] == data["by_type"]["skills"]["fp"] + 1
    raw_only = json.loads(CliRunner().invoke(main, ["eval", str(gold), "--source", str(tmp_path), "--raw", "--json"]).output)
    assert raw_only["micro"] == data["without_curation"]["micro"] and "without_curation" not in raw_only
