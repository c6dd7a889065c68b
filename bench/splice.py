"""Writers and views after a one-article edit, full against spliced (kg.export.blocks, kg.pipeline.spliced):
`python -m bench.splice [COPIES ...] [--articles N] [--lean]`, writing only into a temp folder.

A generated corpus of N articles (default 100) is built, one article edited (as bench.run does) and built again;
each graph is then copied COPIES times with every kg IRI renamed per copy (`…-<copy>`), the edit landing in copy
0 only: a graph of COPIES x N articles' triples whose one-article edit is a real one (nodes are shared within a
copy, not across). Timed in this process, CPU and wall: the Change by diffing the two stores (kg build gets it
from its store of record), each block file written whole and spliced (reading the touched nodes from the new
store, as kg build does), VoID from the index and from the store, each view, the role pages in full and only
the touched ones, and the floor: pyoxigraph bulk-loading and dumping the same N-Quads. The
spliced files are compared with the full write of the new graph.
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from pathlib import Path

from bench.corpus import article, write_corpus
from bench.usage import wanted


def _timed(rows: list, name: str, function, *args):
    started, used = time.perf_counter(), time.process_time()
    value = function(*args)
    rows.append((name, time.perf_counter() - started, time.process_time() - used))
    print(f"  {name:58} {rows[-1][1]:8.2f} {rows[-1][2]:8.2f}", flush=True)
    return value


def _copies(triples: set, copies: range) -> set:
    from rdflib import URIRef

    from kg.graph.namespaces import KGR

    base = str(KGR)

    def renamed(term, copy):
        return URIRef(f"{term}-{copy}") if copy and isinstance(term, URIRef) and term.startswith(base) else term

    return {(renamed(s, c), p, renamed(o, c)) for c in copies for s, p, o in triples}


def measure(copies: int, articles: int, lean: bool) -> None:
    work = Path(tempfile.mkdtemp(prefix="kg-bench-splice-"))
    os.environ["KG_CACHE_DIR"] = str(work / "cache")
    import pyoxigraph as ox

    import kg
    from kg import render
    from kg.export import void
    from kg.export.blocks import splice, write
    from kg.graph.index import GraphIndex, frozen_heap
    from kg.pipeline import spliced
    from kg.render import VIEWS, roles
    from kg.render.model import read
    from kg.store.described import StoreIndex
    from kg.store.persisted import to_store
    from tests.test_splice import between  # the Change of two stores (kg.store.change no longer has it)

    source = write_corpus(work / "articles", articles)
    old_small = set(kg.build(source).index.triples())
    name, text = article(0)
    (source / name).write_text(text.replace("\n\n", "\n\nEdit 1.\n\n", 1), encoding="utf-8")
    new_small = set(kg.build(source).index.triples())
    rest = _copies(old_small, range(1, copies))
    old = old_small | rest
    print(f"{copies} copies of {articles} articles: {len(old):,} triples before the edit", flush=True)
    print(f"  {'step':58} {'wall s':>8} {'CPU s':>8}")
    rows: list = []
    full, parted = work / "full", work / "spliced"
    for folder in (full, parted):
        folder.mkdir()
    with frozen_heap():
        old_store, before = to_store(old), GraphIndex(old)
        del old
        indexes = {}
        for fmt in spliced.FILES:
            keys = _timed(rows, f"{fmt.filename}: keys (sorted)", fmt.keys, before)
            blocks = fmt.blocks(before)
            indexes[fmt.filename] = _timed(rows, f"{fmt.filename}: full write, old graph", write, parted / fmt.filename,
                                           fmt.layout(), "v", keys, blocks)
            indexes[fmt.filename].notes = fmt.notes(blocks, None, {})
        del before, keys, blocks
        new = new_small | rest
        del rest
        new_store, after = to_store(new), GraphIndex(new)
        del new
        change = _timed(rows, "Change: diff of the two stores (tests.test_splice.between)", between, old_store, new_store)
        del old_store
        print(f"  change: {len(change.subjects)} subjects, {len(change.objects)} objects, {len(change.articles)} articles")
        for fmt in spliced.FILES:
            if not lean:
                _timed(rows, f"{fmt.filename}: full write, new graph (keys included)", lambda f=fmt: write(
                    full / f.filename, f.layout(), "v", f.keys(after), f.blocks(after)))
            blocks = fmt.blocks(StoreIndex(new_store))  # as kg build splices: the touched nodes from its store
            changed = _timed(rows, f"{fmt.filename}: blocks the edit touched", fmt.changed, blocks, change, indexes[fmt.filename].notes)
            _timed(rows, f"{fmt.filename}: spliced after the edit ({len(changed)} blocks)", splice, parted / fmt.filename,
                   indexes[fmt.filename], fmt.layout(), changed, blocks)
            same = lean or (parted / fmt.filename).read_bytes() == (full / fmt.filename).read_bytes()
            print(f"  {fmt.filename}: {(parted / fmt.filename).stat().st_size / 1e6:.0f} MB, spliced == full: {same}")
        _timed(rows, "void.ttl: counts from the GraphIndex (Python walk)", void.serialize, after)
        _timed(rows, "void.ttl: counts from the store (SPARQL aggregates)", void.from_store, new_store)
        subjects = sorted(change.subjects)
        _timed(rows, f"store: quads_for_pattern(subject) for the {len(subjects)} changed subjects", lambda: [
            list(new_store.quads_for_pattern(ox.NamedNode(s), None, None, ox.DefaultGraph())) for s in subjects])
        career = _timed(rows, "views: Career model (render.model.read)", read, after)
        for name in ("index", "graph", "ladder", "skills"):
            _timed(rows, f"views: {name}.html from the Career model", VIEWS[name].render, career)
        _timed(rows, "views: role pages, all", roles.render, career)
        touched = _timed(rows, "views: roles.touched (referrers index made by TriG)", roles.touched, after, change)
        _timed(rows, f"views: role pages, the {len(touched)} touched", roles.render, career, touched)
        del career
        if not lean:
            _timed(rows, "views: everything, full (render.outputs)", render.outputs, after)
            _timed(rows, "views: everything, after the edit (render.outputs)", render.outputs, after, "../source/", change)
        nquads = work / "careers.nq"
        new_store.dump(output=str(nquads), format=ox.RdfFormat.N_QUADS)

        def floor():
            store = ox.Store()
            store.bulk_load(path=str(nquads), format=ox.RdfFormat.N_QUADS)
            store.dump(output=str(work / "floor.nq"), format=ox.RdfFormat.N_QUADS)

        _timed(rows, f"floor: pyoxigraph bulk load + dump of the N-Quads ({nquads.stat().st_size / 1e6:.0f} MB)", floor)


def main(argv: list[str]) -> None:
    if wanted(argv, __doc__):
        return
    articles = 100
    if "--articles" in argv:
        at = argv.index("--articles")
        articles = int(argv[at + 1])
        del argv[at:at + 2]
    lean = "--lean" in argv  # no full write of the new graph (nor its comparison), no whole views: for the largest sizes
    for copies in map(int, [a for a in argv if a != "--lean"] or ["10"]):
        measure(copies, articles, lean)


if __name__ == "__main__":
    main(sys.argv[1:])
