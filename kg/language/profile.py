"""Language data (stopwords, abbreviations, singular forms) read from the rules files, and detection."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from importlib import resources

import yaml


@lru_cache(maxsize=None)
def languages() -> tuple[str, ...]:
    """Codes of every language that has a rules file: adding a file adds a language."""
    return tuple(sorted(p.name[:-5] for p in resources.files("kg.rules").iterdir() if p.name.endswith(".yaml")))


@lru_cache(maxsize=None)
def rules_text(lang: str) -> str:
    return resources.files("kg.rules").joinpath(f"{lang}.yaml").read_text(encoding="utf-8")


@lru_cache(maxsize=None)
def profile(lang: str) -> dict:
    """The `language:` section of a rules file."""
    return yaml.safe_load(rules_text(lang))["language"]


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
    data = profile(lang)
    lower = word.lower()
    irregular = data.get("singular_irregular", {})
    if lower in irregular:
        return irregular[lower]
    if lower in data.get("invariable", []):
        return lower
    if not adjective:
        for key in ("role_heads_first", "role_heads_last"):
            if lower in head_forms(lang, key):
                return head_forms(lang, key)[lower]
    for pattern, replacement in _suffixes(lang, "adjective_singular_suffixes") * adjective + _suffixes(lang, "singular_suffixes"):
        if pattern.search(lower):
            return pattern.sub(replacement, lower)
    return lower


@lru_cache(maxsize=None)
def _suffixes(lang: str, key: str) -> tuple[tuple[re.Pattern, str], ...]:
    return tuple((re.compile(pattern), replacement) for pattern, replacement in profile(lang).get(key, []))


@lru_cache(maxsize=None)
def head_forms(lang: str, key: str) -> dict[str, str]:
    """Singular and plural of each role head in the rules file's `key` table -> its singular; a plural that is
    another head's singular stays that head ("infermiere", plural of "infermiera")."""
    heads = {str(k): str(v) for k, v in profile(lang).get(key, {}).items()}
    return {**{plural: singular for singular, plural in heads.items() if plural not in heads}, **{h: h for h in heads}}


def role_of_title(title: str, lang: str) -> tuple[str, tuple[str, ...]]:
    """The role a title names, singular and lower case, and the acronyms it gives in brackets.

    "Quanto guadagna un infermiere" -> "infermiere"; "Sales Development Representative (SDR)" -> SDR alias.
    """
    text = title.strip()
    for _ in range(2):  # "ESG Analyst Salary Survey 2026: Key Findings": the subtitle, then the survey
        for pattern in profile(lang).get("title_patterns", []):
            match = re.match(pattern, text, re.IGNORECASE)
            if match and match.group("role").strip() and match.group("role").strip() != text:
                text = match.group("role").strip()
                break
        else:
            break
    qualifier = profile(lang).get("title_qualifiers", "(?!)")
    aliases = tuple(a.strip() for a in re.findall(r"\(([^()]{1,40})\)", text) if not re.match(qualifier, a.strip(), re.IGNORECASE))
    text = re.sub(r"\s*\([^()]*\)", "", text).strip() or title.strip()
    return singular_role(text, lang), aliases


@lru_cache(maxsize=1 << 16)
def singular_role(title: str, lang: str) -> str:
    """Singular lower-case role label: the head words before the first function word are made singular."""
    data = profile(lang)
    tokens = title.strip().split()
    joiners = set(data.get("noun_joiners", []))
    head_end = next((i for i, t in enumerate(tokens) if t.lower() in joiners or t.lower().split("'")[0] in joiners), len(tokens))
    scope = data.get("singular_scope", "all")  # all head words (it) or the last one (en)
    out = []
    for i, token in enumerate(tokens):
        in_head = i < head_end and (scope == "all" or i == head_end - 1)
        plural = in_head and _plural_candidate(token, data)
        out.append(singular_word(token, lang, adjective=i > 0 and scope == "all") if plural else token.lower())
    return " ".join(out)


def _plural_candidate(token: str, data: dict) -> bool:
    """Only words of the language itself are made singular (an English 'manager' in Italian stays)."""
    return token.isalpha() and not token.isupper() and (data["code"] == "en" or not token.lower().endswith(("er", "ive")))
