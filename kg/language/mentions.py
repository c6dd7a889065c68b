"""Finds the roles a sentence names ("rappresentante del servizio clienti", "senior loan officer").

A role is a head noun from the language file grown into a noun phrase by what the file says of the language's
grammar: a head-first language's heads take adjectives and complements ("di/del ...") after them, head-last
heads (the language's own or a borrowed language's, "key account manager" in Italian) take modifiers before them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from kg.language.analyse import LANGUAGES, analyse
from kg.language.profile import (
    fold,
    head_first,
    head_forms,
    pattern,
    profile,
    rules_data,
    singular_role,
    singular_word,
    with_borrowed,
    word_set,
)
from kg.language.verbs import conjugated

_TOKEN = re.compile(r"\w+(?:[-&]\w+)*", re.UNICODE)


@dataclass(frozen=True)
class Mention:
    label: str  # singular, lower case
    start: int
    end: int


@dataclass(frozen=True)
class _Grammar:
    """The word classes of one language that decide how far a head grows into a role's name."""

    head_first: bool  # the language's own noun phrases put the head first
    stops: frozenset[str]  # never a modifier before a head
    function_words: frozenset[str]  # stopwords and modifier stops: never the noun of a complement
    adjective_endings: re.Pattern  # head-last languages: an adjective in a complement goes on to its noun
    right_stops: frozenset[str]  # never a word after a head (verbs too)
    seniority: frozenset[str]
    adjective: re.Pattern
    base_verbs: frozenset[str]  # duty verbs in their base form: a modifier unless a verb by position
    determiners: frozenset[str]
    complement_markers: frozenset[str]
    complement_articles: frozenset[str]
    agent_prepositions: frozenset[str]
    infinitive_markers: frozenset[str]
    subjects: frozenset[str]  # a word after one of these is a verb
    verbs: re.Pattern  # endings of verbs
    verbs_or_participles: re.Pattern
    native: re.Pattern  # endings of the language's own words
    adverbs: re.Pattern
    gerunds: re.Pattern  # endings of gerunds: one the tagger reads as a verb is no modifier
    borrowed_modifiers: frozenset[str]
    prepositional_heads: frozenset[str]  # heads whose name goes on after a preposition ("addetto alle vendite")
    head_prepositions: frozenset[str]

    def verb_like(self, word: str) -> bool:
        return bool(self.verbs.search(word)) and len(word) > 4


@lru_cache(maxsize=None)
def _heads(lang: str) -> tuple[dict[str, str], dict[str, str], frozenset[str]]:
    """Head-first heads, head-last heads (the borrowed languages' first, then the language's own) and the heads
    that need an article."""
    last: dict[str, str] = {}
    for source in with_borrowed(lang)[1:] + (lang,):
        last.update(head_forms(source, "role_heads_last"))
    need_article = frozenset(w.lower() for w in profile(lang).get("role_heads_need_article", []))
    return head_forms(lang, "role_heads_first"), last, need_article


