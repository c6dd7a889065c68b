"""roles/<slug>.html: everything the graph knows about one role, grouped by fact, each with its evidence."""

from __future__ import annotations

from itertools import groupby

from kg.render import page
from kg.render.model import Career, Fact, Node


def render(career: Career) -> dict[str, bytes]:
    details: dict[str, list[Fact]] = {}  # what the graph says about each thing a role points at
    for fact in career.edges():
        details.setdefault(fact.subject, []).append(fact)
    return {role.page: page.render("role.html", root="../", title=role.label, role=role, **_groups(career, role, details))
            for role in career.of_type("Role")}


def _groups(career: Career, role: Node, details: dict[str, list[Fact]]) -> dict:
    facts = career.facts_about({role.id})
    outgoing = sorted((f for f in facts if f.subject == role.id), key=lambda f: (not f.literal, f.predicate, f.object))
    incoming = sorted((f for f in facts if f.subject != role.id), key=lambda f: (f.predicate, f.subject))
    return {
        "outgoing": _grouped(career, outgoing, lambda f: f.object, details),
        "incoming": _grouped(career, incoming, lambda f: f.subject, {}),
    }


def _grouped(career: Career, facts: list[Fact], other, details: dict[str, list[Fact]]) -> list[dict]:
    return [{"predicate": predicate, "entries": [_item(career, f, other(f), details.get(other(f), [])) for f in group]}
            for predicate, group in groupby(facts, key=lambda f: f.predicate)]


def _item(career: Career, fact: Fact, other: str, details: list[Fact]) -> dict:
    node = None if fact.literal else career.nodes[other]
    return {
        "fact": fact,
        "text": node.label if node else other,
        "type": career.type_labels.get(node.type, node.type) if node else "",
        "href": f"../{node.page}" if node and node.page else "",
        "details": [(d.predicate, career.nodes[d.object].label) for d in details if d.object in career.nodes],
    }
