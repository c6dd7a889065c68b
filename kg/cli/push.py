"""`kg push`: replace the graph's named graphs in a triple store (SPARQL 1.1 Graph Store HTTP Protocol)."""

from __future__ import annotations

import os
from pathlib import Path

import click

from kg.pipeline.source import career_graph
from kg.push.endpoint import DEFAULT_STATE, push
from kg.store.persisted import DEFAULT_GRAPH


@click.command("push")
@click.option("--endpoint", required=True, help="Graph Store URL, e.g. http://localhost:7878/store or "
              "http://localhost:8890/sparql-graph-crud-auth.")
@click.option("--user", help="Account on the store; the password comes from KG_PASSWORD or a prompt.")
@click.option("--graph", type=click.Path(path_type=Path), default=DEFAULT_GRAPH, show_default=True,
              help="The Turtle graph to push.")
@click.option("--source", type=click.Path(path_type=Path), help="Build this folder of articles instead of reading --graph.")
@click.option("--state", type=click.Path(path_type=Path), default=DEFAULT_STATE, show_default=True,
              help="Where the graphs pushed to each store are remembered, with digests (to delete removed articles, skip unchanged ones).")
@click.option("--all", "force", is_flag=True, help="Push every graph, also those unchanged since the last push to this store "
              "(after the store was emptied or edited by others).")
def push_command(endpoint: str, user: str | None, graph: Path, source: Path | None, state: Path, force: bool) -> None:
    """Push one named graph per article (and one for the ontology) to a triple store; pushing twice changes nothing."""
    password = None
    if user:
        password = os.environ.get("KG_PASSWORD")
        if password is None:
            password = click.prompt(f"password for {user}", hide_input=True, err=True)
    graph_ = career_graph(graph, source)
    pushed = push(graph_, endpoint, user, password, state, force)
    click.echo(pushed.summary(endpoint))
