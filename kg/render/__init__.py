"""HTML views of the career graph, registered by name: `kg render NAME` and `kg build` read this table.

A new view is a module with `render(career) -> {path: bytes}` plus its template, and one line in VIEWS.
Pages work offline from file://: vis-network is vendored in static/ and nothing points at the network.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

import pyoxigraph as ox
from rdflib import Graph

from kg.atomic import write_atomic
from kg.errors import KgError
from kg.graph.index import GraphIndex, indexed, writer
from kg.render import graph, index, ladder, page, roles, skills
from kg.render.model import SOURCE_LINK, Career, Delta, from_store, read
from kg.store.change import Change
from kg.store.described import StoreIndex


@dataclass(frozen=True)
class View:
    name: str
    render: Callable[[Career], dict[str, bytes]]
    summary: str
    nav: tuple[str, str] | None = None  # (page, title) in every page's navigation bar
    touched: Callable[[GraphIndex | StoreIndex, Change], set[str]] | None = None  # what of it a change can alter: `render(career, touched)`
    alters: Callable[[Career, Delta], bool] | None = None  # whether its page (`nav`'s) may change with an updated Career's delta


VIEWS: dict[str, View] = {
    "index": View("index", index.render, "index.html: counts, roles, articles, links to every view", ("index.html", "Home"), alters=index.alters),
    "graph": View("graph", graph.render, "graph.html: the whole graph by type, search, filter, evidence", ("graph.html", "Graph"), alters=graph.alters),
    "ladder": View("ladder", ladder.render, "ladder.html: promotion and reporting paths, junior at the bottom", ("ladder.html", "Ladders"), alters=ladder.alters),
    "skills": View("skills", skills.render, "skills.html: roles and the skills they need, shared skills larger", ("skills.html", "Skills"), alters=skills.alters),
    "roles": View("roles", roles.render, "roles/<slug>.html: one page per role, every fact with its evidence",
                  touched=roles.touched),
}
page.ENV.globals["views"] = [{"page": v.nav[0], "title": v.nav[1], "summary": v.summary} for v in VIEWS.values() if v.nav]


def source_link(articles: Path | str, out: Path | str) -> str:
    """The relative link from the folder `out` the pages are written in to the articles' folder."""
    return Path(os.path.relpath(Path(articles).resolve(), Path(out).resolve())).as_posix() + "/"


@writer
def render(graph_: Graph | GraphIndex, name: str, link: str = SOURCE_LINK) -> dict[str, bytes]:
    """The files of one view (paths relative to the export folder), with the static assets it loads; `link`
    leads from there to the articles' folder."""
    return {**page.static_files(), **VIEWS[name].render(read(graph_, link))}


@writer
def outputs(graph_: Graph | GraphIndex | ox.Store, source_link: str = SOURCE_LINK, change: Change | None = None,
            career: Career | None = None) -> dict[str, bytes | None]:
    """Every view's files, as `kg build` writes them beside careers.ttl; `source_link` leads from there to the
    articles' folder. After a `change` to a graph whose pages were written, the role pages it cannot have
    altered (kg.render.roles.touched), and the pages none of whose rows the Career's delta changed (a `View`'s
    `alters`), are None: kept as they are. From an Oxigraph store of the graph (an edit's:
    kg.render.model.from_store) no GraphIndex of it is made; given the graph's `career` (kg.pipeline keeps it
    from build to build: kg.render.model.updated), nothing of the graph is read but what `change` touched."""
    if isinstance(graph_, ox.Store):
        graph_ = StoreIndex(graph_)
        career = career or from_store(graph_.store, source_link)
    else:
        graph_ = indexed(graph_)
        career = career or read(graph_, source_link)
    files: dict[str, bytes | None] = dict(page.static_files())
    edited = change is not None and not change.full
    for view in VIEWS.values():
        if edited and view.alters and career.delta is not None and not view.alters(career, career.delta):
            files[view.nav[0]] = None  # as written: nothing it shows changed
            continue
        partial = view.touched and edited
        files.update(view.render(career, view.touched(graph_, change)) if partial else view.render(career))
    return dict(sorted(files.items()))


def write(graph_: Graph | GraphIndex, name: str, out: Path | str, articles: Path | str = "source") -> list[Path]:
    """Write one view into the folder `out`, or to the file `out` when it names a single .html page; its
    article links lead to the folder `articles`."""
    out = Path(out)
    files = render(graph_, name, source_link(articles, out.parent if out.suffix == ".html" else out))
    pages = [p for p in files if p.endswith(".html")]
    if out.suffix == ".html":
        if len(pages) != 1:
            raise KgError(f"view {name} writes {len(pages)} pages: give a folder, not a file", out)
        files[out.name] = files.pop(pages[0])
        out = out.parent
    for path, data in files.items():
        write_atomic(out / path, data)
    return [out / path for path in files]
