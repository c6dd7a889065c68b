"""`kg eval`: the matcher and the quality floors (the sample is reported, our own corpus is floored)."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from kg.cli import main
from kg.evaluate import _phrase_similarity, evaluate, format_table
from tests.conftest import DATA, SAMPLE, SAMPLE_GOLD, write_article

# Floors (set, language) -> micro-F1 a drop under which fails CI. tests/data/corpus is the set the rules are
# tuned on (issue #7 asks >= 0.85 micro, 0.80 each); heldout, heldout2 and heldout3 were written by others before any
# tuning (their READMEs give the untuned figures) and are floored only against regressions; heldout4 and heldout5,
# blind until 2026-12-07, are tuning sets since (the older ones are finance-heavy), as are heldout6 and heldout7 since
# the thirteenth session and heldout12 since the fourteenth (its failure kinds reached a helper's brief).
FLOOR_MICRO_F1 = {("corpus", "it"): 0.89, ("corpus", "en"): 0.88, ("heldout", "it"): 0.83, ("heldout", "en"): 0.79,
                  ("heldout2", "it"): 0.79, ("heldout2", "en"): 0.78, ("heldout3", "it"): 0.80, ("heldout3", "en"): 0.79,
                  ("heldout4", "it"): 0.81, ("heldout4", "en"): 0.75, ("heldout5", "it"): 0.77, ("heldout5", "en"): 0.76,
                  ("heldout6", "it"): 0.73, ("heldout6", "en"): 0.76, ("heldout7", "it"): 0.78, ("heldout7", "en"): 0.75,
                  ("heldout12", "it"): 0.58, ("heldout12", "en"): 0.56,
                  # heldout8 to heldout11 and heldout13: never tuned on, floored against regressions (about .02 under
                  # the last score)
                  ("heldout8", "it"): 0.72, ("heldout8", "en"): 0.55,
                  ("heldout9", "it"): 0.68, ("heldout9", "en"): 0.66,
                  ("heldout10", "it"): 0.68, ("heldout10", "en"): 0.68,
                  ("heldout11", "it"): 0.69, ("heldout11", "en"): 0.53,
                  ("heldout13", "it"): 0.45, ("heldout13", "en"): 0.49}
# Articles whose role kg names otherwise than the gold's role or aliases (all their facts count as missed, and what kg
# says of them as extras).
UNPAIRED_AT_MOST = {("heldout8", "en"): 1, ("heldout11", "en"): 1, ("heldout12", "en"): 1, ("heldout13", "it"): 2,
                    ("heldout13", "en"): 1}


def test_matcher_is_symmetric_and_word_based():
    assert _phrase_similarity("competenze di vendita", "Competenze di vendita", frozenset()) == 1.0
    assert _phrase_similarity("lanciare l'accordo e negoziare il contratto", "lanciato l'accordo e negoziato il contratto", frozenset()) == 1.0
    long_sentence = "un account manager è il rappresentante con cui il cliente ha l'interazione più personale in azienda"
    assert _phrase_similarity("rappresentante", long_sentence, frozenset()) < 0.5
    assert _phrase_similarity("a b c", "c b a", frozenset()) == _phrase_similarity("c b a", "a b c", frozenset())


def test_numbers_are_content_words():
    """A law, a grade or a level is named by its numbers: the same citation matches, another decree does not."""
    assert _phrase_similarity("L. 130/2007", "L. 130/2007", frozenset()) == 1.0
    assert _phrase_similarity("D.Lgs. 81/2008", "D.Lgs. 82/2005", frozenset()) < 0.5
    assert _phrase_similarity("Band 5 nurse", "Band 6 nurse", frozenset()) < 1.0


def test_one_letter_names_are_matched_as_themselves():
    """A skill named by one letter and a sign ("C++", "C#") or by one letter ("R") pairs with itself, not another."""
    assert _phrase_similarity("C++", "c++", frozenset()) == 1.0
    assert _phrase_similarity("R", "R", frozenset()) == 1.0
    assert _phrase_similarity("C#", "C++", frozenset()) == 0.0
    assert _phrase_similarity("C++", "C", frozenset()) == 0.0


def test_sample_corpus_report(sample_build):
    report = evaluate(SAMPLE_GOLD, SAMPLE, result=sample_build)
    assert report.unpaired == []
    assert report.total.f1 >= 0.90  # issue #14: the sample stays >= 0.90


@pytest.mark.parametrize(("corpus", "lang"), list(FLOOR_MICRO_F1))
def test_own_corpus_floors(corpus, lang):
    folder = DATA / corpus / lang
    report = evaluate(folder, folder)
    assert len(report.unpaired) <= UNPAIRED_AT_MOST.get((corpus, lang), 0), report.unpaired
    floor = FLOOR_MICRO_F1[corpus, lang]
    assert report.total.f1 >= floor, f"{corpus}/{lang}: micro-F1 {report.total.f1:.3f} fell under {floor}"


def test_gold_without_its_article_counts_as_missed(tmp_path):
    """A role no title names must cost recall, not vanish from the score."""
    write_article(tmp_path, "a.md", "---\ntitle: Bank Teller\n---\n\nBank tellers process deposits.\n")
    gold = tmp_path / "gold"
    gold.mkdir()
    (gold / "notary.yaml").write_text("role: notary\nskills: [attention to detail, latin]\n", encoding="utf-8")
    report = evaluate(gold, tmp_path)
    assert report.unpaired == ["notary.yaml"]
    assert (report.by_type["skills"].fn, report.total.tp) == (2, 0)
    assert ("notary", "skills", "latin") in report.misses
    assert list(report.by_language) == ["unpaired"]  # alone in its folder: no language to count it in
    (gold / "bank-teller.yaml").write_text("role: bank teller\nresponsibilities: [process deposits]\n", encoding="utf-8")
    report = evaluate(gold, tmp_path)
    assert {lang: (s.tp, s.fn) for lang, s in report.by_language.items()} == {"en": (1, 2)}  # its paired neighbour's


def test_what_kg_says_of_a_misnamed_role_counts_as_extras(tmp_path):
    """The article beside an unpaired gold file (same file name) had its facts stated of the wrong role: they cost
    precision too, even where a phrase matches the gold's, and none is a true positive."""
    write_article(tmp_path, "notary.md", "---\ntitle: Deeds\n---\n\nDeeds require attention to detail.\n")
    (tmp_path / "notary.yaml").write_text("role: notary\nskills: [attention to detail, latin]\n", encoding="utf-8")
    report = evaluate(tmp_path, tmp_path)
    assert report.unpaired == ["notary.yaml"]
    assert (report.total.tp, report.by_type["skills"].fn, report.by_type["skills"].fp) == (0, 2, 1)
    assert [extra[:2] for extra in report.extras] == [("notary", "skills")]


