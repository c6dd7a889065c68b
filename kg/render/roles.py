"""roles/<slug>.html: everything the graph knows about one role, grouped by fact, each with its evidence.

A page shows the role's labels, its facts both ways with their evidence (quote, article title and path) and
the labels and outgoing facts of what it points at: an edit changes only the pages of the roles near what it
touched (`touched`), and a build after an edit renders those alone.
"""

from __future__ import annotations

from itertools import groupby

from rdflib import URIRef
from rdflib.namespace import RDF

from kg.graph.index import GraphIndex
from kg.graph.namespaces import KG
from kg.render import page
from kg.render.model import Career, Fact, Node, node_id
from kg.store.change import Change
from kg.store.described import StoreIndex


def render(career: Career, touched: set[str] | None = None) -> dict[str, bytes | None]:
    """Every role's page; with `touched` (node ids), the others are None: their pages are as they were."""
    drawn = [role for role in career.of_type("Role") if touched is None or role.id in touched]
    facts = {role.id: career.facts_about({role.id}) for role in drawn}
    details = _labelled(career, career.links_from({f.object for role in drawn for f in facts[role.id] if f.subject == role.id and not f.literal}))
    pages = {role.page: page.render("role.html", root="../", title=role.label, role=role, **_groups(role, facts[role.id], career, details))
             for role in drawn}  # what the graph says about each thing a role points at
    return {role.page: pages.get(role.page) for role in career.of_type("Role")}


def touched(graph: GraphIndex | StoreIndex, change: Change) -> set[str]:
    """The node ids of the roles whose page `change` may alter: the roles it touched, those one link from a
    subject it touched (they show its labels), two links back from one that is shown by its label (they list its
    facts under what they point at: an article or an evidence is shown through its evidences alone, so the
    referrers of a role an article describes are not walked), and those an evidence it touched, or an evidence
    near what it touched, is about. A link the edit removed put both its ends in the change, so the new graph's
    links are enough."""
    near = {URIRef(iri) for iri in change.subjects | change.objects}
    for subject in map(URIRef, change.subjects):
        back = graph.referrers.get(subject, ())
        near.update(back)
        near.update(o for objects in graph.subjects.get(subject, {}).values() for o in objects if isinstance(o, URIRef))
        if _UNLABELLED.isdisjoint(graph.objects(subject, RDF.type)):
            for node in back:
                near.update(graph.referrers.get(node, ()))
    for node in list(near):
        if KG.Evidence in graph.objects(node, RDF.type):
            near.update(graph.objects(node, RDF.subject) + graph.objects(node, RDF.object))
    return {node_id(node) for node in near if KG.Role in graph.objects(node, RDF.type)}


_UNLABELLED = frozenset({KG.Article, KG.Evidence})  # no page shows them by a label


def _labelled(career: Career, links: dict[str, list[tuple[str, str]]]) -> dict[str, list[tuple[str, str]]]:
    """Node id -> (predicate, label of the object) of its links: made once a node, not once each page entry that names it."""
    nodes = career.nodes
    return {node: [(predicate, nodes[obj].label) for predicate, obj in found if obj in nodes] for node, found in links.items()}


def _groups(role: Node, facts: list[Fact], career: Career, details: dict[str, list[tuple[str, str]]]) -> dict:
    outgoing = sorted((f for f in facts if f.subject == role.id), key=lambda f: (not f.literal, f.predicate, f.object))
    incoming = sorted((f for f in facts if f.subject != role.id), key=lambda f: (f.predicate, f.subject))
    return {
        "outgoing": _grouped(career, outgoing, lambda f: f.object, details),
        "incoming": _grouped(career, incoming, lambda f: f.subject, {}),
    }


def _grouped(career: Career, facts: list[Fact], other, details: dict[str, list[tuple[str, str]]]) -> list[dict]:
    return [{"predicate": predicate, "entries": [_item(career, f, other(f), details.get(other(f), [])) for f in group]}
            for predicate, group in groupby(facts, key=lambda f: f.predicate)]


def _item(career: Career, fact: Fact, other: str, details: list[tuple[str, str]]) -> dict:
    node = None if fact.literal else career.nodes[other]
    return {
        "fact": fact,
        "text": node.label if node else other,
        "type": career.type_labels.get(node.type, node.type) if node else "",
        "href": f"../{node.page}" if node and node.page else "",
        "details": details,
    }
