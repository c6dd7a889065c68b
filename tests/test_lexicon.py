"""The lexicons (kg/lexicon/*.yaml) load, each entry is well formed, and a form names one entry only: a lexicon is
data that other engineers extend, so these checks say at once which line broke it."""

from __future__ import annotations

from importlib import resources

import pytest
import yaml

from kg import lexicon
from kg.language.profile import fold

NAMES = sorted(p.name[:-5] for p in resources.files("kg.lexicon").iterdir() if p.name.endswith(".yaml"))
ENTRY_LISTS = [n for n in NAMES  # the files of entries (not proper_names' plain list nor currencies' table)
               if all(isinstance(item, dict) for item in yaml.safe_load(
                   resources.files("kg.lexicon").joinpath(f"{n}.yaml").read_text(encoding="utf-8")).get(n) or [None])]


def test_the_vocabularies_outside_finance_are_there():
    assert {"industries", "authorities", "regulations", "skills"} <= set(ENTRY_LISTS)


@pytest.mark.parametrize("name", ENTRY_LISTS)
def test_entries_have_unique_ids_and_labels_in_both_languages(name):
    entries = lexicon.entries(name)
    ids = [e.id for e in entries]
    assert len(ids) == len(set(ids)), [i for i in ids if ids.count(i) > 1]
    assert all({"it", "en"} <= dict(e.labels).keys() for e in entries), [e.id for e in entries if len(e.labels) < 2]


@pytest.mark.parametrize("name", ["industries", "authorities", "regulations", "skills"])
def test_a_form_names_one_entry(name):
    owner: dict[str, str] = {}
    clashes = []
    for entry in lexicon.entries(name):
        for form in entry.forms:
            if owner.setdefault(fold(form), entry.id) != entry.id:
                clashes.append((form, owner[fold(form)], entry.id))
    assert not clashes


def test_lexicons_name_their_class():
    assert lexicon.for_class("Industry") == "industries"
    assert lexicon.for_class("Regulation") == "regulations"
    assert lexicon.class_of("industries") == "Industry"
    assert lexicon.for_class("Skill") is None  # skills keep the words written: no node is made from an entry


@pytest.mark.parametrize("name, text, expected", [
    ("industries", "Lavora in una RSA o in un cantiere edile.", {"residential-care", "construction"}),
    ("industries", "Most work in care homes, hotels and school districts.", {"residential-care", "hospitality", "education"}),
    ("authorities", "Registered with the Nursing and Midwifery Council and the Ordine degli avvocati.", {"nmc", "ordine-avvocati"}),
    ("regulations", "They need a DBS check and the patentino F-gas.", {"dbs-check", "f-gas"}),
    ("skills", "Empatia, precisione e capacità di lavorare in team; strong communication.", {"social-empathy", "thinking-attention", "social-teamwork", "social-communication"}),
])
def test_find_names_entries_in_prose(name, text, expected):
    assert {entry.id for entry, _, _ in lexicon.find(name, text)} == expected


def test_capital_forms_only_match_in_capitals():
    assert {e.id for e, _, _ in lexicon.find("industries", "Lavora in una RSA.")} == {"residential-care"}
    assert not lexicon.find("industries", "una rsa qualunque")  # "RSA" is written in capitals only
