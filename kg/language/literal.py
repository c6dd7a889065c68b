"""Where a text holds a literal as a whole word, found with str.find instead of a regular expression made for it.

The extractor asks this of words it reads in each article (a role's label, a skill, a figure): a pattern
`(?<!\\w)WORDS(?!\\w)` compiled for each would cost some 0.1 ms (re parses and compiles in Python), and their number
overflows re's own cache of 512 patterns, so even the words of a lexicon are compiled again article after article.
A word character is what re's `\\w` is on str: a letter, a digit or a number (str.isalnum) or the underscore.
"""

from __future__ import annotations

from collections.abc import Iterator


def word_char(ch: str) -> bool:
    """re's `\\w` for one character; False for the empty string (a text's edge)."""
    return ch.isalnum() or ch == "_"


def occurrences(text: str, literal: str, *, left: bool = True, right: bool = True) -> Iterator[int]:
    """The starts of `literal` in `text` with no word character just before it (`left`) and just after it
    (`right`), left to right and not overlapping: the starts re.finditer gives for `(?<!\\w)LITERAL(?!\\w)` (an empty
    literal too: a label may fold to nothing)."""
    i = text.find(literal)
    while i >= 0:
        end = i + len(literal)
        if (not left or not word_char(text[i - 1 : i])) and (not right or not word_char(text[end : end + 1])):
            yield i
            i = text.find(literal, max(end, i + 1))
        else:
            i = text.find(literal, i + 1)


def holds_word(text: str, literal: str) -> bool:
    """Whether `text` holds `literal` with no word character on either side: re.search(`(?<!\\w)LITERAL(?!\\w)`)."""
    return next(occurrences(text, literal), None) is not None
