"""Where `kg export`, `kg serve` and `kg push` get the graph: a built Turtle file, or a fresh build."""

from __future__ import annotations

from pathlib import Path

from rdflib import Graph

from kg.errors import KgError, NotFound

DEFAULT_GRAPH = Path("exports/careers.ttl")


def career_graph(graph: Path | str | None = None, source: Path | str | None = None) -> Graph:
    """The graph built from `source` if given, else the Turtle file `graph` (default exports/careers.ttl)."""
    if source is not None:
        from kg.pipeline.build import build  # the build imports the export table, so import it when needed

        result = build(source)
        if result.errors:
            raise KgError(f"{len(result.errors)} articles failed to build; first: {result.errors[0]}")
        return result.graph
    path = Path(graph or DEFAULT_GRAPH)
    if not path.is_file():
        raise NotFound("no graph here: run kg build first, or give --graph FILE or --source DIR", path)
    try:
        return Graph().parse(path, format="turtle")
    except Exception as error:  # rdflib raises several types for bad Turtle
        raise KgError(f"not readable as Turtle: {error}", path) from error
