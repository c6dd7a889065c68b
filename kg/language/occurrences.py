"""How often a text names each of a few role names by itself, not as part of a longer one of them: the body's
vote between the readings of a title ("qualified plumber" or "plumber"; "trainee solicitor" or "solicitor").
Words compare by their singular without its final vowels, so plurals and genders agree ("estetiste qualificate"
names "estetista qualificata", "nurses" names "nurse", "nursing" does not)."""

from __future__ import annotations

import re

from kg.language.profile import fold, head_first, singular_word

_WORD = re.compile(r"\w+(?:-\w+)*")


def own_occurrences(names: list[str], text: str, lang: str, qualifier: re.Pattern | None = None) -> dict[str, int]:
    """For each name, how many times `text` names it outside a longer name of the list. A name qualified there by
    a word `qualifier` matches (before it in a head-last language, after it in a head-first one: "a qualified
    solicitor", "un notaio abilitato") is another rung or kind of it and counts for none."""
    keyed = {name: [word_key(w, lang) for w in _WORD.findall(fold(name))] for name in names}
    prefixes = {w[:3] for name in names for w in _WORD.findall(fold(name))} | {k[:3] for words in keyed.values() for k in words}
    words = _WORD.findall(fold(text))
    tokens = [word_key(w, lang) if w[:3] in prefixes else "" for w in words]
    spans = {name: [(i, i + len(key)) for i in range(len(tokens) - len(key) + 1) if key and tokens[i : i + len(key)] == key]
             for name, key in keyed.items()}
    after = head_first(lang)

    def qualified(a: int, b: int) -> bool:  # one or two words: "qualified", "a domicilio"
        beside = [words[b : b + k] if after else words[a - k : a] for k in (1, 2) if (b + k <= len(words) if after else a >= k)]
        return qualifier is not None and any(qualifier.fullmatch(" ".join(w)) for w in beside)

    def inside_longer(name: str, a: int, b: int) -> bool:
        return any(len(keyed[other]) > len(keyed[name]) and c <= a and b <= d for other in names for c, d in spans[other])

    return {name: sum(1 for a, b in found if not inside_longer(name, a, b) and not qualified(a, b)) for name, found in spans.items()}


def word_key(word: str, lang: str) -> str:
    """A word's singular without its final vowels: the form plurals and genders share ("infermiere", "infermiera")."""
    return singular_word(word, lang).rstrip("aeiou") or word
