"""ladder.html: promotion and reporting paths as top-down hierarchies, one per connected family of roles.

Levels are computed here (longest path up from the most junior role), so juniors sit at the bottom
whatever order the facts come in; a cycle in the text puts its roles on one level. A family of more than
PLACED_FROM roles is placed here too, row by row: vis-network's hierarchical layout froze headless Chromium
for over a minute on a family of 600 roles.
"""

from __future__ import annotations

import networkx as nx

from kg.render.model import Career, Delta, Fact
from kg.render.network import Links, capped, network, panel, render_page
from kg.render.network import alters as _alters

STEPS = frozenset({"promotes to", "reports to"})
HIERARCHY = {
    "layout": {"hierarchical": {"enabled": True, "direction": "DU", "sortMethod": "directed",
                                "levelSeparation": 130, "nodeSpacing": 260}},
    "physics": {"enabled": False},
}
PLACED = {"layout": {"hierarchical": {"enabled": False}}, "physics": {"enabled": False}}
PLACED_FROM = 150
ROW, COLUMN, WIDTH = 130, 260, 40  # HIERARCHY's levelSeparation and nodeSpacing; roles per row


def is_step(fact: Fact) -> bool:
    return fact.predicate in STEPS


def model(career: Career) -> dict:
    steps = career.links(STEPS)
    ladder = nx.DiGraph()
    ladder.add_edges_from(steps)
    levels = _levels(ladder)
    families = sorted((sorted(c) for c in nx.weakly_connected_components(ladder)), key=lambda c: (-len(c), c[0]))
    linked = Links(steps)
    drawn = [capped(career, family, STEPS, linked) for family in families]
    hidden = sum(left_out for _, left_out in drawn)
    facts_panel, facts = panel(career, sorted(n for family, _ in drawn for n in family), keep=STEPS, hidden=hidden)
    networks = []
    for number, (family, _) in enumerate(drawn, 1):
        hub = min(family, key=lambda n: (-ladder.degree(n), n))
        big = len(family) > PLACED_FROM
        spec = network(career, f"ladder-{number}", family, facts, keep=STEPS, options=PLACED if big else HIERARCHY,
                       nodes=_rows(family, levels) if big else {n: {"level": levels[n]} for n in family},
                       edges=lambda f: {"label": f.predicate, "dashes": f.predicate == "reports to"})
        networks.append({**spec, "title": f"Around {career.nodes[hub].label}"})
    return {"panel": facts_panel, "networks": networks, "hidden": hidden}


def _levels(ladder: nx.DiGraph) -> dict[str, int]:
    dag = nx.condensation(ladder)
    level: dict[int, int] = {}
    for component in nx.lexicographical_topological_sort(dag):
        level[component] = max((level[p] + 1 for p in dag.predecessors(component)), default=0)
    return {node: level[dag.graph["mapping"][node]] for node in ladder.nodes}


def _rows(family: list[str], levels: dict[str, int]) -> dict[str, dict]:
    """Each level in rows of at most WIDTH roles (id order), centred, juniors at the bottom."""
    by_level: dict[int, list[str]] = {}
    for node in family:
        by_level.setdefault(levels[node], []).append(node)
    placed, line = {}, 0
    for level, roles in sorted(by_level.items()):
        for start in range(0, len(roles), WIDTH):
            row = roles[start:start + WIDTH]
            for i, node in enumerate(row):
                placed[node] = {"level": level, "x": round((i - (len(row) - 1) / 2) * COLUMN), "y": -line * ROW}
            line += 1
    return placed


def render(career: Career) -> dict[str, bytes]:
    return render_page("ladder.html", "Career ladders", model(career))


def alters(career: Career, delta: Delta) -> bool:
    return _alters(career, delta, STEPS)
