"""Language data (stopwords, abbreviations, singular forms) read from the rules files, and detection."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from kg.language import rulesfile


def languages() -> tuple[str, ...]:
    """Codes of every language that has a rules file (kg/rules, KG_RULES_DIR): adding a file adds a language."""
    return tuple(rulesfile.files())


def check_rules() -> None:
    """Load and check every language's rules file, so that a bad one stops a build at its line before an article
    is read."""
    for lang in languages():
        rulesfile.data(lang)


def rules_text(lang: str) -> str:
    return rulesfile.text(lang)


def rules_data(lang: str) -> dict:
    """A language's whole rules file, checked against kg/language/schema.yaml."""
    return rulesfile.data(lang)


@lru_cache(maxsize=None)
def profile(lang: str) -> dict:
    """The `language:` section of a rules file."""
    return rulesfile.data(lang)["language"]


def head_first(lang: str) -> bool:
    """The language's noun phrases put their head first ("direttore commerciale"), not last ("sales director")."""
    return profile(lang)["head_position"] == "first"


def with_borrowed(lang: str) -> tuple[str, ...]:
    """The language, then the languages whose role names its text writes as they are (`borrows`)."""
    return (lang, *profile(lang).get("borrows", []))


@lru_cache(maxsize=None)
def word_set(lang: str, key: str, borrowed: bool = False) -> frozenset[str]:
    """A word list of the `language:` section, folded; with `borrowed`, the borrowed languages' lists too."""
    return frozenset(fold(str(w)) for source in (with_borrowed(lang) if borrowed else (lang,)) for w in profile(source).get(key, []))


@lru_cache(maxsize=None)
def pattern(lang: str, key: str, borrowed: bool = False, flags: int = 0) -> re.Pattern:
    """A pattern of the `language:` section (one that never matches when the file has none); with `borrowed`,
    any of the borrowed languages' too."""
    parts = [profile(source)[key] for source in (with_borrowed(lang) if borrowed else (lang,)) if key in profile(source)]
    return re.compile(parts[0] if len(parts) == 1 else "|".join(f"(?:{p})" for p in parts) or "(?!)", flags)


@lru_cache(maxsize=1 << 16)
def fold(text: str) -> str:
    """Lower case without accents: the form labels are compared in."""
    if text.isascii():
        return text.lower()  # what casefold and NFKD leave of ASCII
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return _NON_ASCII.sub(_drop_combining, decomposed)  # combining marks are never ASCII


_NON_ASCII = re.compile(r"[^\x00-\x7f]")


def _drop_combining(match: re.Match) -> str:
    return "" if unicodedata.combining(match.group()) else match.group()


_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)


def words(text: str) -> list[str]:
    return _WORD.findall(fold(text))


def detect_language(text: str) -> str:
    """Pick the language whose stopwords cover most words; ties go to the first code."""
    tokens = words(text)
    scores = {lang: sum(1 for t in tokens if t in _stopwords(lang)) for lang in languages()}
    return max(sorted(scores), key=lambda lang: scores[lang])


@lru_cache(maxsize=None)
def _stopwords(lang: str) -> frozenset[str]:
    return frozenset(fold(w) for w in profile(lang)["stopwords"])


def stopwords(lang: str) -> frozenset[str]:
    return _stopwords(lang)


@lru_cache(maxsize=1 << 16)
def singular_word(word: str, lang: str, adjective: bool = False) -> str:
    """Singular of one word: the irregular list, the plurals of the role heads ("geometri"), then the
    suffix rules, those for adjectives first when the word follows the head ("ospedalieri" -> "ospedaliero",
    where the noun "infermieri" -> "infermiere")."""
    lower = word.lower()
    listed = _listed(lower, lang, adjective)
    if listed is not None:
        return listed
    if not adjective and _by_lemma(lower, lang):
        return _noun_lemma(lower, lang)
    for pattern, replacement in _suffixes(lang, "adjective_singular_suffixes") * adjective + _suffixes(lang, "singular_suffixes"):
        if pattern.search(lower):
            return pattern.sub(replacement, lower)
    return lower


