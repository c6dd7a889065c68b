"""The main job: a folder of articles in, a validated career graph out, exports written atomically."""

from __future__ import annotations

import gc
import traceback
import uuid
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Callable, Iterator

import pyoxigraph
from rdflib import Graph

from kg.atomic import write_atomic
from kg.errors import KgError
from kg.export import FORMATS
from kg.extract import extract
from kg.extract.facts import Fact
from kg.graph.index import GraphIndex, frozen_heap
from kg.language.profile import check_rules
from kg.pipeline import caches, incremental, manifest, spliced, state
from kg.pipeline.cache import ArticleCache, folder_for
from kg.pipeline.discover import discover, root_of
from kg.pipeline.executors import executor
from kg.read.article import Article
from kg.read.reader import read_article
from kg.resolve import curation
from kg.resolve.resolution import Resolution, Resolved, aliases_of, merge, resolve_article, role_table
from kg.store import graphs
from kg.store import persisted as store
from kg.store.change import EVERYTHING, Change
from kg.store.labelindex import LabelIndex
from kg.store.shacl import Violation, validate_store
from kg.store.terms import career_query

if TYPE_CHECKING:
    from kg.render.model import Career

EXPORTS = ("ttl", "trig", "jsonld", "graphml", "csv", "void")  # what `kg build` writes; `kg export` offers every registered format


@dataclass
class Build:
    """What a build made: the graph, the articles and their facts, and what went wrong.

    The triples live once in an Oxigraph `store` (SHACL runs on it; `write` hands it over to the store of record,
    which then takes its place, and publishes that for `kg query`, `kg paths` and `kg serve`) and once in
    `index`, the plain dicts every writer and view reads. `graph` is
    the rdflib API over that store, made when asked: an rdflib memory Graph of the same triples cost more
    time and memory than the store and the index together."""

    store: pyoxigraph.Store
    articles: list[Article]
    facts: dict[str, list[Fact]]
    resolution: Resolution
    errors: list[KgError] = field(default_factory=list)
    warnings: list[KgError] = field(default_factory=list)
    violations: list[Violation] = field(default_factory=list)
    source: Path | None = None  # the folder the articles came from: views link to them
    dropped: int = 0  # facts left out for a confidence under the build's min_confidence
    inputs: manifest.Inputs | None = None  # what the build read (kg.pipeline.manifest); None when not all could be
    context: str = ""  # digest of what it read besides the articles (kg.pipeline.manifest.context); "" unknown
    parts: dict[str, graphs.Part] = field(default_factory=dict)  # the store's parts of this graph (kg.store.graphs)
    change: Change | None = None  # what `write` changed in the persisted store (kg.store.change): for the writers
    indexed: GraphIndex | None = None  # the index the full path made beside the store; else `index` makes it
    shares: list[Resolved] = field(default_factory=list)  # the articles resolved, one share each (kg.resolve)
    heads: dict[str, state.Head] = field(default_factory=dict)  # every article's state (kg.pipeline.state)
    checkpoint: Path | None = None  # an edit: the store of record changed, to swap in (kg.pipeline.incremental)
    totals: tuple[int, int, int] | None = None  # an edit: (articles, facts, nodes) of the whole graph
    triples: int | None = None  # the career graph's triples, once `write` has counted them (VoID's counts)

    @cached_property
    def index(self) -> GraphIndex:
        """The triples of the career graph as plain dicts, for the writers and views: made from `store` when asked."""
        if self.indexed is not None:
            return self.indexed
        with frozen_heap():
            return GraphIndex(store.career_triples(self.store))

    @cached_property
    def graph(self) -> Graph:
        """The career graph as an rdflib Graph (SPARQL on Oxigraph); changes to it reach the store, not `index`."""
        return store.as_graph(self.store)

    @property
    def fact_count(self) -> int:
        return self.totals[1] if self.totals else sum(len(f) for f in self.facts.values())

    @property
    def triple_count(self) -> int:
        """Triples in the career graph: counted by the store when no index was made (an edit's writers need none)."""
        if self.triples is not None:
            return self.triples
        if self.indexed is not None or "index" in self.__dict__:
            return len(self.index)
        return int(next(iter(career_query(self.store, "SELECT (COUNT(*) AS ?n) { ?s ?p ?o }")))[0].value)

    def summary(self) -> str:
        articles, _, nodes = self.totals or (len(self.articles), 0, len(self.resolution.nodes))
        return (
            f"{articles} articles, {self.fact_count} facts, {nodes} nodes, "
            f"{self.triple_count} triples; {len(self.errors)} failed, {len(self.warnings)} warnings, "
            f"{len(self.violations)} SHACL violations"
        ) + (f"; {self.dropped} facts under the confidence asked for left out" if self.dropped else "")


