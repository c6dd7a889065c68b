"""The rule screen (kg/extract/prefilter.py), trie alternations (kg/alternation.py), searches tried only where a
match may start and clauses cut by several stop groups at once only make extraction faster: a rule the screen turns
away must have no match, a trie must match what the flat alternation did, the other two find what the plain
searches found."""

from __future__ import annotations

import random
import re
import sys
from pathlib import Path

import pytest

from kg.extract.clauses import trim
from kg.extract.context import Context
from kg.extract.naming import role_names
from kg.extract.prefilter import Screen, breaks, caseless, first_characters, requirement
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
            ctx.set_names(role_names(article))
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


@pytest.mark.parametrize("pattern, flags, starts", [
    (r"(?P<x>[^.;:]+?)\s+(?:are|is)\s+supervised\s+by\b", re.IGNORECASE, "[.;:]"),
    (r"(?P<x>[^.;]+)\s+assumono", 0, "[.;]"),
    (r"(?P<x>[^.;]+?[a-z])\s+x", 0, "[.;]"),  # the run opens the capture: what follows it does not matter
    (r"(?P<x>[^.;]*?)\s+x", 0, None),  # an empty run: the match may start anywhere
    (r"(?P<x>[^.;]{1,9}?)\s+x", 0, None),  # a bounded run cannot reach back
    (r"(?P<x>[^.;]+?)\s+x\s+(?P=x)", 0, None),  # a back-reference reads what the run took
    (r"\b(?P<x>[^.;]+?)\s+x", 0, None),
    (r"(?P<x>.+?)\s+x", 0, None),
])
def test_breaks_reads_where_a_match_may_start(pattern, flags, starts):
    assert breaks(pattern, flags) == starts


def _texts() -> list[tuple[Context, str]]:
    """Every sentence of the corpora, as written and mangled, and a random one of words, dots and semicolons."""
    rng = random.Random(5)
    out = []
    for _, ctx, sentence in _sentences():
        out += [(ctx, sentence), (ctx, _mangled(sentence, rng))]
        words = sentence.split() + ["sono", "vigilate", "dalla", "are", "supervised", "by", ".", ";", ":", ","]
        out.append((ctx, " ".join(rng.choice(words) for _ in range(16))))
    return out


def test_a_rule_searched_where_its_matches_may_start_finds_what_the_full_search_did():
    texts = random.Random(7).sample(_texts(), 300)  # the full searches are the slow ones: a sample
    opened = 0
    for ctx, text in texts:
        for rules in ctx.rs.rules.values():
            for rule in rules:
                if rule.breaks is None:
                    continue
                opened += 1
                searched = ctx.searched(rule, text)
                assert [(m.span(), m.groupdict()) for m in rule.finditer(searched)] == \
                       [(m.span(), m.groupdict()) for m in rule.regex.finditer(searched)], (rule.id, searched)
                for pos in (1, len(searched) // 3, len(searched) // 2):
                    mine, full = rule.search(searched, pos), rule.regex.search(searched, pos)
                    assert (mine and (mine.span(), mine.groupdict())) == (full and (full.span(), full.groupdict())), (rule.id, pos)
    assert opened > 1000  # the supervises, employers and arrow rules of both languages


def test_a_clause_cut_at_the_first_stop_of_several_groups_at_once_is_cut_where_each_group_apart_cut_it():
    groups = [("clause", "purpose"), ("clause", "comma"), ("item_comma",), ("clause", "purpose", "comma", "then"), ()]
    for ctx, text in _texts():
        for names in groups:
            ends = [m.start() for m in (ctx.rs.stops[name].search(text) for name in names) if m]
            assert trim(text, ctx.rs, list(names)) == text[:min(ends, default=len(text))], (names, text)


@pytest.mark.parametrize("pattern, flags, opening", [
    (r"\s+which\b|,\s*so\b", re.IGNORECASE, r"[,\s]"),
    (r"\s*[;:]\s", 0, r"[:;\s]"),
    (r"(?<!\bhow)\s+to\s", 0, r"[\s]"),  # a lookaround takes no character
    (r"(?:a|b)?c", 0, "[abc]"),
    (r"x*", 0, None),  # may match nothing
    (r"[^a]b", 0, None),
    (r".b", 0, None),
    (r"(?i:a)b", 0, None),  # flags of its own
])
def test_first_characters_reads_what_every_match_opens_with(pattern, flags, opening):
    assert first_characters(pattern, flags) == opening


def test_a_rule_behind_the_lookahead_of_its_first_characters_matches_what_it_did_without():
    guarded = re.compile(r"\(\?=\[(?:\\.|[^\]\\])*\]\)\(\?:(.*)\)", re.DOTALL)
    checked = 0
    for ctx, text in random.Random(8).sample(_texts(), 800):
        for rules in ctx.rs.rules.values():
            for rule in rules:
                bare = guarded.fullmatch(rule.source)
                if bare is None:
                    continue
                plain = re.compile(bare.group(1), rule.flags)
                searched = ctx.searched(rule, text)
                assert [(m.span(), m.groupdict()) for m in rule.regex.finditer(searched)] == \
                       [(m.span(), m.groupdict()) for m in plain.finditer(searched)], (rule.id, searched)
                checked += 1
    assert checked > 50000
