"""Short names for IRIs in exports that are not RDF (CSV cells, GraphML attributes, VoID partition IRIs)."""

from __future__ import annotations

from kg.graph.namespaces import PREFIXES


def compact(iri) -> str:
    """`kg:requiresSkill` for a project or standard vocabulary term; other IRIs unchanged."""
    for prefix, namespace in PREFIXES.items():
        if prefix != "kgr" and str(iri).startswith(str(namespace)):
            return f"{prefix}:{str(iri)[len(str(namespace)):]}"
    return str(iri)


def local_name(iri) -> str:
    text = str(iri)
    return text.rsplit("#", 1)[-1] if "#" in text else text.rsplit("/", 1)[-1]
