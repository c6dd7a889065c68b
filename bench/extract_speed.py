"""Times reading, extraction and the language layer per article: `python -m bench.extract_speed [DIR ...] [--bench N]
[--runs R]` prints the median over R runs of ms per article (read, extract, the layer's tokens + tags + lemmas + chunks
of the article's text, and read + extract + layer).

CPU time (process_time: the machine is shared). Each run is a new process that first warms up on generated articles
(compiling the rules and loading the models, reported apart), then reads each article of DIR once: every article is
unseen by every cache of that process, as in a cold build's worker. (Until 2026-12-07 the runs shared one process and
the unbounded caches keyed by a sentence's text stayed warm after the first run, which flattered runs 2 and later.)
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench.corpus import write_corpus

WARM_UP = 4  # generated articles read before timing: the rules compiled, the models loaded, the code paths imported


def one_pass(folder: Path, warm: Path) -> dict[str, float]:
    """One cold pass over `folder`, in this process, after a warm-up on the articles of `warm`."""
    from kg.extract import extract
    from kg.language.analyse import analyse, chunks, load_models
    from kg.pipeline.build import discover
    from kg.read.reader import read_article

    started = time.process_time()
    for lang in ("it", "en"):
        load_models(lang)
    models = time.process_time() - started
    started = time.process_time()
    for path in discover(warm)[0]:
        article = read_article(path, warm)
        extract(article)
        chunks(analyse(article.text, article.lang), article.lang)
    warm_up = time.process_time() - started
    paths, _ = discover(folder)
    reading = extracting = layering = 0.0
    for path in paths:
        started = time.process_time()
        article = read_article(path, folder)
        middle = time.process_time()
        extract(article)
        after = time.process_time()
        chunks(analyse(article.text, article.lang), article.lang)
        reading += middle - started
        extracting += after - middle
        layering += time.process_time() - after
    n = len(paths)
    return {"articles": n, "warm-up ms": warm_up * 1000, "model load ms": models * 1000, "read ms": reading * 1000 / n,
            "extract ms": extracting * 1000 / n, "layer ms": layering * 1000 / n}


def measure(folder: Path, runs: int, warm: Path) -> dict[str, float]:
    """The median of `runs` cold passes, each in a new process."""
    passes = [json.loads(subprocess.run([sys.executable, "-m", "bench.extract_speed", "--one-pass", str(folder), "--warm", str(warm)],
                                        check=True, capture_output=True, text=True).stdout) for _ in range(runs)]
    out = {"articles": passes[0]["articles"]}
    for key in ("warm-up ms", "model load ms", "read ms", "extract ms", "layer ms"):
        out[key] = statistics.median(p[key] for p in passes)
    out["total ms"] = statistics.median(p["read ms"] + p["extract ms"] + p["layer ms"] for p in passes)
    return out


def main(argv: list[str]) -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.extract_speed")
    parser.add_argument("folders", nargs="*", type=Path)
    parser.add_argument("--bench", type=int, default=0, help="also time a generated corpus of this many articles")
    parser.add_argument("--runs", type=int, default=5, help="cold passes, each in a new process (default 5)")
    parser.add_argument("--one-pass", type=Path, help=argparse.SUPPRESS)  # a run's own process
    parser.add_argument("--warm", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.one_pass:
        print(json.dumps(one_pass(args.one_pass, args.warm)))
        return
    with tempfile.TemporaryDirectory(prefix="kg-speed-") as work:
        warm = write_corpus(Path(work) / "warm-up", WARM_UP, seed=1)
        folders = list(args.folders)
        if args.bench:
            folders.append(write_corpus(Path(work) / f"bench-{args.bench}", args.bench))
        for folder in folders:
            result = measure(folder, args.runs, warm)
            print(f"{folder.name}: " + ", ".join(f"{k} {v:.1f}" if isinstance(v, float) else f"{k} {v}" for k, v in result.items()))


if __name__ == "__main__":
    main(sys.argv[1:])
