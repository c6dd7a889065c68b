"""Sorted, distinct lines of a line-based format (N-Triples, N-Quads) in bounded memory: an external merge sort.

Lines are gathered in runs of RUN, each run sorted and spilled to a temporary file, then the runs are merged.
Bytes sort as their UTF-8 text does (code point order), so the output is the bytes the in-memory writers give.
"""

from __future__ import annotations

import heapq
import tempfile
from pathlib import Path
from typing import BinaryIO

RUN = 200_000  # lines held at once: ~40 MB of bytes objects


class SortedLines:
    """Collect lines (bytes ending in a newline) with `add`, then `write` them sorted, each once."""

    def __init__(self, run: int | None = None) -> None:
        self.run = run or RUN
        self.lines: list[bytes] = []
        self.folder = tempfile.TemporaryDirectory(prefix="kg-sort-")
        self.runs: list[Path] = []

    def add(self, line: bytes) -> None:
        self.lines.append(line)
        if len(self.lines) >= self.run:
            self._spill()

    def _spill(self) -> None:
        path = Path(self.folder.name) / f"{len(self.runs)}.run"
        path.write_bytes(b"".join(sorted(set(self.lines))))
        self.runs.append(path)
        self.lines = []

    def write(self, out: BinaryIO) -> None:
        """Every line added, sorted and without repeats, to `out`; the temporary runs are deleted."""
        try:
            if not self.runs:
                out.write(b"".join(sorted(set(self.lines))))
                return
            self._spill()
            files = [path.open("rb") for path in self.runs]
            previous = None
            for line in heapq.merge(*files):
                if line != previous:
                    out.write(line)
                    previous = line
            for file in files:
                file.close()
        finally:
            self.lines = []
            self.folder.cleanup()
