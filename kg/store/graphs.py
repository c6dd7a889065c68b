"""The store of record of an export folder, updated in place: a build drops and loads what changed, not everything.

Its named graphs hold the career graph, each triple once: their union is the graph questions read (kg.store.terms'
`CAREER` and `career_query`), and there is no default graph. A part of the graph is an article's (what the article
alone puts in the career graph: kg.graph.mapper's `article_triples`) or a node's (its type and labels, from the
votes of every article naming it). A triple that one part holds is in that part's graph (the article's graph, or
the graph `nodes`); one that several parts hold (two articles stating the same fact) is alone in a graph of its
own, `shared/<its digest>`. The bookkeeping is in the names of empty graphs, which no question sees: the digest of
each part as loaded and the parts holding each shared triple (`state/...`), the context of the build, whether the
exports of the store were written and the generation it shares with the per-article state. The layout is a
function of the parts: a store updated in place holds what a store made afresh holds, graph for graph.

A build digests its parts, and drops and loads those whose digest changed in one SPARQL update, one transaction: a
kill -9 leaves the store as before or as after. With no store, a store of another layout, another code, rules,
curation or options (the `context`), or most of the articles changed, the store is made afresh in a new folder
swapped in whole.

Readers never open this store (a read-only open beside a writer is undefined in Oxigraph): kg.store.persisted
publishes a checkpoint of it (hard links) for them.
"""

from __future__ import annotations

import gc
import hashlib
import json
import os
import shutil
from dataclasses import dataclass
from itertools import islice
from pathlib import Path
from typing import Callable, Iterable, Iterator
from urllib.parse import quote, unquote

import pyoxigraph as ox
from rdflib import URIRef

from kg.cachedir import cache_folder
from kg.graph.mapper import article_triples, description
from kg.graph.namespaces import ARTICLE_GRAPHS, GRAPH_BASE, article_graph_iri
from kg.resolve.resolution import Node, Resolution, article_iri, article_iri_of
from kg.store.change import Change
from kg.store.terms import to_ox

STAMP = "kg-graphs.json"  # the export folder it serves (kg.pipeline.caches), rewritten by every build using it
NODES = ox.NamedNode(f"{GRAPH_BASE}nodes")
_SHARED, _BOOK = f"{GRAPH_BASE}shared/", f"{GRAPH_BASE}state/"  # a triple several parts hold; the bookkeeping
IN_PLACE_SHARE = 2  # more than 1/IN_PLACE_SHARE of the parts changed: loading afresh in bulk is cheaper
BULK_BATCH = 50_000  # quads per bulk load: RocksDB's loader sorts its whole batch in memory (the 375k quads of 1,000
# articles at once: +300 MB of peak RSS; in batches of 50,000: +40 MB, and no more CPU, loading or reading)


@dataclass(frozen=True)
class Part:
    """One unit of the store: an article's graph, or a node's description in `nodes`."""

    digest: str
    triples: Callable[[], Iterable[tuple]]  # rdflib triples, made only when the part is loaded


def folder_for(turtle: Path) -> Path:
    """The store of record of the exports holding `turtle`."""
    return cache_folder("graphs", turtle.resolve().parent)


def parts(resolution: Resolution) -> dict[str, Part]:
    """Article graph IRI or node IRI -> its part: `article_parts` and `node_parts`."""
    return {**article_parts(resolution), **node_parts(resolution.nodes.values())}


def article_parts(resolution: Resolution) -> dict[str, Part]:
    """Article graph IRI -> its part. Its digest covers what its graph is made of: its bytes (path and content
    hash) and the IRIs its facts resolved to (an alias declared elsewhere moves them)."""
    found = {}
    for article in resolution.articles:
        statements = resolution.statements_of[article.slug]
        inputs = [article.path.as_posix(), article.digest, resolution.roles[article.slug]]
        inputs += [f"{s.subject} {s.object} {s.evidence} {s.fact.evidence.confidence}" for s in statements]
        found[article_graph_iri(article_iri(article))] = Part(
            _digest(inputs), lambda a=article, s=statements: article_triples(resolution, a, s))
    return found


