"""The project's namespaces and the prefixes every graph, query and export binds."""

from rdflib import Namespace
from rdflib.namespace import DCTERMS, OWL, PROV, RDF, RDFS, SKOS, XSD

KG = Namespace("https://w3id.org/careerkg/ontology#")
KGR = Namespace("https://w3id.org/careerkg/id/")
KGSH = Namespace("https://w3id.org/careerkg/shapes#")
SCHEMA = Namespace("https://schema.org/")
GRAPH_BASE = "https://w3id.org/careerkg/graph/"  # named graphs: one per article (kg.export.dataset, kg.store.graphs)
ARTICLE_GRAPHS = f"{GRAPH_BASE}article/"


def article_graph_iri(article: str) -> str:
    """The named graph of the article whose IRI is `article`."""
    return f"{ARTICLE_GRAPHS}{str(article).rsplit('/', 1)[-1]}"

PREFIXES = {
    "kg": KG,
    "kgr": KGR,
    "skos": SKOS,
    "prov": PROV,
    "schema": SCHEMA,
    "rdf": RDF,
    "rdfs": RDFS,
    "owl": OWL,
    "xsd": XSD,
    "dcterms": DCTERMS,
}


def bind(graph):
    """Bind the project prefixes (and only them) so exports read the same everywhere."""
    for prefix, namespace in PREFIXES.items():
        graph.bind(prefix, namespace, override=True, replace=True)
    return graph
