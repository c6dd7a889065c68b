"""Career paths over the graph with networkx: ladders, routes between roles, skill gaps, similar roles.

    kg.paths.ladder(graph, "account manager")       # promotions up and down
    kg.paths.between(graph, "account manager", "vicepresidente della gestione dei conti")
    kg.paths.gap(graph, "account manager", "account executive")
    kg.paths.similar(graph, "account executive", top=5)
    kg.paths.stats(graph)
"""

from kg.paths.career import Edge, Ladder, Similar, Stats, between, gap, ladder, similar, stats, view

__all__ = ["Edge", "Ladder", "Similar", "Stats", "between", "gap", "ladder", "similar", "stats", "view"]