def find_mentions(text: str, lang: str, start_ok: bool = False, role_slot: bool = False) -> list[Mention]:
    """Role mentions in `text`, left to right, not overlapping.

    `start_ok` accepts a head that needs an article when it opens the text ("responsabile di agenzia"
    after "può diventare"); a bare generic head ("the manager") is no mention. `role_slot` is for text a cue
    already marks as naming roles ("reports to ...", "può diventare ...", a "Career path" list): there a noun no
    lexicon lists heads a role when it ends like an agent noun (`occupation_endings`: "caporedattore",
    "apprendista"), a verb's base form opening the text is a modifier ("from audit trainee to ..."), and a
    generic head that is the whole text is a role ("then an associate, finally a partner").
    """
    first, last, need_article = _heads(lang)
    generic, with_noun = _head_kinds(lang)
    grammar = _grammar(lang)
    seniority = grammar.seniority
    head_modifies, adjectival = _head_uses(lang)
    text = pattern(lang, "gender_slash").sub(lambda m: " " * len(m.group(0)), text)  # "segretario/a amministrativo/a"
    tokens = [(m.group(0), m.start(), m.end()) for m in _TOKEN.finditer(text)]
    lowered = [fold(t[0]) for t in tokens]
    joined = [i + 1 < len(tokens) and _joined(text[tokens[i][2] : tokens[i + 1][1]], lowered[i], grammar) for i in range(len(tokens))]
    found: list[Mention] = []
    floor = 0
    i = 0
    opened = _open_heads(lang) if role_slot else None
    while i < len(tokens):
        word = lowered[i]
        agent = opened is not None and opened[0].search(word) is not None and len(word) > 4 and _noun_at(text, lang, tokens[i][1]) \
            and fold(singular_word(word, lang)) not in opened[1]
        is_first = word in first or agent and grammar.head_first
        is_last = word in last or agent and not grammar.head_first
        if is_first or is_last:
            if is_last and _head_follows(lowered, joined, i, last, grammar.stops):
                i += 1  # "lead account manager": the later head takes this word as a modifier
                continue
            begin, end = i, i
            if is_last and i + 1 < len(tokens) and joined[i] and lowered[i + 1] in head_modifies:
                i += 1  # "teller experience", "broker licence": the head qualifies the noun after it
                continue
            if is_first and word in adjectival and i > 0 and joined[i - 1] and lowered[i - 1] not in grammar.stops:
                i += 1  # "rapporti medici": after a noun the head is an adjective
                continue
            if is_last or word in seniority:
                begin = max(floor, _grow_left(tokens, lowered, joined, i, grammar, text, lang, role_slot))
            opens = start_ok and not text[: tokens[begin][1]].strip()
            if word in need_article and begin == i and not opens and (i == 0 or lowered[i - 1] not in grammar.determiners) \
                    and not (role_slot and joined[i] and i + 1 < len(tokens) and lowered[i + 1] in grammar.complement_markers):
                i += 1  # "lead" alone is a verb or an adjective; "the lead", "incident response lead", "to head of design" are roles
                continue
            if word in need_article and begin == i and not grammar.head_first and joined[i] and i + 1 < len(tokens) \
                    and _tags(text, lang).get(tokens[i + 1][1]) in ("NOUN", "PROPN", "ADJ"):
                i += 1  # "the principal money laundering offences", "the head office": a modifier of the noun after it
                # (head-last languages only: "capo cuoco" is a role)
                continue
            end = _grow_right(lowered, joined, i, grammar, after_first=is_first or grammar.head_first)
            heads_after = frozenset() if word in seniority else first.keys()  # "capo cuoco" is one role, "addetto" + a head two
            if end == i and word in with_noun and i + 1 < len(tokens) and joined[i] and lowered[i + 1] not in grammar.right_stops | heads_after:
                end = _grow_right(lowered, joined, i + 1, grammar, after_first=True)
            start_char, end_char = tokens[begin][1], tokens[end][2]
            surface = " ".join(text[start_char:end_char].split())
            if begin == end and (first.get(word) or last.get(word)) in generic and not (role_slot and len(tokens) == 1):
                i += 1  # alone in a slot a cue marks, a generic head is a role: "then an associate, finally a partner"
                continue
            found.append(Mention(singular_role(surface, lang), start_char, end_char))
            i = floor = end + 1
        else:
            i += 1
    return found


@lru_cache(maxsize=4096)
def _tags(text: str, lang: str) -> dict[int, str]:
    """The tagger's part of speech of each word, by where it starts; a language with no tagger has none."""
    return {t.start: t.pos for t in analyse(text, lang)} if lang in LANGUAGES else {}


def _noun_at(text: str, lang: str, start: int) -> bool:
    """Is the word at `start` a noun? (A comparative such as "simpler" ends like an agent noun.) Without a tagger,
    any word may be."""
    return lang not in LANGUAGES or _tags(text, lang).get(start) in ("NOUN", "PROPN")


@lru_cache(maxsize=None)
def _open_heads(lang: str) -> tuple[re.Pattern, frozenset[str]]:
    """Endings of agent nouns ("-tore", "-ista", "-er") and the words that end so yet name no job ("customer")."""
    return pattern(lang, "occupation_endings"), word_set(lang, "not_occupations")


@lru_cache(maxsize=None)
def _head_kinds(lang: str) -> tuple[frozenset[str], frozenset[str]]:
    """Generic heads and heads that take a bare noun after them."""
    data = profile(lang)
    return (frozenset(w.lower() for w in data.get("generic_heads", [])),
            frozenset(w.lower() for w in data.get("heads_with_noun", [])))


