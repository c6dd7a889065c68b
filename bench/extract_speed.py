"""Times reading, extraction and the language layer per article, in one process with warm rules and models:
`python -m bench.extract_speed [DIR ...] [--bench N] [--runs R]` prints the median over R runs of ms per article
(read, extract, the layer's tokens + tags + lemmas + chunks of the article's text, and read + extract + layer).

CPU time (process_time: the machine is shared) of reading every article again in each run: the cost
the build pays on each core; caches keyed by text are emptied between runs so repeated runs do not flatter
the code, and compiling the rules once per process is reported apart ("warm-up").
"""

from __future__ import annotations

import argparse
import functools
import statistics
import sys
import tempfile
import time
from pathlib import Path

from bench.corpus import write_corpus


def measure(folder: Path, runs: int) -> dict[str, float]:
    from kg.extract import extract
    from kg.language.analyse import analyse, chunks, load_models
    from kg.pipeline.build import discover
    from kg.read.reader import read_article

    paths, _ = discover(folder)
    started = time.process_time()
    extract(read_article(paths[0], folder))
    warm_up = time.process_time() - started
    started = time.process_time()
    for lang in ("it", "en"):
        load_models(lang)
    models = time.process_time() - started
    read_ms, extract_ms, layer_ms = [], [], []
    for _ in range(runs):
        _forget_texts()
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
        read_ms.append(reading * 1000 / len(paths))
        extract_ms.append(extracting * 1000 / len(paths))
        layer_ms.append(layering * 1000 / len(paths))
    read, rules, layer = statistics.median(read_ms), statistics.median(extract_ms), statistics.median(layer_ms)
    return {"articles": len(paths), "warm-up ms": warm_up * 1000, "model load ms": models * 1000, "read ms": read,
            "extract ms": rules, "layer ms": layer, "total ms": read + rules + layer}


def _forget_texts() -> None:
    """Empty the bounded caches of many entries (those keyed by text, not by language) so each run sees unseen articles."""
    for name, module in list(sys.modules.items()):
        if not name.startswith("kg"):
            continue
        for value in list(vars(module).values()):
            if isinstance(value, functools._lru_cache_wrapper) and (value.cache_parameters()["maxsize"] or 0) > 1:
                value.cache_clear()  # a cache of one entry is a file loaded once per process, not an article's text


def main(argv: list[str]) -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.extract_speed")
    parser.add_argument("folders", nargs="*", type=Path)
    parser.add_argument("--bench", type=int, default=0, help="also time a generated corpus of this many articles")
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="kg-speed-") as work:
        folders = list(args.folders)
        if args.bench:
            folders.append(write_corpus(Path(work) / f"bench-{args.bench}", args.bench))
        for folder in folders:
            result = measure(folder, args.runs)
            print(f"{folder.name}: " + ", ".join(f"{k} {v:.1f}" if isinstance(v, float) else f"{k} {v}" for k, v in result.items()))


if __name__ == "__main__":
    main(sys.argv[1:])
