"""The named career questions: one SPARQL file each, with a grlc-style `#+` header (see kg.query.catalogue)."""
