"""Stage 4, graph: the ontology and its namespaces, the mapper from resolved facts to triples, and the read model
(GraphIndex) and label lookups every consumer shares."""
