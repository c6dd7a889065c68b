"""Cutting a captured phrase down to the clause it belongs to, and a list into its items."""

from __future__ import annotations

import re
from functools import lru_cache
from importlib import resources

from kg import yamlfile
from kg.extract.ruleset import RuleSet
from kg.language.analyse import LANGUAGES, analyse
from kg.language.mentions import find_mentions
from kg.language.profile import fold

MAX_WORDS = 16
_SKIPPED_BEFORE_VERB = frozenset({"ADV", "PRON"})  # "and then works", "e poi lavora", "e si occupa"


def trim(text: str, rs: RuleSet, groups: list[str]) -> str:
    """Cut `text` at the first stop of the named groups (clause, purpose, comma)."""
    union = rs.first_stop(tuple(groups)) if groups else None
    if union is not None:
        match = union.search(text)
        return text[:match.start()] if match else text
    end = len(text)
    for name in groups:
        match = rs.stops[name].search(text)
        if match and match.start() < end:
            end = match.start()
    return text[:end]


def verb_clause_end(text: str, lang: str, stops: list[str]) -> int:
    """Where a list of roles ends because a coordinator or a comma opens another verb phrase ("reports to the head
    chef and works alongside porters", "risponde allo chef e collabora con il pasticciere"): the roles after it stand in another
    relation (colleagues, not bosses). `stops` names what may open it: "conj" a coordinator, "comma" a comma too
    ("who reports to the manager, works with doctors"). The offset of that stop, else the length of `text`; tags
    come from the language layer, so no word is named here."""
    if lang not in LANGUAGES or not stops:
        return len(text)
    tokens = analyse(text, lang)
    for k, token in enumerate(tokens):
        if token.pos == "CCONJ" and "conj" in stops or token.text == "," and "comma" in stops:
            at = next((j for j in range(k + 1, len(tokens)) if tokens[j].pos not in _SKIPPED_BEFORE_VERB), None)
            after = tokens[at] if at is not None else None
            if after is not None and after.pos in ("VERB", "AUX") and not _opens_role(text[after.start :], lang) \
                    and not _shared_modifier(tokens, at):
                return token.start
    return len(text)


def _shared_modifier(tokens: list, at: int) -> bool:
    """A participle right before another coordinator modifies the noun after that one ("and advanced or highly
    specialist therapist", "e avanzato o esperto"): a pair of modifiers, no verb phrase."""
    return at + 1 < len(tokens) and tokens[at].pos == "VERB" and tokens[at + 1].pos == "CCONJ"


def _opens_role(text: str, lang: str) -> bool:
    """A word the tagger took for a verb that opens a role's name ("and then lead planner", "e poi sous chef")."""
    return any(m.start == 0 for m in find_mentions(text, lang, start_ok=True, role_slot=True))


def split_items(text: str, rs: RuleSet, always: bool = False) -> list[tuple[int, int]]:
    """Spans of list items: commas first, then the last conjunction; without commas only guarded ones
    (unless `always`, for lists of names such as roles and places)."""
    pats = rs.lists
    parts: list[tuple[int, int]] = []
    start = 0
    for match in pats["separator"].finditer(text):
        parts.append((start, match.start()))
        start = match.end()
    parts.append((start, len(text)))
    parts = [(a, b) for a, b in parts if re.search(r"\w", text[a:b])]
    had_commas = len(parts) > 1 or always
    items: list[tuple[int, int]] = []
    for index, (a, b) in enumerate(parts):
        chunk = text[a:b]
        last = had_commas and index == len(parts) - 1
        sub_start = 0
        for match in (pats["conjunction"] if last else pats["guarded"]).finditer(chunk):
            before = chunk[sub_start:match.start()]
            if pats["unsplit"].search(before):
                continue  # "to read and explain a plan": two verbs, one item
            if not last and pats["parallel"].match(chunk, match.end()) and not pats["parallel"].search(before):
                continue  # "daily and of routine": a bare preposition continues a phrase that had none
            items.append((a + sub_start, a + match.start()))
            sub_start = match.end()
            if last:
                break  # "A, B e C con X e Y": only the conjunction that closes the list
        items.append((a + sub_start, b))
    return [(a, b) for a, b in items if text[a:b].strip()]


def clean(text: str, rs: RuleSet, modifiers: frozenset[str] = frozenset()) -> str:
    """Strip leading articles and prepositions, trailing conjunctions and punctuation, and modifiers."""
    pats = rs.lists
    previous = None
    text = text.strip(" \t\"'“”«»[]")
    if text.endswith(")") and "(" not in text:
        text = text[:-1]
    if text.startswith("(") and ")" not in text:
        text = text[1:]
    while previous != text:
        previous = text
        text = pats["leading"].sub("", text).strip()
        text = pats["trailing"].sub("", text).strip(" \t\"'“”«»")
        if modifiers:
            first, _, rest = text.partition(" ")
            if fold(first) in modifiers and rest:
                text = rest
            words = text.split(" ")  # a modifier after the head too, before its complement ("conoscenza solida del diritto")
            if len(words) > 3 and fold(words[1]) in modifiers:
                text = " ".join(words[:1] + words[2:])
    return text


def acceptable(label: str, stopwords: frozenset[str]) -> bool:
    """A label needs a content word and must stay a phrase, not a sentence, and not run out of a bracket
    ("call it X) you'll be ..."); two letters only as a name ("Go", "UX")."""
    tokens = re.findall(r"[\w'-]+", label.lower())
    content = [t for t in tokens if t not in stopwords and not t.isdigit()]
    return bool(content) and len(tokens) <= MAX_WORDS and (len(label) >= 3 or len(label) == 2 and label[0].isupper()) \
        and label.count("(") == label.count(")")


def names(text: str, rs: RuleSet) -> list[str]:
    """"Python, SQL and Spark", "AWS (S3, Glue)": a comma list of names, each one to three words that are all
    capitalised or spelt like a product (digits, ".", "#", "+"), is one item per name; else [] (a title-cased
    phrase such as "Making Decisions and Solving Problems" has no comma)."""
    if "," not in text:
        return []
    flat = re.sub(r"[()]", ",", text.strip(" .;"))
    parts = [flat[a:b].strip(" .;,") for a, b in split_items(flat, rs, always=True)]
    parts = [part for part in parts if part]
    return parts if len(parts) >= 2 and all(_is_name(part) for part in parts) else []


def _is_name(part: str) -> bool:
    words = part.split()
    return 1 <= len(words) <= 3 and all(w[0].isupper() or re.search(r"[\d.#+]", w[1:]) for w in words)


def software(label: str) -> bool:
    """A name of software, a language or a platform (kg/lexicon/proper_names.yaml): a skill wherever it is listed."""
    return label in _proper_names()


@lru_cache(maxsize=1)
def _proper_names() -> frozenset[str]:
    return frozenset(yamlfile.load(resources.files("kg.lexicon").joinpath("proper_names.yaml").read_text(encoding="utf-8"))["proper_names"])


def lower_label(label: str) -> str:
    """Lower-case a label but keep acronyms, words that are capitalised inside it (proper names) and a
    capitalised word of two letters ("Go")."""
    words = label.split(" ")
    if len(words) > 1 and words[0][:1].isupper() and words[1][:1].isupper():
        return label  # a proper name: "Certified Professional Coder"
    if words[0] in _proper_names():
        return label
    if words and len(words[0]) > 2 and words[0][:1].isupper() and not words[0].isupper() and not any(c.isupper() for c in words[0][1:]):
        words[0] = words[0][0].lower() + words[0][1:]
    return " ".join(words)
