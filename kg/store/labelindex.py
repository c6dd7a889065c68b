"""The label index published with the store (kg.graph.labels.find reads it): class -> folded label -> node.

Kept with every node a label names (the smallest IRI first: the one kg.graph.labels.label_map picks), so an
edit redoes only the nodes it touched, their types and labels read from the store, instead of every label of
the graph; a build that changed everything reads every type and label from the store once.
"""

from __future__ import annotations

import pickle
from bisect import insort
from collections import defaultdict
from pathlib import Path
from typing import Iterable

import pyoxigraph as ox
from rdflib.namespace import RDF

from kg.graph.labels import LABELS as LABEL_PROPERTIES
from kg.graph.namespaces import KG
from kg.language.profile import fold
from kg.store.terms import CAREER

CANDIDATES = "label-candidates.pickle"  # beside kg.store.terms.LABELS: what the next edit starts from
_TYPE = ox.NamedNode(str(RDF.type))
_LABELS = tuple(ox.NamedNode(str(p)) for p in LABEL_PROPERTIES)
_SKIPPED = str(KG.Evidence)  # instances without labels, and the most numerous


class LabelIndex:
    """Class IRI -> key (folded label, or the node's IRI) -> the nodes of that class it names, sorted."""

    def __init__(self, classes: dict[str, dict[str, list[str]]]) -> None:
        self.classes = classes

    @classmethod
    def of_store(cls, store: ox.Store) -> LabelIndex:
        """The index of every node in the career graph of `store`."""
        types: dict[str, list[str]] = defaultdict(list)
        for quad in store.quads_for_pattern(None, _TYPE, None, CAREER):
            if quad.object.value != _SKIPPED:
                types[quad.subject.value].append(quad.object.value)
        labels: dict[str, list[str]] = defaultdict(list)
        for predicate in _LABELS:
            for quad in store.quads_for_pattern(None, predicate, None, CAREER):
                if quad.subject.value in types:
                    labels[quad.subject.value].append(quad.object.value)
        index = cls({})
        for node in sorted(types):
            index._add(node, types[node], labels.get(node, ()))
        return index

    @classmethod
    def load(cls, folder: Path) -> LabelIndex | None:
        try:
            return cls(pickle.loads((folder / CANDIDATES).read_bytes()))
        except (OSError, pickle.UnpicklingError, EOFError, AttributeError, TypeError):
            return None

    def save(self, folder: Path) -> None:
        (folder / CANDIDATES).write_bytes(pickle.dumps(self.classes, protocol=pickle.HIGHEST_PROTOCOL))

    def update(self, store: ox.Store, subjects: Iterable[str]) -> None:
        """Redo the nodes `subjects` (those whose triples changed) from the career graph of `store`."""
        subjects = set(subjects)
        for keys in self.classes.values():
            for key in [key for key, nodes in keys.items() if not subjects.isdisjoint(nodes)]:
                keys[key] = [node for node in keys[key] if node not in subjects]
                if not keys[key]:
                    del keys[key]
        for node in sorted(subjects):
            subject = ox.NamedNode(node)
            types = [q.object.value for q in store.quads_for_pattern(subject, _TYPE, None, CAREER) if q.object.value != _SKIPPED]
            if types:
                self._add(node, types, [q.object.value for p in _LABELS for q in store.quads_for_pattern(subject, p, None, CAREER)])
        self.classes = {cls: keys for cls, keys in self.classes.items() if keys}

    def _add(self, node: str, classes: Iterable[str], labels: Iterable[str]) -> None:
        keys = {node, *(fold(label) for label in labels)}
        for cls in classes:
            by_key = self.classes.setdefault(cls, {})
            for key in keys:
                nodes = by_key.setdefault(key, [])
                if node not in nodes:
                    insort(nodes, node)

    def winners(self) -> dict[str, dict[str, str]]:
        """What kg.graph.labels.find reads: class IRI -> key -> the smallest IRI of the nodes it names."""
        return {cls: {key: nodes[0] for key, nodes in keys.items()} for cls, keys in self.classes.items()}