def build(
    source: Path | str = "source",
    progress: Callable[[int, int], None] | None = None,
    strict: bool = False,
    curate: bool = True,
    min_confidence: float = 0.0,
    scheduler: str | None = None,
    out: Path | str | None = None,
) -> Build:
    """Read, extract, resolve, map and validate every article under `source`; bad articles are reported, not fatal.

    Warnings (an article with no facts, two articles about one role, a title on several lines) are kept
    in `Build.warnings`; with `strict` they fail their article like errors do. The editors' corrections in
    `<source>/curation.yaml` are applied unless `curate` is false. Facts whose confidence is under
    `min_confidence` are left out after curation (the default, 0, keeps every fact). Extraction runs on the Dask
    scheduler at `scheduler` when given (kg.pipeline.executors), else on the local cores. Given the export folder
    `out` it is for, the build checks the shapes only on the nodes that changed since the store `write` left there.
    """
    check_rules()
    source = Path(source)
    paths, errors = discover(source)
    root = root_of(source)
    options = manifest.options(strict, curate, min_confidence)
    known = manifest.stamps(Path(out) if out is not None else None)  # an edit hashes only the articles it touched
    inputs = None if errors else manifest.inputs(paths, root, options, known)  # before reading: see manifest
    context = manifest.context(root, options)
    try:
        curated = curation.load(root / curation.FILENAME) if curate else {}
    except KgError as error:
        errors.append(error)
        curated = None

    def prepare(pairs: list[tuple[Article, list[Fact]]]) -> tuple[list[tuple[Article, list[Fact]]], int]:
        return _confident(curation.apply(curated or {}, pairs), min_confidence)

    caches.forget_gone()
    if out is not None and inputs is not None and context and curated is not None and not strict:
        edited = incremental.edit(paths, root, graphs.folder_for(Path(out) / "careers.ttl"), context, inputs.keys,
                                  lambda todo, keep: _read(todo, root, progress, scheduler, keep)[:2], prepare, _doubts)
        if edited is not None:
            return _edited(edited, root, inputs, context)
    found, failed, keys = _read(paths, root, progress, scheduler)
    errors += failed
    by_article = [prepare([pair]) for pair in found]
    extracted = [kept[0] for kept, _ in by_article]
    dropped = sum(count for _, count in by_article)
    heads = {article.slug: incremental.head(article, facts, kept, count, keys[article.slug], _doubts)
             for (article, facts), ([(_, kept)], count) in zip(found, by_article)}
    warnings = incremental.warnings(heads, root)
    if strict:
        failed = {str(w.path) for w in warnings}
        errors += warnings
        warnings = []
        extracted = [(a, f) for a, f in extracted if str(source_path(root, a)) not in failed]
    ordered = sorted(extracted, key=lambda pair: pair[0].slug)
    roles, aliases = role_table([(a.slug, a.role, aliases_of(f)) for a, f in ordered])
    shares = [resolve_article(a, f, roles[a.slug], aliases) for a, f in ordered]
    resolution = merge(shares)
    for share in shares:
        heads[share.article.slug] = incremental.with_role(heads[share.article.slug], share.role)
    parts = graphs.parts(resolution)
    mapped = {iri: list(part.triples()) for iri, part in parts.items()}  # mapped once: for the store, the index and the store of record
    parts = {iri: graphs.Part(part.digest, lambda t=mapped[iri]: t) for iri, part in parts.items()}
    found = list(dict.fromkeys(t for triples in mapped.values() for t in triples))
    oxigraph = store.to_store(found)
    focus = graphs.focus(graphs.folder_for(Path(out) / "careers.ttl"), parts, context) if out is not None else None
    with ThreadPoolExecutor(1) as pool:  # Oxigraph checks the shapes without the GIL while the index fills
        checked = pool.submit(validate_store, oxigraph, focus)
        with frozen_heap():
            index = GraphIndex(found)
        del found
        violations = checked.result()
    return Build(
        store=oxigraph,
        indexed=index,
        shares=shares,
        heads=heads,
        articles=resolution.articles,
        facts={a.slug: f for a, f in extracted},
        resolution=resolution,
        errors=sorted(errors, key=lambda e: (str(e.path), e.line)),
        warnings=sorted(warnings, key=lambda e: (str(e.path), e.message)),
        violations=violations,
        source=root,
        dropped=dropped,
        inputs=inputs,
        context=context,
        parts=parts,
    )


