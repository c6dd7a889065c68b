"""The per-article state beside the store of record: what an edit needs to redo only the articles it touches.

One sqlite file in the store of record's folder (kg.store.graphs), so it is swapped, capped and cleared with it.
Per article: its slug, path, cache key, role (label, language, IRI), the aliases it declares, its doubts, how
many facts it kept and dropped, its label votes per node, and the role labels it names without a key (an
index label -> articles: an alias changing owner redoes those). Per node: the sum of every article's votes,
with how many articles cast each (a vote of weight 0, an alt label, is gone only when nobody casts it).
It records the generation of the store it was written with: a build killed between the two leaves them
different, and the next build takes the full path.
"""

from __future__ import annotations

import json
import os
import pickle
import sqlite3
from dataclasses import dataclass
from pathlib import Path

from kg.resolve.resolution import Node, Resolved

FILE = "kg-articles.sqlite"
_SCHEMA = """
CREATE TABLE meta (name TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE article (slug TEXT PRIMARY KEY, path TEXT NOT NULL, key TEXT NOT NULL, head TEXT NOT NULL, votes BLOB NOT NULL);
CREATE TABLE mention (label TEXT NOT NULL, slug TEXT NOT NULL);
CREATE INDEX mention_label ON mention (label);
CREATE TABLE node (iri TEXT PRIMARY KEY, type TEXT NOT NULL, sums BLOB NOT NULL);
"""
Sums = dict[tuple[str, str], list[int]]  # (lang, label) -> [weight, articles casting it]


@dataclass(frozen=True)
class Head:
    """One article as the state keeps it, without its votes: enough for the role table and the build's doubts."""

    slug: str
    path: str  # under the source folder, posix
    key: str  # its cache key (kg.pipeline.cache): the extraction to read back when an alias moves its roles
    role: str
    lang: str
    iri: str  # its role's IRI
    aliases: tuple[str, ...]  # folded, as declared (kg.resolve.resolution.aliases_of)
    doubts: tuple[str, ...]  # its own, before the articles about the same role are compared
    facts: int  # kept after curation and the confidence asked for
    dropped: int  # left out for their confidence


class State:
    """The state file at `path`, open."""

    def __init__(self, path: Path) -> None:
        self.db = sqlite3.connect(path, isolation_level=None)

    @classmethod
    def open(cls, path: Path) -> State | None:
        if not path.is_file():
            return None
        try:
            state = cls(path)
            state.meta("generation")
            return state
        except sqlite3.Error:
            return None

    def meta(self, name: str) -> str | None:
        row = self.db.execute("SELECT value FROM meta WHERE name = ?", (name,)).fetchone()
        return row[0] if row else None

    def heads(self) -> dict[str, Head]:
        return {row[0]: Head(*json.loads(row[1])) for row in self.db.execute("SELECT slug, head FROM article")}

    def votes(self, slugs: set[str]) -> dict[str, dict[str, Node]]:
        return {slug: pickle.loads(blob) for slug, blob in _select(self.db, "SELECT slug, votes FROM article WHERE slug IN", slugs)}

    def sums(self, iris: set[str]) -> dict[str, tuple[str, Sums]]:
        return {iri: (type_, pickle.loads(blob)) for iri, type_, blob in _select(self.db, "SELECT iri, type, sums FROM node WHERE iri IN", iris)}

    def readers(self, labels: set[str]) -> set[str]:
        """The articles naming a role by one of the folded `labels`."""
        return {row[0] for row in _select(self.db, "SELECT slug FROM mention WHERE label IN", labels)}

    def count(self, table: str) -> int:
        return self.db.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0]

    def change(self, put: list[tuple[Head, Resolved]], gone: set[str], sums: dict[str, tuple[str, Sums]], generation: str) -> None:
        """Replace the articles `put`, delete those `gone` (slugs), set the node `sums` (empty: the node is gone)
        and the `generation`, in one transaction."""
        self.db.execute("BEGIN")
        slugs = gone | {head.slug for head, _ in put}
        for table in ("article", "mention"):
            for chunk in _chunks(slugs):
                self.db.execute(f"DELETE FROM {table} WHERE slug IN ({','.join('?' * len(chunk))})", chunk)
        _insert(self.db, put)
        for iri, (type_, found) in sums.items():
            if found:
                self.db.execute("INSERT OR REPLACE INTO node VALUES (?, ?, ?)", (iri, type_, _blob(found)))
            else:
                self.db.execute("DELETE FROM node WHERE iri = ?", (iri,))
        self.db.execute("INSERT OR REPLACE INTO meta VALUES ('generation', ?)", (generation,))
        self.db.execute("COMMIT")

    def close(self) -> None:
        self.db.close()


def create(path: Path, put: list[tuple[Head, Resolved]], context: str, generation: str) -> None:
    """A new state file at `path` (written beside it and swapped in) for the articles `put`: the full path."""
    temp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    temp.unlink(missing_ok=True)
    db = sqlite3.connect(temp, isolation_level=None)
    db.executescript(_SCHEMA)
    db.execute("BEGIN")
    _insert(db, put)
    totals: dict[str, tuple[str, Sums]] = {}
    for _, share in put:
        add(totals, share.nodes)
    db.executemany("INSERT INTO node VALUES (?, ?, ?)", [(iri, t, _blob(s)) for iri, (t, s) in totals.items()])
    db.executemany("INSERT INTO meta VALUES (?, ?)", [("context", context), ("generation", generation)])
    db.execute("COMMIT")
    db.close()
    os.replace(temp, path)


def add(sums: dict[str, tuple[str, Sums]], votes: dict[str, Node], sign: int = 1) -> None:
    """Add one article's `votes` to `sums` (or take them back, `sign` -1); a label nobody casts any more goes."""
    for iri, node in votes.items():
        found = sums.setdefault(iri, (node.type, {}))[1]
        for key, weight in node.labels.items():
            total = found.setdefault(key, [0, 0])
            total[0] += sign * weight
            total[1] += sign
            if total[1] == 0:
                del found[key]


def node(iri: str, type_: str, found: Sums) -> Node:
    """The node whose labels are the sums `found`."""
    made = Node(iri, type_)
    for key, (weight, _) in found.items():
        made.labels[key] = weight
    return made


def _insert(db: sqlite3.Connection, put: list[tuple[Head, Resolved]]) -> None:
    db.executemany("INSERT INTO article VALUES (?, ?, ?, ?, ?)", [
        (head.slug, head.path, head.key, json.dumps(list(head.__dict__.values())),
         pickle.dumps(share.nodes, protocol=pickle.HIGHEST_PROTOCOL)) for head, share in put])
    db.executemany("INSERT INTO mention VALUES (?, ?)", [(label, head.slug) for head, share in put for label in sorted(share.mentions)])


def _blob(found: Sums) -> bytes:
    return pickle.dumps(found, protocol=pickle.HIGHEST_PROTOCOL)


def _chunks(values: set[str], size: int = 500) -> list[list[str]]:
    ordered = sorted(values)
    return [ordered[i:i + size] for i in range(0, len(ordered), size)]


def _select(db: sqlite3.Connection, query: str, values: set[str]) -> list[tuple]:
    return [row for chunk in _chunks(values) for row in db.execute(f"{query} ({','.join('?' * len(chunk))})", chunk)]
