"""skills.html: roles and the skills they require, as a bipartite network; shared skills are drawn larger."""

from __future__ import annotations

from kg.render.model import Career, Delta, Node
from kg.render.network import Links, capped, network, panel, render_page
from kg.render.network import alters as _alters

REQUIRES = "requires skill"
_REQUIRES = frozenset({REQUIRES})
SHARED = {"borderWidth": 3, "color": {"border": "#111111"}}


def holders(career: Career) -> dict[str, list[str]]:
    """Skill id -> the ids of the roles that require it, both sorted."""
    found: dict[str, list[str]] = {}
    for role, skill in career.links(_REQUIRES):
        found.setdefault(skill, []).append(role)
    return {skill: sorted(roles) for skill, roles in sorted(found.items())}


def model(career: Career, needs: dict[str, list[str]] | None = None) -> dict:
    """The page's networks and panel; `needs` is `holders(career)` when the caller has it."""
    needs = holders(career) if needs is None else needs
    links = Links((role, skill) for skill, roles in needs.items() for role in roles)
    node_ids, hidden = capped(career, sorted({r for roles in needs.values() for r in roles}) + list(needs), _REQUIRES, links)
    facts_panel, facts = panel(career, node_ids, keep=_REQUIRES, hidden=hidden)
    sizes = {skill: {"size": 8 + 5 * len(roles), **(SHARED if len(roles) > 1 else {})} for skill, roles in needs.items()}
    return {"panel": facts_panel, "hidden": hidden,
            "networks": [network(career, "skills", node_ids, facts, keep=_REQUIRES, nodes=sizes)]}


def shared(career: Career, needs: dict[str, list[str]]) -> list[tuple[Node, list[Node]]]:
    """Skills more than one role requires (`needs`: `holders(career)`), the most shared first."""
    ordered = sorted(needs.items(), key=lambda kv: (-len(kv[1]), kv[0]))
    return [(career.nodes[s], [career.nodes[r] for r in roles]) for s, roles in ordered if len(roles) > 1]


def render(career: Career) -> dict[str, bytes]:
    needs = holders(career)
    return render_page("skills.html", "Roles and skills", model(career, needs), shared=shared(career, needs))


def alters(career: Career, delta: Delta) -> bool:
    return _alters(career, delta, _REQUIRES)