@lru_cache(maxsize=None)
def _grammar(lang: str) -> _Grammar:
    data = profile(lang)
    stops = word_set(lang, "stopwords", borrowed=True) | {str(w).lower() for w in data.get("modifier_stops", [])}
    function_words = frozenset(stops)
    stops |= _duty_forms(lang)[0]
    return _Grammar(
        head_first=head_first(lang),
        stops=stops,
        function_words=function_words,
        adjective_endings=pattern(lang, "adjective_endings"),
        right_stops=stops | _verb_forms(lang),  # "analista del credito lavora": a verb ends the name
        seniority=frozenset(w.lower() for w in data.get("seniority_below", []) + data.get("seniority_above", []) if " " not in w),
        adjective=re.compile(data.get("adjective_suffixes", "(?!)")),
        base_verbs=_duty_forms(lang)[1],
        determiners=word_set(lang, "determiners", borrowed=True),
        complement_markers=word_set(lang, "complement_markers", borrowed=True),
        complement_articles=word_set(lang, "complement_articles", borrowed=True),
        agent_prepositions=word_set(lang, "agent_prepositions"),
        infinitive_markers=word_set(lang, "infinitive_markers"),
        subjects=word_set(lang, "subject_pronouns"),
        verbs=pattern(lang, "verb_endings"),
        verbs_or_participles=pattern(lang, "verb_or_participle_endings"),
        native=pattern(lang, "native_endings"),
        adverbs=pattern(lang, "adverb_endings", borrowed=True),
        gerunds=pattern(lang, "gerund_endings"),
        borrowed_modifiers=word_set(lang, "borrowed_modifiers"),
        prepositional_heads=word_set(lang, "prepositional_heads"),
        head_prepositions=word_set(lang, "head_prepositions"),
    )


def _joined(gap: str, word: str, grammar: _Grammar) -> bool:
    """Nothing but spaces between two words, or an apostrophe after an elided article that opens a complement
    ("responsabile dell'ufficio fidi", "addetto all'accoglienza")."""
    return not gap.strip() or gap in ("'", "’") and (word in grammar.complement_markers or word in grammar.head_prepositions)


@lru_cache(maxsize=None)
def _head_uses(lang: str) -> tuple[frozenset[str], frozenset[str]]:
    """Nouns a role head qualifies ("teller experience") and heads that are adjectives after a noun ("medici")."""
    return word_set(lang, "nouns_after_head", borrowed=True), word_set(lang, "heads_also_adjectives")


def _head_follows(lowered, joined, i, last, stops) -> bool:
    """A later head takes this one as its modifier ("lead account manager"), never across a function word ("nurses
    and doctors" are two roles)."""
    return any(joined[k - 1] and lowered[k] in last for k in range(i + 1, min(i + 3, len(lowered)))
               if all(joined[i:k]) and not any(w in stops for w in lowered[i + 1:k]))


def _grow_left(tokens, lowered, joined, i, grammar: _Grammar, text: str, lang: str, role_slot: bool) -> int:
    """Head-last modifiers before the head: up to three words that are not function words or verbs, nor the tail of
    a contraction or possessive ("client's", "we're"); in a head-first language, not a word of its own either."""
    begin = i
    stops, seniority, borrowing = grammar.stops, grammar.seniority, grammar.head_first
    while begin > 0 and i - begin < 3:
        prev = lowered[begin - 1]
        original = tokens[begin - 1][0]
        if prev in stops or prev.isdigit() or not original.replace("-", "").replace("&", "").isalpha():
            break
        if prev.split("-")[0] in stops:
            break  # "twenty-two supervisors", "one-off"
        if tokens[begin - 1][1] > 0 and text[tokens[begin - 1][1] - 1] in "'’":
            break
        if prev in grammar.base_verbs and not role_slot and _tags(text, lang).get(tokens[begin - 1][1]) == "VERB":
            break  # "supervisors supervise lawyers"; "audit managers" keeps its noun
        if grammar.gerunds.search(prev) and not role_slot and _verb_gerund(text, lang, tokens[begin - 1][1]):
            break  # "guidance on monitoring workers"; "housing officials", "lead hand, welding inspector" keep their noun
        if begin > 1 and lowered[begin - 2] in grammar.subjects and prev not in seniority:
            break  # "a recruiter who places associates", "we asked analysts"
        if prev in grammar.base_verbs and original[0].islower() and (begin == 1 and not role_slot and not text[:tokens[0][1]].strip()
                                                                     or begin > 1 and lowered[begin - 2] in grammar.infinitive_markers):
            break  # "interview managers and staff" opening a list item, "to challenge senior managers"
        if prev not in seniority and (borrowing and grammar.verbs_or_participles.search(prev) and len(prev) > 4
                                      or grammar.adverbs.search(prev)):
            break  # "corporate lawyer", "real estate agent": borrowed words may end like a participle of the language
        if not joined[begin - 1]:  # punctuation between
            break
        if borrowing and prev not in seniority and grammar.native.search(prev) and not original[0].isupper() \
                and prev not in grammar.borrowed_modifiers:
            break  # a word of the language, not a borrowed modifier ("data", "area" are English in "data analyst")
        begin -= 1
    return begin


