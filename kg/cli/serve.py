"""`kg serve`: a read-only SPARQL endpoint and query page over the career graph."""

from __future__ import annotations

import ipaddress
from pathlib import Path

import click

from kg.cli.common import USAGE, fail
from kg.pipeline.source import career_graph
from kg.serve import make_server
from kg.store.persisted import DEFAULT_GRAPH


@click.command("serve")
@click.option("--port", type=int, default=7070, show_default=True)
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on; loopback unless you mean to share.")
@click.option("--graph", type=click.Path(path_type=Path), default=DEFAULT_GRAPH, show_default=True, help="The Turtle graph to serve.")
@click.option("--source", type=click.Path(path_type=Path), help="Build this folder of articles instead of reading --graph.")
@click.option("--exports", type=click.Path(path_type=Path), default=Path("exports"), show_default=True,
              help="Folder served under /exports/ (the views and files kg build writes).")
@click.option("--time-limit", type=float, default=10.0, show_default=True, help="Seconds a query may run before it is stopped.")
@click.option("--max-rows", type=int, default=10000, show_default=True, help="Rows (or triples) an answer may hold.")
@click.option("-v", "--verbose", is_flag=True, help="Log every request.")
def serve_command(port: int, host: str, graph: Path, source: Path | None, exports: Path, time_limit: float,
                  max_rows: int, verbose: bool) -> None:
    """Serve the graph: query page at /, SPARQL 1.1 Protocol at /sparql, named questions at /api/<name>."""
    graph_ = career_graph(graph, source)
    try:
        loopback = ipaddress.ip_address(host).is_loopback
    except ValueError:
        loopback = host == "localhost"
    if not loopback:
        click.echo(f"warning: listening on {host}: anyone who can reach it can query the graph", err=True)
    try:
        server = make_server(graph_, exports, host, port, time_limit, max_rows, verbose=verbose)
    except OSError as error:
        fail(f"error: cannot listen on {host}:{port}: {error.strerror}", USAGE)
    click.echo(f"serving {len(graph_)} triples at http://{host}:{port}/ (SPARQL at /sparql); Ctrl-C stops")
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()
        server.pool.close()
