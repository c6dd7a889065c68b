"""index.html: the landing page a newcomer opens first: counts, the roles (searchable), the views, the articles."""

from __future__ import annotations

from collections import Counter

from kg.render import page
from kg.render.model import Career, Delta
from kg.render.network import legend_order


def render(career: Career) -> dict[str, bytes]:
    counts = Counter(n.type for n in career.nodes.values())
    types = [{"label": career.type_labels.get(t, t), "count": counts[t]} for t in sorted(counts, key=legend_order)]
    roles = sorted(career.of_type("Role"), key=lambda n: (n.label.casefold(), n.id))
    return {"index.html": page.render("index.html", current="index.html", title="Career knowledge graph", types=types, roles=roles,
                                      articles=career.articles, facts=career.fact_count(),
                                      evidence=career.evidence_count(), nodes=len(career.nodes))}


def alters(career: Career, delta: Delta) -> bool:
    """Whether `delta` may change the page: it counts and lists nodes and articles, and counts facts and evidence."""
    return bool(delta.nodes or delta.articles or delta.counts)
