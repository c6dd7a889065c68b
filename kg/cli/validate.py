"""`kg validate`: check a graph file against the shapes, with kg's engine or with pyshacl."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from kg.cli.common import OK, SHACL
from kg.store.persisted import DEFAULT_GRAPH, load_graph
from kg.store.shacl import validate


@click.command("validate")
@click.option("--graph", "graph_path", type=click.Path(path_type=Path), default=DEFAULT_GRAPH,
              show_default=True, help="Turtle file to check.")
@click.option("--engine", type=click.Choice(["oxigraph", "pyshacl"]), default="oxigraph", show_default=True,
              help="oxigraph: the shapes compiled to SPARQL (fast); pyshacl: the reference validator.")
def validate_command(graph_path: Path, engine: str) -> None:
    """Validate a career graph against ontology/shapes.ttl; exit 4 and list the violations if it fails."""
    graph = load_graph(graph_path)
    violations = validate(graph, engine)
    for violation in violations:
        click.echo(str(violation), err=True)
    click.echo(f"{len(graph)} triples, {len(violations)} violations ({engine})")
    sys.exit(SHACL if violations else OK)
