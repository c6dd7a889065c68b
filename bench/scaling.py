"""Per-article costs for docs/SCALING.md, on a corpus already built: `python -m bench.scaling SOURCE EXPORTS
[--runs N] [--stages] [--full] [--writers] [--extraction]` (KG_CACHE_DIR as when SOURCE was built into EXPORTS, so the extraction
cache is warm and the persisted store is found).

--stages: a one-article edit (a line added to the first article of bench.corpus, as `--incremental` does) as
`kg build` runs it (kg.pipeline.incremental: keys, checkpoint, read, resolve and map what it touches, the store of
record updated, SHACL on the nodes it may change), each step timed in one process, CPU and wall; then the lazy
GraphIndex and `write`.
--full: a full build with the extraction cache warm into a new export folder (no store of record: what a change
of code or rules costs), each stage timed in one process, CPU and wall; the block writers by the file they write.
--writers: each writer `kg export` runs, in its own process (peak RSS is its own): N-Triples and N-Quads as
today (the store read into a GraphIndex, the lines sorted in memory) and streamed (kg/export/lines.py), Turtle,
TriG and JSON-LD as today, and the floor: pyoxigraph bulk-loading the same N-Quads and dumping them.
Medians of N runs. Outputs go to a temp folder; the streamed and in-memory bytes are compared.
--extraction: cold extraction of SOURCE (cache emptied) on the local Pool and on a Dask LocalCluster of as many
worker processes (`--scheduler`'s path, loopback only): what distributing costs beside the work.
"""

from __future__ import annotations

import hashlib
import json
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench.usage import wanted

WRITERS = {  # case -> what the child process runs
    "open the persisted store (baseline)": "baseline",
    "nt, today (GraphIndex, sorted in memory)": "files nt",
    "nt, streamed from the store": "stream nt",
    "nq, today (GraphIndex, sorted in memory)": "files nq",
    "nq, streamed from the store": "stream nq",
    "ttl, today": "files ttl",
    "trig, today": "files trig",
    "jsonld, today": "files jsonld",
    "floor: pyoxigraph bulk load + dump of the N-Quads": "floor",
}


def _timed(function) -> tuple[float, float]:
    started, used = time.perf_counter(), time.process_time()
    function()
    return time.perf_counter() - started, time.process_time() - used


