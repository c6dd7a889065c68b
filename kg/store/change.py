"""What a build changed in the persisted store's default graph: what writers and views must redo."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Change:
    """What a build changed in the persisted store's default graph (the career graph)."""
    subjects: frozenset[str]        # IRIs whose triples (as subject) were added or removed
    objects: frozenset[str]         # IRIs that gained or lost a triple pointing at them
    articles: frozenset[str]        # article IRIs added, edited or removed
    full: bool                      # everything rebuilt: consumers redo everything


EVERYTHING = Change(frozenset(), frozenset(), frozenset(), True)
