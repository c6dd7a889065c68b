"""Licences, certificates and registrations named by their head noun are regulations, and the degree rule leaves
their words alone; degrees and courses stay education. Sentences written for these tests."""

from __future__ import annotations

import pytest

from tests.test_extract import facts_of, objects


@pytest.mark.parametrize("title, body, regulation", [
    ("Airline pilot", "Every pilot needs an FAA medical certificate before flying.", "FAA medical certificate"),
    ("Door supervisor", "To work a venue you hold an SIA door supervisor licence.", "SIA door supervisor licence"),
    ("Registered nurse", "Graduates must pass the NCLEX-RN and obtain state board certification.", "state board certification"),
    ("Site manager", "Employers ask for a First Aid at Work certificate.", "First Aid at Work certificate"),
])
def test_a_permit_is_a_regulation_not_a_degree_en(tmp_path, title, body, regulation):
    facts = facts_of(tmp_path, title, body, "en")
    assert regulation in objects(facts, "regulation")
    assert not [q for q in objects(facts, "qualification") if q.lower() in regulation.lower()]


def test_a_course_certificate_stays_education_en(tmp_path):
    body = "Some hold a postgraduate certificate in project management or a Level 3 diploma in electrical installation."
    facts = facts_of(tmp_path, "Electrician", body, "en")
    assert {"postgraduate certificate in project management", "Level 3 diploma in electrical installation"} <= objects(facts, "qualification")
    assert not objects(facts, "regulation")


@pytest.mark.parametrize("body, expected", [
    ("Most hold a BSc (Hons) in electrical engineering.", {"BSc (Hons) in electrical engineering"}),
    ("A BSc Business Management or an LLB is common.", {"BSc Business Management", "LLB"}),
    ("Some start with a T Level in health, A levels in biology and chemistry, or GCSEs.",
     {"T Level in health", "A levels in biology and chemistry", "GCSEs"}),
])
def test_degrees_by_abbreviation_and_school_credentials_en(tmp_path, body, expected):
    assert expected <= objects(facts_of(tmp_path, "Nurse", body, "en"), "qualification")


def test_a_body_that_registers_or_sanctions_is_a_regulator_en(tmp_path):
    body = "The Dental Council registers and sanctions dentists who break its code."
    assert "Dental Council" in objects(facts_of(tmp_path, "Dental nurse", body, "en"), "regulator")