def test_gold_is_paired_through_an_alias_kg_names_the_role_by(tmp_path):
    """kg calling the article's role "teller" is the gold's "bank teller" (aliases: teller): its facts are scored,
    and the naming is reported; an alias never takes an article another gold file names by its role."""
    write_article(tmp_path, "a.md", "---\ntitle: Teller\n---\n\nTellers process deposits.\n")
    gold = tmp_path / "gold"
    gold.mkdir()
    (gold / "bank-teller.yaml").write_text("role: bank teller\naliases: [teller]\nresponsibilities: [process deposits]\n",
                                           encoding="utf-8")
    report = evaluate(gold, tmp_path)
    assert (report.unpaired, report.by_alias, report.by_type["responsibilities"].tp) == ([], ["bank-teller.yaml"], 1)
    (gold / "teller.yaml").write_text("role: teller\nresponsibilities: [process deposits]\n", encoding="utf-8")
    report = evaluate(gold, tmp_path)
    assert (report.unpaired, report.by_alias) == (["bank-teller.yaml"], [])


def test_a_matched_salary_s_details_are_compared_with_the_gold_s(tmp_path):
    """A salary matches on its figures; its period, date, place, source and basis are tallied beside the score:
    the same, another, or none stated by kg. kg's basis code ("gross") agrees with the gold's free text when the
    language's rules read that code in it ("retribuzione lorda")."""
    write_article(tmp_path, "a.md", "---\ntitle: Cuoco\nlang: it\n---\n\nSecondo JobPricing, nel 2023 un cuoco a Milano "
                  "guadagna in media 28.000 euro lordi all'anno.\n")
    gold = tmp_path / "gold"
    gold.mkdir()
    (gold / "cuoco.yaml").write_text("role: cuoco\nsalary:\n  - {average: 28000, currency: EUR, period: month, as_of: '2023',"
                                     " place: Milano, source: JobPricing, basis: retribuzione media lorda}\n", encoding="utf-8")
    report = evaluate(gold, tmp_path)
    assert report.by_type["salary"].tp == 1
    assert report.salary_details == {"period": [0, 1, 0], "as_of": [1, 0, 0], "place": [1, 0, 0], "source": [1, 0, 0],
                                     "basis": [1, 0, 0]}
    assert "period     0 /  1 /  0" in format_table(report)


@pytest.mark.parametrize(
    ("gold_role", "title", "paired"),
    [
        ("registered nurse (RN)", "Registered Nurse", True),  # "Long name (ACR)" is its long name
        ("district nurse (DN)", "DN", True),  # and its acronym
        ("responsabile della protezione dei dati", "Responsabile protezione dati", True),  # articles, prepositions
        ("electrician", "Electricians", True),
        # No looser than the README: every content word, no more and no fewer.
        ("plumber", "Gas Plumber", False),
        ("dental nurse", "Dental Hygienist", False),
    ],
)
def test_a_gold_role_pairs_an_article_by_the_readme_s_reading_of_a_name(tmp_path, gold_role, title, paired):
    write_article(tmp_path, "a.md", f"---\ntitle: {title}\n---\n\nThey process deposits.\n")
    gold = tmp_path / "gold"
    gold.mkdir()
    (gold / "g.yaml").write_text(f"role: {gold_role}\nskills: [latin]\n", encoding="utf-8")
    report = evaluate(gold, tmp_path)
    assert (report.unpaired, report.by_alias) == (([], []) if paired else (["g.yaml"], []))


def test_eval_json_output():
    folder = DATA / "corpus" / "en"
    result = CliRunner().invoke(main, ["eval", str(folder), "--source", str(folder), "--json"])
    assert result.exit_code == 0
    data = json.loads(result.output)
    assert set(data["micro"]) == {"tp", "fp", "fn", "precision", "recall", "f1"}
    assert "salary" in data["by_type"] and "en" in data["by_language"]
