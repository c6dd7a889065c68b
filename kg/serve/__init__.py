"""The graph over HTTP: SPARQL 1.1 Protocol, named questions, a query page, and the export folder."""

from kg.serve.server import make_server

__all__ = ["make_server"]
