"""Times kg on generated corpora: `python -m bench [SIZE ...] [--runs N] [--rdflib] [--incremental [--before CHECKOUT]]` prints medians and
writes nothing outside a temp folder (caches included: KG_CACHE_DIR points into it).

Each size runs in its own process so its peak RSS is its own. Stages are timed by calling the pieces
kg.pipeline.build calls, in the same order; "rebuild" edits one article and builds and writes again with a warm
cache. Questions run on the persisted store the way `kg query` opens it; --rdflib also times each once on
rdflib's engine over the parsed Turtle (what kg did before the store; slow above 1,000 articles).
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

import pyoxigraph

from bench.corpus import article, write_corpus
from bench.usage import wanted


def measure(size: int, runs: int, rdflib_questions: bool) -> dict:
    import os

    work = Path(tempfile.mkdtemp(prefix="kg-bench-"))
    os.environ["KG_CACHE_DIR"] = str(work / "cache")  # the caches go with the corpus, not into ~/.cache
    from rdflib import Graph

    import kg
    from kg.graph.index import GraphIndex
    from kg.graph.mapper import triples
    from kg.pipeline.build import discover, outputs, read_all
    from kg.pipeline.cache import folder_for
    from kg.query import Page, questions
    from kg.resolve.resolution import resolve
    from kg.store import graphs
    from kg.store import persisted as store
    from kg.store.shacl import validate_store

    source = write_corpus(work / "articles", size)
    times: dict[str, list[float]] = {}
    cpu: dict[str, list[float]] = {}  # this process's CPU time: steadier than the clock on a shared machine

    def timed(name: str, function, *args):
        started, used = time.perf_counter(), time.process_time()
        value = function(*args)
        times.setdefault(name, []).append(time.perf_counter() - started)
        cpu.setdefault(name, []).append(time.process_time() - used)
        return value

    out = work / "exports"
    for _ in range(runs):
        shutil.rmtree(folder_for(source), ignore_errors=True)
        paths, _ = timed("read", discover, source)
        extracted, _ = timed("extract", read_all, paths, source)
        resolution = timed("resolve", resolve, extracted)
        found = timed("map: triples (rdflib terms)", lambda: list(triples(resolution)))
        timed("map: GraphIndex (writers' dicts)", GraphIndex, found)
        oxigraph = timed("map: Oxigraph store", store.to_store, found)
        timed("validate (SHACL on that store)", validate_store, oxigraph)
        shutil.rmtree(folder_for(source), ignore_errors=True)
        result = timed("build, cold cache (all of the above)", kg.build, source)
        files = timed("write: exports and views", outputs, result)
        kg.write(result, out)
        timed("write: persist store + label index", store.persist, graphs.folder_for(out / "careers.ttl"), result.index, out / "careers.ttl")
        times.setdefault("full build", []).append(times["build, cold cache (all of the above)"][-1] + times["write: exports and views"][-1]
                                                  + times["write: persist store + label index"][-1])
    name, text = article(0)
    for run in range(runs):
        (source / name).write_text(text.replace("\n\n", f"\n\nEdit {run}.\n\n", 1), encoding="utf-8")
        rebuilt = timed("rebuild one article: build", kg.build, source)
        timed("rebuild one article: write", kg.write, rebuilt, out)
        times.setdefault("rebuild one article", []).append(times["rebuild one article: build"][-1] + times["rebuild one article: write"][-1])
    turtle = out / "careers.ttl"
    for _ in range(runs):
        graph = timed("open persisted store (kg.load_graph)", kg.load_graph, turtle)
        parsed = timed("rdflib parsing careers.ttl (the fallback)", lambda: Graph().parse(turtle, format="turtle"))
        timed("pyoxigraph loading careers.ttl", lambda: pyoxigraph.Store().bulk_load(path=str(turtle), format=pyoxigraph.RdfFormat.TURTLE))
    assert store.oxigraph_of(graph) is not None, "the persisted store was not used"
    for question in questions().values():
        params = {p.name: _example(graph, p) for p in question.params if not p.optional}
        for _ in range(runs):
            timed(f"store: {question.name}", lambda: list(kg.query(graph, question.name, **params)))
            if question.pages_by or question.pager or not question.params:  # a corpus-wide list or a ladder: its first page is the target
                timed(f"store: {question.name}, first page of 20",
                      lambda: list(kg.query(graph, question.name, page=Page(20, 0), **params)))
        if rdflib_questions:
            timed(f"rdflib: {question.name}", lambda: list(kg.query(parsed, question.name, **params)))
    shutil.rmtree(work)
    return {
        "size": size, "triples": len(result.index), "facts": result.fact_count, "files": len(files),
        "median_s": {name: round(statistics.median(values), 4) for name, values in times.items()},
        "median_cpu_s": {name: round(statistics.median(values), 4) for name, values in cpu.items()},
        "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),
    }


_FIRST_ROLE = ("SELECT ?r ?l WHERE { ?r kg:promotesTo ?t ; kg:requiresSkill ?s ; skos:prefLabel ?l ."
               " FILTER EXISTS { ?o kg:requiresSkill ?s . FILTER (?o != ?r) } } ORDER BY ?l LIMIT 1")
_OF_FIRST_ROLE = {  # given that role <R>: the first label of another role sharing a skill, of a role it is promoted to
    "other": "SELECT ?l WHERE { <R> kg:requiresSkill ?s . ?o kg:requiresSkill ?s ; skos:prefLabel ?l . FILTER (?o != <R>) }"
             " ORDER BY ?l LIMIT 1",
    "target": "SELECT ?l WHERE { <R> kg:promotesTo ?t . ?t skos:prefLabel ?l } ORDER BY ?l LIMIT 1",
}


def _example(graph, param) -> str:
    """A label of the parameter's class in this graph; for roles, ones that give the questions rows: the first
    role (by label) with a promotion and a skill another role shares, and for "other"/"target" the first role
    sharing a skill with it / the first it is promoted to. (One query joining every pair of roles that share a
    skill, then sorting, did not finish in 10 minutes at 1,000 articles.)"""
    import kg

    if "Role" in str(param.type_) and param.name in ("role", "other", "target"):
        first, label = next(iter(kg.sparql(graph, _FIRST_ROLE)))
        if param.name == "role":
            return str(label)
        return str(next(iter(kg.sparql(graph, _OF_FIRST_ROLE[param.name].replace("<R>", first.n3()))))[0])
    text = f"SELECT ?l WHERE {{ ?n a <{param.type_}> ; skos:prefLabel ?l }} ORDER BY ?l LIMIT 1"
    return str(next(iter(kg.sparql(graph, text)))[0])


def main(argv: list[str]) -> None:
    if wanted(argv, __doc__):
        return
    runs = int(argv.pop(argv.index("--runs") + 1)) if "--runs" in argv else 3
    rdflib_questions = "--rdflib" in argv  # also time each question once on rdflib's engine over the parsed Turtle
    if "--incremental" in argv:  # rebuilds as `kg build` processes, before and after the build manifest
        from bench.incremental import main as incremental

        before = Path(argv.pop(argv.index("--before") + 1)) if "--before" in argv else None
        incremental([int(a) for a in argv if a.isdigit()] or [100, 1000], runs, before)
        return
    if "--one" in argv:
        print(json.dumps(measure(int(argv[argv.index("--one") + 1]), runs, rdflib_questions)))
        return
    sizes = [int(a) for a in argv if a.isdigit()] or [100, 1000]
    for size in sizes:
        run = subprocess.run([sys.executable, "-m", "bench", "--one", str(size), "--runs", str(runs)]
                             + (["--rdflib"] if rdflib_questions else []), capture_output=True, text=True, check=True)
        report = json.loads(run.stdout.strip().splitlines()[-1])
        print(f"\n{size} articles: {report['triples']} triples, {report['facts']} facts, peak RSS {report['peak_rss_mb']} MB")
        print(f"  {'stage (median)':44} {'wall ms':>10} {'CPU ms':>10}")
        for name, seconds in report["median_s"].items():
            used = report["median_cpu_s"].get(name)
            print(f"  {name:44} {seconds * 1000:10.1f} {'' if used is None else f'{used * 1000:10.1f}'}")
        median = report["median_s"]
        print(f"  ratio full build / rdflib parsing careers.ttl: {median['full build'] / median['rdflib parsing careers.ttl (the fallback)']:.1f}")