def node_parts(nodes: Iterable[Node]) -> dict[str, Part]:
    """Node IRI -> its description in `nodes`; the digest covers its type and labels."""
    found = {}
    for node in nodes:
        described = list(description(node))
        found[node.iri] = Part(_digest([f"{p} {o!r}" for _, p, o in described]), lambda d=described: d)
    return found


def _digest(lines: list[str]) -> str:
    return hashlib.sha1("\n".join(lines).encode("utf-8")).hexdigest()



@dataclass(frozen=True)
class Book:
    """The bookkeeping of a store, read from the names of its empty graphs."""

    context: str
    written: bool  # the exports of the store were written
    generation: str | None
    digests: dict[str, str]  # part -> its digest as loaded
    holders: dict[str, frozenset[str]]  # digest of a shared triple -> the parts holding it

    def shares(self) -> dict[str, set[str]]:
        """Part -> the digests of the shared triples it holds."""
        found: dict[str, set[str]] = {}
        for shared, parts_ in self.holders.items():
            for part in parts_:
                found.setdefault(part, set()).add(shared)
        return found


def book(store: ox.Store) -> Book | None:
    """The bookkeeping `store` records; None when it records none (no store of this layout)."""
    fields: dict[str, list[str]] = {}
    for graph in store.named_graphs():
        if isinstance(graph, ox.NamedNode) and graph.value.startswith(_BOOK):
            kind, _, value = graph.value[len(_BOOK):].partition("/")
            fields.setdefault(kind, []).append(value)
    if "context" not in fields:
        return None
    holders: dict[str, set[str]] = {}
    for value in fields.get("holds", ()):
        shared, _, part = value.partition("/")
        holders.setdefault(shared, set()).add(unquote(part))
    return Book(unquote(fields["context"][0]), fields.get("written") == ["true"], next(iter(fields.get("generation", ())), None),
                {unquote(part): digest for part, _, digest in (value.rpartition("/") for value in fields.get("digest", ()))},
                {shared: frozenset(parts_) for shared, parts_ in holders.items()})


def _name(kind: str, *values: str) -> ox.NamedNode:
    """The empty graph recording `values` of `kind` (each percent-encoded: a part is an IRI)."""
    return ox.NamedNode(_BOOK + "/".join([kind, *(quote(value, safe="") for value in values)]))


def _digest_name(part: str, digest: str) -> ox.NamedNode:
    return _name("digest", part, digest)


def _holds_name(shared: str, part: str) -> ox.NamedNode:
    return _name("holds", shared, part)


def _state_names(context: str, generation: str) -> list[ox.NamedNode]:
    return [_name("context", context), _name("written", "false"), _name("generation", generation)]


def update(folder: Path, found: dict[str, Part], context: str, let_go: Callable[[], None], generation: str) -> Change:
    """Bring the store at `folder` to the parts `found` (the build with `context`), recording `generation`: in place
    when it holds a build of the same context, else afresh, after `let_go()` (the build may free its own in-memory
    store then, before RocksDB loads)."""
    try:
        store = writable(folder) if folder.is_dir() else None
        plan = _plan(store, found, context) if store is not None else None
        if plan is not None:
            return _in_place(store, found, *plan, generation)
        del store
    except OSError:
        pass  # a store left unreadable (a disk full, a crash of another kind): made afresh
    _afresh(folder, found, context, let_go, generation)
    return Change(frozenset(), frozenset(), frozenset(), True)


def focus(folder: Path, found: dict[str, Part], context: str) -> frozenset[str] | None:
    """The nodes whose conformance to the shapes the parts `found` may change from the store at `folder`: the
    subjects and objects of what the changed parts held and will hold (a node's shapes read its own triples, the
    evidence pointing at it and the types of its values, all in the parts that name it). None when `update`
    would load afresh: everything is to be checked."""
    try:
        store = writable(folder) if folder.is_dir() else None
        plan = _plan(store, found, context) if store is not None else None
    except OSError:  # another process holds it: check everything
        return None
    return None if plan is None else around(store, plan[0] + plan[1], found, plan[2])


