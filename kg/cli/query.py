"""`kg query`: named questions, .rq files and ad hoc SPARQL over the graph `kg build` wrote."""

from __future__ import annotations

from pathlib import Path
from typing import Callable

import click
from rdflib import URIRef

from kg.errors import KgError
from kg.graph import labels
from kg.query import Page, formats, question, questions, run, sparql
from kg.store.persisted import DEFAULT_GRAPH, load_graph

GRAPH_OPTION = click.option("--graph", "graph_path", type=click.Path(path_type=Path), default=DEFAULT_GRAPH,
                            show_default=True, help="Turtle file to query (what kg build wrote).")


def _listing() -> str:
    lines = []
    for name, asked in questions().items():
        lines.append(f"{name}\n    {asked.summary}")
        for p in asked.params:
            lines.append(f"    --param {p.name}=...  {p.meaning}{' (optional)' if p.optional else ''}")
    return "\n".join(lines)


def _labeller(graph) -> Callable[[URIRef], str]:
    """A node's display label for the table, its prefixed IRI when it has none (articles, evidence)."""
    def label(node: URIRef) -> str:
        found = labels.label(graph, node)
        return formats.short(node) if found == str(node) else found

    return label


def _params(pairs: tuple[str, ...]) -> dict[str, str]:
    params = {}
    for pair in pairs:
        key, sep, value = pair.partition("=")
        if not sep or not key.strip():
            raise KgError(f"--param wants KEY=VALUE, got {pair!r}")
        params[key.strip()] = value
    return params


@click.command("query")
@click.argument("name", required=False)
@click.option("--list", "list_only", is_flag=True, help="List the named questions with their parameters.")
@click.option("--sparql", "text", metavar="QUERY", help="Run this SPARQL instead (kg:, kgr:, skos:, prov:... predeclared).")
@click.option("-p", "--param", "pairs", multiple=True, metavar="KEY=VALUE", help="A parameter of the question (repeatable).")
@click.option("-f", "--format", "format_name", type=click.Choice(list(formats.FORMATS)), default="table",
              show_default=True, help="; ".join(f"{f.name}: {f.summary}" for f in formats.FORMATS.values()))
@click.option("--limit", type=click.IntRange(min=0), help="Show at most this many rows (a page; the table says which rows).")
@click.option("--offset", type=click.IntRange(min=0), default=0, help="Skip this many rows first (with --limit: the next page).")
@GRAPH_OPTION
def query_command(name: str | None, list_only: bool, text: str | None, pairs: tuple[str, ...], format_name: str,
                  limit: int | None, offset: int, graph_path: Path) -> None:
    """Ask the graph: NAME is a named question (see --list) or a .rq file."""
    if list_only:
        click.echo(_listing())
        return
    if (name is None) == (text is None):
        raise KgError("give a question NAME (or a .rq file) or --sparql QUERY; kg query --list shows the questions")
    asked = question(name) if name else None
    graph = load_graph(graph_path)
    page = Page(limit, offset) if limit is not None or offset else None
    result = run(graph, asked, _params(pairs), page) if asked else sparql(graph, text, page)
    click.echo(formats.write(result, format_name, label=_labeller(graph)), nl=False)
