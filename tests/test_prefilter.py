"""The rule screen (kg/extract/prefilter.py) and trie alternations (kg/alternation.py) only make extraction
faster: a rule the screen turns away must have no match, a trie must match what the flat alternation did."""

from __future__ import annotations

import random
import re
import sys
from pathlib import Path

import pytest

from kg.extract.context import Context
from kg.extract.engine import _role_names
from kg.extract.prefilter import Screen, caseless, requirement
from kg.extract.ruleset import ruleset
from kg.language.alternation import alternation
from kg.pipeline.build import discover
from kg.read.reader import read_article

DATA = Path(__file__).parent / "data" / "corpus"
SOURCE = Path(__file__).parent.parent / "source"


def test_caseless_gives_every_character_the_form_of_what_ignorecase_matches_it_with():
    """re's IGNORECASE matches u with c when their simple lower cases (re's own unicode_tolower) are equal or
    its extra case table joins them: caseless must agree on all of Unicode, or a literal could hide a match."""
    import _sre
    from re import _casefix

    for code in range(sys.maxunicode + 1):
        if not 0xD800 <= code < 0xE000:
            assert caseless(chr(code)) == caseless(chr(_sre.unicode_tolower(code))), hex(code)
    for code, others in _casefix._EXTRA_CASES.items():
        assert {caseless(chr(o)) for o in others} == {caseless(chr(code))}
    assert caseless("İstanbul ſtrada CITTÀ") == "istanbul strada città"


@pytest.mark.parametrize("pattern, flags, needed", [
    (r"\bsi\s+occupa(?:no)?\s+di", re.IGNORECASE, [{"occupa", "occupano"}]),
    (r"(?P<x>[^.;]+?)\s+(?:employ|hires?)\b", re.IGNORECASE, [{"employ", "hire", "hires"}]),
    (r"(?:\u16a0+|\bthis role\b)\s+\w+", 0, [{"\u16a0", "this role"}]),
    (r"(?P<x>.+)", 0, []),
    (r"\b(?:a|di)\s+(?P<x>.+)", 0, []),  # "a", "di": in nearly every sentence, not worth a test
])
def test_requirement_reads_the_literals_a_pattern_needs(pattern, flags, needed):
    assert [set(alternatives) for alternatives in requirement(pattern, flags)] == needed


def _sentences() -> list[tuple[str, Context, str]]:
    """(language, context with the article's role names, sentence) for every sentence of the real-style corpora."""
    out = []
    for folder in (DATA / "it", DATA / "en", SOURCE):
        paths, _ = discover(folder)
        for path in paths:
            article = read_article(path, folder)
            ctx = Context(article, ruleset(article.lang), [])
            ctx.set_names(_role_names(article))
            out += [(article.lang, ctx, s.text) for s in article.sentences]
    return out


def _mangled(text: str, rng: random.Random) -> str:
    """The sentence with its case changed here and there and words shuffled: texts the rules were not written on."""
    words = text.split()
    rng.shuffle(words)
    return " ".join(w.upper() if rng.random() < 0.2 else w.capitalize() if rng.random() < 0.2 else w for w in words)


def test_the_screen_never_turns_away_a_rule_that_matches():
    rng = random.Random(9)
    checked = 0
    for lang, ctx, sentence in _sentences():
        for text in (sentence, _mangled(sentence, rng)):
            admitted = ctx.rs.screen.admitted(ctx.rs.screen.literals(text), ctx.masked(text))
            for rules in ctx.rs.rules.values():
                for rule in rules:
                    if rule.regex.search(ctx.searched(rule, text)):
                        assert rule in admitted, (lang, rule.family, rule.id, text)
                        checked += 1
    assert checked > 1000


def test_the_screen_turns_away_most_rules():
    """Else it would cost without saving: a sentence may match a handful of the ~60 rules of its language."""
    admitted = [len(ctx.admitted(text)) / sum(map(len, ctx.rs.rules.values())) for _, ctx, text in _sentences()]
    assert sum(admitted) / len(admitted) < 0.5


def test_a_screen_tests_literals_in_chunks_across_spaces_and_in_the_masked_text():
    screen = Screen({"chunk": ((frozenset({"gestisc"}),)), "spaced": (frozenset({"punto di contatto"}),),
                     "role": (frozenset({"#"}), frozenset({"team"})), "free": ()}, "#")
    assert screen.admitted(screen.literals("Gestiscono il TEAM"), "Gestiscono il TEAM") == {"chunk", "free"}
    assert screen.admitted(screen.literals("il punto  di contatto"), "") == {"free"}  # two spaces: not the literal
    assert screen.admitted(screen.literals("il punto di contatto"), "") == {"spaced", "free"}
    assert screen.admitted(screen.literals("il team"), "il ## guida il team") == {"role", "free"}


def test_a_trie_alternation_matches_what_the_flat_one_sorted_by_length_did():
    rng = random.Random(3)
    letters = "abcè' "
    for _ in range(300):
        words = {"".join(rng.choice(letters) for _ in range(rng.randint(1, 5))).strip() or "a" for _ in range(rng.randint(1, 12))}
        flat = "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))
        for flags in (0, re.IGNORECASE):
            for template in (r"(?:{})", r"\b(?:{})\b", r"(?P<w>{})(?P<rest>\w*)c", r"(?:{})\s+(?:{})"):
                old = re.compile(template.replace("{}", flat), flags)
                new = re.compile(template.replace("{}", alternation(words)), flags)
                for _ in range(5):
                    text = "".join(rng.choice(letters + "ABC") for _ in range(30))
                    assert [m.span() + m.groups() for m in old.finditer(text)] == [m.span() + m.groups() for m in new.finditer(text)]
    assert alternation([]) == ""
