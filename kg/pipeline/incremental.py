"""An edit reads, resolves and maps only what it touches, up to and including the store of record.

From the per-article state (kg.pipeline.state) and the articles' cache keys: the articles changed, added and
removed are read (the rest stay in the extraction cache); the role table is redone from every article's role and
aliases (small rows); the articles resolved again are those changed, those whose role moved, and those naming a
role by an alias that changed owner; the nodes described again are those whose vote sums changed. Their parts
go into a checkpoint of the store of record (kg.store.graphs.checkpoint), where the shapes are checked on the
nodes they reach; `write` swaps it in. Any doubt (no state, another context or generation, an article that
fails, most of the corpus changed) and the build takes the full path.
"""

from __future__ import annotations

import shutil
import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

import pyoxigraph as ox

from kg.errors import KgError
from kg.extract.facts import Fact
from kg.graph.namespaces import article_graph_iri
from kg.pipeline.cache import ArticleCache, folder_for
from kg.pipeline.manifest import relative_name
from kg.pipeline.state import FILE, Head, State, add, node
from kg.read.article import Article
from kg.resolve.resolution import Resolved, aliases_of, article_iri_of, merge, resolve_article, role_table
from kg.store import graphs
from kg.store.change import Change


@dataclass
class Edit:
    """What an edit made, in a checkpoint of the store of record not yet swapped in."""

    folder: Path  # the checkpoint
    store: ox.Store  # open on it: its default graph is the new career graph
    state: State  # its per-article state, already changed
    shares: list[Resolved]  # the articles resolved again
    facts: dict[str, list[Fact]]  # their facts
    heads: dict[str, Head]  # every article after the edit
    focus: frozenset[str]  # the nodes whose shapes the edit may change
    nodes: int  # how many nodes the graph has
    change: Change  # what it changed in the career graph


def edit(paths: list[Path], root: Path, master: Path, context: str, keys: dict[str, str], read: Callable, prepare: Callable,
         doubts: Callable) -> Edit | None:
    """The edit of the store of record at `master` that brings it to the articles `paths`, whose cache keys by name
    are `keys` (kg.pipeline.manifest.inputs made them: an article's bytes are read once a build); None when the
    full path must run. `read(paths, keep)` extracts articles, `prepare(pairs)` curates and filters them (returning
    the pairs kept and the count dropped), `doubts(article, facts)` lists an article's own doubts."""
    if not (master / FILE).is_file():
        return None
    try:
        folder, store = graphs.checkpoint(master)
    except OSError:  # held by another process (two `kg build --check` at once): the full path reads nothing of it
        return None
    shutil.copyfile(master / FILE, folder / FILE)
    state = State.open(folder / FILE)
    made = None
    try:
        book = graphs.book(store)  # read once: it lists every graph's name (~0.05 s a read at 1,000 articles)
        if state is not None and book is not None and state.meta("context") == context and state.meta("generation") == book.generation:
            made = _edit(paths, root, keys, folder, store, book, state, read, prepare, doubts)
    finally:
        if made is None:
            if state is not None:
                state.close()
            del store
            shutil.rmtree(folder, ignore_errors=True)
    return made


