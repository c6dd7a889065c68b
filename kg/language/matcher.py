"""Token patterns over the language layer, in the manner of spaCy's Matcher: a pattern is a list of token dicts
that test a token's attributes, each with a quantifier, so rules say "a verb, then its object noun phrase"
as data instead of a regular expression over words.

A token dict holds attribute tests and three keys of its own:
  TEXT/ORTH (exact), LOWER, LEMMA (lower-cased), POS (UPOS) as in spaCy; IN_CHUNK (the kind of chunk the
  token sits in, NP or VP, "O" outside any); a flag the caller sets per token (ROLE: true, DUTY: true).
  A value is one value, a list of them (spaCy's IN), or a map of IN, NOT_IN or REGEX (searched anywhere).
  IS_SENT_START: true|false, the token opens its sentence (the span's first token or a new `sent`).
  OP: "!" (one token that fails the tests), "?", "*", "+" (greedy), as in spaCy; none means exactly one.
  CHUNK: NP|VP makes the dict stand for a whole chunk of that kind starting there, its other tests read
  on the chunk's head (spaCy has no such key: our chunks are not spaCy's noun_chunks).
  capture: a name; the tokens its dicts consume form that capture's span (several dicts may share a name).
Matching is leftmost, greedy and backtracking, like a regular expression; matches do not overlap.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Iterator

from kg.language.alternation import alternation
from kg.language.analyse import Chunk, Token

ATTRIBUTES = ("TEXT", "ORTH", "LOWER", "LEMMA", "POS", "IN_CHUNK")
_STARTS = "IS_SENT_START"  # a boolean attribute the matcher computes
OPS = ("!", "?", "*", "+")
_OWN = ("OP", "CHUNK", "capture")
_FIRST_WORD = re.compile(r"\W*(\w[\w'’-]*)")


@dataclass(frozen=True)
class Span:
    """Tokens a pattern reads: the tokens, the chunk that starts at each index, the chunk kind each token sits
    in and the caller's flags per token (ROLE: inside the role's name). `values` holds each attribute's value per
    token, worked out once: a pattern's token dicts test them at every position, for every rule."""

    tokens: tuple[Token, ...]
    chunk_at: dict[int, Chunk]
    chunk_kind: tuple[str, ...]
    flags: tuple[frozenset[str], ...]
    values: dict[str, tuple[str, ...]] = field(default_factory=dict, compare=False, repr=False)

    @classmethod
    def of(cls, tokens: list[Token], chunks: list[Chunk], flags: list[frozenset[str]] | None = None) -> Span:
        kinds = ["O"] * len(tokens)
        for chunk in chunks:
            kinds[chunk.start:chunk.end] = [chunk.kind] * (chunk.end - chunk.start)
        flags = list(flags) if flags is not None else [frozenset()] * len(tokens)
        starts = [i for i, t in enumerate(tokens) if i == 0 or t.sent != tokens[i - 1].sent]
        for i in starts:
            flags[i] = flags[i] | {_STARTS}
        texts = tuple(t.text for t in tokens)
        values = {"TEXT": texts, "ORTH": texts, "LOWER": tuple(t.lower() for t in texts),
                  "LEMMA": tuple(t.lemma.lower() for t in tokens), "POS": tuple(t.pos for t in tokens), "IN_CHUNK": tuple(kinds)}
        return cls(tuple(tokens), {c.start: c for c in chunks}, tuple(kinds), tuple(flags), values)


@dataclass(frozen=True)
class _Element:
    tests: tuple[tuple[str, object], ...]  # (attribute, test): a frozenset of values, ("not", set), a regex, or a bool flag
    op: str
    chunk: str
    capture: str

    def passes(self, span: Span, i: int) -> bool:
        for attribute, test in self.tests:
            if isinstance(test, bool):
                if (attribute in span.flags[i]) != test:
                    return False
                continue
            value = span.values[attribute][i]
            if isinstance(test, re.Pattern):
                ok = test.search(value) is not None
            elif isinstance(test, tuple):
                ok = value not in test[1]
            else:
                ok = value in test
            if not ok:
                return False
        return True

    def openings(self, span: Span, start: int, end: int) -> list[int]:
        """The positions from `start` where one repetition of this element may begin, read off one of its tests at a
        time over the whole span (a flag or a set of values it wants, else every position): a superset of where
        `step` succeeds, found without a call per position."""
        if self.chunk:
            return sorted(i for i, chunk in span.chunk_at.items() if start <= i < end and chunk.kind == self.chunk)
        for attribute, test in self.tests if self.op != "!" else ():
            if test is True:
                return [i for i in range(start, end) if attribute in span.flags[i]]
            if isinstance(test, frozenset):
                values = span.values[attribute]
                return [i for i in range(start, end) if values[i] in test]
        return list(range(start, end))

    def step(self, span: Span, i: int, end: int) -> int | None:
        """Where one repetition of this element starting at token i ends, or None."""
        if i >= end:
            return None
        if self.chunk:
            chunk = span.chunk_at.get(i)
            if chunk is None or chunk.kind != self.chunk or chunk.end > end or not self.passes(span, chunk.head):
                return None
            return chunk.end
        return i + 1 if self.passes(span, i) != (self.op == "!") else None


