"""curation.yaml: editors remove, rename, merge and add facts; the graph says which facts were curated."""

from __future__ import annotations

import shutil

import pytest
from rdflib import Literal
from rdflib.namespace import SKOS

import kg
from kg.evaluate import evaluate
from kg.graph.namespaces import KG, KGR
from tests.conftest import SAMPLE, SAMPLE_GOLD

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
def curated(tmp_path):
    for article in SAMPLE.glob("*.md"):
        shutil.copy(article, tmp_path)
    (tmp_path / "curation.yaml").write_text(CURATION, encoding="utf-8")
    return tmp_path


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
