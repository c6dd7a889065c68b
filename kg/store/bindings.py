"""Parameter bindings for Oxigraph: a VALUES row opening the query's WHERE group.

rdflib's initBindings bind a variable before the pattern is evaluated; Oxigraph's own `substitutions` only
accept projected variables (shared-skills binds ?role and ?other without returning them). A one-row VALUES
block at the start of the WHERE group selects the same rows, and Oxigraph joins it first. The terms are
written by Oxigraph's N-Triples serialiser (escaped, one closed token each): user text cannot leave its
literal, as the injection tests check.
"""

from __future__ import annotations

import pyoxigraph as ox

from kg.store.sparqltext import where_group


def bind(text: str, bindings: dict[str, ox.NamedNode | ox.Literal]) -> str:
    """`text` with `bindings` (variable name -> term) as a VALUES row at the start of its WHERE group."""
    if not bindings:
        return text
    names = " ".join(f"?{name}" for name in bindings)
    row = " ".join(str(term) for term in bindings.values())
    at = where_group(text)
    return f"{text[:at]} VALUES ({names}) {{ ({row}) }} {text[at:]}"


def among(text: str, names: tuple[str, ...], rows: list[tuple[ox.NamedNode, ...]]) -> str:
    """`text` with (?`names`...) limited to `rows`, one VALUES row each, at the start of its WHERE group."""
    at = where_group(text)
    if len(names) == 1:
        block = f"VALUES ?{names[0]} {{ {' '.join(str(term) for term, in rows)} }}"
    else:  # one block of pairs: a block per variable made Oxigraph read a whole industry's evidence for each role
        pairs = " ".join("(" + " ".join(map(str, row)) + ")" for row in rows)
        block = f"VALUES ({' '.join('?' + name for name in names)}) {{ {pairs} }}"
    return f"{text[:at]} {block} {text[at:]}"