@dataclass(frozen=True)
class Pattern:
    elements: tuple[_Element, ...]
    needs: tuple[frozenset[str], tuple[re.Pattern, ...], tuple[re.Pattern, ...]] = field(init=False, repr=False, compare=False)

    first: _Element | None = field(init=False, repr=False, compare=False)  # the token dict every match opens with, if one must

    def __post_init__(self) -> None:
        object.__setattr__(self, "needs", _needs(self.elements))
        object.__setattr__(self, "first", self.elements[0] if self.elements[0].op in ("", "!", "+") else None)

    @property
    def captures(self) -> frozenset[str]:
        return frozenset(e.capture for e in self.elements if e.capture)

    def may_match(self, text: str, flags: frozenset[str]) -> bool:
        """False only when no match can be in `text`: a token dict the pattern requires wants a flag no token of the
        text has, or one of some words (LOWER, TEXT) none of which is in it. A cheap test before tagging."""
        wanted, words, opening = self.needs
        if not wanted <= flags:
            return False
        lowered, first = _lowered(text)
        if opening and not (first is not None and all(test.search(first) for test in opening)):
            return False
        return all(pattern.search(lowered) for pattern in words)


@lru_cache(maxsize=256)
def _lowered(text: str) -> tuple[str, str | None]:
    """The text lower-cased and its first word: every pattern of every token rule asks them of the same sentence."""
    lowered = text.lower()
    first = _FIRST_WORD.match(lowered)
    return lowered, first.group(1) if first else None


def _needs(elements: tuple[_Element, ...]) -> tuple[frozenset[str], tuple[re.Pattern, ...], tuple[re.Pattern, ...]]:
    """What `may_match` tests, read once: the flags the required token dicts want, for each of their word tests one
    pattern that finds any of its words, and the LOWER regexes the first word must pass (a dict for the first word)."""
    wanted: set[str] = set()
    words: list[re.Pattern] = []
    opening: list[re.Pattern] = []
    for element in elements:
        if element.op in ("?", "*", "!") or element.chunk:
            continue
        opens = (_STARTS, True) in element.tests
        for attribute, test in element.tests:
            if opens and attribute == "LOWER" and isinstance(test, re.Pattern):
                opening.append(test)
            if isinstance(test, bool):
                if test and attribute != _STARTS:
                    wanted.add(attribute)
            elif attribute in ("LOWER", "TEXT", "ORTH") and isinstance(test, frozenset):
                words.append(_any_word(test))
    return frozenset(wanted), tuple(words), tuple(opening)


@lru_cache(maxsize=None)
def _any_word(words: frozenset[str]) -> re.Pattern:
    """Finds any of `words` in lower-cased text, not inside a longer word ("se" is not in "sempre"): the words that
    open and close alike share their guards around one trie (kg/language/alternation.py), so a position enters one
    branch, not one per word (a rule's list of verbs is hundreds long)."""
    guarded: dict[tuple[bool, bool], list[str]] = {}
    for word in map(str.lower, words):
        guarded.setdefault((word[:1].isalnum(), word[-1:].isalnum()), []).append(word)
    return re.compile("|".join(("(?<!\\w)" if opens else "") + f"(?:{alternation(group)})" + ("(?!\\w)" if closes else "")
                               for (opens, closes), group in sorted(guarded.items())) or "(?!)")


@dataclass(frozen=True)
class Match:
    start: int  # token indices, end exclusive
    end: int
    captures: dict[str, tuple[int, int]]  # name -> (first token, last token + 1)


_ELEMENTS: dict[_Element, _Element] = {}  # one object per distinct token dict, so match_at can key its tests by id


