"""Entity types named as a reader would: an Italian plural made singular by the noun's gender, not its ending,
and a lexicon acronym read only in the languages where it means that body. Sentences written for these tests."""

from __future__ import annotations

import pytest

from kg import lexicon
from kg.language.profile import singular_role
from tests.test_extract import facts_of, objects


@pytest.mark.parametrize("plural, singular", [
    ("controparti", "controparte"),  # feminine in -e: a suffix rule made it "controparto"
    ("controparti centrali", "controparte centrale"),
    ("imprese private", "impresa privata"),  # the adjective agrees with the feminine head
    ("banche popolari", "banca popolare"),
    ("studi legali associati", "studio legale associato"),
    ("controparte centrale", "controparte centrale"),  # a singular stays as written
    ("addetti vendite", "addetto vendite"),  # a role head's table still decides, and its complement stays
])
def test_italian_plurals_take_the_nouns_gender(plural, singular):
    assert singular_role(plural, "it") == singular


def test_an_entity_type_bound_to_a_law_is_singular_it(tmp_path):
    body = ("Il Regolamento europeo sulle infrastrutture di mercato (EMIR) fissa obblighi precisi: "
            "le controparti finanziarie devono segnalare i contratti derivati.")
    assert "controparte finanziaria" in objects(facts_of(tmp_path, "Tesoriere", body, "it"), "applies_to")


def test_an_acronym_is_a_body_only_in_its_languages():
    assert [e.id for e, _, _ in lexicon.find("authorities", "registered with the CQC", "en")] == ["cqc"]
    assert lexicon.find("authorities", "serve la CQC per guidare", "it") == ()
    assert lexicon.lookup("authorities", "CQC", "it") is None


def test_the_drivers_card_is_no_regulator_it(tmp_path):
    facts = facts_of(tmp_path, "Autista di camion", "Per guidare un camion serve la CQC oltre alla patente C.", "it")
    assert "CQC" not in objects(facts, "regulator")


def test_the_care_quality_commission_is_a_regulator_en(tmp_path):
    facts = facts_of(tmp_path, "Care worker", "Care homes are registered with the CQC, which inspects them every year.", "en")
    assert "CQC" in objects(facts, "regulator")
