"""Places in a SPARQL query's text, found without parsing it: the WHERE group, and the LIMIT and OFFSET after it.

kg writes into a query's text in two places (a parameter's VALUES row, a page's LIMIT and OFFSET) and must
not be fooled by braces or keywords inside comments, strings or IRIs: one scanner skips those for both.
"""

from __future__ import annotations

import re
from typing import Iterator, NamedTuple

# What can hold a brace that is not one: comments, strings (long ones first), IRIs (no spaces, so `?a < ?b` is not one)
_SKIP = (r'#[^\n]*|"""(?:[^"\\]|\\.|"(?!""))*"""|\'\'\'(?:[^\'\\]|\\.|\'(?!\'\'))*\'\'\''
         r'|"(?:[^"\\\n]|\\.)*"|\'(?:[^\'\\\n]|\\.)*\'|<[^<>"{}|^`\\\x00-\x20]*>')
_KEYWORD = r"(?<![\w?$:])"  # a keyword, not the tail of ?limit, ex:LIMIT or delimit
_TOKEN = re.compile(rf"{_SKIP}|[{{}}]|{_KEYWORD}(?:WHERE|VALUES)\b|{_KEYWORD}(?P<clause>LIMIT|OFFSET)\s+(?P<n>\d+)", re.IGNORECASE)


class Window(NamedTuple):
    """The LIMIT and OFFSET a query already has (None, 0 without), and the span of text they take (where
    a new clause goes when there are none: after the solution modifiers, before a closing VALUES block)."""

    limit: int | None
    offset: int
    start: int
    end: int


def _tokens(text: str) -> Iterator[tuple[re.Match, int]]:
    """Braces, WHERE, VALUES, LIMIT n and OFFSET n outside comments, strings and IRIs, with the brace depth
    before each."""
    depth = 0
    for match in _TOKEN.finditer(text):
        token = match.group()
        if token[0] in "#\"'<":
            continue
        yield match, depth
        depth += {"{": 1, "}": -1}.get(token, 0)


def where_group(text: str) -> int:
    """The offset just inside the `{` that opens the query's WHERE group (the first top-level group when the
    keyword is left out, as `ASK { ... }` allows)."""
    return _where(text)[0]


def _where(text: str) -> tuple[int, int]:
    """The offsets just inside the WHERE group's `{` and just after its `}` (the end of `text` if never closed)."""
    first, after_where = None, False
    for match, depth in _tokens(text):
        token = match.group()
        if depth:
            continue
        if token == "{":
            if after_where:
                return match.end(), _close(text, match.end())
            first = match.end() if first is None else first
        elif token.upper() == "WHERE":
            after_where = True
    if first is None:
        raise ValueError("no WHERE group in the query")
    return first, _close(text, first)


def _close(text: str, opened: int) -> int:
    for match, depth in _tokens(text[opened:]):
        if match.group() == "}" and depth == 0:
            return opened + match.end()
    return len(text)


def window(text: str) -> Window:
    """The LIMIT and OFFSET clauses after the WHERE group (a subquery's are its own), and where they stand."""
    after = _where(text)[1]
    limit, offset, start, end = None, 0, None, len(text)
    for match, depth in _tokens(text[after:]):
        if depth or match.group() in "{}":
            continue
        if not match.group("clause"):  # VALUES: the solution modifiers end before it
            end = after + match.start() if start is None else end
            break
        if match.group("clause").upper() == "LIMIT":
            limit = int(match.group("n"))
        else:
            offset = int(match.group("n"))
        start = after + match.start() if start is None else start
        end = after + match.end()
    return Window(limit, offset, end if start is None else start, end)
