"""kg: career knowledge graphs from career articles.

The small public API, the same one the CLI uses:

    import kg
    result = kg.build("source")        # read, extract, resolve, map, validate
    kg.write(result, "exports")        # atomic exports
    report = kg.evaluate("../shared/gold", source="source")
    graph = kg.load_graph("exports/careers.ttl")
    rows = kg.query(graph, "skills-by-role", role="account manager")
    steps = kg.paths.ladder(graph, "account manager")

`import kg` loads nothing else (PEP 562): each name imports its stage when first used, so `kg --help` is
instant and a notebook pays only for what it calls.
"""

from __future__ import annotations

import importlib
import sys
import types

_API = {  # public name -> module that owns it
    "Build": "kg.pipeline.build", "build": "kg.pipeline.build", "stale": "kg.pipeline.build", "write": "kg.pipeline.build",
    "KgError": "kg.errors",
    "evaluate": "kg.evaluate",
    "load_graph": "kg.store.persisted",
    "query": "kg.query", "questions": "kg.query", "sparql": "kg.query",
}
_PACKAGES = ("paths",)

__all__ = ["Build", "KgError", "build", "evaluate", "load_graph", "paths", "query", "questions", "sparql", "stale", "write"]


def __getattr__(name: str):
    if name in _API:
        value = getattr(importlib.import_module(_API[name]), name)
    elif name in _PACKAGES:
        value = importlib.import_module(f"kg.{name}")
    else:
        raise AttributeError(f"module 'kg' has no attribute {name!r}")
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return __all__


class _Api(types.ModuleType):
    """Keeps `kg.query` and `kg.evaluate` the functions: importing the submodules of those names (kg/query/,
    kg/evaluate.py) would otherwise set the package attribute to the module."""

    def __setattr__(self, name: str, value) -> None:
        if name in _API and isinstance(value, types.ModuleType):
            return
        super().__setattr__(name, value)


sys.modules[__name__].__class__ = _Api