def around(store: ox.Store, iris: list[str], found: dict[str, Part], kept: Book | None = None) -> frozenset[str]:
    """The subjects and objects of what the parts `iris` hold in `store` and will hold in `found`."""
    kept = kept if kept is not None else book(store)
    shares = kept.shares() if kept is not None else {}
    nodes: set[str] = set()
    for iri in iris:
        for triple in _held(store, iri, shares.get(iri, ())):
            nodes.update(term.value for term in (triple.subject, triple.object) if isinstance(term, ox.NamedNode))
        for subject, _, value in found[iri].triples() if iri in found else ():
            nodes.update(str(term) for term in (subject, value) if isinstance(term, URIRef))
    return frozenset(nodes)


def _plan(store: ox.Store, found: dict[str, Part], context: str) -> tuple[list[str], list[str], Book] | None:
    """(parts changed, parts gone, the store's bookkeeping) when `found` can be loaded in place; else None."""
    kept = book(store)
    if not context or kept is None or kept.context != context:
        return None
    changed = sorted(iri for iri in found if kept.digests.get(iri) != found[iri].digest)
    gone = sorted(set(kept.digests) - set(found))
    if (len(changed) + len(gone)) * IN_PLACE_SHARE > max(len(found), 1):
        return None
    return changed, gone, kept


def _graph_of(part: str) -> ox.NamedNode:
    return ox.NamedNode(part) if part.startswith(ARTICLE_GRAPHS) else NODES


def _held(store: ox.Store, part: str, shared: Iterable[str] = ()) -> list[ox.Triple]:
    """What the part `part` holds in `store`: its own (in its article's graph, or its node's triples in `nodes`) and
    the triples `shared` (their digests) it holds with other parts."""
    graph, subject = (ox.NamedNode(part), None) if part.startswith(ARTICLE_GRAPHS) else (NODES, ox.NamedNode(part))
    held = [q.triple for q in store.quads_for_pattern(subject, None, None, graph)]
    return held + [q.triple for digest in shared for q in store.quads_for_pattern(None, None, None, ox.NamedNode(_SHARED + digest))]


def changed(store: ox.Store, found: dict[str, Part]) -> list[str]:
    """The parts of `found` whose digest `store` does not hold: an edit that knows what it touched needs not
    read the digests of every part."""
    return sorted(iri for iri in found if not store.contains_named_graph(_digest_name(iri, found[iri].digest)))


def edit(store: ox.Store, found: dict[str, Part], changed: list[str], gone: set[str], generation: str, kept: Book) -> Change:
    """Load into `store` the parts `changed` of `found` and drop those `gone`, in one update; `kept` is the store's
    bookkeeping (`book`), which the caller read once."""
    return _in_place(store, found, changed, sorted(gone), kept, generation)


def writable(folder: Path) -> ox.Store:
    """The store at `folder`, open for writing. Oxigraph refuses a second handle in one process, and a handle an
    earlier build of the process left in a reference cycle closes only when the cycle is collected: collect once."""
    try:
        return ox.Store(str(folder))
    except OSError:
        gc.collect()
        return ox.Store(str(folder))


def checkpoint(folder: Path) -> tuple[Path, ox.Store]:
    """A copy of the store at `folder` (hard links: milliseconds) beside it, open: an edit changes the copy,
    and `adopt` swaps it in once the exports are written; a check or a killed build leaves the store alone."""
    temp = folder.with_name(f".{folder.name}.{os.getpid()}.tmp")
    shutil.rmtree(temp, ignore_errors=True)
    store = writable(folder)
    store.backup(str(temp))
    del store
    return temp, ox.Store(str(temp))


def adopt(temp: Path, folder: Path) -> None:
    """The checkpoint at `temp` swapped in as the store at `folder`; killed between the two renames, no store is
    left, and the next build loads afresh."""
    old = folder.with_name(f".{folder.name}.{os.getpid()}.old")
    shutil.rmtree(old, ignore_errors=True)
    if folder.exists():
        os.replace(folder, old)
    halt("adopt")
    os.replace(temp, folder)
    shutil.rmtree(old, ignore_errors=True)


