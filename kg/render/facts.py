"""The views' Career kept in one sqlite database, a row per node, article and fact, so that a view reads only the
facts it draws and an edit rewrites only the rows of what it touched.

A full build fills a database in memory; kg.pipeline.views copies it to disk (sqlite's backup). An edit opens that
file and changes its rows inside one transaction, committed once its exports are written: a kill before then leaves
the rows the last build kept. A fact's evidence is pickled with its article's id; the Article is attached when it
is read back. Facts come back in the Career's order: by subject, predicate, object (sqlite compares UTF-8 bytes,
which sort as Python compares strings). The indexes cover what the counts read (degrees, how many facts and pieces of
evidence), so counting does not read the pages of the evidence; each node's degree over every link is kept in a table
of its own, up to date by triggers.
"""

from __future__ import annotations

import pickle
import sqlite3
from pathlib import Path
from typing import Iterable

TABLES = """
CREATE TABLE IF NOT EXISTS fact (subject TEXT NOT NULL, predicate TEXT NOT NULL, object TEXT NOT NULL,
                                 literal INTEGER NOT NULL, evidence BLOB NOT NULL, quotes INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS node (id TEXT PRIMARY KEY, data BLOB NOT NULL);
CREATE TABLE IF NOT EXISTS article (id TEXT PRIMARY KEY, data BLOB NOT NULL);
CREATE TABLE IF NOT EXISTS meta (name TEXT PRIMARY KEY, data BLOB NOT NULL);
"""
INDEXES = """
CREATE INDEX IF NOT EXISTS fact_subject ON fact (subject, predicate, object, literal);
CREATE INDEX IF NOT EXISTS fact_quotes ON fact (quotes);
CREATE INDEX IF NOT EXISTS fact_object ON fact (object, literal, subject);
CREATE INDEX IF NOT EXISTS fact_predicate ON fact (predicate, subject, object) WHERE literal = 0;
"""
# Each node's links of any predicate, kept as facts come and go (graph.html's `capped` reads them all): counted once
# the table is filled, then by triggers (a link from a node to itself counts twice; a node with none has no row).
DEGREES = """
CREATE TABLE IF NOT EXISTS degree (node TEXT PRIMARY KEY, n INTEGER NOT NULL) WITHOUT ROWID;
INSERT INTO degree (node, n) SELECT node, SUM(n) FROM (
    SELECT subject AS node, COUNT(*) AS n FROM fact WHERE literal = 0 GROUP BY subject
    UNION ALL SELECT object, COUNT(*) FROM fact WHERE literal = 0 GROUP BY object) GROUP BY node;
CREATE TRIGGER IF NOT EXISTS link_added AFTER INSERT ON fact WHEN NEW.literal = 0 BEGIN
    INSERT INTO degree (node, n) VALUES (NEW.subject, 1) ON CONFLICT (node) DO UPDATE SET n = n + 1;
    INSERT INTO degree (node, n) VALUES (NEW.object, 1) ON CONFLICT (node) DO UPDATE SET n = n + 1;
END;
CREATE TRIGGER IF NOT EXISTS link_removed AFTER DELETE ON fact WHEN OLD.literal = 0 BEGIN
    UPDATE degree SET n = n - 1 WHERE node = OLD.subject;
    UPDATE degree SET n = n - 1 WHERE node = OLD.object;
    DELETE FROM degree WHERE node IN (OLD.subject, OLD.object) AND n = 0;
END;
"""
_ORDER = " ORDER BY subject, predicate, object, literal"
_COLUMNS = "subject, predicate, object, literal, evidence"
Row = tuple[str, str, str, int, bytes]  # a fact as stored: subject, predicate, object, literal, evidence pickled


