"""kg: career knowledge graphs from career articles.

The small public API, the same one the CLI uses:

    import kg
    result = kg.build("source")        # read, extract, resolve, map, validate
    kg.write(result, "exports")        # atomic exports
    report = kg.evaluate("../shared/gold", source="source")
"""

from kg.build import Build, build, stale, write
from kg.errors import KgError
from kg.evaluate import evaluate

__all__ = ["Build", "KgError", "build", "evaluate", "stale", "write"]
