"""The network views' data: vis-network nodes, edges and options, plus the side panel's facts.

Nodes and edges are pyvis's own Node and Edge objects (its model of vis-network); they are made here rather
than through pyvis's Network.add_node/add_edge, which look every id up in a list (quadratic in the graph).
"""

from __future__ import annotations

from collections import Counter
from functools import lru_cache
from importlib import resources
from typing import Callable, Iterable

from pyvis.edge import Edge
from pyvis.node import Node

from kg import yamlfile
from kg.render import layout, page
from kg.render.model import Career, Delta, Fact

BIG = 1000  # above this many nodes a network starts with physics off, on a layout computed here
LIMIT = 2500  # nodes a network draws at most (the most connected): a browser stays responsive; roles/ holds the rest
EDGES = 10000  # edges among them at most: hubs of a large corpus are joined by far more edges than nodes
QUOTES = 3  # evidence a big view carries per fact; the role pages carry all of it
_UNKNOWN = {"color": "#9a9a9a", "shape": "dot", "size": 8}


@lru_cache(maxsize=1)
def palette() -> dict[str, dict]:
    return yamlfile.load(resources.files("kg.render").joinpath("palette.yaml").read_text(encoding="utf-8"))


def style(type_: str) -> dict:
    return palette().get(type_, _UNKNOWN)


def panel(career: Career, node_ids: list[str], keep: frozenset[str] | None = None, hidden: int = 0) -> tuple[dict, list[Fact]]:
    """What the side panel shows for these nodes: their facts with evidence, and every node those facts name.

    A view of more than BIG nodes or one that left some out (`hidden`) carries only the facts it draws (the links
    among them of the predicates `keep`, None: of any) and QUOTES pieces of evidence each; each role's page has
    the rest (every fact of every node made pages of a hundred megabytes)."""
    quotes = None  # every piece of evidence
    if hidden or len(node_ids) > BIG:
        quotes = QUOTES
        facts = career.links_among(node_ids, keep)
    else:
        facts = career.facts_about(set(node_ids))
    named = set(node_ids) | {f.subject for f in facts} | {f.object for f in facts if not f.literal}
    nodes = {i: career.nodes[i] for i in sorted(named)}
    return {
        "types": {t: {"label": career.type_labels.get(t, t), "color": style(t)["color"]}
                  for t in sorted({n.type for n in nodes.values()}, key=legend_order)},
        "nodes": {i: {"type": n.type, "label": n.label, "labels": n.labels, "alt": n.alt_labels, "page": n.page}
                  for i, n in nodes.items()},
        "facts": [{"s": f.subject, "p": f.predicate, "o": f.object, "literal": f.literal,
                   "evidence": [e.to_json() for e in f.evidence[:quotes]], "more": len(f.evidence[quotes:]) if quotes else 0}
                  for f in facts],
    }, facts


class Links:
    """Degrees and neighbours of links held in memory: a view that read every link of its predicates (skills.html,
    ladder.html) counts them itself, with no query of the Career's table a node."""

    def __init__(self, links: Iterable[tuple[str, str]]) -> None:
        self.degrees: Counter = Counter()
        self._next: dict[str, list[str]] = {}
        for subject, obj in links:
            self.degrees[subject] += 1
            self.degrees[obj] += 1
            self._next.setdefault(subject, []).append(obj)
            self._next.setdefault(obj, []).append(subject)

    def neighbours(self, node: str) -> list[str]:
        return self._next.get(node, [])


class _Before(Links):
    """The degrees and neighbours of every link before `delta` (the Career's are after it): graph.html draws the
    same nodes when `capped` takes the same from both."""

    def __init__(self, career: Career, delta: Delta) -> None:
        self.degrees = Counter(career.degrees(None))
        self._career, self._more, self._less = career, {}, {}
        for links, sign, other in ((delta.gained, -1, self._less), (delta.links - delta.gained, 1, self._more)):
            for subject, _, obj in links:
                self.degrees[subject] += sign
                self.degrees[obj] += sign
                other.setdefault(subject, []).append(obj)
                other.setdefault(obj, []).append(subject)

    def neighbours(self, node: str) -> list[str]:
        found = self._career.neighbours(node, None) + self._more.get(node, [])
        for gone in self._less.get(node, []):
            found.remove(gone)
        return found


def capped(career: Career, node_ids: list[str], keep: frozenset[str] | None = None, links: Links | None = None) -> tuple[list[str], int]:
    """The nodes of `node_ids` a network draws, in their order, and how many it leaves out: all of them, or the
    most connected (by the links of the predicates `keep`, None: of any; ties by id) while they are at most LIMIT
    with at most EDGES edges among them. Those links must join `node_ids` only to one another (true of every
    view's: all nodes, the roles and the skills they require, a family of the ladder), so degrees are counted by
    the Career's table and the walk reads the links of the nodes it takes, not those of every node; or from
    `links`, every link of `keep` when the view holds them."""
    members = set(node_ids)
    degrees = career.degrees(keep) if links is None else links.degrees
    degree = {node: degrees[node] for node in members if node in degrees}
    if len(node_ids) <= LIMIT and sum(degree.values()) <= 2 * EDGES:
        return node_ids, 0
    neighbours = (lambda node: career.neighbours(node, keep)) if links is None else links.neighbours
    chosen: set[str] = set()
    toward: Counter = Counter()  # node -> its links to the nodes chosen so far
    edges = 0
    for node in sorted(members, key=lambda i: (-degree.get(i, 0), i)):
        added = toward[node]
        if len(chosen) == LIMIT or edges + added > EDGES:
            break
        chosen.add(node)
        edges += added
        if node in degree:
            toward.update(neighbours(node))
    return [i for i in node_ids if i in chosen], len(members) - len(chosen)