def _noun_lemma(word: str, lang: str) -> str:
    """The trained lemmatizer knows a noun's gender, which a suffix rule cannot ("controparti" -> "controparte")."""
    from kg.language.analyse import load_models  # the models load only for a language that asks for them

    return load_models(lang)[1].lemma(word, "NOUN")


def _listed(word: str, lang: str, adjective: bool = False) -> str | None:
    """The singular the rules file lists for a lower-case word: irregular, invariable, a role head's plural."""
    data = profile(lang)
    if word in data.get("singular_irregular", {}):
        return data["singular_irregular"][word]
    if word in data.get("invariable", []):
        return word
    tables = () if adjective else ("role_heads_first", "role_heads_last")
    return next((head_forms(lang, key)[word] for key in tables if word in head_forms(lang, key)), None)


def _by_lemma(word: str, lang: str) -> bool:
    """Whether a plural noun's singular is its lemma (`singular_by_lemma`): the lemma differs from the word."""
    return bool(re.search(profile(lang).get("singular_by_lemma", "(?!)"), word)) and _noun_lemma(word, lang) != word


@lru_cache(maxsize=None)
def _suffixes(lang: str, key: str) -> tuple[tuple[re.Pattern, str], ...]:
    return tuple((re.compile(pattern), replacement) for pattern, replacement in profile(lang).get(key, []))


@lru_cache(maxsize=None)
def head_forms(lang: str, key: str) -> dict[str, str]:
    """Singular and plural of each role head in the rules file's `key` table -> its singular; a plural that is
    another head's singular stays that head ("infermiere", plural of "infermiera")."""
    heads = {str(k): str(v) for k, v in profile(lang).get(key, {}).items()}
    return {**{plural: singular for singular, plural in heads.items() if plural not in heads}, **{h: h for h in heads}}


@lru_cache(maxsize=1 << 16)
def singular_role(title: str, lang: str) -> str:
    """Singular lower-case role label: the head words before the first function word are made singular."""
    data = profile(lang)
    tokens = title.strip().split()
    joiners = set(data.get("noun_joiners", []))
    head_end = next((i for i, t in enumerate(tokens) if t.lower() in joiners or t.lower().split("'")[0] in joiners), len(tokens))
    scope = data.get("singular_scope", "all")  # all head words (it) or the last one (en)
    out = []
    head = tokens[0].lower() if tokens else ""
    by_lemma = bool(head) and _listed(head, lang) is None and _by_lemma(head, lang)  # not a role head's table
    for i, token in enumerate(tokens):
        in_head = i < head_end and (scope == "all" or i == head_end - 1)
        plural = in_head and _plural_candidate(token, data)
        if plural and i > 0 and by_lemma and scope == "all":
            out.append(_agreeing_adjective(token.lower(), lang))
        else:
            out.append(singular_word(token, lang, adjective=i > 0 and scope == "all") if plural else token.lower())
    return " ".join(out)


def _agreeing_adjective(word: str, lang: str) -> str:
    """An adjective after a plural head made singular agrees with it: a feminine plural ending becomes the feminine
    singular (`feminine_agreement`: "controparti finanziarie" -> "controparte finanziaria"), else the lemma."""
    from kg.language.analyse import load_models

    for pattern, replacement in _suffixes(lang, "feminine_agreement"):
        if pattern.search(word):
            return pattern.sub(replacement, word)
    return load_models(lang)[1].lemma(word, "ADJ")


def _plural_candidate(token: str, data: dict) -> bool:
    """Only words of the language itself are made singular (an English 'manager' in Italian stays)."""
    return token.isalpha() and not token.isupper() and not token.lower().endswith(tuple(data.get("loanword_endings", [])))
