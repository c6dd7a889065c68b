"""The fact-kind table of ontology/mapping.yaml: which property and class each kind of fact becomes."""

from __future__ import annotations

from functools import lru_cache
from importlib import resources

import yaml


@lru_cache(maxsize=None)
def kinds() -> dict[str, dict]:
    return yaml.safe_load(resources.files("kg.ontology").joinpath("mapping.yaml").read_text(encoding="utf-8"))