def alters(career: Career, delta: Delta, keep: frozenset[str] | None) -> bool:
    """Whether the rows `delta` changed (kg.render.model.updated) may show on a network of the links of the
    predicates `keep` (None: of any, over every node) and its panel, so that its page must be rendered again.

    The nodes drawn, their degrees, levels and sizes follow from the links of `keep` alone: when none came or went,
    the page shows the same nodes, and changes only if one of them, or a fact its panel carries, did (graph.html's
    most connected nodes are worked out from the links before the change too: the same nodes, the same page). A
    panel of at most BIG nodes may carry every fact of the nodes and every node those facts name: any change of
    those counts. Larger ones carry the links among the nodes drawn."""
    if keep is None:  # every node: the most connected drawn, the same before `delta` if `capped` takes the same
        taken = capped(career, list(career.nodes))
        if delta.members or delta.links and taken != capped(career, list(career.nodes), None, _Before(career, delta)):
            return True
        members, drawn = career.nodes.keys(), set(taken[0])
    else:
        if any(not literal and predicate in keep for _, predicate, _, literal in delta.facts):
            return True
        members = drawn = {node for link in career.links(keep) for node in link}
    if len(members) <= BIG:
        return bool(delta.nodes) or any(s in members or not literal and o in members for s, _, o, literal in delta.facts)
    return not delta.nodes.isdisjoint(drawn) or any(not literal and s in drawn and o in drawn for s, _, o, literal in delta.facts)


def render_page(filename: str, title: str, model: dict, **context) -> dict[str, bytes]:
    """A network page from templates/<filename>; its legend lists the types drawn, in palette order."""
    drawn = {node["group"] for net in model["networks"] for node in net["nodes"]}
    legend = [t for t in model["panel"]["types"] if t in drawn]
    return {filename: page.render(filename, current=filename, title=title, model=model, legend=legend, **context)}


def legend_order(type_: str) -> tuple[int, str]:
    order = list(palette())
    return (order.index(type_) if type_ in order else len(order), type_)


def network(career: Career, name: str, node_ids: list[str], facts: list[Fact], *, keep: frozenset[str] | None = None,
            options: dict | None = None, nodes: dict[str, dict] | None = None, edges: Callable[[Fact], dict] = lambda f: {}) -> dict:
    """One vis-network: the given nodes and the edges among them of the predicates `keep` (None: of any).

    Edge ids are indexes into the panel's facts, so a clicked edge finds its evidence.
    """
    members = set(node_ids)
    extra = nodes or {}
    vis_nodes = {}
    for i in node_ids:
        if i in vis_nodes:
            continue
        node = career.nodes[i]
        vis_nodes[i] = Node(i, "dot", node.label or i, group=node.type, **extra.get(i, {})).options
    drawn = [(index, f) for index, f in enumerate(facts)
             if not f.literal and f.subject in members and f.object in members and (keep is None or f.predicate in keep)]
    vis_edges = [Edge(fact.subject, fact.object, directed=True, id=f"f{index}", **edges(fact)).options for index, fact in drawn]
    big = len(node_ids) > BIG
    if big and not all("x" in vis_nodes[i] for i in vis_nodes):  # a view may place its own nodes
        for node, position in layout.positions(node_ids, [(f.subject, f.object) for _, f in drawn], career.layouts).items():
            vis_nodes[node].update(position)
    options = _options(sorted({career.nodes[i].type for i in node_ids}), big, options or {})
    return {"id": name, "nodes": list(vis_nodes.values()), "edges": vis_edges, "options": options}


def _options(types: list[str], big: bool, overrides: dict) -> dict:
    options = {
        "groups": {t: style(t) for t in types},
        "nodes": {"font": {"size": 12, "face": "system-ui, sans-serif"}, "borderWidth": 1},
        "edges": {"smooth": False, "color": {"color": "#b8b8b8", "highlight": "#444444"},
                  "arrows": {"to": {"enabled": True, "scaleFactor": 0.5}}, "font": {"size": 10, "align": "middle"}},
        "interaction": {"hover": True, "hideEdgesOnDrag": big, "tooltipDelay": 300},
        "layout": {"randomSeed": layout.SEED, "improvedLayout": not big},
        "physics": {"enabled": not big, "solver": "forceAtlas2Based",
                    "forceAtlas2Based": {"gravitationalConstant": -60, "springLength": 90},
                    "stabilization": {"enabled": not big, "iterations": 300, "fit": True}},
    }
    for key, value in overrides.items():
        options[key] = {**options.get(key, {}), **value} if isinstance(value, dict) else value
    return options
