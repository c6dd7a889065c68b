"""Finds the roles a sentence names ("rappresentante del servizio clienti", "senior loan officer").

A role is a head noun from the language file grown into a noun phrase: Italian heads take adjectives
and "di/del ..." complements after them, English heads (in either language) take modifiers before them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

import yaml

from kg.language.profile import fold, head_forms, profile, rules_text, singular_role, stopwords
from kg.language.verbs import conjugated

_TOKEN = re.compile(r"\w+(?:[-&]\w+)*", re.UNICODE)
_DI = {"di", "del", "dello", "della", "dei", "degli", "delle", "dell", "of"}
_ARTICLES = {"il", "lo", "la", "l", "dell", "all", "nell", "dall", "i", "gli", "le", "un", "uno", "una", "the", "a", "an", "our", "your", "their", "al", "alla", "del", "della", "dal", "dalla", "nel", "nella"}
_INDEFINITE = {"un", "una", "uno"}
_AGENT = {"da", "dal", "dallo", "dalla", "dall", "dai", "dagli", "dalle"}  # after a participle: "incaricato dal"
_TO = {"to", "can", "must", "should", "will", "may", "might", "could", "would"}  # before a verb's base form
_ITALIAN_VERB = re.compile(r"(?:are|ere|ire|ato|ata|ati|ate|ito|ita|iti|uto|ano|ono|ava|eva|iva)$")


@dataclass(frozen=True)
class Mention:
    label: str  # singular, lower case
    start: int
    end: int


@lru_cache(maxsize=None)
def _heads(lang: str) -> tuple[dict[str, str], dict[str, str], frozenset[str]]:
    last = {**head_forms("en", "role_heads_last"), **head_forms(lang, "role_heads_last")}  # English heads in every language
    need_article = frozenset(w.lower() for w in profile(lang).get("role_heads_need_article", []))
    return head_forms(lang, "role_heads_first"), last, need_article


def find_mentions(text: str, lang: str, start_ok: bool = False) -> list[Mention]:
    """Role mentions in `text`, left to right, not overlapping.

    `start_ok` accepts a head that needs an article when it opens the text ("responsabile di agenzia"
    after "può diventare"); a bare generic head ("the manager") is no mention.
    """
    first, last, need_article = _heads(lang)
    stops, right_stops, generic, with_noun, adjective, seniority = _vocabulary(lang)
    head_modifies, adjectival = _head_uses(lang)
    tokens = [(m.group(0), m.start(), m.end()) for m in _TOKEN.finditer(text)]
    lowered = [fold(t[0]) for t in tokens]
    joined = [i + 1 < len(tokens) and not text[tokens[i][2] : tokens[i + 1][1]].strip() for i in range(len(tokens))]
    found: list[Mention] = []
    floor = 0
    i = 0
    while i < len(tokens):
        word = lowered[i]
        if word in first or word in last:
            if word in last and _head_follows(lowered, joined, i, last):
                i += 1  # "lead account manager": the later head takes this word as a modifier
                continue
            begin, end = i, i
            if word in last and i + 1 < len(tokens) and joined[i] and lowered[i + 1] in head_modifies:
                i += 1  # "teller experience", "broker licence": the head qualifies the noun after it
                continue
            if word in first and word in adjectival and i > 0 and joined[i - 1] and lowered[i - 1] not in stops:
                i += 1  # "rapporti medici": after a noun the head is an adjective
                continue
            if word in last or word in seniority:
                begin = max(floor, _grow_left(tokens, lowered, joined, i, stops, seniority, _duty_forms(lang)[1],
                                              italian=lang != "en", text=text))
            opens = start_ok and not text[: tokens[begin][1]].strip()
            if word in need_article and begin == i and not opens and (i == 0 or lowered[i - 1] not in _ARTICLES):
                i += 1  # "lead" alone is a verb or an adjective; "the lead", "incident response lead" are roles
                continue
            end = _grow_right(lowered, joined, i, right_stops, adjective, seniority, italian=word in first or lang != "en")
            if end == i and word in with_noun and i + 1 < len(tokens) and joined[i] and lowered[i + 1] not in right_stops | first.keys():
                end = _grow_right(lowered, joined, i + 1, right_stops, adjective, seniority, italian=True)
            start_char, end_char = tokens[begin][1], tokens[end][2]
            surface = text[start_char:end_char]
            if begin == end and (first.get(word) or last.get(word)) in generic:
                i += 1
                continue
            found.append(Mention(singular_role(surface, lang), start_char, end_char))
            i = floor = end + 1
        else:
            i += 1
    return found


@lru_cache(maxsize=None)
def _vocabulary(lang: str) -> tuple[frozenset[str], frozenset[str], frozenset[str], frozenset[str], re.Pattern, frozenset[str]]:
    """Stop words left and right of a head, generic heads, heads taking a bare noun, adjective endings and
    seniority words of a language."""
    data = profile(lang)
    stops = stopwords(lang) | stopwords("en") | {str(w).lower() for w in data.get("modifier_stops", [])}
    stops |= _duty_forms(lang)[0]
    right_stops = stops | _verb_forms(lang)  # "analista del credito lavora": a verb ends the name
    generic = frozenset(w.lower() for w in data.get("generic_heads", []))
    with_noun = frozenset(w.lower() for w in data.get("heads_with_noun", []))
    adjective = re.compile(data.get("adjective_suffixes", "(?!)"))
    seniority = frozenset(w.lower() for w in data.get("seniority_below", []) + data.get("seniority_above", []) if " " not in w)
    return stops, right_stops, generic, with_noun, adjective, seniority


@lru_cache(maxsize=None)
def _head_uses(lang: str) -> tuple[frozenset[str], frozenset[str]]:
    """Nouns a role head qualifies ("teller experience") and heads that are adjectives after a noun ("medici")."""
    data = profile(lang)
    nouns = {fold(str(w)) for source in (lang, "en") for w in profile(source).get("nouns_after_head", [])}
    return frozenset(nouns), frozenset(fold(str(w)) for w in data.get("heads_also_adjectives", []))


def _head_follows(lowered, joined, i, last) -> bool:
    return any(joined[k - 1] and lowered[k] in last for k in range(i + 1, min(i + 3, len(lowered))) if all(joined[i:k]))


def _grow_left(tokens, lowered, joined, i, stops, seniority, base_verbs, italian: bool, text: str) -> int:
    """English-style modifiers before the head: up to three words that are not function words or verbs, nor
    the tail of a contraction or possessive ("client's", "we're")."""
    begin = i
    while begin > 0 and i - begin < 3:
        prev = lowered[begin - 1]
        original = tokens[begin - 1][0]
        if prev in stops or prev.isdigit() or not original.replace("-", "").replace("&", "").isalpha():
            break
        if prev.split("-")[0] in stops:
            break  # "twenty-two supervisors", "one-off"
        if tokens[begin - 1][1] > 0 and text[tokens[begin - 1][1] - 1] in "'’":
            break
        if prev in base_verbs and original[0].islower() and (begin == 1 and not text[:tokens[0][1]].strip()
                                                             or begin > 1 and lowered[begin - 2] in _TO):
            break  # "interview managers and staff" opening a list item, "to challenge senior managers"
        if prev not in seniority and (italian and _ITALIAN_VERB.search(prev) and len(prev) > 4 or prev.endswith("ly")):
            break  # "corporate lawyer", "real estate agent": English words may end like an Italian participle
        if not joined[begin - 1]:  # punctuation between
            break
        if italian and prev not in seniority and prev[-1] in "aiou" and not original[0].isupper() \
                and prev not in _english_modifiers():
            break  # an Italian word, not an English modifier ("data", "area" are English in "data analyst")
        begin -= 1
    return begin


def _grow_right(lowered, joined, i, stops, adjective, seniority, italian: bool) -> int:
    """Italian complements after the head: adjectives, seniority words and up to two 'di ...' phrases."""
    end = i
    complements = 0
    j = i + 1
    while j < len(lowered) and joined[j - 1]:
        word = lowered[j]
        if word in seniority:
            end = j
        elif italian and word not in stops and adjective.search(word) and not _is_verb_like(word) \
                and not (j + 1 < len(lowered) and lowered[j + 1] in _AGENT):  # "manager rilasciato dall'ente": a participle
            end = j
        elif word in _DI and complements < 2 and j + 1 < len(lowered) and not lowered[j + 1].isdigit() \
                and (lowered[j + 1] not in stops or lowered[j + 1] in _INDEFINITE):
            k = j + 1
            if lowered[k] in _INDEFINITE and k + 1 < len(lowered) and lowered[k + 1] not in stops:
                k += 1
            nxt = lowered[k + 1] if k + 1 < len(lowered) else ""
            if joined[k] and nxt and nxt not in stops and nxt not in _DI and not _is_verb_like(nxt) and italian:
                k += 1
            end = k
            j = k
            complements += 1
        else:
            break
        j += 1
    return end


@lru_cache(maxsize=None)
def _english_modifiers() -> frozenset[str]:
    """Words English role names put before the head that end like Italian words ("data", "area", "media")."""
    return frozenset(fold(w) for w in profile("en").get("modifiers_ending_in_vowel", []))


@lru_cache(maxsize=None)
def _duty_forms(lang: str) -> tuple[frozenset[str], frozenset[str]]:
    """Third-person duty verb forms, never a modifier of the role after them ("coordinates specialists"), and
    base forms, a modifier unless a verb by position ("to interview managers" but "audit managers")."""
    forms = conjugated(yaml.safe_load(rules_text(lang)))
    return (frozenset(fold(f) for f, infinitive in forms.items() if f != infinitive),
            frozenset(fold(f) for f, infinitive in forms.items() if f == infinitive))


@lru_cache(maxsize=None)
def _verb_forms(lang: str) -> frozenset[str]:
    """Known verb forms of the language: they end a role's name ("analista del credito lavora")."""
    data = yaml.safe_load(rules_text(lang))
    forms = set(conjugated(data)) | set(data["language"].get("not_duty_verbs", []))
    return frozenset(fold(str(f)) for f in forms)


_VERB_ENDING = re.compile(r"(?:are|ere|ire|ano|ono|ava|avano|eva|evano|ebbe|ebbero)$")


def _is_verb_like(word: str) -> bool:
    return bool(_VERB_ENDING.search(word)) and len(word) > 4