def _confident(extracted: list[tuple[Article, list[Fact]]], least: float) -> tuple[list[tuple[Article, list[Fact]]], int]:
    """The facts of at least `least` confidence, and how many were left out: precision bought with recall."""
    if least <= 0:
        return extracted, 0
    kept = [(article, [f for f in facts if f.evidence.confidence >= least]) for article, facts in extracted]
    return kept, sum(len(facts) for _, facts in extracted) - sum(len(facts) for _, facts in kept)


def _edited(edit: incremental.Edit, root: Path, inputs: manifest.Inputs, context: str) -> Build:
    """The Build of an edit: its store is the checkpoint of the store of record, its articles those resolved again."""
    resolution = merge(edit.shares)
    heads = edit.heads
    violations = validate_store(edit.store, edit.focus)
    edit.state.close()
    return Build(
        store=edit.store,
        articles=resolution.articles,
        facts=edit.facts,
        resolution=resolution,
        warnings=sorted(incremental.warnings(heads, root), key=lambda e: (str(e.path), e.message)),
        violations=violations,
        source=root,
        dropped=sum(head.dropped for head in heads.values()),
        inputs=inputs,
        context=context,
        heads=heads,
        checkpoint=edit.folder,
        change=edit.change,
        totals=(len(heads), sum(head.facts for head in heads.values()), edit.nodes),
    )


def read_all(paths: list[Path], root: Path, progress=None, scheduler: str | None = None) -> tuple[list[tuple[Article, list[Fact]]], list[KgError]]:
    """Every article read and extracted, in the order of `paths`: from the cache when unchanged, the rest on
    all cores or on the Dask `scheduler`; the cache forgets articles that are gone."""
    return _read(paths, root, progress, scheduler)[:2]


def _read(paths: list[Path], root: Path, progress=None, scheduler: str | None = None,
          keep: set[str] = frozenset()) -> tuple[list[tuple[Article, list[Fact]]], list[KgError], dict[str, str]]:
    """`read_all`, with the cache key of each article read (by slug); the cache keeps the entries `keep` too."""
    cache = ArticleCache(folder_for(root))
    cache.used |= keep
    cache.claim(root)
    found: list = [None] * len(paths)
    for index, path in enumerate(paths):
        try:
            key = ArticleCache.key(path, root)
        except OSError:
            continue  # read_article reports it
        found[index] = (key, cache.get(key))
    todo = [i for i, hit in enumerate(found) if hit is None or hit[1] is None]
    done = len(paths) - len(todo)
    jobs = [(paths[i], root) for i in todo]
    with executor(len(todo), scheduler) as pool:
        for index, result in zip(todo, pool.imap(_read_and_extract, jobs, chunksize=8)):
            if isinstance(result, tuple) and found[index] is not None:
                cache.put(found[index][0], *result)
            found[index] = (found[index][0] if found[index] else None, result)
            done += 1
            if progress:
                progress(done, len(paths))
    cache.prune()
    if progress and not todo:
        progress(len(paths), len(paths))
    extracted = [hit[1] for hit in found if isinstance(hit[1], tuple)]
    keys = {hit[1][0].slug: hit[0] for hit in found if isinstance(hit[1], tuple)}
    return extracted, [hit[1] for hit in found if isinstance(hit[1], KgError)], keys


def _read_and_extract(job: tuple[Path, Path]) -> tuple[Article, list[Fact]] | KgError:
    path, root = job
    try:
        article = read_article(path, root)
        return article, extract(article)
    except KgError as error:
        return error


