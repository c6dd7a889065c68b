"""graph.html: the whole career graph, coloured by type, searchable, filterable, with evidence on click."""

from __future__ import annotations

from kg.render.model import Career, Delta
from kg.render.network import alters as _alters
from kg.render.network import capped, network, panel, render_page


def model(career: Career) -> dict:
    node_ids, hidden = capped(career, list(career.nodes))
    facts_panel, facts = panel(career, node_ids, hidden=hidden)
    return {"panel": facts_panel, "networks": [network(career, "graph", node_ids, facts)], "hidden": hidden}


def render(career: Career) -> dict[str, bytes]:
    return render_page("graph.html", "Career graph", model(career))


def alters(career: Career, delta: Delta) -> bool:
    return _alters(career, delta, None)
