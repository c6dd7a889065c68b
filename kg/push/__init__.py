"""Push the graph into a real triple store (SPARQL 1.1 Graph Store HTTP Protocol), one named graph per article."""

from kg.push.endpoint import DEFAULT_STATE, Pushed, push

__all__ = ["DEFAULT_STATE", "Pushed", "push"]
