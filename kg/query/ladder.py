"""The first pages of a promotion ladder without answering its whole family.

promotion-ladder.rq's rows are the steps up (the promotions out of every role the ladder reaches upwards from
the role), then the steps down (the promotions between roles it reaches downwards), each part sorted by ?from.
A family can hold most roles of a corpus (the generated one: 15,000 steps at 10,000 articles, 9 s), and Oxigraph
sorts every row before it keeps a page. So the walk is asked for the roles alone (a few hundred), sorted here,
and the steps out of the first 1, 2, 4... of them (kg.query.keyset's rounds) until the page is full.
"""

from __future__ import annotations

from functools import lru_cache
from importlib import resources
from typing import Callable

from rdflib import Literal, URIRef, Variable
from rdflib.query import Result

from kg.query import keyset
from kg.query.paging import Page

# (direction, its walk, whether a step's ?to must be on the walk too), in the answer's order: DESC(?direction)
DIRECTIONS = (("up", "ladder-up.rq", False), ("down", "ladder-down.rq", True))
VARIABLES = [Variable(name) for name in ("direction", "from", "to", "quote")]


@lru_cache(maxsize=None)
def _text(name: str) -> str:
    return resources.files("kg.query").joinpath(name).read_text(encoding="utf-8")


def cut(bound: dict, page: Page, answer: Callable[[str, dict], Result]) -> Result:
    """Rows offset+1 .. offset+limit+1 of the ladder of the role `bound` to ?role (a node, or the literal of a
    name that matched none), asking `answer(text, bindings)` for the walk of each direction and the steps of its
    first roles."""
    wanted = page.offset + page.limit + 1
    rows: list[dict] = []
    for direction, walk, both_ends in DIRECTIONS:
        reached = {row[0] for row in answer(_text(walk), {"role": bound["role"]}) if isinstance(row[0], URIRef)}
        rows += [{VARIABLES[0]: Literal(direction), **row} for row in _steps(reached, both_ends, wanted - len(rows), answer)]
        if len(rows) >= wanted:
            break
    found = Result("SELECT")
    found.vars, found.bindings = VARIABLES, rows[page.offset:wanted]
    return found


def _steps(reached: set, both_ends: bool, wanted: int, answer: Callable[[str, dict], Result]) -> list[dict]:
    """The first `wanted` steps out of the roles `reached` (into them too when `both_ends`), sorted by ?from."""
    keep = (lambda row: row[VARIABLES[2]] in reached) if both_ends else None
    return keyset.first_rows(_text("ladder-steps.rq"), ("from",), [(node,) for node in sorted(map(str, reached))], wanted,
                             lambda text: answer(text, {}), keep)[1]
