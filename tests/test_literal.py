"""kg/language/literal.py against the regular expressions it stands for, on invented and random texts."""

import random
import re

import pytest

from kg.language.literal import holds_word, occurrences, word_char

TEXTS = ["the nurse and the nurses", "nurse_x nurse", "é nurseè nurse9 nurse.", "nurse", "anurse nurse-nurse", ""]


@pytest.mark.parametrize("text", TEXTS)
def test_occurrences_are_those_of_the_pattern(text):
    for left, right in ((True, True), (True, False), (False, True)):
        pattern = ("(?<!\\w)" if left else "") + "nurse" + ("(?!\\w)" if right else "")
        assert list(occurrences(text, "nurse", left=left, right=right)) == [m.start() for m in re.finditer(pattern, text)]


def test_known_cases():
    assert list(occurrences("nurse nurses nurse", "nurse")) == [0, 13]
    assert list(occurrences("nurse nurses nurse", "nurse", right=False)) == [0, 6, 13]
    assert holds_word("a laurea in legge", "laurea") and not holds_word("lauream", "laurea")
    assert list(occurrences("aaaa", "aa", left=False, right=False)) == [0, 2]  # not overlapping, as re.finditer
    assert list(occurrences("a  b", "")) == [2] and list(occurrences("ab", "", right=False)) == [0]
    assert word_char("_") and word_char("²") and not word_char("-") and not word_char("")


def test_random_texts_agree_with_re():
    rng = random.Random(7)
    alphabet = "ab _-.à9²"
    for _ in range(3000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 14)))
        literal = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 3)))  # empty too
        pattern = re.compile(rf"(?<!\w){re.escape(literal)}(?!\w)")
        assert list(occurrences(text, literal)) == [m.start() for m in pattern.finditer(text)], (text, literal)
        assert holds_word(text, literal) == (pattern.search(text) is not None)
        assert sum(1 for _ in occurrences(text, literal, right=False)) == len(re.findall(rf"(?<!\w){re.escape(literal)}", text))


def test_a_figure_run_on_into_a_number():
    from kg.extract.context import _runs_on_as_number

    rng = random.Random(3)
    for _ in range(2000):
        text = "".join(rng.choice("28.,0 ٣") for _ in range(rng.randint(0, 10)))
        figure = rng.choice(["28", "8", "2"])
        assert _runs_on_as_number(figure, text) == (re.search(re.escape(figure) + r"[.,]\d", text) is not None), text
    assert _runs_on_as_number("28", "tra i 28.000 e") and not _runs_on_as_number("28", "a 28. poi")
