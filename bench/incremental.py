"""Rebuild times of `kg build` as an editor sees them (issue #15): `python -m bench --incremental [SIZE ...] [--runs N]`.

Each figure is a real `kg build SOURCE -o OUT -q` process (wall seconds, and its peak RSS with its extraction
workers), on a generated corpus in a temp folder (caches included). "before" is the same command with the
build manifest deleted first: the whole pipeline over the warm extraction cache, what main does on every
rebuild; "after" is the command as it is. Medians of N runs.
"""

from __future__ import annotations

import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench.corpus import article, write_corpus


def _kg_build(source: Path, out: Path) -> tuple[float, int]:
    """Wall seconds and peak RSS (MB) of one `kg build`."""
    started = time.perf_counter()
    process = subprocess.Popen([sys.executable, "-m", "kg", "build", str(source), "-o", str(out), "-q"])
    _, status, usage = os.wait4(process.pid, 0)
    if os.waitstatus_to_exitcode(status) != 0:
        raise RuntimeError(f"kg build failed: {status}")
    return time.perf_counter() - started, usage.ru_maxrss // 1024


def _forget(out: Path) -> None:
    from kg.pipeline import manifest

    manifest.forget(out)


def measure(size: int, runs: int) -> dict[str, dict[str, tuple[float, int]]]:
    """case -> {"before"/"after": (median wall s, max peak RSS MB)}."""
    work = Path(tempfile.mkdtemp(prefix="kg-bench-incr-"))
    os.environ["KG_CACHE_DIR"] = str(work / "cache")
    source, out = write_corpus(work / "articles", size), work / "exports"
    found: dict[str, dict[str, list[tuple[float, int]]]] = {}

    def timed(case: str, when: str, before=None) -> None:
        if before:
            before()
        found.setdefault(case, {}).setdefault(when, []).append(_kg_build(source, out))

    timed("cold build (empty caches)", "after")
    name, text = article(0)
    for run in range(runs):
        timed("no-change rebuild", "before", lambda: _forget(out))
        timed("no-change rebuild", "after")
        for when in ("before", "after"):
            edit = f"\n\nEdit {run} {when}.\n\n"
            timed("one-article edit", when, lambda: ((source / name).write_text(text.replace("\n\n", edit, 1), encoding="utf-8"),
                                                     _forget(out) if when == "before" else None))
        timed("warm full build (no exports, no store)", "after", lambda: (shutil.rmtree(out), _forget(out)))
    shutil.rmtree(work)
    return {case: {when: (statistics.median(t for t, _ in values), max(m for _, m in values)) for when, values in by.items()}
            for case, by in found.items()}


def main(sizes: list[int], runs: int) -> None:
    for size in sizes:
        print(f"\n{size} articles, `kg build -q`, median of {runs} (cold build: 1 run); wall s / peak RSS MB")
        print(f"  {'case':42} {'before':>16} {'after':>16}")
        for case, by in measure(size, runs).items():
            cells = [f"{by[w][0]:8.2f} / {by[w][1]:5d}" if w in by else "" for w in ("before", "after")]
            print(f"  {case:42} {cells[0]:>16} {cells[1]:>16}", flush=True)