def _in_place(store: ox.Store, found: dict[str, Part], changed: list[str], gone: list[str], kept: Book, generation: str) -> Change:
    """Redo the parts `changed` and drop those `gone`, in one update: each triple they held or will hold goes
    to the graph its holders give it (see the module's docstring), the bookkeeping with it."""
    redone, shares, terms = set(changed) | set(gone), kept.shares(), {}
    where: dict[ox.Triple, tuple[ox.NamedNode, frozenset[str]]] = {}  # triple -> (its graph, its holders) before
    for iri in changed + gone:
        own = _graph_of(iri)
        for triple in _held(store, iri):
            where[triple] = (own, frozenset({iri}))
        for digest in shares.get(iri, ()):
            for quad in store.quads_for_pattern(None, None, None, ox.NamedNode(_SHARED + digest)):
                where[quad.triple] = (quad.graph_name, kept.holders[digest])
    new = {iri: {ox.Triple(*(_term(t, terms) for t in triple)) for triple in found[iri].triples()} for iri in changed}
    for triples in new.values():
        for triple in triples:
            if triple not in where:
                where[triple] = _where(store, triple, kept)
    deletes: dict[ox.NamedNode, list[ox.Triple]] = {}
    inserts: dict[ox.NamedNode, list[ox.Triple]] = {}
    dropped = [_digest_name(iri, kept.digests[iri]) for iri in changed + gone if iri in kept.digests]
    dropped += [_name("written", "true" if kept.written else "false")] + ([_name("generation", kept.generation)] if kept.generation else [])
    created = [_digest_name(iri, found[iri].digest) for iri in changed] + [_name("written", "false"), _name("generation", generation)]
    before, after = set(), set()
    for triple, (graph, holders) in where.items():
        now = frozenset(holders - redone | {iri for iri in changed if triple in new[iri]})
        place = _place(triple, now)
        if graph is not None:
            before.add(triple)
        if place is not None:
            after.add(triple)
        if place != graph:
            if graph is not None:
                deletes.setdefault(graph, []).append(triple)
                if graph.value.startswith(_SHARED):
                    dropped.append(graph)  # its only triple gone: its name too
            if place is not None:
                inserts.setdefault(place, []).append(triple)
        if len(holders) > 1 or len(now) > 1:
            digest = _shared_digest(triple)
            marked, marks = (holders if len(holders) > 1 else frozenset()), (now if len(now) > 1 else frozenset())
            dropped += [_holds_name(digest, part) for part in sorted(marked - marks)]
            created += [_holds_name(digest, part) for part in sorted(marks - marked)]
    dropped += [ox.NamedNode(iri) for iri in gone if iri.startswith(ARTICLE_GRAPHS)]  # emptied above: its name goes too
    update = [f"DELETE DATA {{ {_blocks(deletes)} }}" if deletes else "", f"INSERT DATA {{ {_blocks(inserts)} }}" if inserts else ""]
    update += [f"DROP SILENT GRAPH {name}" for name in dropped] + [f"CREATE SILENT GRAPH {name}" for name in created]
    halt("update")
    store.update(" ;\n".join(op for op in update if op))
    halt("updated")
    moved = before ^ after
    return Change(
        subjects=frozenset(t.subject.value for t in moved),
        objects=frozenset(t.object.value for t in moved if isinstance(t.object, ox.NamedNode)),
        articles=frozenset(article_iri_of(iri[len(ARTICLE_GRAPHS):]) for iri in changed + gone if iri.startswith(ARTICLE_GRAPHS)),
        full=not kept.written,
        added=frozenset(after - before),
        removed=frozenset(before - after),
    )


def _where(store: ox.Store, triple: ox.Triple, kept: Book) -> tuple[ox.NamedNode | None, frozenset[str]]:
    """The graph of `triple` in `store` and the parts holding it (none: it is not in the career graph)."""
    for quad in store.quads_for_pattern(*triple, None):
        graph = quad.graph_name
        if graph.value.startswith(_SHARED):
            return graph, kept.holders[graph.value[len(_SHARED):]]
        return graph, frozenset({graph.value if graph != NODES else triple.subject.value})
    return None, frozenset()


def _place(triple: ox.Triple, holders: frozenset[str]) -> ox.NamedNode | None:
    """The graph of a triple held by `holders`: the part's own when one holds it, one of its own when several do."""
    if not holders:
        return None
    if len(holders) == 1:
        return _graph_of(next(iter(holders)))
    return ox.NamedNode(_SHARED + _shared_digest(triple))


def _shared_digest(triple: ox.Triple) -> str:
    return hashlib.sha1(str(triple).encode("utf-8")).hexdigest()


