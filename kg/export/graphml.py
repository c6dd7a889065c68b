"""GraphML for Gephi, yEd and networkx: the things of the graph as nodes, the facts between them as edges.

Evidence and articles stay out (they are about facts, not part of the network); literal facts such as
definitions become node attributes. Nodes and edges are added in IRI order so the file is stable.
"""

from __future__ import annotations

from collections import Counter

import networkx as nx
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF, SKOS

from kg.export.names import local_name
from kg.graph.index import GraphIndex, indexed
from kg.graph.namespaces import KG


def network(graph: Graph | GraphIndex) -> nx.MultiDiGraph:
    """Nodes are the labelled things (roles, skills...), edges every triple between two of them."""
    graph = indexed(graph)
    nodes = sorted(s for s, properties in graph.subjects.items() if SKOS.prefLabel in properties)
    known = set(nodes)
    evidence = Counter((graph.value(ev, RDF.subject), graph.value(ev, RDF.predicate), graph.value(ev, RDF.object))
                       for ev in graph.of_type(KG.Evidence))
    result = nx.MultiDiGraph()
    for node in nodes:
        properties = graph.subjects[node]
        attrs = {"iri": str(node), "type": " ".join(sorted(local_name(t) for t in properties.get(RDF.type, ())))}
        for label in sorted(properties[SKOS.prefLabel]):
            attrs[f"label_{label.language}"] = str(label)
        for prop, value in sorted((p, o) for p, objects in properties.items() for o in objects):
            if isinstance(value, Literal) and prop not in (SKOS.prefLabel,):
                name = f"{local_name(prop)}_{value.language}" if value.language else local_name(prop)
                attrs[name] = f"{attrs[name]} | {value}" if name in attrs else str(value)
        attrs["label"] = attrs.get("label_en") or next(v for k, v in attrs.items() if k.startswith("label_"))
        result.add_node(str(node), **attrs)
    for subject in nodes:
        properties = graph.subjects[subject]
        for prop, obj in sorted((p, o) for p, objects in properties.items() for o in objects):
            if isinstance(obj, URIRef) and obj in known:
                result.add_edge(str(subject), str(obj), key=local_name(prop), predicate=str(prop),
                                label=local_name(prop), evidence=evidence.get((subject, prop, obj), 0))
    return result


def serialize(graph: Graph | GraphIndex) -> bytes:
    return ("\n".join(nx.generate_graphml(network(graph), prettyprint=True)) + "\n").encode("utf-8")
