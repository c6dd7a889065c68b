"""Stage 5, store: the Oxigraph store the build persists (`persisted`), the rdflib view over it (`careerstore`),
parameter bindings for its SPARQL (`bindings`) and SHACL validation (`shacl`)."""
