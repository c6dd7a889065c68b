"""kg: career knowledge graphs from career articles.

The small public API, the same one the CLI uses:

    import kg
    result = kg.build("source")        # read, extract, resolve, map, validate
    kg.write(result, "exports")        # atomic exports
    report = kg.evaluate("../shared/gold", source="source")
    graph = kg.load_graph("exports/careers.ttl")
    rows = kg.query(graph, "skills-by-role", role="account manager")
    steps = kg.paths.ladder(graph, "account manager")
"""

from kg.build import Build, build, stale, write
from kg.errors import KgError
from kg.evaluate import evaluate
from kg import paths
from kg.query import query, questions, sparql
from kg.store import load_graph

__all__ = ["Build", "KgError", "build", "evaluate", "load_graph", "paths", "query", "questions", "sparql", "stale", "write"]
