"""Parameter bindings for Oxigraph: a VALUES row opening the query's WHERE group.

rdflib's initBindings bind a variable before the pattern is evaluated; Oxigraph's own `substitutions` only
accept projected variables (shared-skills binds ?role and ?other without returning them). A one-row VALUES
block at the start of the WHERE group selects the same rows, and Oxigraph joins it first. The terms are
written by Oxigraph's N-Triples serialiser (escaped, one closed token each): user text cannot leave its
literal, as the injection tests check.
"""

from __future__ import annotations

import re

import pyoxigraph as ox

# What can hold a brace that is not one: comments, strings (long ones first), IRIs (no spaces, so `?a < ?b` is not one)
_SKIP = re.compile(r'#[^\n]*|"""(?:[^"\\]|\\.|"(?!""))*"""|\'\'\'(?:[^\'\\]|\\.|\'(?!\'\'))*\'\'\''
                   r'|"(?:[^"\\\n]|\\.)*"|\'(?:[^\'\\\n]|\\.)*\'|<[^<>"{}|^`\\\x00-\x20]*>')
_TOKEN = re.compile(rf"{_SKIP.pattern}|[{{}}]|\bWHERE\b", re.IGNORECASE)


def where_group(text: str) -> int:
    """The offset just inside the `{` that opens the query's WHERE group (the first top-level group when the
    keyword is left out, as `ASK { ... }` allows)."""
    depth, first, after_where = 0, None, False
    for match in _TOKEN.finditer(text):
        token = match.group()
        if token == "{":
            if depth == 0 and after_where:
                return match.end()
            if depth == 0 and first is None:
                first = match.end()
            depth += 1
        elif token == "}":
            depth -= 1
        elif token.upper() == "WHERE" and depth == 0:
            after_where = True
    if first is None:
        raise ValueError("no WHERE group in the query")
    return first


def bind(text: str, bindings: dict[str, ox.NamedNode | ox.Literal]) -> str:
    """`text` with `bindings` (variable name -> term) as a VALUES row at the start of its WHERE group."""
    if not bindings:
        return text
    names = " ".join(f"?{name}" for name in bindings)
    row = " ".join(str(term) for term in bindings.values())
    at = where_group(text)
    return f"{text[:at]} VALUES ({names}) {{ ({row}) }} {text[at:]}"
