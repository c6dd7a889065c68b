"""Dumps what reading and extraction produce for a folder, one JSON line per article and per fact, so a
change meant to be only faster can be diffed against the previous code: `python -m bench.facts_dump DIR`.

Facts keep their extraction order (stricter than a sorted dump: later stages see them in that order);
articles are sorted by path. `--bench N` dumps a generated corpus of N articles instead of a folder.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import sys
import tempfile
from pathlib import Path

from bench.corpus import write_corpus


def dump(folder: Path) -> list[str]:
    from kg.extract import extract
    from kg.pipeline.build import discover
    from kg.read.reader import read_article

    paths, _ = discover(folder)
    lines = []
    for path in sorted(paths):
        article = read_article(path, folder)
        record = dataclasses.asdict(article)
        record["path"] = article.path.as_posix()
        lines.append(json.dumps({"article": record}, ensure_ascii=False, sort_keys=True, default=str))
        for fact in extract(article):
            lines.append(json.dumps(dataclasses.asdict(fact), ensure_ascii=False, sort_keys=True))
    return lines


def main(argv: list[str]) -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.facts_dump")
    parser.add_argument("folder", nargs="?", type=Path)
    parser.add_argument("--bench", type=int, help="dump a generated corpus of this many articles")
    args = parser.parse_args(argv)
    if args.bench:
        with tempfile.TemporaryDirectory(prefix="kg-dump-") as work:
            lines = dump(write_corpus(Path(work) / "articles", args.bench))
    elif args.folder:
        lines = dump(args.folder)
    else:
        parser.error("give a folder or --bench N")
    sys.stdout.write("\n".join(lines) + "\n")


if __name__ == "__main__":
    main(sys.argv[1:])
