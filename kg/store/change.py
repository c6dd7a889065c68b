"""What a build changed in the persisted store's default graph: what writers and views must redo."""

from __future__ import annotations

from dataclasses import dataclass

import pyoxigraph as ox
from rdflib.namespace import RDF

from kg.graph.namespaces import KG


@dataclass(frozen=True)
class Change:
    """What a build changed in the persisted store's default graph (the career graph)."""
    subjects: frozenset[str]        # IRIs whose triples (as subject) were added or removed
    objects: frozenset[str]         # IRIs that gained or lost a triple pointing at them
    articles: frozenset[str]        # article IRIs added, edited or removed
    full: bool                      # everything rebuilt: consumers redo everything


EVERYTHING = Change(frozenset(), frozenset(), frozenset(), True)


_TYPE, _ARTICLE = ox.NamedNode(str(RDF.type)), ox.NamedNode(str(KG.Article))


def between(old: ox.Store, new: ox.Store) -> Change:
    """The change from the default graph of `old` to that of `new`, found by looking every triple of each up in
    the other: for a build whose store was made anew (the persisted store updated in place knows it at once)."""
    default = ox.DefaultGraph()
    gone = [q for q in old.quads_for_pattern(None, None, None, default) if q not in new]
    came = [q for q in new.quads_for_pattern(None, None, None, default) if q not in old]
    subjects = {q.subject for q in gone + came}
    articles = {s for s in subjects if any(ox.Quad(s, _TYPE, _ARTICLE) in store for store in (old, new))}
    return Change(frozenset(s.value for s in subjects),
                  frozenset(q.object.value for q in gone + came if isinstance(q.object, ox.NamedNode)),
                  frozenset(s.value for s in articles), False)