def _blocks(triples: dict[ox.NamedNode, list[ox.Triple]]) -> str:
    return " ".join(f"GRAPH {graph} {{ {' '.join(f'{t} .' for t in listed)} }}" for graph, listed in triples.items())


_SCRATCH = ox.Store()  # a literal of a datatype takes its canonical form in a store (45000.0 -> 45000): made there once


def _term(term, terms: dict):
    """The Oxigraph term of an rdflib term as a store holds it, converted once per build."""
    found = terms.get(term)
    if found is None:
        found = to_ox(term)
        if isinstance(found, ox.Literal) and found.language is None and found.datatype.value != _XSD_STRING:
            quad = ox.Quad(NODES, NODES, found)
            _SCRATCH.add(quad)
            found = next(_SCRATCH.quads_for_pattern(NODES, NODES, None)).object
            _SCRATCH.clear()
        terms[term] = found
    return found


_XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"


def _afresh(folder: Path, found: dict[str, Part], context: str, let_go: Callable[[], None], generation: str) -> None:
    """The store made in a new folder and swapped in whole: a reader of the folder sees the old one or the new.
    `let_go()` first (the build's in-memory copy of the graph freed: two copies alive at once were the build's
    peak memory), then each part's triples bulk-loaded into its graph, the shared ones into theirs."""
    temp = folder.with_name(f".{folder.name}.{os.getpid()}.tmp")
    shutil.rmtree(temp, ignore_errors=True)
    temp.parent.mkdir(parents=True, exist_ok=True)
    let_go()
    first: dict[tuple, str] = {}  # triple -> the first part holding it
    shared: dict[tuple, list[str]] = {}  # triple -> every part holding it, when several do
    for iri, part in found.items():
        for triple in part.triples():
            holder = first.setdefault(triple, iri)
            if holder != iri:
                shared.setdefault(triple, [holder]).append(iri)
    del first
    terms: dict = {}
    store = ox.Store(str(temp))
    quads = _quads(found, shared, terms)
    while batch := list(islice(quads, BULK_BATCH)):
        store.bulk_extend(batch)
    names = _state_names(context, generation) + [_digest_name(iri, part.digest) for iri, part in found.items()]
    for triple, holders in shared.items():
        digest = _shared_digest(ox.Triple(*(_term(t, terms) for t in triple)))
        names += [_holds_name(digest, part) for part in holders]
    for name in names:
        store.add_graph(name)
    store.flush()
    del store
    halt("swap")
    old = folder.with_name(f".{folder.name}.{os.getpid()}.old")
    if folder.exists():
        os.replace(folder, old)
    os.replace(temp, folder)
    shutil.rmtree(old, ignore_errors=True)


def _quads(found: dict[str, Part], shared: dict[tuple, list[str]], terms: dict) -> Iterator[ox.Quad]:
    """Each triple of `found` once: in its part's graph, or, held by several parts, in a graph of its own."""
    for iri, part in found.items():
        graph = _graph_of(iri)
        for s, p, o in part.triples():  # unrolled: a generator per quad cost more than the conversions
            if (s, p, o) not in shared:
                yield ox.Quad(_term(s, terms), _term(p, terms), _term(o, terms), graph)
    for s, p, o in shared:
        triple = ox.Triple(_term(s, terms), _term(p, terms), _term(o, terms))
        yield ox.Quad(*triple, ox.NamedNode(_SHARED + _shared_digest(triple)))


def written(folder: Path, turtle: Path, store: ox.Store | None = None) -> None:
    """Record that the exports of the store at `folder` (open as `store`, when it is) were written (the next
    build's Change need not be full), and which export folder it serves."""
    store = store if store is not None else writable(folder)
    store.update(f"DROP SILENT GRAPH {_name('written', 'false')} ; CREATE SILENT GRAPH {_name('written', 'true')}")
    del store
    (folder / STAMP).write_text(json.dumps({"graph": str(turtle.resolve())}), encoding="utf-8")


def halt(point: str) -> None:
    """Tests stop a build here (KG_TEST_HALT=point): a kill -9 at a known moment, without timing."""
    if os.environ.get("KG_TEST_HALT") == point:
        os.kill(os.getpid(), 9)
