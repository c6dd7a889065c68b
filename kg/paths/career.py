"""Career-path analytics on a networkx view of the graph: the chains, shortest paths, overlaps and centrality
that plain SPARQL does badly. Every answer carries the evidence quote of each edge it uses.

    kg.paths.ladder(graph, "account manager")       # promotions up and down
    kg.paths.between(graph, "account manager", "vicepresidente della gestione dei conti")
    kg.paths.gap(graph, "account manager", "account executive")
    kg.paths.similar(graph, "account executive", top=5)
    kg.paths.stats(graph)
"""

from __future__ import annotations

import textwrap
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

import networkx as nx
from rdflib import RDF, Graph, URIRef

from kg.graph import labels
from kg.graph.namespaces import KG, PREFIXES

CAREER = (KG.promotesTo, KG.reportsTo, KG.relatedRole)  # role -> role edges
NEEDS = (KG.requiresSkill, KG.requiresQualification)  # the role-skill bipartite part
FEATURES = (*NEEDS, KG.hasResponsibility, KG.inIndustry, KG.commonLocation, KG.relatedRole)  # what `similar` compares


@dataclass(frozen=True)
class Edge:
    """One fact the answer uses, with the sentence that states it."""

    source: str
    relation: str
    target: str
    quote: str

    def __str__(self) -> str:
        return f"{self.source} --{self.relation}--> {self.target}\n    \u201c{self.quote}\u201d"


@dataclass(frozen=True)
class Ladder:
    role: str
    up: tuple[Edge, ...]
    down: tuple[Edge, ...]

    def __str__(self) -> str:
        parts = [f"promotion ladder of {self.role}"]
        for name, edges in (("up", self.up), ("down", self.down)):
            parts.append(f"{name}:" + ("".join("\n" + textwrap.indent(str(e), "  ") for e in edges) or " none"))
        return "\n".join(parts)


@dataclass(frozen=True)
class Similar:
    role: str
    score: float  # Jaccard index of the two roles' features
    shared: tuple[tuple[Edge, Edge], ...]  # each shared feature: the fact for the asked role, then for this one

    def __str__(self) -> str:
        lines = [f"{self.role}  {self.score:.3f}"]
        for mine, theirs in self.shared:
            lines += [f"  shares {mine.target} ({mine.relation})", f"    \u201c{mine.quote}\u201d", f"    \u201c{theirs.quote}\u201d"]
        return "\n".join(lines)


@dataclass(frozen=True)
class Stats:
    nodes: dict[str, int]  # by class
    edges: dict[str, int]  # by relation
    components: tuple[int, ...]  # sizes of the connected parts of the role graph, largest first
    central_roles: tuple[tuple[str, float], ...]  # degree centrality in the role graph
    central_skills: tuple[tuple[str, int], ...]  # number of roles that need the skill

    def __str__(self) -> str:
        lines = ["nodes: " + ", ".join(f"{k} {v}" for k, v in self.nodes.items())]
        lines.append("edges: " + ", ".join(f"{k} {v}" for k, v in self.edges.items()))
        lines.append(f"role graph: {len(self.components)} components, sizes {', '.join(map(str, self.components))}")
        lines.append("most central roles: " + ", ".join(f"{r} ({c:.2f})" for r, c in self.central_roles))
        lines.append("most needed skills: " + ", ".join(f"{s} (needed by {n})" for s, n in self.central_skills))
        return "\n".join(lines)


def view(graph: Graph, relations: tuple = CAREER + FEATURES) -> nx.MultiDiGraph:
    """Nodes are things (with label and class), edges the evidenced facts of `relations` between them, keyed by
    relation; the default (every relation kg.paths reads) with every thing of a kg: class as a node.

    A few relations are read with one query each (only their evidence, not the graph's); an edge's quote is
    that of its first evidence by IRI."""
    out = nx.MultiDiGraph()
    names = labels.display_labels(graph)
    if relations == CAREER + FEATURES:
        for node, type_ in graph.subject_objects(RDF.type):
            if type_ != KG.Evidence and isinstance(node, URIRef) and str(type_).startswith(str(KG)):
                out.add_node(node, label=names.get(node, str(node)), kind=type_[len(str(KG)):])
    found = []
    for relation in relations:
        for row in graph.query(_edges(), initNs=PREFIXES, initBindings={"relation": relation}):
            found.append((row.evidence, row.source, row.sourceClass, relation, row.target, row.targetClass, row.quote))
    for _, source, source_class, relation, target, target_class, quote in sorted(found):
        for node, type_ in ((source, source_class), (target, target_class)):
            if node not in out:
                out.add_node(node, label=names.get(node, str(node)), kind=type_[len(str(KG)):])
        if not out.has_edge(source, target, relation):
            out.add_edge(source, target, key=relation, quote=str(quote))
    return out


@lru_cache(maxsize=1)
def _edges() -> str:
    return resources.files("kg.paths").joinpath("ladder_edges.rq").read_text(encoding="utf-8")


def _roles(net: nx.MultiDiGraph, graph: Graph, *names: str) -> list[URIRef]:
    """The roles called `names`, made nodes of `net` when none of its relations touches them."""
    found = [labels.require(graph, name, KG.Role) for name in names]
    net.add_nodes_from((node, {"label": labels.label(graph, node), "kind": "Role"}) for node in found if node not in net)
    return found


