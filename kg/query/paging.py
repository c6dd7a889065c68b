"""One page of a question's rows: LIMIT and OFFSET written into the query's own solution modifiers.

Appended to the SELECT, not wrapped around it as a subquery: SPARQL does not promise that an outer query keeps
a subquery's ORDER BY, and the question's order is what makes its pages line up. A query that has a LIMIT or
OFFSET of its own keeps its meaning: the page is cut from inside that window. One row more than the page is
asked for, so the answer can say whether another page follows without counting the whole answer.
"""

from __future__ import annotations

from dataclasses import dataclass

from rdflib.query import Result

from kg.errors import KgError
from kg.store import sparqltext


@dataclass(frozen=True)
class Page:
    """Rows offset+1 .. offset+limit of an answer (all rows from offset+1 on without a limit)."""

    limit: int | None = None
    offset: int = 0

    def __post_init__(self) -> None:
        if (self.limit is not None and self.limit < 0) or self.offset < 0:
            raise KgError(f"a page needs a limit and an offset of 0 or more, got limit {self.limit}, offset {self.offset}")

    def sparql(self, text: str) -> str:
        """`text` asking for this page's rows, and one more when there is a limit."""
        try:
            own = sparqltext.window(text)
        except ValueError as error:
            raise KgError(f"cannot page this query: {error}") from None
        limit = None if self.limit is None else self.limit + 1
        if own.limit is not None:
            left = max(own.limit - self.offset, 0)
            limit = left if limit is None else min(limit, left)
        offset = own.offset + self.offset
        clauses = ([f"LIMIT {limit}"] if limit is not None else []) + ([f"OFFSET {offset}"] if offset else [])
        return f"{text[:own.start]}\n{' '.join(clauses)}\n{text[own.end:]}"

    def cut(self, answer: Result) -> PageOfRows:
        if answer.type != "SELECT":
            raise KgError(f"a page is rows of a SELECT; this query answers {answer.type}")
        return PageOfRows(answer, self)


class PageOfRows(Result):
    """A SELECT answer cut to one page: where it starts in the whole answer, and whether rows follow it."""

    def __init__(self, answer: Result, page: Page) -> None:
        super().__init__("SELECT")
        rows = list(answer)
        self.first = page.offset + 1
        self.more = page.limit is not None and len(rows) > page.limit
        self.vars = answer.vars
        self.bindings = [{v: t for v, t in zip(answer.vars, row) if t is not None} for row in rows[: page.limit]]

    def note(self) -> str:
        """Which rows of the whole answer these are, for a person reading the table."""
        if not self.bindings:
            return f"no rows from row {self.first} on"
        shown = f"rows {self.first}-{self.first + len(self.bindings) - 1} of the answer"
        return f"{shown}; more from offset {self.first - 1 + len(self.bindings)}" if self.more else f"{shown}, the last"
