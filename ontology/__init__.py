"""OWL ontology and SHACL shapes, shipped as package data."""