def compile_pattern(spec: list[dict], flags: tuple[str, ...] = ("ROLE",)) -> Pattern:
    """A pattern from its token dicts; an unknown key, operator or value shape is a ValueError naming it.
    `flags` are the boolean attributes the caller sets on tokens."""
    if not spec:
        raise ValueError("a token pattern needs at least one token dict")
    elements = []
    for index, item in enumerate(spec):
        tests = []
        for key, value in item.items():
            if key in _OWN:
                continue
            if key in flags or key == _STARTS:
                if not isinstance(value, bool):
                    raise ValueError(f"token {index}: {key} must be true or false")
                tests.append((key, value))
            elif key in ATTRIBUTES:
                tests.append((key, _test(key, value, index)))
            else:
                raise ValueError(f"token {index}: unknown attribute {key!r}")
        op = str(item.get("OP", ""))
        if op and op not in OPS:
            raise ValueError(f"token {index}: OP must be one of {', '.join(OPS)}, not {op!r}")
        chunk = str(item.get("CHUNK", ""))
        if chunk and op == "!":
            raise ValueError(f"token {index}: a CHUNK cannot be negated")
        element = _Element(tuple(tests), op, chunk, str(item.get("capture", "")))
        elements.append(_ELEMENTS.setdefault(element, element))
    return Pattern(tuple(elements))


def _test(key: str, value, index: int):
    def norm(v) -> str:
        return str(v).lower() if key in ("LOWER", "LEMMA") else str(v)

    if isinstance(value, dict):
        (how, what), *rest = value.items()
        if rest or how not in ("IN", "NOT_IN", "REGEX"):
            raise ValueError(f"token {index}: {key} takes one of IN, NOT_IN, REGEX")
        if how == "REGEX":
            return re.compile(str(what))
        values = frozenset(norm(v) for v in what)
        return values if how == "IN" else ("not", values)
    if isinstance(value, list):
        return frozenset(norm(v) for v in value)
    return frozenset({norm(value)})


def match_at(patterns: Pattern | tuple[Pattern, ...], span: Span, start: int, end: int | None = None) -> Match | None:
    """The match that begins at token `start` of the first of `patterns` that has one (each greedy, the first
    repetition count that completes wins), or None. Several patterns are alternatives, as under one spaCy key."""
    end = len(span.tokens) if end is None else end
    opens: dict[int, bool] = {}  # alternatives often open with the same token dict (a YAML anchor): tested once
    for pattern in (patterns,) if isinstance(patterns, Pattern) else patterns:
        first = pattern.first
        if first is not None:
            opened = opens.get(id(first))
            if opened is None:
                opened = opens[id(first)] = first.step(span, start, end) is not None
            if not opened:
                continue  # what _match would find first, without its backtracking's set-up
        found = _match(pattern.elements, 0, span, start, end, {})
        if found is not None:
            return Match(start, found[0], found[1])
    return None


def finditer(patterns: Pattern | tuple[Pattern, ...], span: Span, start: int = 0, end: int | None = None) -> Iterator[Match]:
    """Leftmost non-overlapping matches in tokens start..end; an empty match is skipped."""
    end = len(span.tokens) if end is None else end
    alternatives = (patterns,) if isinstance(patterns, Pattern) else patterns
    if any(pattern.first is None for pattern in alternatives):
        starts = range(start, end)
    else:  # a match opens where one alternative's first token dict passes: the other positions are not tried
        starts = sorted({i for first in {id(p.first): p.first for p in alternatives}.values() for i in first.openings(span, start, end)})
    after = start
    for i in starts:
        if i < after:
            continue
        found = match_at(patterns, span, i, end)
        if found is not None and found.end > i:
            yield found
            after = found.end


def _match(elements, k: int, span: Span, i: int, end: int, captures: dict):
    if k == len(elements):
        return i, captures
    element = elements[k]
    ends = [i]  # positions after 0, 1, 2 ... repetitions
    most = 1 if element.op in ("", "!", "?") else end - i
    while len(ends) - 1 < most:
        nxt = element.step(span, ends[-1], end)
        if nxt is None:
            break
        ends.append(nxt)
    least = 0 if element.op in ("?", "*") else 1
    for count in range(len(ends) - 1, least - 1, -1):  # greedy: the most repetitions first
        stop = ends[count]
        taken = captures
        if element.capture and stop > i:
            a, b = captures.get(element.capture, (i, stop))
            taken = {**captures, element.capture: (min(a, i), max(b, stop))}
        found = _match(elements, k + 1, span, stop, end, taken)
        if found is not None:
            return found
    return None
