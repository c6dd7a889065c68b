"""Sentence splitting that survives abbreviations, decimals and domain names (Indeed.com, U.S.)."""

from __future__ import annotations

import re
from functools import lru_cache

from kg.language.profile import profile

_BOUNDARY = re.compile(r"[.!?…]+[\"'”»)\]]*\s+(?=[\"'“«(\[]?[A-ZÀ-ÖØ-Þ0-9$€£])")


@lru_cache(maxsize=None)
def _abbreviations(lang: str) -> frozenset[str]:
    return frozenset(a.lower().rstrip(".") for a in profile(lang).get("abbreviations", []))


def split_sentences(text: str, lang: str) -> list[tuple[int, int]]:
    """Spans of the sentences of `text`; a boundary after a known abbreviation or initial is skipped."""
    spans, start = [], 0
    for match in _BOUNDARY.finditer(text):
        before = text[start : match.start() + 1]
        last = re.search(r"(\S+)\.$", before.rstrip("!?…\"'”»)]"))
        if last:
            # "(d.lgs. 14/2019)", "dall'art. 134": neither the bracket nor the elided article is the word
            word = re.split(r"['’]", last.group(1).lower().lstrip("([\"«“"))[-1]
            if word in _abbreviations(lang) or (len(word) == 1 and word.isalpha()) or re.fullmatch(r"(?:[a-z]\.)+[a-z]", word):
                continue
        end = match.start() + len(match.group(0).rstrip())
        if text[start:end].strip():
            spans.append(_trim(text, start, end))
        start = match.end()
    if text[start:].strip():
        spans.append(_trim(text, start, len(text)))
    return spans


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end
