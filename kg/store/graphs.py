"""The store of record of an export folder, updated in place: a build drops and loads what changed, not everything.

It holds one named graph per article (what the article alone puts in the career graph: kg.graph.mapper's
`article_triples`), the graph `nodes` (each node's type and labels, from the votes of every article naming it),
the graph `state` (a digest of each of those parts as loaded, and whether the exports of it were written), and
the default graph: their union, the career graph questions read. A build digests its parts, and drops and
loads those whose digest changed in one SPARQL update, one transaction: a kill -9 leaves the store as before or
as after. A triple leaves the default graph only when no named graph still holds it. With no store, another
code, rules, curation or options (the `context`), or most of the articles changed, the store is made afresh
in a new folder swapped in whole.

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
from pathlib import Path
from typing import Callable, Iterable, Iterator

import pyoxigraph as ox
from rdflib import URIRef

from kg.cachedir import cache_folder
from kg.graph.mapper import article_triples, description
from kg.graph.namespaces import ARTICLE_GRAPHS, GRAPH_BASE, article_graph_iri
from kg.resolve.resolution import Node, Resolution, article_iri, article_iri_of
from kg.store.change import Change
from kg.store.terms import to_ox

STAMP = "kg-graphs.json"  # the export folder it serves (kg.pipeline.caches), rewritten by every build using it
NODES, STATE = ox.NamedNode(f"{GRAPH_BASE}nodes"), ox.NamedNode(f"{GRAPH_BASE}state")
_DIGEST, _CONTEXT, _WRITTEN, _GENERATION = (ox.NamedNode(f"{GRAPH_BASE}state#{name}") for name in ("digest", "context", "written", "generation"))
_YES, _NO = ox.Literal("true"), ox.Literal("false")
IN_PLACE_SHARE = 2  # more than 1/IN_PLACE_SHARE of the parts changed: loading afresh in bulk is cheaper


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


def update(folder: Path, found: dict[str, Part], context: str, career: Callable[[Path], None], generation: str) -> Change:
    """Bring the store at `folder` to the parts `found` (the build with `context`), recording `generation`: in place
    when it holds a build of the same context, else afresh, its default graph from the N-Triples `career(path)`
    writes at `path` (the build's career graph: it may let its own store go then, before RocksDB loads)."""
    try:
        store = writable(folder) if folder.is_dir() else None
        plan = _plan(store, found, context) if store is not None else None
        if plan is not None:
            return _in_place(store, found, *plan, generation)
        del store
    except OSError:
        pass  # a store left unreadable (a disk full, a crash of another kind): made afresh
    _afresh(folder, found, context, career, generation)
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
    return None if plan is None else around(store, plan[0] + plan[1], found)


def around(store: ox.Store, iris: list[str], found: dict[str, Part]) -> frozenset[str]:
    """The subjects and objects of what the parts `iris` hold in `store` and will hold in `found`."""
    nodes: set[str] = set()
    for iri in iris:
        for triple in _held(store, iri):
            nodes.update(term.value for term in (triple.subject, triple.object) if isinstance(term, ox.NamedNode))
        for subject, _, value in found[iri].triples() if iri in found else ():
            nodes.update(str(term) for term in (subject, value) if isinstance(term, URIRef))
    return frozenset(nodes)


def _plan(store: ox.Store, found: dict[str, Part], context: str) -> tuple[list[str], list[str], bool] | None:
    """(parts changed, parts gone, exports of the store written) when `found` can be loaded in place; else None."""
    state = _state(store)
    if not context or state is None or state[0] != context:
        return None
    changed = sorted(iri for iri in found if state[1].get(iri) != found[iri].digest)
    gone = sorted(set(state[1]) - set(found))
    if (len(changed) + len(gone)) * IN_PLACE_SHARE > max(len(found), 1):
        return None
    return changed, gone, state[2]


def _held(store: ox.Store, iri: str) -> list[ox.Triple]:
    """What the part `iri` holds in `store`."""
    graph, subject = (ox.NamedNode(iri), None) if iri.startswith(ARTICLE_GRAPHS) else (NODES, ox.NamedNode(iri))
    return [q.triple for q in store.quads_for_pattern(subject, None, None, graph)]


def _state(store: ox.Store) -> tuple[str, dict[str, str], bool] | None:
    """(context, part -> digest, exports written) as recorded in `store`; None when it records none."""
    context = next(store.quads_for_pattern(STATE, _CONTEXT, None, STATE), None)
    if context is None:
        return None
    digests = {q.subject.value: q.object.value for q in store.quads_for_pattern(None, _DIGEST, None, STATE)}
    written = next(store.quads_for_pattern(STATE, _WRITTEN, None, STATE), None)
    return context.object.value, digests, written is not None and written.object == _YES


def changed(store: ox.Store, found: dict[str, Part]) -> list[str]:
    """The parts of `found` whose digest `store` does not hold: an edit that knows what it touched needs not
    read the digests of every part."""
    return sorted(iri for iri in found if _digest_of(store, iri) != found[iri].digest)


def edit(store: ox.Store, found: dict[str, Part], changed: list[str], gone: set[str], generation: str) -> Change:
    """Load into `store` the parts `changed` of `found` and drop those `gone`, in one update."""
    written = next(store.quads_for_pattern(STATE, _WRITTEN, None, STATE), None)
    return _in_place(store, found, changed, sorted(gone), written is not None and written.object == _YES, generation)


def _digest_of(store: ox.Store, iri: str) -> str | None:
    quad = next(store.quads_for_pattern(ox.NamedNode(iri), _DIGEST, None, STATE), None)
    return None if quad is None else quad.object.value


def generation_of(store: ox.Store) -> str | None:
    """The generation `store` records (kg.pipeline.state records the same)."""
    quad = next(store.quads_for_pattern(STATE, _GENERATION, None, STATE), None)
    return None if quad is None else quad.object.value


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


def _in_place(store: ox.Store, found: dict[str, Part], changed: list[str], gone: list[str], written: bool, generation: str) -> Change:
    """Drop the parts `changed` and `gone` and load the new `changed` ones, in one update."""
    terms: dict = {}
    dropped: set[ox.Triple] = set()  # what the old parts held: each leaves the default graph if no graph holds it
    drops, loads, states = [], [], []
    for iri in changed + gone:
        old = _held(store, iri)
        dropped.update(old)
        if iri.startswith(ARTICLE_GRAPHS):
            drops.append(f"DROP SILENT GRAPH {ox.NamedNode(iri)} ;")
        elif old:
            drops.append(f"DELETE DATA {{ GRAPH {NODES} {{ {_lines(old)} }} }} ;")
        states += [q.triple for q in store.quads_for_pattern(ox.NamedNode(iri), _DIGEST, None, STATE)]
    added: set[ox.Triple] = set()
    for iri in changed:
        new = [ox.Triple(*(_term(t, terms) for t in triple)) for triple in found[iri].triples()]
        added.update(new)
        graph = ox.NamedNode(iri) if iri.startswith(ARTICLE_GRAPHS) else NODES
        loads.append(f"GRAPH {graph} {{ {_lines(new)} }}")
        loads.append(f"GRAPH {STATE} {{ {ox.NamedNode(iri)} {_DIGEST} {ox.Literal(found[iri].digest)} . }}")
    states += [q.triple for q in store.quads_for_pattern(STATE, _WRITTEN, None, STATE)]
    states += [q.triple for q in store.quads_for_pattern(STATE, _GENERATION, None, STATE)]
    update = [*drops, f"DELETE DATA {{ GRAPH {STATE} {{ {_lines(states)} }} }} ;" if states else "",
              f"INSERT DATA {{ {' '.join(loads)} GRAPH {STATE} {{ {STATE} {_WRITTEN} {_NO} . "
              f"{STATE} {_GENERATION} {ox.Literal(generation)} . }} {_lines(added)} }} ;"]
    if dropped:
        values = " ".join(f"({t.subject} {t.predicate} {t.object})" for t in dropped)
        update.append(f"DELETE {{ ?s ?p ?o }} WHERE {{ VALUES (?s ?p ?o) {{ {values} }} FILTER NOT EXISTS {{ GRAPH ?g {{ ?s ?p ?o }} }} }}")
    touched = dropped | added
    before = {t for t in touched if ox.Quad(*t, ox.DefaultGraph()) in store}
    halt("update")
    store.update("\n".join(update))
    halt("updated")
    after = {t for t in touched if ox.Quad(*t, ox.DefaultGraph()) in store}
    moved = before ^ after
    return Change(
        subjects=frozenset(t.subject.value for t in moved),
        objects=frozenset(t.object.value for t in moved if isinstance(t.object, ox.NamedNode)),
        articles=frozenset(article_iri_of(iri[len(ARTICLE_GRAPHS):]) for iri in changed + gone if iri.startswith(ARTICLE_GRAPHS)),
        full=not written,
        added=frozenset(after - before),
        removed=frozenset(before - after),
    )


def _term(term, terms: dict):
    found = terms.get(term)
    if found is None:
        found = terms[term] = to_ox(term)
    return found


def _lines(triples: Iterable[ox.Triple]) -> str:
    return " ".join(f"{t} ." for t in triples)


def _afresh(folder: Path, found: dict[str, Part], context: str, career: Callable[[Path], None], generation: str) -> None:
    """The store made in a new folder and swapped in whole: a reader of the folder sees the old one or the new. The
    default graph is written first (`career` may free the build's in-memory copy: two copies alive at once were the
    build's peak memory), then bulk-loaded by Oxigraph, not one Python Quad a triple."""
    temp = folder.with_name(f".{folder.name}.{os.getpid()}.tmp")
    shutil.rmtree(temp, ignore_errors=True)
    temp.parent.mkdir(parents=True, exist_ok=True)
    career_nt = temp.with_name(f"{temp.name}.nt")
    try:
        career(career_nt)
        store = ox.Store(str(temp))
        store.bulk_load(path=str(career_nt), format=ox.RdfFormat.N_TRIPLES)
    finally:
        career_nt.unlink(missing_ok=True)
    store.bulk_extend(_named(found))
    store.bulk_extend([ox.Quad(STATE, _CONTEXT, ox.Literal(context), STATE), ox.Quad(STATE, _WRITTEN, _NO, STATE),
                       ox.Quad(STATE, _GENERATION, ox.Literal(generation), STATE)])
    store.flush()
    del store
    halt("swap")
    old = folder.with_name(f".{folder.name}.{os.getpid()}.old")
    if folder.exists():
        os.replace(folder, old)
    os.replace(temp, folder)
    shutil.rmtree(old, ignore_errors=True)


def _named(found: dict[str, Part]) -> Iterator[ox.Quad]:
    terms: dict = {}
    for iri, part in found.items():
        graph = ox.NamedNode(iri) if iri.startswith(ARTICLE_GRAPHS) else NODES
        for s, p, o in part.triples():  # unrolled: a generator per quad cost more than the conversions
            yield ox.Quad(_term(s, terms), _term(p, terms), _term(o, terms), graph)
        yield ox.Quad(ox.NamedNode(iri), _DIGEST, ox.Literal(part.digest), STATE)


def written(folder: Path, turtle: Path, store: ox.Store | None = None) -> None:
    """Record that the exports of the store at `folder` (open as `store`, when it is) were written (the next
    build's Change need not be full), and which export folder it serves."""
    store = store if store is not None else writable(folder)
    store.update(f"DELETE DATA {{ GRAPH {STATE} {{ {STATE} {_WRITTEN} {_NO} . }} }} ;"
                 f" INSERT DATA {{ GRAPH {STATE} {{ {STATE} {_WRITTEN} {_YES} . }} }}")
    del store
    (folder / STAMP).write_text(json.dumps({"graph": str(turtle.resolve())}), encoding="utf-8")


def halt(point: str) -> None:
    """Tests stop a build here (KG_TEST_HALT=point): a kill -9 at a known moment, without timing."""
    if os.environ.get("KG_TEST_HALT") == point:
        os.kill(os.getpid(), 9)