def source_path(root: Path, article: Article) -> Path:
    return root / article.path


def _doubts(article: Article, facts: list[Fact]) -> list[str]:
    """What deserves an editor's look in one article without stopping the build (kg.pipeline.incremental.warnings
    adds those comparing articles)."""
    doubts = list(article.warnings)
    if not any(f.kind != "definition" for f in facts):
        doubts.append("no facts found in this article; check its language and phrasing")
    return doubts


def outputs(result: Build, out: Path | str = "exports") -> dict[str, bytes]:
    """File name -> bytes of every export `kg build` writes into `out`: the formats, then the HTML views
    (whose links to the articles lead from `out` to the source folder)."""
    return {name: data for part in parts(result, out) for name, data in part.items()}


def parts(result: Build, out: Path | str = "exports", change: Change | None = None,
          career: "Career | None" = None) -> Iterator[dict[str, bytes | None]]:
    """`outputs` one format (or all the views) at a time, so `write` holds one format's bytes, not all of them.
    With the `change` `write` is making, the formats kg.pipeline.spliced writes are left out and the role pages
    the change cannot have altered are None (kg.render.outputs). A format that can is made from the build's store;
    the views from the graph's `career` when given (kg.pipeline.views)."""
    for name in EXPORTS:
        fmt = FORMATS[name]
        if change is None or name not in spliced.WRITTEN:
            yield fmt.from_store(result.store) if fmt.from_store else fmt.files(result.index)
    from kg import render  # jinja loads in ~0.5 s: only builds that write pay for it

    yield render.outputs(_readable(result), _link(result, out), change, career)


def _link(result: Build, out: Path | str) -> str:
    """From the export folder `out` to the articles' folder, for the views."""
    from kg import render

    return render.source_link(result.source, out) if result.source else render.SOURCE_LINK


def _readable(result: Build) -> GraphIndex | pyoxigraph.Store:
    """What the views read: the build's index when it has one, else its store (an edit makes no index)."""
    index = result.indexed if result.indexed is not None else result.__dict__.get("index")
    return index if index is not None else result.store


STEPS = len(EXPORTS) - len(spliced.WRITTEN) + 3  # what `write` reports: its parts, the spliced formats, the store


def write(result: Build, out: Path | str = "exports", progress: Callable[[int, int], None] | None = None) -> list[Path]:
    """Write the exports atomically, calling `progress(done, total)` after each format; refuses a graph that
    violates the shapes. Then the store is persisted and, last, the build manifest recorded (kg.pipeline.manifest:
    the next `kg build` with nothing new returns at once); the caches are cut to their cap (kg.pipeline.caches),
    never this build's own."""
    if result.violations:
        raise KgError(f"the graph violates {len(result.violations)} SHACL constraints; nothing written")
    limit = caches.max_bytes()
    out = Path(out)
    turtle = out / "careers.ttl"
    master = graphs.folder_for(turtle)
    intact = manifest.intact(out, result.inputs)  # every export as the last build left it, same settings
    updated = _record(result, master)  # the store of record, always; the writers read it (`result.store`)
    result.change = change = updated if intact else EVERYTHING  # exports edited by hand or of other settings: all anew
    version = result.inputs.context if result.inputs else ""
    previous = {} if change.full else spliced.indexes(out, version)
    from kg.pipeline import views  # the views' model: kg.render, which loads jinja

    link = _link(result, out)
    career = views.career(None if change.full else views.kept(out, version, link), result.store,
                          _readable(result), link, change)
    published = False
    try:
        labels = None if change.full else store.previous_labels(turtle)  # before careers.ttl changes
        manifest.forget(out)
        for leftover in out.rglob(".*.tmp") if out.is_dir() else ():  # from a build killed mid-write
            leftover.unlink(missing_ok=True)
        written, done = [], 0
        for done, part in enumerate(parts(result, out, change, career), 1):
            for name, data in part.items():
                if data is not None and _differs(out / name, data):
                    write_atomic(out / name, data)
                written.append(out / name)
            if progress:
                progress(done, STEPS)
        files, indexes = spliced.write_changed(out, change, lambda: result.index, result.store, version, previous)
        written += files
        result.triples = indexes[spliced.VOID].notes["counts"].triples
        if progress:
            progress(done + 1, STEPS)
        _remove_unwritten(out, written)
        record = result.store  # the store of record, open
        if labels is None:
            labels = LabelIndex.of_store(result.store)
        else:
            labels.update(result.store, change.subjects)
        published = store.persist(master, labels, turtle, record)
        graphs.written(master, turtle, record)
        if published:  # the store of record let go: the next build in this process opens it again
            result.store = record = pyoxigraph.Store.read_only(str(store.folder_for(turtle)))
        if published and result.inputs:  # else the next build saves the store
            spliced.record(out, indexes)
            views.keep(out, version, link, career)
            manifest.record(out, result.inputs, written, manifest.Manifest(
                result.summary(), [str(e) for e in result.errors], [str(w) for w in result.warnings]))
    except BaseException as error:
        if not published:
            record = None  # noqa: F841 - the frame's own reference to the store goes too
            _let_go(result, master, error)
        raise
    finally:
        career.table.close()  # what `views.keep` did not commit is rolled back, and the file let go
    caches.cap({store.folder_for(turtle), master, views.folder(out)} | ({folder_for(result.source)} if result.source else set()), limit)
    if progress:
        progress(STEPS, STEPS)
    return written


