"""Rebuild times of `kg build` as an editor sees them (issue #15):
`python -m bench --incremental [SIZE ...] [--runs N] [--before CHECKOUT]`.

Each figure is a real `kg build SOURCE -o OUT -q` process (wall seconds, and its peak RSS with its extraction
workers), on a generated corpus in a temp folder. "after" is the code of this checkout; "before" the code of
the checkout given with --before (e.g. a worktree of main), run on the same corpus with caches and exports of
its own, one build after the other's. Medians of N runs; each line is printed when measured.
Each side runs a copy of its code taken at the start: a commit made while a long run goes on would change the
code digest, and every later build of the run would be a full one.
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

CHECKOUT = Path(__file__).resolve().parent.parent


def _kg_build(code: Path, source: Path, out: Path, cache: Path) -> tuple[float, int]:
    """Wall seconds and peak RSS (MB) of one `kg build` run with the kg package of the checkout `code`."""
    started = time.perf_counter()
    env = {**os.environ, "KG_CACHE_DIR": str(cache), "PYTHONPATH": str(code)}
    process = subprocess.Popen([sys.executable, "-m", "kg", "build", str(source), "-o", str(out), "-q"], cwd=code, env=env)
    _, status, usage = os.wait4(process.pid, 0)
    if os.waitstatus_to_exitcode(status) != 0:
        raise RuntimeError(f"kg build failed: {status}")
    return time.perf_counter() - started, usage.ru_maxrss // 1024


def _frozen(checkout: Path, into: Path) -> Path:
    """A copy of the checkout's kg package, its ontology inside it where the installed package maps it."""
    skip = shutil.ignore_patterns("__pycache__", "*.pyc")
    shutil.copytree(checkout / "kg", into / "kg", ignore=skip)
    shutil.copytree(checkout / "ontology", into / "kg" / "ontology", ignore=skip)
    return into


def measure(size: int, runs: int, before: Path | None) -> None:
    work = Path(tempfile.mkdtemp(prefix="kg-bench-incr-"))
    source = write_corpus(work / "articles", size)
    checkouts = {"after": CHECKOUT} | ({"before": before} if before else {})
    sides = {when: _frozen(checkout, work / f"code-{when}") for when, checkout in checkouts.items()}
    found: dict[str, dict[str, list[tuple[float, int]]]] = {}

    def build(case: str, when: str) -> None:
        timed = _kg_build(sides[when], source, work / f"exports-{when}", work / f"cache-{when}")
        found.setdefault(case, {}).setdefault(when, []).append(timed)

    def report(case: str) -> None:
        cells = {w: (statistics.median(t for t, _ in v), max(m for _, m in v)) for w, v in found[case].items()}
        text = [f"{cells[w][0]:8.2f} / {cells[w][1]:5d}" if w in cells else "" for w in ("before", "after")]
        print(f"  {case:44} {text[0]:>16} {text[1]:>16}", flush=True)

    print(f"\n{size} articles, `kg build -q`, median of {runs}; wall s / peak RSS MB (with extraction workers)", flush=True)
    print(f"  {'case':44} {'before':>16} {'after':>16}", flush=True)
    for when in sides:
        build("cold build (empty caches)", when)
    report("cold build (empty caches)")
    name, text = article(0)
    cases = ("no-change rebuild", "one-article edit", "warm full build (no exports, no store)")
    for case in cases:
        for run in range(runs):
            if case == "one-article edit":
                (source / name).write_text(text.replace("\n\n", f"\n\nEdit {run}.\n\n", 1), encoding="utf-8")
            for when in sides:
                if case.startswith("warm"):
                    shutil.rmtree(work / f"exports-{when}")
                    for store in (work / f"cache-{when}").glob("store-*"):
                        shutil.rmtree(store)
                build(case, when)
        report(case)
    shutil.rmtree(work)


def main(sizes: list[int], runs: int, before: Path | None) -> None:
    for size in sizes:
        measure(size, runs, before)
