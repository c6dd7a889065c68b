"""Rules over the language layer: a rules file's `token_rules` run on a sentence's tokens, UPOS tags, lemmas and
chunks (kg/language/matcher.py), so a duty verb no table lists ("sterilises", "installa") is still a verb, and
coordinated duties ("plans shifts, checks stock levels and trains new staff") are one fact each.

A match names its fact from its captures: `verb` by its infinitive (the duty verb tables, else the lemma) and
`object` as written. This module finds the facts; the engine emits them like any rule's."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import NamedTuple

from kg.errors import KgError
from kg.extract.clauses import lower_label, trim
from kg.extract.ruleset import ROLE_MARK, RuleSet, ruleset
from kg.language import rulesfile
from kg.language.analyse import LANGUAGES, analyse, chunks
from kg.language.matcher import Match, Pattern, Span, compile_pattern, finditer, match_at

FLAGS = ("ROLE", "DUTY")  # the boolean attributes `tagged` sets on tokens


@dataclass(frozen=True)
class TokenRule:
    family: str
    id: str
    tokens: tuple[Pattern, ...]  # alternatives, tried in order
    items: tuple[Pattern, ...]  # one more coordinated item, with its own verb
    extend: tuple[Pattern, ...]  # more words of the last item's object
    list_items: bool  # reads the family's list items only, instead of whole items


class Found(NamedTuple):
    """One fact a token rule read: its label and where its words sit in the sentence."""

    family: str
    rule: str  # "<family>.<id>"
    label: str
    start: int  # character offsets in the sentence of the words the match took (separators and verb included)
    end: int
    subject: int  # where the match that opened the list starts (the role's name, when the rule names it)
    named: int  # where the words of the label start (after the cue)


@lru_cache(maxsize=None)
def token_rules(lang: str) -> dict[str, tuple[TokenRule, ...]]:
    """The `token_rules` of a language, compiled; a pattern the matcher cannot read stops kg at its line. A language
    the layer has no models for has none: its `rules:` alone read it."""
    out: dict[str, tuple[TokenRule, ...]] = {}
    if lang not in LANGUAGES:
        return out
    for family, items in ruleset(lang).data.get("token_rules", {}).items():
        out[family] = tuple(
            TokenRule(family, item["id"], *(_pattern(lang, family, index, key, item.get(key)) for key in ("tokens", "items", "extend")),
                      bool(item.get("list_items")))
            for index, item in enumerate(items))
    return out


def _pattern(lang: str, family: str, index: int, key: str, spec: list | dict | None) -> tuple[Pattern, ...]:
    alternatives = [] if spec is None else spec["any_of"] if isinstance(spec, dict) else [spec]
    try:
        return tuple(compile_pattern(alternative, FLAGS) for alternative in alternatives)
    except ValueError as exc:
        raise KgError(f"token_rules.{family}[{index}].{key}: {exc}", rulesfile.path(lang),
                      rulesfile.line(lang, "token_rules", family, index, key)) from None


def may_match(lang: str, text: str, names_role: bool, list_item: bool = False) -> bool:
    """Whether any token rule (those for list items, or the others) may match the sentence: most sentences need no
    tagging, since a rule's first token must be the role's name or a cue word they do not hold."""
    flags = frozenset({"ROLE", "DUTY"} if names_role else {"DUTY"})  # DUTY is only known once tagged: assumed
    return any(pattern.may_match(text, flags) for rules in token_rules(lang).values() for rule in rules
               if rule.list_items == list_item for pattern in rule.tokens)


def tagged(text: str, masked: str, role_ref: re.Pattern, lang: str, imperative: bool = False) -> Span:
    """A sentence as the matcher reads it; ROLE flags the tokens of the role's names (masked) and its references, DUTY
    a form the duty verb tables know, whatever tag the tagger gave it ("and **book** appointments" reads as a noun). An
    `imperative` sentence (a duty bullet) opens on a verb where its first word can be one (kg/language/tagger.py)."""
    tokens = analyse(text, lang, imperative=imperative)
    refs = [(m.start(), m.end()) for m in role_ref.finditer(text)]
    verbs = ruleset(lang).verbs
    flags = [frozenset(({"ROLE"} if ROLE_MARK in masked[t.start:t.end] or any(a <= t.start < b for a, b in refs) else set())
                       | ({"DUTY"} if t.text.lower() in verbs else set()))
             for t in tokens]
    return Span.of(tokens, chunks(tokens, lang), flags)


def read(rs: RuleSet, text: str, span: Span, family: str, trims: tuple[str, ...], list_item: bool = False) -> list[Found]:
    """The facts a family's token rules (those for list items, or the others) read in one sentence, each object cut
    at the first stop of the `trims` groups (rules file `stops`); a later rule skips the tokens an earlier one took."""
    found: list[Found] = []
    taken: list[tuple[int, int]] = []
    flags = frozenset().union(*span.flags)
    for rule in token_rules(rs.lang).get(family, ()):
        if rule.list_items != list_item or not any(pattern.may_match(text, flags) for pattern in rule.tokens):
            continue
        for match in finditer(rule.tokens, span):
            if any(a < match.end and match.start < b for a, b in taken):
                continue
            if "object" not in match.captures:  # an alternative that only takes its words: "che un agente svolga ..."
                taken.append((match.start, match.end))
                continue
            items = [match]
            end = match.end
            while True:
                more = rule.items and match_at(rule.items, span, end)
                if more and more.end > end:
                    items.append(more)
                    end = more.end
                    continue
                longer = rule.extend and match_at(rule.extend, span, end)
                if not (longer and longer.end > end and "object" in longer.captures):
                    break
                last = items[-1]
                a, _ = last.captures.get("object", longer.captures["object"])
                items[-1] = Match(last.start, longer.end, {**last.captures, **longer.captures, "object": (a, longer.captures["object"][1])})
                end = longer.end
            items = [items[0]] + [item for item in items[1:] if not any(a < item.end and item.start < b for a, b in taken)]
            taken.append((match.start, end))
            found += [f for f in (_fact(rs, text, span, rule, item, span.tokens[match.start].start, trims) for item in items) if f]
    return found


def _fact(rs: RuleSet, text: str, span: Span, rule: TokenRule, match: Match, subject: int, trims: tuple[str, ...]) -> Found | None:
    tokens = span.tokens
    if "object" not in match.captures:
        return None
    a, b = match.captures["object"]
    start, end = tokens[a].start, tokens[b - 1].end
    joined = match.captures.get("joined")  # a verb joined on inside the object: "... and sends it to the client"
    if joined:
        verb = tokens[joined[0]]
        words = f"{text[start:verb.start]}{_infinitive(rs, verb)}{text[verb.end:end]}"
    else:
        words = text[start:end]
    words = trim(words, rs, list(trims))
    # "i medicinali, con" loses " con", then ","; an object of one function word ("decide a chi ...") is none
    while (stripped := rs.lists["trailing"].sub("", f" {words}").strip()) != words:
        words = stripped
    if not words:
        return None
    if "verb" in match.captures:
        if a < match.captures["verb"][0]:  # a passive's subject, its object: "Wounds are dressed by the nurse"
            words = lower_label(words)
        words = f"{_infinitive(rs, tokens[match.captures['verb'][0]])}{'' if words[0] in ',;' else ' '}{words}"  # "prepare, cook and serve meals"
    else:  # a nominal duty opening a list item: "Gestione dell'agenda" is "gestione dell'agenda"
        words = lower_label(words)
    return Found(rule.family, f"{rule.family}.{rule.id}", words, tokens[match.start].start, end, subject, start)


def _infinitive(rs: RuleSet, verb) -> str:
    """The duty verb tables' infinitive of a form they know, else the layer's lemma ("sterilises" -> "sterilise")."""
    return rs.verbs.get(verb.text.lower()) or verb.lemma.lower()
