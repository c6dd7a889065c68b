"""SHACL validation of a career graph that scales: the shapes are compiled to SPARQL and run on Oxigraph.

pyshacl on rdflib needs ~30 s for 40k triples (its SPARQL constraints alone take seconds per focus node),
so a corpus of thousands of articles could not be validated. Our shapes use a small set of SHACL Core
components; each becomes one SELECT that returns the offending focus nodes, evaluated by Oxigraph in
milliseconds. A shape with any other component is refused (`UnsupportedShape`), so nothing is silently
left unchecked, and tests compare the reports with pyshacl's on broken graphs.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

import pyoxigraph
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF, SH

from kg.graph.ontology import shapes
from kg.store.persisted import oxigraph_of, to_store
from kg.store.terms import CAREER, career_query

_RDFS_SUBCLASS = "<http://www.w3.org/2000/01/rdf-schema#subClassOf>"
_HANDLED = {SH.path, SH.message, SH.minCount, SH.maxCount, SH.datatype, SH.nodeKind, SH["class"], SH.pattern,
            SH.minLength, SH.uniqueLang, SH.minExclusive, SH.minInclusive, SH.maxInclusive, SH.lessThanOrEquals, SH.lessThan,
            SH.disjoint, RDF.type}
_NODE_HANDLED = {SH.targetClass, SH.property, SH.sparql, RDF.type, SH.message}


class UnsupportedShape(ValueError):
    """A shape uses a SHACL feature this engine does not compile."""


@dataclass(frozen=True)
class Violation:
    focus: str
    path: str
    message: str
    shape: str

    def __str__(self) -> str:
        where = f" {self.path}" if self.path else ""
        return f"{self.focus}{where}: {self.message} [{self.shape}]"


@dataclass(frozen=True)
class Check:
    """One compiled constraint: a query whose rows are violations (its focus nodes filled in per store)."""

    query: str
    path: str
    message: str
    shape: str
    targets: str  # target classes, space separated IRIs


_FOCUS = "#FOCUS#"


def _classes_of(store: pyoxigraph.Store, targets: str) -> str:
    """The pattern binding ?this to instances of the targets or their subclasses (resolved once per store:
    a subClassOf* path inside every query makes Oxigraph 1000x slower)."""
    found = {t.strip("<>") for t in targets.split()}
    for target in list(found):
        query = f"SELECT ?c WHERE {{ ?c {_RDFS_SUBCLASS}+ <{target}> }}"
        found |= {row["c"].value for row in career_query(store, query)}
    return "VALUES ?cls { " + " ".join(f"<{c}>" for c in sorted(found)) + " } ?this a ?cls ."

def validate(graph: Graph, engine: str = "oxigraph") -> list[Violation]:
    """Violations of ontology/shapes.ttl, sorted; `engine="pyshacl"` runs the reference validator instead
    (same report, much slower: for checking this engine or a graph made elsewhere)."""
    if engine == "pyshacl":
        return _pyshacl(graph)
    persisted = oxigraph_of(graph)
    return validate_store(persisted if persisted is not None else to_store(graph))


def validate_store(store: pyoxigraph.Store, focus: frozenset[str] | None = None) -> list[Violation]:
    """Violations of the shapes in the career graph of `store`; of the nodes in `focus` only when given
    (kg.store.graphs.focus: those an edit may have changed, in a graph that had no violation before)."""
    if focus is None:
        return _validate(store)
    return [violation for violation in _validate(_around(store, focus)) if violation.focus in focus]


_OX_TYPE, _OX_SUBJECT = pyoxigraph.NamedNode(str(RDF.type)), pyoxigraph.NamedNode(str(RDF.subject))


def _around(store: pyoxigraph.Store, focus: frozenset[str]) -> pyoxigraph.Store:
    """A store of what the shapes read about the nodes `focus`: their own triples, the types of their values, and
    the evidence about them. Oxigraph does not start its joins from a VALUES list of the focus nodes (a check of
    300 nodes cost most of a check of all), so the checks run on this small store instead."""
    quads, values = [], set()
    for node in focus:
        iri = pyoxigraph.NamedNode(node)
        own = list(store.quads_for_pattern(iri, None, None, CAREER))
        quads += own
        values.update(quad.object for quad in own if isinstance(quad.object, pyoxigraph.NamedNode))
        for evidence in store.quads_for_pattern(None, _OX_SUBJECT, iri, CAREER):
            quads += store.quads_for_pattern(evidence.subject, None, None, CAREER)
    for value in values:  # once a value, not once each focus node naming it (classes, shared skills and places)
        quads += store.quads_for_pattern(value, _OX_TYPE, None, CAREER)
    around = pyoxigraph.Store()
    around.extend(pyoxigraph.Quad(*quad.triple) for quad in quads)  # into its default graph
    return around


def _validate(store: pyoxigraph.Store) -> list[Violation]:
    found = set()
    classes: dict[str, str] = {}
    for check in compiled_checks():
        if check.targets not in classes:
            classes[check.targets] = _classes_of(store, check.targets)
        for row in career_query(store, check.query.replace(_FOCUS, classes[check.targets])):
            path = check.path or (row["path"].value if _bound(row, "path") else "")
            found.add(Violation(row["this"].value, path, check.message, check.shape))
    return sorted(found, key=str)


def _pyshacl(graph: Graph) -> list[Violation]:
    from pyshacl import validate as pyshacl_validate  # imported here: it costs a second at start-up

    if not graph.store.context_aware:  # pyshacl wraps the data in a ConjunctiveGraph (kg.pipeline.build's is SimpleMemory)
        graph = Graph() + graph
    conforms, report, _ = pyshacl_validate(graph, shacl_graph=shapes(), inference="none", advanced=True)
    if conforms:
        return []
    return sorted({
        Violation(str(report.value(r, SH.focusNode)), str(report.value(r, SH.resultPath) or ""),
                  str(report.value(r, SH.resultMessage) or "constraint not met"), str(report.value(r, SH.sourceShape)))
        for r in report.subjects(SH.resultSeverity, SH.Violation)
    }, key=str)


def _bound(row, name: str) -> bool:
    try:
        return row[name] is not None
    except KeyError:
        return False


@lru_cache(maxsize=None)
def compiled_checks() -> tuple[Check, ...]:
    return tuple(compile_shapes(shapes()))


def compile_shapes(graph: Graph) -> list[Check]:
    """Every constraint of every node shape with a target, as SPARQL."""
    checks = []
    for node_shape in sorted(set(graph.subjects(SH.targetClass, None))):
        _refuse_unknown(graph, node_shape, _NODE_HANDLED)
        targets = " ".join(f"<{c}>" for c in sorted(graph.objects(node_shape, SH.targetClass)))
        for prop in sorted(graph.objects(node_shape, SH.property)):
            checks += _property_checks(graph, prop, targets)
        for constraint in sorted(graph.objects(node_shape, SH.sparql)):
            checks.append(_sparql_check(graph, node_shape, constraint, targets))
    return checks


def _refuse_unknown(graph: Graph, shape, handled: set) -> None:
    unknown = {p for p in graph.predicates(shape, None) if p not in handled and str(p).startswith(str(SH))}
    if unknown:
        raise UnsupportedShape(f"{shape} uses {', '.join(sorted(map(str, unknown)))}, which kg's SHACL engine does not compile")


def _property_checks(graph: Graph, prop, targets: str) -> list[Check]:
    _refuse_unknown(graph, prop, _HANDLED)
    path = graph.value(prop, SH.path)
    if not isinstance(path, URIRef):
        raise UnsupportedShape(f"{prop}: only simple property paths are compiled")
    p = f"<{path}>"
    own_message = graph.value(prop, SH.message)
    focus = _FOCUS
    out = []

    def check(query: str, default: str) -> Check:
        return Check(query, str(path), str(own_message or default), str(prop), targets)

    def add(where: str, default: str) -> None:
        out.append(check(f"SELECT DISTINCT ?this WHERE {{ {focus} {where} }}", default))

    value = graph.value
    # Counting per focus node (GROUP BY) scans every node once per constraint: the usual counts have cheaper
    # equivalents (an anti-join for "at least one", two distinct terms for "at most one"), 5-20x faster here.
    if (n := value(prop, SH.minCount)) is not None:
        if int(n) == 1:
            out.append(check(f"SELECT ?this WHERE {{ {focus} MINUS {{ ?this {p} ?v }} }}", f"fewer than {n} values"))
        else:
            out.append(check(
                f"SELECT ?this WHERE {{ {{ SELECT ?this (COUNT(DISTINCT ?v) AS ?n) WHERE {{ {focus} OPTIONAL {{ ?this {p} ?v }} }}"
                f" GROUP BY ?this }} FILTER (?n < {int(n)}) }}", f"fewer than {n} values"))
    if (n := value(prop, SH.maxCount)) is not None:
        if int(n) == 1:
            add(f"?this {p} ?a, ?b . FILTER (!sameTerm(?a, ?b))", f"more than {n} values")
        else:
            out.append(check(
                f"SELECT ?this WHERE {{ {{ SELECT ?this (COUNT(DISTINCT ?v) AS ?n) WHERE {{ {focus} ?this {p} ?v }}"
                f" GROUP BY ?this }} FILTER (?n > {int(n)}) }}", f"more than {n} values"))
    if (d := value(prop, SH.datatype)) is not None:
        add(f"?this {p} ?v . FILTER (!isLiteral(?v) || datatype(?v) != <{d}>)", f"value is not of datatype {d}")
    if (kind := value(prop, SH.nodeKind)) is not None:
        test = {SH.IRI: "isIRI(?v)", SH.Literal: "isLiteral(?v)", SH.BlankNode: "isBlank(?v)"}.get(kind)
        if test is None:
            raise UnsupportedShape(f"{prop}: sh:nodeKind {kind}")
        add(f"?this {p} ?v . FILTER (!{test})", f"value is not of node kind {kind}")
    if (c := value(prop, SH["class"])) is not None:
        add(f"?this {p} ?v . FILTER NOT EXISTS {{ ?v a/{_RDFS_SUBCLASS}* <{c}> }}", f"value is not an instance of {c}")
    if (pattern := value(prop, SH.pattern)) is not None:
        add(f"?this {p} ?v . FILTER (isBlank(?v) || !regex(str(?v), {_literal(pattern)}))", f"value does not match {pattern}")
    if (n := value(prop, SH.minLength)) is not None:
        add(f"?this {p} ?v . FILTER (isBlank(?v) || strlen(str(?v)) < {int(n)})", f"value is shorter than {n}")
    if value(prop, SH.uniqueLang) == Literal(True):
        add(f"?this {p} ?a, ?b . FILTER (?a != ?b && lang(?a) != \"\" && lang(?a) = lang(?b))", "more than one value per language")
    if (n := value(prop, SH.minExclusive)) is not None:
        add(f"?this {p} ?v . FILTER (!(?v > {_literal(n)}))", f"value is not above {n}")
    if (n := value(prop, SH.minInclusive)) is not None:
        add(f"?this {p} ?v . FILTER (!(?v >= {_literal(n)}))", f"value is below {n}")
    if (n := value(prop, SH.maxInclusive)) is not None:
        add(f"?this {p} ?v . FILTER (!(?v <= {_literal(n)}))", f"value is above {n}")
    for component, op, word in ((SH.lessThanOrEquals, "<=", "not less than or equal to"), (SH.lessThan, "<", "not less than")):
        if (other := value(prop, component)) is not None:
            add(f"?this {p} ?a ; <{other}> ?b . FILTER (!(?a {op} ?b))", f"value is {word} {other}")
    if (other := value(prop, SH.disjoint)) is not None:
        add(f"?this {p} ?v ; <{other}> ?v .", f"value also appears on {other}")
    return out


def _sparql_check(graph: Graph, node_shape, constraint, targets: str) -> Check:
    prefixes = "".join(
        f"PREFIX {graph.value(d, SH.prefix)}: <{graph.value(d, SH.namespace)}>\n"
        for declarer in graph.objects(constraint, SH.prefixes)
        for d in graph.objects(declarer, SH.declare)
    )
    select = str(graph.value(constraint, SH.select)).replace("$this", "?this")
    # SHACL forbids MINUS in constraints, but Oxigraph runs "FILTER NOT EXISTS" 1000x slower; with ?this
    # bound on both sides (as our shapes ensure) the two select the same rows.
    select = re.sub(r"FILTER\s+NOT\s+EXISTS", "MINUS", select)
    head, _, body = select.partition("{")
    message = str(graph.value(constraint, SH.message) or "SPARQL constraint not met")
    return Check(f"{prefixes}{head}{{ {_FOCUS} {body}", "", message, str(node_shape), targets)


def _literal(value: Literal) -> str:
    return value.n3()
