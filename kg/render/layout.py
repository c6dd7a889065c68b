"""A precomputed layout for big networks, so the page opens with physics off and nothing to simulate.

A full spring layout of thousands of nodes takes tens of seconds in Python, so only the hubs (the
best-connected nodes) get one, linked by the neighbours they share; every other node is placed
beside the hubs it touches. Seeded and rounded: the same graph always gets the same coordinates.
"""

from __future__ import annotations

import hashlib
import json
import math
from collections import Counter
from itertools import combinations

import networkx as nx

SEED = 7
HUBS = 200  # nodes laid out by the spring model; the rest follow them
MEMO = 4  # layouts kept: a build lays out graph.html's network and skills.html's


def positions(node_ids: list[str], edges: list[tuple[str, str]], memo: dict | None = None) -> dict[str, dict[str, int]]:
    """Each node's place; the last MEMO layouts are kept in `memo` by a digest of their nodes and edges, so a build
    whose network an edit did not change lays nothing out (and does not import numpy)."""
    if memo is None:
        return _positions(node_ids, edges)
    key = hashlib.sha256(json.dumps([node_ids, edges], ensure_ascii=False).encode("utf-8")).hexdigest()
    found = memo.pop(key, None) or _positions(node_ids, edges)
    memo[key] = found  # the most recently used last
    for old in list(memo)[:-MEMO]:
        del memo[old]
    return found


def _positions(node_ids: list[str], edges: list[tuple[str, str]]) -> dict[str, dict[str, int]]:
    graph = nx.Graph()
    graph.add_nodes_from(node_ids)
    graph.add_edges_from(edges)
    hubs = sorted(node_ids, key=lambda n: (-graph.degree(n), n))[:HUBS]
    placed = _hub_layout(graph, sorted(hubs))
    frontier = sorted(set(node_ids) - set(placed))
    while frontier:
        ready = [n for n in frontier if any(m in placed for m in graph[n])]
        if not ready:
            break
        for node in ready:  # beside the mean of its placed neighbours, at an angle fixed by its id
            near = [placed[m] for m in sorted(graph[node]) if m in placed]
            x, y = (sum(p[0] for p in near) / len(near), sum(p[1] for p in near) / len(near))
            angle, radius = _jitter(node)
            placed[node] = (x + radius * math.cos(angle), y + radius * math.sin(angle))
        frontier = [n for n in frontier if n not in placed]
    for index, node in enumerate(frontier):  # unconnected nodes on an outer ring
        angle = 2 * math.pi * index / len(frontier)
        placed[node] = (1.3 * math.cos(angle), 1.3 * math.sin(angle))
    scale = 40 * len(node_ids) ** 0.5
    return {n: {"x": round(x * scale), "y": round(y * scale)} for n, (x, y) in sorted(placed.items())}


def _hub_layout(graph: nx.Graph, hubs: list[str]) -> dict[str, tuple[float, float]]:
    """Spring layout of the hubs, two hubs pulled together by every neighbour they share."""
    members = set(hubs)
    pulls: Counter[tuple[str, str]] = Counter()
    for node in sorted(graph):
        linked = sorted(m for m in graph[node] if m in members)
        pulls.update(tuple(sorted((node, m))) for m in linked if node in members)
        pulls.update(combinations(linked, 2))
    core = nx.Graph()
    core.add_nodes_from(hubs)
    core.add_weighted_edges_from((a, b, w) for (a, b), w in sorted(pulls.items()))
    layout = nx.spring_layout(core, seed=SEED, iterations=60)
    return {n: (float(x), float(y)) for n, (x, y) in layout.items()}


def _jitter(node: str) -> tuple[float, float]:
    digest = hashlib.sha256(node.encode("utf-8")).digest()
    return 2 * math.pi * digest[0] / 256, 0.02 + 0.06 * digest[1] / 256