def _let_go(result: Build, master: Path, error: BaseException) -> None:
    """After a failed write, the store of record an edit opened is let go and reopened read-only, so the next build in
    this process (a notebook's) can open it again: Oxigraph frees its lock only when no Python object holds the store,
    and the frames of the traceback hold it too."""
    traceback.clear_frames(error.__traceback__)
    result.store = None
    gc.collect()
    result.store = pyoxigraph.Store.read_only(str(master))


def _record(result: Build, master: Path) -> Change:
    """Bring the store of record at `master` to `result`, its per-article state with it, and make it `result.store`
    (reopened): an edit swaps in its checkpoint; a full build updates it, its in-memory store let go before RocksDB
    loads (one copy of the graph alive at a time), and writes the state afresh, after the store and with the same
    generation, so a kill between leaves them different."""
    if result.checkpoint is None:
        generation = uuid.uuid4().hex
        change = graphs.update(master, result.parts, result.context, lambda: _let_store_go(result), generation)
        graphs.halt("state")
        state.create(master / state.FILE, [(result.heads[s.article.slug], s) for s in result.shares], result.context, generation)
        _let_store_go(result)
    else:
        result.store.flush()
        _let_store_go(result, on_disk=True)  # closed before its folder moves
        graphs.adopt(result.checkpoint, master)
        result.checkpoint = None
        change = result.change
    result.store = graphs.writable(master)
    return change


def _let_store_go(result: Build, on_disk: bool = False) -> None:
    """`result.store` closed or freed: no Python object is left holding it, the Graph over it neither (an rdflib
    Graph is a reference cycle; Oxigraph frees an on-disk store's lock only once every handle is gone)."""
    graph = result.__dict__.pop("graph", None)
    result.store = None
    if on_disk or graph is not None:
        del graph
        gc.collect()


def _remove_unwritten(out: Path, written: list[Path]) -> None:
    """Delete what an earlier build wrote into the export's subfolders (roles/) and this one did not: the page of
    a role no article names any more. The top folder is left alone: it may hold files that are not kg's."""
    for path in _unwritten(out, written):
        path.unlink()


def _unwritten(out: Path, written: list[Path]) -> list[Path]:
    kept = set(written)
    return sorted(path for folder in {path.parent for path in written} - {out} if folder.is_dir()
                  for path in folder.iterdir() if path.is_file() and path not in kept)


def stale(result: Build, out: Path | str = "exports") -> list[str]:
    """Export files that differ from what this build would write, and those it would delete (see `write`)."""
    out = Path(out)
    names, every = [], []
    for part in parts(result, out):
        names += [name for name, data in part.items() if _differs(out / name, data)]
        every += [out / name for name in part]
    return names + [path.relative_to(out).as_posix() for path in _unwritten(out, every)]


def _differs(path: Path, data: bytes) -> bool:
    return not path.is_file() or path.stat().st_size != len(data) or path.read_bytes() != data
