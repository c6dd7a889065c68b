"""What one process works out and the next reads from disk (kg/memo.py, kg/language/precompiled.py): the same
values and the same compiled patterns as made anew, a new entry for new inputs, and a bounded number per name."""

from __future__ import annotations

import pickle
import re

import pytest

from kg import memo
from kg.extract.ruleset import _compile
from kg.language.precompiled import kept, program, rebuilt

TEXTS = ["The nurse plans shifts, checks stock levels and trains new staff.", "L'infermiere cura le scorte e forma il personale.",
         "Reports to the ward manager; earns £32,000 a year (Band 5).", "È iscritto all'Ordine delle professioni infermieristiche."]


@pytest.fixture
def own_cache(tmp_path, monkeypatch):
    monkeypatch.setenv("KG_CACHE_DIR", str(tmp_path))
    return tmp_path / memo.FOLDER


def test_a_value_is_made_once_then_read_back_and_new_inputs_make_a_new_entry(own_cache):
    made = []

    def make(value):
        made.append(value)
        return {"value": value}

    assert memo.remembered("table", ["a"], lambda: make(1)) == {"value": 1}
    assert memo.remembered("table", ["a"], lambda: make(2)) == {"value": 1}  # from disk: not made again
    assert memo.remembered("table", ["b"], lambda: make(3)) == {"value": 3}
    assert made == [1, 3] and len(list(own_cache.glob("table-*.pickle"))) == 2


def test_each_name_keeps_its_newest_entries_only(own_cache):
    for index in range(memo.KEEP + 3):
        memo.remembered("table", [str(index)], lambda index=index: index)
    assert len(list(own_cache.glob("table-*.pickle"))) == memo.KEEP


def test_a_broken_entry_is_made_again(own_cache):
    memo.remembered("table", ["a"], lambda: 1)
    (entry,) = own_cache.glob("table-*.pickle")
    entry.write_bytes(b"not a pickle")
    assert memo.remembered("table", ["a"], lambda: 2) == 2


@pytest.mark.parametrize("lang", ["en", "it"])
def test_rules_read_back_from_disk_compile_to_the_patterns_re_compile_makes(lang):
    compiled = pickle.loads(pickle.dumps(_compile(lang)))
    rules = [rule for family in compiled.rules.values() for rule in family]
    assert rules and all("regex" not in rule.__dict__ for rule in rules)  # made on first use, not unpickled
    for rule in rules:
        made, fresh = rule.regex, re.compile(rule.source, rule.flags)
        assert (made.pattern, made.flags, made.groups, made.groupindex) == (fresh.pattern, fresh.flags, fresh.groups, fresh.groupindex)
        assert [m.span() for text in TEXTS for m in made.finditer(text)] == [m.span() for text in TEXTS for m in fresh.finditer(text)]
    for table in (compiled.stops, compiled.lists, compiled.patterns):
        for name, (source, flags, _) in table.programs.items():
            assert [m.span() for t in TEXTS for m in table[name].finditer(t)] == [m.span() for t in TEXTS for m in re.compile(source, flags).finditer(t)]


def test_a_program_rebuilds_the_pattern_and_a_bad_one_falls_back_to_re_compile(own_cache):
    source = r"(?P<verb>gestisc[eo]|manages?)\s+(?P<x>\w+)"
    assert rebuilt(source, re.IGNORECASE, program(source, re.IGNORECASE)).groupindex == {"verb": 1, "x": 2}
    flags, code, groups, index, names = program(source)
    assert rebuilt(source, 0, (flags, code[:3], groups, index, names)).search("she manages x").group("x") == "x"  # code no engine accepts
    assert kept("test", source).search("she manages accounts").group("x") == "accounts"
    assert kept("test", source).search("he manages teams").group("x") == "teams"  # read back from disk
    with pytest.raises(re.error):
        program("(unclosed")
