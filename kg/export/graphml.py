"""GraphML for Gephi, yEd and networkx: the things of the graph as nodes, the facts between them as edges.

Evidence and articles stay out (they are about facts, not part of the network); literal facts such as
definitions become node attributes. Written as blocks (kg.export.blocks, kg.export.headed): the attribute
keys, then one block per labelled node in IRI order, its <node> followed by its outgoing <edge>s, each made
from that node's triples, the evidence about them and whether what they point at is labelled.
"""

from __future__ import annotations

import io
from collections import Counter
from xml.sax.saxutils import escape, quoteattr

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF, SKOS

from kg.export.blocks import Layout, write_to
from kg.export.headed import Headed
from kg.export.names import local_name
from kg.graph.index import GraphIndex, indexed

NODE_KEYS = ("iri", "label", "type")  # every node has them; the others come from its literals
EDGE_KEYS = ("evidence", "label", "predicate")
LAYOUT = Layout(b'<?xml version="1.0" encoding="utf-8"?>\n<graphml xmlns="http://graphml.graphdrawing.org/xmlns" '
                b'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns '
                b'http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">\n', b"  </graph>\n</graphml>\n")


def serialize(graph: Graph | GraphIndex) -> bytes:
    blocks = Blocks(indexed(graph))
    out = io.BytesIO()
    write_to(out, LAYOUT, "graphml", blocks.all_keys(), blocks)
    return out.getvalue()


def keys(graph: GraphIndex) -> list[str]:
    return Blocks(graph).all_keys()


class Blocks(Headed):
    """One labelled node's block: its attributes (labels, types, literal facts) and its edges to labelled nodes."""

    def keys(self) -> list[str]:
        return sorted(str(s) for s, properties in self.graph.subjects.items() if SKOS.prefLabel in properties)

    def _attributes(self, key: str) -> dict[str, str] | None:
        properties = self.graph.subjects.get(URIRef(key), {})
        if SKOS.prefLabel not in properties:
            return None
        extra: dict[str, list[str]] = {}
        for prop, value in sorted((p, o) for p, objects in properties.items() for o in objects if isinstance(o, Literal)):
            name = f"{local_name(prop)}_{value.language}" if value.language else local_name(prop)
            extra.setdefault(f"label_{value.language or ''}" if prop == SKOS.prefLabel else name, []).append(str(value))
        labels = {name: values for name, values in extra.items() if name.startswith("label_")}
        label = (labels.get("label_en") or next(iter(labels.values()), [""]))[0]
        types = " ".join(sorted(local_name(t) for t in properties.get(RDF.type, ())))
        return {"iri": key, "label": label, "type": types, **{name: " | ".join(values) for name, values in sorted(extra.items())}}

    def uses(self, key: str) -> tuple[str, ...] | None:
        attributes = self._attributes(key)
        return None if attributes is None else tuple(name for name in attributes if name not in NODE_KEYS)

    def head(self, names: set[str]) -> bytes:
        lines = [_key("edge", name, "long" if name == "evidence" else "string") for name in EDGE_KEYS]
        lines += [_key("node", name, "string") for name in sorted({*NODE_KEYS, *names})]
        return ("".join(lines) + '  <graph edgedefault="directed">\n').encode("utf-8")

    def body(self, key: str, names: set[str]) -> bytes | None:
        attributes = self._attributes(key)
        if attributes is None:
            return None
        subject = URIRef(key)
        lines = [f"    <node id={quoteattr(key)}>\n", *_data("node", attributes), "    </node>\n"]
        evidence = self._evidence(subject)
        properties = self.graph.subjects[subject]
        for prop, obj in sorted((p, o) for p, objects in properties.items() for o in objects if isinstance(o, URIRef)):
            if SKOS.prefLabel in self.graph.subjects.get(obj, {}):
                name = local_name(prop)
                lines.append(f"    <edge source={quoteattr(key)} target={quoteattr(str(obj))} id={quoteattr(name)}>\n")
                lines += _data("edge", {"evidence": str(evidence[prop, obj]), "label": name, "predicate": str(prop)})
                lines.append("    </edge>\n")
        return "".join(lines).encode("utf-8")

    def _evidence(self, subject: URIRef) -> Counter:
        """(predicate, object) -> the evidence about that fact of `subject`."""
        return Counter(self.graph.evidenced(subject))


def _key(kind: str, name: str, type_: str) -> str:
    return f"  <key id={quoteattr(f'{kind}_{name}')} for=\"{kind}\" attr.name={quoteattr(name)} attr.type=\"{type_}\" />\n"


def _data(kind: str, attributes: dict[str, str]) -> list[str]:
    return [f"      <data key={quoteattr(f'{kind}_{name}')}>{escape(value)}</data>\n" for name, value in attributes.items()]
