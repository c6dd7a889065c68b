"""`kg paths`: promotion ladders, shortest career paths, skill gaps, similar roles and graph statistics."""

from __future__ import annotations

from pathlib import Path

import click

from kg import paths
from kg.cli.query import GRAPH_OPTION
from kg.store.persisted import load_graph


def _answer(ask, graph_path: Path, *args, **kwargs) -> None:
    """Load the graph, ask, print the answer (or one line per error)."""
    answer = ask(load_graph(graph_path), *args, **kwargs)
    if isinstance(answer, tuple):
        click.echo("\n".join(str(item) for item in answer) if answer else "no answer in the graph")
    else:
        click.echo(str(answer))


@click.group("paths")
def paths_command() -> None:
    """Career-path analytics on the graph kg build wrote; every edge used is shown with its quote."""


@paths_command.command("ladder")
@click.argument("role")
@GRAPH_OPTION
def ladder_command(role: str, graph_path: Path) -> None:
    """The promotion ladder of ROLE, up and down."""
    _answer(paths.ladder, graph_path, role)


@paths_command.command("between")
@click.argument("start")
@click.argument("end")
@GRAPH_OPTION
def between_command(start: str, end: str, graph_path: Path) -> None:
    """A shortest chain of promotion, reporting or related-role facts from START to END."""
    _answer(paths.between, graph_path, start, end)


@paths_command.command("gap")
@click.argument("have")
@click.argument("want")
@GRAPH_OPTION
def gap_command(have: str, want: str, graph_path: Path) -> None:
    """The skills and qualifications WANT needs that HAVE does not list."""
    _answer(paths.gap, graph_path, have, want)


@paths_command.command("similar")
@click.argument("role")
@click.option("--top", type=click.IntRange(min=1), default=5, show_default=True, help="How many roles to show.")
@GRAPH_OPTION
def similar_command(role: str, top: int, graph_path: Path) -> None:
    """Roles most like ROLE by shared skills, duties, industries, places and related roles (Jaccard)."""
    _answer(paths.similar, graph_path, role, top=top)


@paths_command.command("stats")
@GRAPH_OPTION
def stats_command(graph_path: Path) -> None:
    """Sizes, connected components, most central roles and most needed skills."""
    _answer(paths.stats, graph_path)