def _edit(paths, root, keys, folder, store, book, state, read, prepare, doubts) -> Edit | None:
    before = state.heads()
    by_path = {head.path: head for head in before.values()}
    changed = [path for path in paths if getattr(by_path.get(relative_name(path, root)), "key", None) != keys[relative_name(path, root)]]
    retracted = {head.slug for head in before.values() if head.path not in keys or head.key != keys[head.path]}
    removed = sum(1 for head in before.values() if head.path not in keys)
    if (len(changed) + removed) * graphs.IN_PLACE_SHARE > max(len(paths), 1):
        return None
    extracted, failed = read(changed, set(keys.values()))
    if failed or len(extracted) != len(changed):
        return None
    heads = {slug: head for slug, head in before.items() if slug not in retracted}
    pairs: dict[str, tuple[Article, list[Fact]]] = {}
    for article, facts in extracted:
        kept, dropped = prepare([(article, facts)])
        pairs[article.slug] = kept[0]
        heads[article.slug] = head(article, facts, kept[0][1], dropped, keys[article.path.as_posix()], doubts)
    if len(heads) != len(keys):  # two articles of one slug: the full path reports them as it always has
        return None
    old_roles, old_aliases = recorded_table(before)
    roles, aliases = role_table([(h.slug, h.role, h.aliases) for h in heads.values()])
    moved = {a for a in old_aliases.keys() | aliases.keys() if old_aliases.get(a) != aliases.get(a)}
    again = ({s for s in roles if old_roles.get(s) != roles[s]} | state.readers(moved)) & heads.keys() - pairs.keys()
    cache = ArticleCache(folder_for(root))
    for slug in sorted(again):
        hit = cache.get(heads[slug].key)
        if hit is None:
            return None
        pairs[slug] = prepare([hit])[0][0]
    shares = [resolve_article(article, facts, roles[slug], aliases) for slug, (article, facts) in sorted(pairs.items())]
    for share in shares:
        heads[share.article.slug] = with_role(heads[share.article.slug], share.role)
    old = state.votes(retracted | again)
    sums = state.sums({iri for votes in old.values() for iri in votes} | {iri for share in shares for iri in share.nodes})
    for votes in old.values():
        add(sums, votes, -1)
    for share in shares:
        add(sums, share.nodes)
    found = {**graphs.article_parts(merge(shares)), **graphs.node_parts(node(iri, t, s) for iri, (t, s) in sorted(sums.items()) if s)}
    gone = {_graph(slug) for slug in retracted - heads.keys()} | {iri for iri, (_, s) in sums.items() if not s}
    todo = graphs.changed(store, found)
    focus = graphs.around(store, todo + sorted(gone), found, book)
    generation = uuid.uuid4().hex
    state.change([(heads[s.article.slug], s) for s in shares], retracted, sums, generation)
    change = graphs.edit(store, found, todo, gone, generation, book)
    return Edit(folder, store, state, shares, {slug: facts for slug, (_, facts) in pairs.items()}, heads, focus, state.count("node"), change)


def recorded_table(heads: dict[str, Head]) -> tuple[dict[str, str], dict[str, str]]:
    """The role table (kg.resolve.resolution.role_table) the articles of `heads` were last resolved with, from the
    role IRI each recorded: no role folded and slugged again (an edit makes the new table only)."""
    roles = {slug: head.iri for slug, head in heads.items()}
    aliases: dict[str, str] = {}
    for slug in sorted(heads):
        for alias in heads[slug].aliases:
            aliases.setdefault(alias, roles[slug])
    return roles, aliases


def _graph(slug: str) -> str:
    return article_graph_iri(article_iri_of(slug))


def head(article: Article, raw: list[Fact], facts: list[Fact], dropped: int, key: str, doubts: Callable) -> Head:
    return Head(article.slug, article.path.as_posix(), key, article.role, article.lang, "", aliases_of(facts),
                tuple(doubts(article, raw)), len(facts), dropped)


def with_role(head: Head, iri: str) -> Head:
    return Head(**{**head.__dict__, "iri": iri})


def warnings(heads: dict[str, Head], root: Path) -> list[KgError]:
    """Every article's doubts, with those comparing articles (two about one role) from the heads of all."""
    by_role: dict[str, list[str]] = {}
    for head in heads.values():
        by_role.setdefault(head.role, []).append(head.path)
    found = []
    for head in heads.values():
        twins = sorted(path for path in by_role[head.role] if path != head.path)
        found += [KgError(w, root / head.path, 1, "warning") for w in (*head.doubts, *_twins(twins))]
    return found


def _twins(twins: list[str]) -> list[str]:
    if not twins:
        return []
    sources = "both articles" if len(twins) == 1 else f"all {len(twins) + 1} articles"
    return [f"same role as {', '.join(twins)}: merged into one node with {sources} as sources"]
