"""Where questions read the graph from: the Turtle `kg build` wrote, never the articles again.

Kept to one function on purpose, so a faster store (pyoxigraph, an endpoint) can go beneath it later.
"""

from __future__ import annotations

from pathlib import Path

from rdflib import Graph

from kg.errors import KgError
from kg.namespaces import bind

DEFAULT_GRAPH = Path("exports") / "careers.ttl"


def load_graph(path: Path | str = DEFAULT_GRAPH) -> Graph:
    """The graph in the Turtle file `path` (default exports/careers.ttl), with the project prefixes bound."""
    path = Path(path)
    if not path.is_file():
        raise KgError(f"no graph at {path}; run `kg build` first or pass --graph FILE", path)
    graph = bind(Graph())
    try:
        graph.parse(path, format="turtle")
    except Exception as error:  # rdflib raises several parser exception types; the user needs one line
        raise KgError(f"cannot read the graph: {error}".splitlines()[0], path) from error
    return graph