def run_writer(case: str, exports: Path, work: Path) -> dict:
    """One writer in this process: wall and CPU seconds, peak RSS, and a digest of what it wrote."""
    import pyoxigraph as ox

    import kg
    from kg.export import FORMATS
    from kg.store.persisted import oxigraph_of

    out = work / case.replace(" ", "-")
    kind, _, name = case.partition(" ")
    if kind == "floor":
        def write():
            store = ox.Store()
            store.bulk_load(path=str(work / "careers.nq"), format=ox.RdfFormat.N_QUADS)
            store.dump(output=str(out), format=ox.RdfFormat.N_QUADS)
        wall, cpu = _timed(write)
    else:
        graph = kg.load_graph(exports / "careers.ttl")
        if kind == "files":
            wall, cpu = _timed(lambda: out.write_bytes(b"".join(FORMATS[name].files(graph).values())))
        elif kind == "stream":
            with out.open("wb") as handle:
                wall, cpu = _timed(lambda: FORMATS[name].stream(oxigraph_of(graph), handle))
        else:
            wall = cpu = 0.0
    digest = hashlib.sha256(out.read_bytes()).hexdigest()[:16] if out.exists() else ""
    return {"wall": wall, "cpu": cpu, "rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, "digest": digest}


def writers(exports: Path, runs: int) -> None:
    work = Path(tempfile.mkdtemp(prefix="kg-bench-writers-"))
    subprocess.run([sys.executable, "-m", "kg", "export", "-f", "nq", "-o", str(work / "careers.nq"),
                    "--graph", str(exports / "careers.ttl")], check=True)
    print(f"{'writer (median of ' + str(runs) + ')':52} {'wall s':>8} {'CPU s':>8} {'peak RSS MB':>12}  digest")
    for label, case in WRITERS.items():
        found = [json.loads(subprocess.run([sys.executable, "-m", "bench.scaling", "--child", case, str(exports), str(work)],
                                           capture_output=True, text=True, check=True).stdout) for _ in range(runs)]
        median = {key: statistics.median(f[key] for f in found) for key in ("wall", "cpu", "rss_mb")}
        print(f"{label:52} {median['wall']:8.2f} {median['cpu']:8.2f} {median['rss_mb']:12.0f}  {found[0]['digest']}", flush=True)


def stages(source: Path, exports: Path, runs: int) -> None:
    """A one-article edit as `kg build` runs it (kg.pipeline.incremental), each step timed by wrapping the function
    that does it, on the store of record and per-article state of EXPORTS; then `write`."""
    from bench.corpus import article
    from kg.pipeline import build, incremental, state
    from kg.store import graphs

    times: dict[str, list[tuple[float, float]]] = {}
    steps = {  # label -> (module, function name)
        "cache keys of every article (hash the files)": (incremental, "article_key"),
        "checkpoint of the store of record (hard links)": (graphs, "checkpoint"),
        "read + extract the changed article": (build, "_read"),
        "resolve the articles touched": (incremental, "resolve_article"),
        "map: the parts touched (articles, nodes)": (graphs, "article_parts"),
        "map: node descriptions from the vote sums": (graphs, "node_parts"),
        "store of record: parts whose digest changed": (graphs, "changed"),
        "store of record: nodes the edit may change": (graphs, "around"),
        "per-article state: one transaction": (state.State, "change"),
        "store of record: update in place (checkpoint)": (graphs, "edit"),
        "SHACL on those nodes": (build, "validate_store"),
    }
    run_times: dict[str, list[float]] = {}
    for label, (owner, attribute) in steps.items():
        setattr(owner, attribute, _wrap(run_times, label, getattr(owner, attribute)))
    name, text = article(0)
    for run in range(runs):
        run_times.clear()
        (source / name).write_text(text.replace("\n\n", f"\n\nStages {run}.\n\n", 1), encoding="utf-8")
        started, used = time.perf_counter(), time.process_time()
        result = build.build(source, out=exports)
        run_times["**up to and including the store (kg.build)**"] = [time.perf_counter() - started, time.process_time() - used]
        assert result.totals is not None, "the full path ran: build SOURCE into EXPORTS with this code first"
        started, used = time.perf_counter(), time.process_time()
        build.write(result, exports)  # makes no GraphIndex: the views' Career model is read from the store
        run_times["write: exports, views, swap in, publish"] = [time.perf_counter() - started, time.process_time() - used]
        for label, (wall, cpu) in run_times.items():
            times.setdefault(label, []).append((wall, cpu))
    print(f"{result.totals[0]} articles, {result.totals[2]} nodes; one-article edit, medians of {runs}")
    _table(times)


def _wrap(run_times: dict[str, list[float]], label: str, function, peaks: dict[str, float] | None = None):
    """`function`, adding its wall and CPU seconds (the whole process's: Oxigraph's threads count) to run_times[label];
    given `peaks`, the process's peak RSS in MB once it returns goes to peaks[label] (where the peak rises)."""
    def timed(*args, **kwargs):
        started, used = time.perf_counter(), time.process_time()
        try:
            return function(*args, **kwargs)
        finally:
            run_times.setdefault(label, [0.0, 0.0])
            run_times[label][0] += time.perf_counter() - started
            run_times[label][1] += time.process_time() - used
            if peaks is not None:
                peaks[label] = max(peaks.get(label, 0.0), _peak())
    return timed


def _peak() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _table(times: dict[str, list[tuple[float, float]]], peaks: dict[str, float] | None = None) -> None:
    print(f"{'stage':60} {'wall s':>8} {'CPU s':>8}" + (f" {'peak RSS MB after':>18}" if peaks else ""))
    for label, values in times.items():
        wall, cpu = statistics.median(v[0] for v in values), statistics.median(v[1] for v in values)
        print(f"{label:60} {wall:8.2f} {cpu:8.2f}" + (f" {peaks.get(label, 0):18.0f}" if peaks else ""))


def full(source: Path, runs: int) -> None:
    """A full build with the extraction cache warm, into a new export folder (no store of record yet), as `kg build`
    runs it, each stage timed by wrapping the function that does it; the writers by the files they write."""
    import dataclasses
    import shutil

    from kg import render
    from kg.pipeline import build, spliced, state
    from kg.store import graphs, persisted

    run_times: dict[str, list[float]] = {}
    peaks: dict[str, float] = {}
    steps = {  # label -> (module, function name)
        "read the extraction cache": (build, "_read"),
        "resolve: role table": (build, "role_table"),
        "resolve: articles": (build, "resolve_article"),
        "map: parts and their digests": (graphs, "parts"),
        "in-memory Oxigraph store": (persisted, "to_store"),
        "SHACL (a thread beside the GraphIndex)": (build, "validate_store"),
        "GraphIndex": (build, "GraphIndex"),
        "store of record made afresh on disk": (graphs, "_afresh"),
        "per-article state (sqlite)": (state, "create"),
        "views and role pages": (render, "outputs"),
        "persist: checkpoint and label index": (persisted, "persist"),
    }
    for label, (owner, attribute) in steps.items():
        setattr(owner, attribute, _wrap(run_times, label, getattr(owner, attribute), peaks))
    build.FORMATS = {name: dataclasses.replace(fmt, from_store=fmt.from_store and _wrap(run_times, f"write {name} (store)", fmt.from_store, peaks))
                     for name, fmt in build.FORMATS.items()}
    blocks = spliced.write
    spliced.write = lambda path, *args: _wrap(run_times, f"write {path.name}", blocks, peaks)(path, *args)
    times: dict[str, list[tuple[float, float]]] = {}
    work = Path(tempfile.mkdtemp(prefix="kg-bench-full-"))
    for _ in range(runs):
        run_times.clear()
        exports = work / "exports"
        shutil.rmtree(exports, ignore_errors=True)
        shutil.rmtree(graphs.folder_for(exports / "careers.ttl"), ignore_errors=True)
        started, used = time.perf_counter(), time.process_time()
        result = build.build(source, out=exports)
        run_times["**kg.build**"] = [time.perf_counter() - started, time.process_time() - used]
        peaks["**kg.build**"] = _peak()
        started, used = time.perf_counter(), time.process_time()
        build.write(result, exports)
        run_times["**write**"] = [time.perf_counter() - started, time.process_time() - used]
        peaks["**write**"] = _peak()
        for label, (wall, cpu) in run_times.items():
            times.setdefault(label, []).append((wall, cpu))
    print(f"{len(result.articles)} articles, {result.triple_count} triples into {exports}; warm full build, medians of {runs}; "
          f"peak RSS {_peak():.0f} MB")
    _table(times, peaks)


def extraction(source: Path, runs: int) -> None:
    import os
    import shutil

    from distributed import LocalCluster

    from kg.pipeline.build import discover, read_all
    from kg.pipeline.cache import folder_for

    paths, _ = discover(source)
    workers = os.cpu_count() or 1
    with LocalCluster(n_workers=workers, threads_per_worker=1, processes=True, host="127.0.0.1",
                      dashboard_address="127.0.0.1:0", worker_dashboard_address="127.0.0.1:0") as cluster:
        for label, scheduler in (("local Pool", None), (f"Dask LocalCluster, {workers} worker processes", cluster.scheduler_address)):
            found = []
            for _ in range(runs):
                shutil.rmtree(folder_for(source), ignore_errors=True)
                found.append(_timed(lambda: read_all(paths, source, scheduler=scheduler))[0])
            print(f"cold extraction of {len(paths)} articles, {label}: {statistics.median(found):.1f} s wall "
                  f"({statistics.median(found) * 1000 / len(paths):.1f} ms an article; runs {', '.join(f'{t:.1f}' for t in found)} s)",
                  flush=True)


def main(argv: list[str]) -> None:
    if wanted(argv, __doc__, needs_arguments=True):
        return
    if argv[0] == "--child":
        print(json.dumps(run_writer(argv[1], Path(argv[2]), Path(argv[3]))))
        return
    runs = int(argv.pop(argv.index("--runs") + 1)) if "--runs" in argv else 3
    source, exports = Path(argv[0]), Path(argv[1])
    if "--stages" in argv:
        stages(source, exports, runs)
    if "--full" in argv:
        full(source, runs)
    if "--writers" in argv:
        writers(exports, runs)
    if "--extraction" in argv:
        extraction(source, runs)


if __name__ == "__main__":
    main(sys.argv[1:])
