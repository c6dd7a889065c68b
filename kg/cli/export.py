"""`kg export`: the graph in any registered format, to standard output or a file."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from kg.atomic import atomic_file, write_atomic
from kg.cli.common import USAGE, fail
from kg.export import FORMATS
from kg.pipeline.source import career_graph
from kg.store.persisted import DEFAULT_GRAPH, oxigraph_of

_LIST = "\n".join(f"  {name:8} {fmt.summary}" for name, fmt in FORMATS.items())


@click.command("export", epilog=f"\b\nFormats:\n{_LIST}")
@click.option("-f", "--format", "name", type=click.Choice(list(FORMATS)), required=True, help="Output format.")
@click.option("-o", "--out", type=click.Path(path_type=Path),
              help="File to write (a folder for formats made of several files); standard output without it.")
@click.option("--graph", type=click.Path(path_type=Path), default=DEFAULT_GRAPH, show_default=True,
              help="The Turtle graph to export.")
@click.option("--source", type=click.Path(path_type=Path), help="Build this folder of articles instead of reading --graph.")
def export_command(name: str, out: Path | None, graph: Path, source: Path | None) -> None:
    """Export the career graph as Turtle, TriG, N-Quads, N-Triples, JSON-LD, GraphML, CSV or VoID."""
    fmt = FORMATS[name]
    career = career_graph(graph, source)
    store = oxigraph_of(career)
    if fmt.stream and store is not None:  # N-Triples, N-Quads: straight from the store, sorted on disk
        if out is None:
            fmt.stream(store, sys.stdout.buffer)
        else:
            with atomic_file(out) as handle:
                fmt.stream(store, handle)
        return
    files = fmt.files(career)
    if not fmt.standalone:
        if out is None or out.is_file():
            fail(f"error: {name} writes {len(files)} files ({', '.join(files)}): give -o FOLDER", USAGE)
        for filename, data in files.items():
            write_atomic(out / filename, data)
        return
    data = next(iter(files.values()))
    if out is None:
        sys.stdout.buffer.write(data)
    else:
        write_atomic(out, data)