def _verb_gerund(text: str, lang: str, start: int) -> bool:
    """Is the gerund at `start` a verb taking the role as its object: tagged a verb, and opening the sentence or
    right after a preposition, pronoun or verb ("on monitoring workers", "what hiring managers pay", "means supporting
    portfolio managers")? After a comma, a conjunction or an article it may be a noun of the role's name."""
    tokens = analyse(text, lang) if lang in LANGUAGES else []
    at = next((k for k, t in enumerate(tokens) if t.start == start), None)
    if at is None or tokens[at].pos != "VERB":
        return False
    return at == 0 or tokens[at - 1].pos in ("ADP", "SCONJ", "PRON", "VERB", "AUX")


def _grow_right(lowered, joined, i, grammar: _Grammar, after_first: bool) -> int:
    """Head-first complements after the head: adjectives, seniority words and up to two complements ("di ...");
    after a head-last head only seniority words and one-word complements ("director of finance")."""
    stops, markers, articles = grammar.right_stops, grammar.complement_markers, grammar.complement_articles
    if lowered[i] in grammar.prepositional_heads:
        markers = markers | grammar.head_prepositions
    end = i
    complements = 0
    j = i + 1
    while j < len(lowered) and joined[j - 1]:
        word = lowered[j]
        if word in grammar.seniority:
            end = j
        elif after_first and word not in stops and grammar.adjective.search(word) and not grammar.verb_like(word) \
                and not (j + 1 < len(lowered) and lowered[j + 1] in grammar.agent_prepositions):  # "manager rilasciato dall'ente": a participle
            end = j
        elif word in markers and complements < 2 and j + 1 < len(lowered) and not lowered[j + 1].isdigit() \
                and (lowered[j + 1] not in (stops if grammar.head_first else grammar.function_words) or lowered[j + 1] in articles):
            # in a head-last language the word after "of" is a noun even where it spells a verb ("head of design")
            k = j + 1
            if lowered[k] in articles and k + 1 < len(lowered) and lowered[k + 1] not in stops:
                k += 1
            nxt = lowered[k + 1] if k + 1 < len(lowered) else ""
            if joined[k] and nxt and nxt not in stops and nxt not in markers and not grammar.verb_like(nxt) \
                    and (after_first or grammar.adjective_endings.search(lowered[k])):
                k += 1  # "direttore di sala", "head of occupational therapy"
            end = k
            j = k
            complements += 1
        else:
            break
        j += 1
    return end


@lru_cache(maxsize=None)
def _duty_forms(lang: str) -> tuple[frozenset[str], frozenset[str]]:
    """Third-person duty verb forms, never a modifier of the role after them ("coordinates specialists"), and
    base forms, a modifier unless a verb by position ("to interview managers" but "audit managers")."""
    forms = conjugated(rules_data(lang))
    return (frozenset(fold(f) for f, infinitive in forms.items() if f != infinitive),
            frozenset(fold(f) for f, infinitive in forms.items() if f == infinitive))


@lru_cache(maxsize=None)
def _verb_forms(lang: str) -> frozenset[str]:
    """Known verb forms of the language: they end a role's name ("analista del credito lavora")."""
    data = rules_data(lang)
    forms = set(conjugated(data)) | set(data["language"].get("not_duty_verbs", []))
    return frozenset(fold(str(f)) for f in forms)

