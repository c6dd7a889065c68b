"""Noun- and verb-phrase chunks found by regular patterns over UPOS tags.

The patterns live in ``data/<lang>.yaml`` ("chunks"), so a chunk rule changes without touching code.
Each tag becomes one character and each pattern one regular expression over the sentence's tag string;
at each position the longest match of any pattern wins, and chunks never overlap.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from kg.language.tokenizer import language_data

UPOS = ("ADJ", "ADP", "ADV", "AUX", "CCONJ", "DET", "INTJ", "NOUN", "NUM", "PART", "PRON", "PROPN",
        "PUNCT", "SCONJ", "SYM", "VERB", "X")
_CODE = {tag: chr(ord("a") + i) for i, tag in enumerate(UPOS)}


@dataclass(frozen=True)
class Chunk:
    """Tokens ``start`` to ``end`` (exclusive, indices into the token list) form a ``kind`` chunk;
    ``head`` is the index of its head token (the noun of an NP, the main verb of a VP)."""

    kind: str
    start: int
    end: int
    head: int


@dataclass(frozen=True)
class _Rule:
    kind: str
    regex: re.Pattern
    head_first: bool
    head_codes: frozenset


def compile_pattern(pattern: str) -> re.Pattern:
    """"DET? (NOUN|PROPN)+" -> a regex over tag codes; unknown tag names are an error."""

    def code(m: re.Match) -> str:
        if m.group(0) not in _CODE:
            raise ValueError(f"unknown UPOS tag {m.group(0)!r} in chunk pattern {pattern!r}")
        return _CODE[m.group(0)]

    body = re.sub(r"[A-Z]+", code, pattern).replace(" ", "").replace("(", "(?:")
    return re.compile(body)


@lru_cache(maxsize=None)
def rules(lang: str) -> tuple[_Rule, ...]:
    out = []
    for spec in language_data(lang)["chunks"]:
        out.append(_Rule(spec["kind"], compile_pattern(spec["pattern"]), spec.get("head", "last") == "first",
                         frozenset(_CODE[t] for t in spec["head_tags"])))
    return tuple(out)


def chunk_tags(tags: list[str], lang: str, offset: int = 0) -> list[Chunk]:
    """Chunks of one sentence given its UPOS tags; indices are shifted by ``offset``."""
    codes = "".join(_CODE.get(t, _CODE["X"]) for t in tags)
    out: list[Chunk] = []
    i = 0
    compiled = rules(lang)
    while i < len(codes):
        best, best_end = None, i
        for rule in compiled:
            m = rule.regex.match(codes, i)
            if m and m.end() > best_end:
                best, best_end = rule, m.end()
        if best is None:
            i += 1
            continue
        span = range(i, best_end) if best.head_first else range(best_end - 1, i - 1, -1)
        head = next((j for j in span if codes[j] in best.head_codes), span[0])
        out.append(Chunk(best.kind, offset + i, offset + best_end, offset + head))
        i = best_end
    return out
