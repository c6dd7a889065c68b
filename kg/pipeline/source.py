"""Where every command that reads the graph gets it: kg.store's one loader, or a fresh build of `--source`.

`load_graph` opens the persisted Oxigraph store while it matches the Turtle file, else parses the file; this
module only adds the case of a folder of articles to build first, which needs the pipeline.
"""

from __future__ import annotations

from pathlib import Path

from rdflib import Graph

from kg.errors import KgError, NotFound
from kg.store.persisted import DEFAULT_GRAPH, load_graph


def career_graph(graph: Path | str | None = None, source: Path | str | None = None) -> Graph:
    """The graph built from `source` if given, else the graph of the Turtle file `graph` (default exports/careers.ttl)."""
    if source is None:
        try:
            return load_graph(graph or DEFAULT_GRAPH)
        except NotFound as missing:
            raise NotFound(f"{missing.message}, or --source DIR to build one", missing.path) from None
    from kg.pipeline.build import build  # the build imports the export table, so import it when needed

    result = build(source)
    if result.errors:
        raise KgError(f"{len(result.errors)} articles failed to build; first: {result.errors[0]}")
    return result.graph
