"""`kg render`: one HTML view of an existing graph."""

from __future__ import annotations

from pathlib import Path

import click

from kg import render
from kg.pipeline.source import career_graph
from kg.store.persisted import DEFAULT_GRAPH

_LIST = "\n".join(f"  {name:7} {view.summary}" for name, view in render.VIEWS.items())


@click.command("render", epilog=f"\b\nViews:\n{_LIST}")
@click.argument("view", type=click.Choice(list(render.VIEWS)))
@click.option("-o", "--out", type=click.Path(path_type=Path),
              help="Folder to write into (static/ goes beside the pages), or the .html file of a one-page view. "
                   "Default: the folder of --graph.")
@click.option("--graph", type=click.Path(path_type=Path), default=DEFAULT_GRAPH, show_default=True,
              help="The Turtle graph to render.")
@click.option("--source", type=click.Path(path_type=Path), help="Build this folder of articles instead of reading --graph.")
@click.option("--articles", type=click.Path(path_type=Path),
              help="The articles' folder the pages link to. Default: --source, else source/.")
def render_command(view: str, out: Path | None, graph: Path, source: Path | None, articles: Path | None) -> None:
    """Write one HTML view of the career graph; pages open offline from file://."""
    written = render.write(career_graph(graph, source), view, out or graph.parent, articles or source or Path("source"))
    click.echo(f"wrote {len(written)} files: {', '.join(str(p) for p in written if p.suffix == '.html')}")
