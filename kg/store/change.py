"""What a build changed in the career graph, for the consumers that redo only that (exports, views)."""

from __future__ import annotations

from dataclasses import dataclass

import pyoxigraph as ox


@dataclass(frozen=True)
class Change:
    """What a build changed in the persisted store's default graph (the career graph)."""

    subjects: frozenset[str]  # IRIs whose triples (as subject) were added or removed
    objects: frozenset[str]  # IRIs that gained or lost a triple pointing at them
    articles: frozenset[str]  # article IRIs added, edited or removed
    full: bool  # everything rebuilt: consumers redo everything
    added: frozenset[ox.Triple] = frozenset()  # the triples that came into it (VoID's counts follow them)
    removed: frozenset[ox.Triple] = frozenset()  # the triples that left it


EVERYTHING = Change(frozenset(), frozenset(), frozenset(), True)