class Table:
    """The database of one Career: in memory (`path` None) or the file kept beside the exports."""

    def __init__(self, db: sqlite3.Connection, path: Path | None = None) -> None:
        self.db, self.path = db, path

    @classmethod
    def memory(cls, rows: Iterable[tuple] = ()) -> Table:
        """A database in memory holding the facts `rows` (as `add` takes them), indexed once they are in."""
        db = sqlite3.connect(":memory:", isolation_level=None)
        db.executescript(TABLES)
        table = cls(db)
        table.add(rows)
        db.executescript(INDEXES + DEGREES)
        return table

    @classmethod
    def open(cls, path: Path) -> Table:
        return cls(sqlite3.connect(path, isolation_level=None), path)

    def begin(self) -> None:
        """Changes from here on are kept only by `commit` (a file's; a database in memory has nothing to keep)."""
        if self.path is not None and not self.db.in_transaction:
            self.db.execute("BEGIN IMMEDIATE")

    def commit(self) -> None:
        if self.db.in_transaction:
            self.db.execute("COMMIT")

    def close(self) -> None:
        """Let the database go; what was not committed is rolled back."""
        if self.db.in_transaction:
            self.db.execute("ROLLBACK")
        self.db.close()

    def save(self, path: Path) -> None:
        """A copy of the whole database at `path` (a new file)."""
        target = sqlite3.connect(path, isolation_level=None)
        try:
            self.db.backup(target)
        finally:
            target.close()

    # rows of nodes, articles and meta: pickled objects by id

    def objects(self, table: str) -> dict[str, object]:
        return {key: pickle.loads(data) for key, data in self.db.execute(f"SELECT id, data FROM {table} ORDER BY id")}

    def put(self, table: str, objects: dict[str, object | None]) -> None:
        """Rows written (None: deleted) by id."""
        self.db.executemany(f"DELETE FROM {table} WHERE id = ?", [(key,) for key, value in objects.items() if value is None])
        self.db.executemany(f"INSERT OR REPLACE INTO {table} (id, data) VALUES (?, ?)",
                            [(key, _pickled(value)) for key, value in objects.items() if value is not None])

    def meta(self) -> dict[str, object]:
        return {name: pickle.loads(data) for name, data in self.db.execute("SELECT name, data FROM meta")}

    def set_meta(self, values: dict[str, object]) -> None:
        self.db.executemany("INSERT OR REPLACE INTO meta (name, data) VALUES (?, ?)",
                            [(name, _pickled(value)) for name, value in values.items()])

    # facts

    def add(self, rows: Iterable[tuple[str, str, str, bool, tuple, int]]) -> None:
        """Facts as (subject, predicate, object, literal, evidence as plain tuples, how many pieces of evidence)."""
        self.db.executemany("INSERT INTO fact (subject, predicate, object, literal, evidence, quotes) VALUES (?, ?, ?, ?, ?, ?)",
                            ((s, p, o, int(literal), _pickled(evidence), n) for s, p, o, literal, evidence, n in rows))

    def of_subjects(self, ids: Iterable[str]) -> list[Row]:
        """The facts whose subject is one of `ids`, in no order."""
        self._choose(ids)
        return self.db.execute(f"SELECT {_COLUMNS} FROM temp.chosen c CROSS JOIN fact ON fact.subject = c.id").fetchall()

    def remove(self, subjects: Iterable[str]) -> None:
        self.db.executemany("DELETE FROM fact WHERE subject = ?", [(subject,) for subject in subjects])

    def every(self) -> list[Row]:
        return self.db.execute(f"SELECT {_COLUMNS} FROM fact{_ORDER}").fetchall()

    def about(self, ids: Iterable[str]) -> list[Row]:
        """The facts naming any of `ids`: as subject, or as the node a link points at."""
        self._choose(ids)
        return self.db.execute(
            f"SELECT {_COLUMNS} FROM fact WHERE rowid IN (SELECT f.rowid FROM temp.chosen c CROSS JOIN fact f ON f.subject = c.id"
            f" UNION SELECT f.rowid FROM temp.chosen c CROSS JOIN fact f ON f.object = c.id WHERE f.literal = 0){_ORDER}").fetchall()

    def links_from(self, ids: Iterable[str], predicates: frozenset[str] | None, columns: str = _COLUMNS) -> list[tuple]:
        """The links (facts between nodes) whose subject is one of `ids`, of the `predicates` (None: of any): Rows,
        or the `columns` asked for."""
        kept, values = _kept(predicates)
        self._choose(ids)
        return self.db.execute(f"SELECT {columns} FROM temp.chosen c CROSS JOIN fact ON fact.subject = c.id"
                               f" WHERE literal = 0{kept}{_ORDER}", values).fetchall()

    def links(self, predicates: frozenset[str] | None) -> list[tuple[str, str]]:
        """(subject, object) of every link of the `predicates` (None: of any), in the Career's order."""
        kept, values = _kept(predicates)
        return self.db.execute(f"SELECT subject, object FROM fact WHERE literal = 0{kept}{_ORDER}", values).fetchall()

    def degrees(self, predicates: frozenset[str] | None) -> dict[str, int]:
        """Node id -> the links of the `predicates` naming it (a link from a node to itself counts twice): those of
        any predicate as kept in `degree`, the others counted."""
        if predicates is None:
            return dict(self.db.execute("SELECT node, n FROM degree"))
        kept, values = _kept(predicates)
        query = (f"SELECT node, SUM(n) FROM (SELECT subject AS node, COUNT(*) AS n FROM fact WHERE literal = 0{kept} GROUP BY subject"
                 f" UNION ALL SELECT object, COUNT(*) FROM fact WHERE literal = 0{kept} GROUP BY object) GROUP BY node")
        return dict(self.db.execute(query, values * 2))

    def neighbours(self, node: str, predicates: frozenset[str] | None) -> list[str]:
        """The other end of each link of the `predicates` naming `node` (once per link and direction)."""
        kept, values = _kept(predicates)
        query = (f"SELECT object FROM fact INDEXED BY fact_subject WHERE subject = ? AND literal = 0{kept}"  # not by
                 f" UNION ALL SELECT subject FROM fact INDEXED BY fact_object WHERE object = ? AND literal = 0{kept}")  # predicate
        return [other for (other,) in self.db.execute(query, (node, *values, node, *values))]

    def counts(self) -> tuple[int, int]:
        """How many facts, and how many pieces of evidence they carry."""
        facts, quotes = self.db.execute("SELECT COUNT(*), TOTAL(quotes) FROM fact").fetchone()
        return facts, int(quotes)

    def _choose(self, ids: Iterable[str]) -> None:
        """`ids` in the temporary table `chosen`, for a join (an IN list of thousands of parameters is slower, and capped);
        the joins read it first (CROSS JOIN), then the facts of each id by index, not every fact."""
        self.db.execute("CREATE TEMP TABLE IF NOT EXISTS chosen (id TEXT PRIMARY KEY)")
        self.db.execute("DELETE FROM temp.chosen")
        self.db.executemany("INSERT OR IGNORE INTO temp.chosen (id) VALUES (?)", ((i,) for i in ids))


def _kept(predicates: frozenset[str] | None) -> tuple[str, tuple[str, ...]]:
    if predicates is None:
        return "", ()
    ordered = tuple(sorted(predicates))
    return f" AND predicate IN ({', '.join('?' * len(ordered))})", ordered


def _pickled(value: object) -> bytes:
    return pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)
