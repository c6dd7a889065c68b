"""Times kg on generated corpora: `python -m bench [SIZE ...] [--runs N]` prints medians and writes nothing.

Each size runs in its own process so its peak RSS is its own. Stages are timed by calling the pieces
kg.build calls, in the same order; "rebuild" edits one article and builds again with a warm cache.
"""

from __future__ import annotations

import json
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench.corpus import article, write_corpus


def measure(size: int, runs: int) -> dict:
    import pyoxigraph
    from rdflib import Graph

    import kg
    from kg.build import discover, outputs, read_all
    from kg.cache import folder_for
    from kg.mapper import to_graph
    from kg.query import questions
    from kg.resolve import resolve
    from kg.validate import validate

    work = Path(tempfile.mkdtemp(prefix="kg-bench-"))
    source = write_corpus(work / "articles", size)
    times: dict[str, list[float]] = {}

    def timed(name: str, function, *args):
        started = time.perf_counter()
        value = function(*args)
        times.setdefault(name, []).append(time.perf_counter() - started)
        return value

    for _ in range(runs):
        shutil.rmtree(folder_for(source), ignore_errors=True)
        paths, _ = timed("read", discover, source)
        extracted, _ = timed("extract", read_all, paths, source)
        resolution = timed("resolve", resolve, extracted)
        graph = timed("map", to_graph, resolution)
        timed("validate", validate, graph)
        shutil.rmtree(folder_for(source), ignore_errors=True)
        result = timed("build (cold cache)", kg.build, source)
        files = timed("write", outputs, result)
        times.setdefault("full build", []).append(times["build (cold cache)"][-1] + times["write"][-1])
    out = work / "exports"
    kg.write(result, out)
    name, text = article(0)
    for run in range(runs):
        (source / name).write_text(text.replace("\n\n", f"\n\nEdit {run}.\n\n", 1), encoding="utf-8")
        timed("rebuild one article", lambda: kg.write(kg.build(source), out))
    turtle = out / "careers.ttl"
    graph = timed("load graph", kg.load_graph, turtle)
    for question in questions().values():
        params = {p.name: _example(graph, p) for p in question.params if not p.optional}
        for _ in range(runs):
            timed(f"query {question.name}", lambda: list(kg.query(graph, question.name, **params)))
    for _ in range(runs):
        timed("rdflib parse ttl", lambda: Graph().parse(turtle, format="turtle"))
        timed("pyoxigraph load+dump ttl", lambda: pyoxigraph.Store().bulk_load(path=str(turtle), format=pyoxigraph.RdfFormat.TURTLE)
              or None)
    shutil.rmtree(work)
    return {
        "size": size, "triples": len(result.graph), "facts": result.fact_count, "files": len(files),
        "median_s": {name: round(statistics.median(values), 3) for name, values in times.items()},
        "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),
    }


def _example(graph, param) -> str:
    """A label of the parameter's class in this graph (the second one for a second role)."""
    rows = graph.query(f"SELECT ?l WHERE {{ ?n a <{param.type_}> ; "
                       "<http://www.w3.org/2004/02/skos/core#prefLabel> ?l } ORDER BY ?l LIMIT 2")
    labels = [str(row[0]) for row in rows]
    return labels[-1 if param.name in ("other", "target") else 0]


def main(argv: list[str]) -> None:
    runs = int(argv.pop(argv.index("--runs") + 1)) if "--runs" in argv else 3
    if "--one" in argv:
        print(json.dumps(measure(int(argv[argv.index("--one") + 1]), runs)))
        return
    sizes = [int(a) for a in argv if a.isdigit()] or [100, 1000]
    for size in sizes:
        run = subprocess.run([sys.executable, "-m", "bench", "--one", str(size), "--runs", str(runs)],
                             capture_output=True, text=True, check=True)
        report = json.loads(run.stdout.strip().splitlines()[-1])
        print(f"\n{size} articles: {report['triples']} triples, {report['facts']} facts, peak RSS {report['peak_rss_mb']} MB")
        for name, seconds in report["median_s"].items():
            print(f"  {name:32} {seconds * 1000:10.1f} ms")
        median = report["median_s"]
        print(f"  ratio full build / rdflib parse ttl: {median['full build'] / median['rdflib parse ttl']:.1f}; "
              f"write / pyoxigraph load+dump: {median['write'] / median['pyoxigraph load+dump ttl']:.1f}")