def _edge(net: nx.MultiDiGraph, source, target, relation) -> Edge:
    quote = net.edges[source, target, relation]["quote"]
    name = relation[len(str(KG)):]
    return Edge(net.nodes[source]["label"], name, net.nodes[target]["label"], quote)


def _relation(net: nx.MultiDiGraph, relations) -> nx.DiGraph:
    """The plain directed graph of some relations only."""
    out = nx.DiGraph()
    out.add_edges_from((s, t) for s, t, r in net.edges(keys=True) if r in relations)
    return out


def _sorted(net, edges) -> tuple[Edge, ...]:
    return tuple(sorted((_edge(net, *e) for e in edges), key=lambda e: (e.source, e.relation, e.target)))


def ladder(graph: Graph, role: str) -> Ladder:
    """Every promotion reachable from `role` upwards, and every one leading to it from below."""
    net = view(graph, (KG.promotesTo,))
    node, = _roles(net, graph, role)
    promotions = _relation(net, (KG.promotesTo,))
    if node not in promotions:
        return Ladder(net.nodes[node]["label"], (), ())
    above = nx.descendants(promotions, node) | {node}
    below = nx.ancestors(promotions, node) | {node}
    up = [(s, t, KG.promotesTo) for s in above for t in promotions.successors(s)]
    down = [(s, t, KG.promotesTo) for t in below for s in promotions.predecessors(t)]
    return Ladder(net.nodes[node]["label"], _sorted(net, up), _sorted(net, down))


def between(graph: Graph, start: str, end: str) -> tuple[Edge, ...]:
    """A shortest chain of promotion, reporting or related-role facts joining two roles, in either direction."""
    net = view(graph, CAREER)
    a, b = _roles(net, graph, start, end)
    roles = _relation(net, CAREER).to_undirected()
    if a not in roles or b not in roles or not nx.has_path(roles, a, b):
        return ()
    path = nx.shortest_path(roles, a, b)
    steps = []
    for u, v in zip(path, path[1:]):
        forward = [(u, v, r) for r in CAREER if net.has_edge(u, v, r)]
        steps.append((forward or [(v, u, r) for r in CAREER if net.has_edge(v, u, r)])[0])
    return tuple(_edge(net, *step) for step in steps)


def gap(graph: Graph, have: str, want: str) -> tuple[Edge, ...]:
    """The skills and qualifications role `want` needs that role `have` does not list."""
    net = view(graph, NEEDS)
    a, b = _roles(net, graph, have, want)
    owned = {t for _, t, r in net.out_edges(a, keys=True) if r in NEEDS}
    return _sorted(net, [(b, t, r) for _, t, r in net.out_edges(b, keys=True) if r in NEEDS and t not in owned])


def _features(net: nx.MultiDiGraph, node) -> dict:
    """Feature node -> the edge that gives it; related roles count from either side."""
    found = {t: (node, t, r) for _, t, r in net.out_edges(node, keys=True) if r in FEATURES}
    found.update({s: (s, node, r) for s, _, r in net.in_edges(node, keys=True) if r == KG.relatedRole and s not in found})
    return found


def similar(graph: Graph, role: str, top: int = 5) -> tuple[Similar, ...]:
    """Roles ranked by the Jaccard index of their skills, duties, industries, places and related roles."""
    net = view(graph, FEATURES)
    node, = _roles(net, graph, role)
    mine = _features(net, node)
    ranked = []
    for other in (n for n, kind in net.nodes(data="kind") if kind == "Role" and n != node):
        theirs = _features(net, other)
        shared = sorted(set(mine) & set(theirs), key=lambda f: net.nodes[f]["label"])
        if shared:
            score = len(shared) / len(set(mine) | set(theirs))
            pairs = tuple((_edge(net, *mine[f]), _edge(net, *theirs[f])) for f in shared)
            ranked.append(Similar(net.nodes[other]["label"], score, pairs))
    return tuple(sorted(ranked, key=lambda s: (-s.score, s.role))[:top])


def stats(graph: Graph, top: int = 5) -> Stats:
    """Sizes, the connected parts of the role graph, and the most central roles and skills."""
    net = view(graph)
    kinds = sorted(kind for _, kind in net.nodes(data="kind"))
    relations = sorted(r[len(str(KG)):] for _, _, r in net.edges(keys=True))
    roles = _relation(net, CAREER).to_undirected()
    roles.add_nodes_from(n for n, kind in net.nodes(data="kind") if kind == "Role")
    centrality = nx.degree_centrality(roles) if len(roles) > 1 else {}
    needed = {t: sum(1 for _, _, r in net.in_edges(t, keys=True) if r == KG.requiresSkill)
              for t, kind in net.nodes(data="kind") if kind == "Skill"}
    return Stats(
        nodes={k: kinds.count(k) for k in dict.fromkeys(kinds)},
        edges={r: relations.count(r) for r in dict.fromkeys(relations)},
        components=tuple(sorted((len(c) for c in nx.connected_components(roles)), reverse=True)),
        central_roles=tuple(sorted(((net.nodes[n]["label"], c) for n, c in centrality.items()), key=lambda x: (-x[1], x[0]))[:top]),
        central_skills=tuple(sorted(((net.nodes[n]["label"], c) for n, c in needed.items()), key=lambda x: (-x[1], x[0]))[:top]),
    )
