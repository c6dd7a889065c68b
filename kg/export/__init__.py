"""Export formats, registered by name: `kg export --format NAME` and `kg build` read this table."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

from rdflib import Graph

from kg.export import turtle


@dataclass(frozen=True)
class Format:
    name: str
    filename: str  # the file `kg build` writes into the export folder
    media_type: str
    serialize: Callable[[Graph], bytes]
    summary: str


FORMATS: dict[str, Format] = {
    "ttl": Format("ttl", "careers.ttl", "text/turtle", turtle.serialize, "Turtle: every fact with its evidence"),
}
