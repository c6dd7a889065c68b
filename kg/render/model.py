"""What the views show, read from the rdflib Graph alone: nodes, facts and their evidence, articles.

Every view renders from a `Career`, so `kg render` works from careers.ttl as well as from a fresh build.
Everything is sorted here once, which is what keeps the pages byte-identical. `from_store` reads the same
Career from an Oxigraph store, as plain strings (no rdflib term per triple, no GraphIndex): what an edit's
views read.
"""

from __future__ import annotations

import pickle
import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from functools import lru_cache

import pyoxigraph as ox
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import PROV, RDF, RDFS, SKOS

from kg.graph.index import GraphIndex, indexed
from kg.graph.namespaces import KG, KGR, SCHEMA
from kg.graph.ontology import ontology
from kg.render.facts import Table
from kg.store.change import Change
from kg.store.terms import CAREER, term

SOURCE_LINK = "../source/"  # where an export folder beside source/ finds the articles (kg build passes its own)
_NOT_NODES = {KG.Evidence, KG.Article}


@dataclass(frozen=True)
class Article:
    id: str
    title: str
    path: str
    lang: str
    link: str = SOURCE_LINK  # from the export folder to the articles' folder

    @property
    def href(self) -> str:
        return self.link + self.path


@dataclass(frozen=True)
class Evidence:
    quote: str
    section: str
    article: Article
    line: int
    curated: str = ""  # what an editor's curation did to the fact (kg:curated), empty for the extractor's word
    confidence: str = ""  # kg:confidence as written: shown on role pages, left out of the views' JSON (it is per quote)

    def to_json(self) -> dict:
        found = {"quote": self.quote, "section": self.section, "article": self.article.title,
                 "href": self.article.href, "where": f"{self.article.path}:{self.line}"}
        return {**found, "curated": self.curated} if self.curated else found


@dataclass(frozen=True)
class Fact:
    subject: str  # node id
    predicate: str  # property label, e.g. "requires skill"
    object: str  # node id, or the text of a literal fact
    literal: bool
    evidence: tuple[Evidence, ...]


@dataclass
class Node:
    id: str  # the IRI relative to kgr:, e.g. "role/account-manager"
    type: str  # the class local name, e.g. "Role"
    labels: dict[str, str] = field(default_factory=dict)  # language -> skos:prefLabel
    alt_labels: list[str] = field(default_factory=list)

    @property
    def label(self) -> str:
        return self.labels.get("en") or self.labels.get("it") or next(iter(self.labels.values()), self.id)

    @property
    def slug(self) -> str:
        return self.id.rsplit("/", 1)[-1]

    @property
    def page(self) -> str | None:
        """The role page, relative to the export folder; other nodes have none."""
        return f"roles/{self.slug}.html" if self.type == "Role" else None


@dataclass(frozen=True)
class Delta:
    """What `updated` changed in a Career, row by row: a view none of whose rows it shows changed is left as written."""

    facts: frozenset[tuple[str, str, str, bool]]  # (subject, predicate, object, literal) of facts added, removed or
    # whose evidence changed (an evidence's article renamed or moved counts)
    links: frozenset[tuple[str, str, str]]  # (subject, predicate, object) of links added or removed: degrees moved
    gained: frozenset[tuple[str, str, str]]  # those of `links` added
    nodes: frozenset[str]  # nodes added, removed or whose type or labels changed
    members: bool  # nodes added or removed
    articles: frozenset[str]  # articles added, removed or changed
    counts: bool  # how many facts or pieces of evidence there are changed


class Career:
    """Every node and article, in memory, and the facts in a sqlite table (kg.render.facts), read as a view asks:
    a view of a large graph reads the facts it draws, and an edit (`updated`) rewrites those of what it touched."""

    def __init__(self, nodes: dict[str, Node], articles: list[Article], type_labels: dict[str, str], table: Table,
                 layouts: dict | None = None, delta: Delta | None = None) -> None:
        self.nodes, self.articles, self.type_labels, self.table = nodes, articles, type_labels, table
        self.layouts = {} if layouts is None else layouts  # kg.render.layout's memo: kept with the Career
        self.delta = delta  # what `updated` changed from the Career it was made from; None: a Career read whole
        self._by_id = {article.id: article for article in articles}
        self._counted: dict = {}  # what the table counted, by question: a Career's facts do not change (`updated` makes another)

    @classmethod
    def made(cls, nodes: dict[str, Node], facts: list[Fact], articles: list[Article], type_labels: dict[str, str]) -> Career:
        """A Career of these, its facts in a table in memory."""
        table = Table.memory(_rows(facts))
        table.put("node", nodes)
        table.put("article", {article.id: article for article in articles})
        return cls(nodes, articles, type_labels, table)

    def __eq__(self, other: object) -> bool:
        return (isinstance(other, Career) and (self.nodes, self.articles, self.type_labels, self.facts)
                == (other.nodes, other.articles, other.type_labels, other.facts))

    @property
    def facts(self) -> list[Fact]:
        """Every fact, sorted by subject, predicate and object."""
        return self._facts(self.table.every())

    def of_type(self, type_: str) -> list[Node]:
        return [n for n in self.nodes.values() if n.type == type_]

    def facts_about(self, node_ids: set[str]) -> list[Fact]:
        """The facts naming any of these nodes, in the order of `facts`."""
        return self._facts(self.table.about(node_ids))

    def links_among(self, node_ids: list[str], predicates: frozenset[str] | None = None) -> list[Fact]:
        """The links of the `predicates` (None: every link) from a node of `node_ids` to another, in the order of `facts`."""
        members = set(node_ids)
        return self._facts([row for row in self.table.links_from(members, predicates) if row[2] in members])

    def links_from(self, node_ids: set[str]) -> dict[str, list[tuple[str, str]]]:
        """Node id -> (predicate, object) of its links to other nodes (their evidence left unread), for the nodes
        among `node_ids` that have some."""
        found: dict[str, list[tuple[str, str]]] = {}
        for subject, predicate, obj in self.table.links_from(node_ids, None, "subject, predicate, object"):
            found.setdefault(subject, []).append((predicate, obj))
        return found

    def links(self, predicates: frozenset[str] | None = None) -> list[tuple[str, str]]:
        """(subject, object) of every link of the `predicates` (None: of any), in the order of `facts`."""
        return self.table.links(predicates)

    def degrees(self, predicates: frozenset[str] | None = None) -> dict[str, int]:
        """Node id -> how many links of the `predicates` name it, for the nodes some link names."""
        if ("degrees", predicates) not in self._counted:
            self._counted["degrees", predicates] = self.table.degrees(predicates)
        return self._counted["degrees", predicates]

    def neighbours(self, node: str, predicates: frozenset[str] | None = None) -> list[str]:
        """The other end of every link of the `predicates` naming `node`, once per link and direction."""
        return self.table.neighbours(node, predicates)

    def edges(self) -> list[Fact]:
        return [f for f in self.facts if not f.literal]

    def fact_count(self) -> int:
        return self._counts()[0]

    def evidence_count(self) -> int:
        return self._counts()[1]

    def _counts(self) -> tuple[int, int]:
        if "counts" not in self._counted:
            self._counted["counts"] = self.table.counts()
        return self._counted["counts"]

    def _facts(self, rows: list) -> list[Fact]:
        articles, nowhere = self._by_id, Article("", "", "", "")
        return [Fact(s, p, o, bool(literal), tuple(Evidence(quote, section, articles.get(article) or nowhere, line, curated, confidence)
                                                    for quote, section, article, line, curated, confidence in pickle.loads(evidence)))
                for s, p, o, literal, evidence in rows]


def _rows(facts: list[Fact]):
    """Facts as the table keeps them: an evidence's article by its id."""
    return ((f.subject, f.predicate, f.object, f.literal, tuple((e.quote, e.section, e.article.id, e.line, e.curated, e.confidence)
                                                               for e in f.evidence), len(f.evidence)) for f in facts)


def node_id(term: URIRef | str) -> str:
    return str(term)[len(KGR):] if str(term).startswith(str(KGR)) else str(term)


def read(graph: Graph | GraphIndex, source_link: str = SOURCE_LINK) -> Career:
    """The career model of a graph; facts are triples between nodes plus literal triples that have evidence.
    `source_link` leads from the export folder to the articles (kg build knows both folders)."""
    graph = indexed(graph)
    nodes = _nodes(graph)
    articles = {node_id(a): _article(graph, a, source_link) for a in graph.of_type(KG.Article)}
    evidence = _evidence(graph, articles)
    labels = _property_labels()
    facts = []
    for s, properties in graph.subjects.items():
        subject = node_id(s)
        if subject not in nodes:
            continue
        for p, objects in properties.items():
            if p in _TYPES:
                continue
            for o in objects:
                if isinstance(o, URIRef) and node_id(o) in nodes:
                    facts.append(Fact(subject, labels(p), node_id(o), False, evidence.get((s, p, o), ())))
                elif isinstance(o, Literal) and (s, p, o) in evidence:
                    facts.append(Fact(subject, labels(p), str(o), True, evidence[(s, p, o)]))
    return Career.made(dict(sorted(nodes.items())), facts, sorted(articles.values(), key=lambda a: a.id), _type_labels())


def from_store(store: ox.Store, source_link: str = SOURCE_LINK) -> Career:
    """`read` of the default graph of `store`: one pattern per property the views show, terms read as strings."""
    values = _Values(store)
    by_iri: dict[str, Node] = {}  # IRI -> its node
    for subject, type_ in values.pairs(RDF.type):
        if _is_node_type(type_):
            by_iri[subject] = Node(node_id(subject), type_[len(KG):])
    for subject, label in values.terms(SKOS.prefLabel):
        if subject in by_iri:
            by_iri[subject].labels[label.language or ""] = label.value
    alternatives = defaultdict(set)
    for subject, label in values.pairs(SKOS.altLabel):
        alternatives[subject].add(label)
    for iri, node in by_iri.items():
        _settle(node, alternatives.get(iri, set()))
    nodes = {node.id: node for node in by_iri.values()}
    names, paths, languages = (values.first(p) for p in (SCHEMA.name, KG.sourcePath, SCHEMA.inLanguage))
    articles = {node_id(a): Article(node_id(a), names.get(a) or node_id(a), paths.get(a) or "", languages.get(a) or "",
                                    source_link) for a in values.of_type(KG.Article)}
    evidence = _stored_evidence(values, articles)
    labels = _labels()
    facts = []
    for iri, node in by_iri.items():
        facts += _facts_of(values, iri, node, nodes, evidence, labels)
    return Career.made(dict(sorted(nodes.items())), facts, sorted(articles.values(), key=lambda a: a.id), _type_labels())


def updated(career: Career, store: ox.Store, change: Change, source_link: str = SOURCE_LINK) -> Career:
    """`from_store` of `store`, given the Career of the graph before `change` (as `from_store` or `read` made it,
    with the same `source_link`), whose table it takes over (the old Career is not to be read after):
    only the subjects whose node, article or facts the change may alter are read again, and their rows rewritten.

    A fact depends on its subject's triples, on whether its object is a node, and on the evidences about it and
    their articles. So the subjects read again are those the change touched, those of the evidences it touched or
    moved (an evidence's `rdf:subject` added or removed names its old and new subject), those of the evidences of
    an article it touched, and those pointing at an IRI that became or stopped being a node."""
    values = _Values(store)
    by_iri = {_iri(node.id): node for node in career.nodes.values()}
    articles = {article.id: article for article in career.articles}
    dirty = {t.object.value for t in change.added | change.removed
             if t.predicate.value == _SUBJECT and isinstance(t.object, ox.NamedNode)}
    for iri in change.subjects:
        dirty.add(iri)
        was, node = by_iri.pop(iri, None), _node(values, iri)
        if node is not None:
            by_iri[iri] = node
        if (was is None) != (node is None):  # the facts pointing at it come or go
            dirty.update(values.referrers(iri))
            dirty.update(_iri(f.subject) for f in career.facts_about({node_id(iri)}))
        articles.pop(node_id(iri), None)
        if _TYPE_ARTICLE in values.objects(iri, RDF.type):
            articles[node_id(iri)] = _stored_article(values, iri, source_link)
        dirty.update(values.about([iri, *values.subjects(PROV.wasDerivedFrom, iri)]))  # what its evidences show
    nodes = {node.id: node for node in by_iri.values()}
    facts = []
    labels = _labels()
    for iri in dirty:
        if iri in by_iri:
            evidence = _stored_evidence(values, articles, values.subjects(RDF.subject, iri))
            facts += _facts_of(values, iri, by_iri[iri], nodes, evidence, labels)
    table = career.table
    table.begin()
    was = table.of_subjects({node_id(iri) for iri in dirty})
    table.remove({node_id(iri) for iri in dirty})
    rows = list(_rows(facts))
    table.add(rows)
    table.put("node", {node_id(iri): by_iri.get(iri) for iri in change.subjects})
    table.put("article", {node_id(iri): articles.get(node_id(iri)) for iri in change.subjects})
    delta = _delta(was, rows, career, nodes, articles, {node_id(iri) for iri in change.subjects})
    return Career(dict(sorted(nodes.items())), sorted(articles.values(), key=lambda a: a.id), career.type_labels, table,
                  career.layouts, delta)


def _delta(was: list, rows: list[tuple], career: Career, nodes: dict[str, Node], articles: dict[str, Article],
           ids: set[str]) -> Delta:
    """What changed from `career` to the rows `updated` wrote: the fact rows `was` (as the table held them) replaced
    by `rows` (as `_rows` gives them), the nodes and articles of `ids` now `nodes` and `articles`."""
    before = Counter((s, p, o, bool(literal), pickle.loads(evidence)) for s, p, o, literal, evidence in was)
    after = Counter((s, p, o, bool(literal), evidence) for s, p, o, literal, evidence, _ in rows)
    moved = set(articles) ^ {a.id for a in career.articles}
    renamed = {i for i in ids if i in articles and career._by_id.get(i, articles[i]) != articles[i]}
    cited = moved | renamed
    changed = (before - after) + (after - before)
    changed.update(row for row in after if any(quote[2] in cited for quote in row[4]))  # its evidence shows the article
    had, has = {row[:3] for row in before if not row[3]}, {row[:3] for row in after if not row[3]}
    gone = {i for i in ids if i in career.nodes and i not in nodes}
    come = {i for i in ids if i in nodes and i not in career.nodes}
    altered = {i for i in ids if i in nodes and i in career.nodes and nodes[i] != career.nodes[i]}
    quotes = sum(len(row[4]) for row in before.elements()) != sum(len(row[4]) for row in after.elements())
    return Delta(frozenset(row[:4] for row in changed), frozenset(had ^ has), frozenset(has - had), frozenset(gone | come | altered), bool(gone | come),
                 frozenset(cited), sum(before.values()) != sum(after.values()) or quotes)


def _iri(node: str) -> str:
    """The IRI of a node id: node_id's inverse (an id with a scheme is an IRI outside kgr:)."""
    return node if _SCHEME.match(node) else f"{KGR}{node}"


def _is_node_type(type_: str) -> bool:
    return type_.startswith(str(KG)) and type_ not in _NOT_NODE_IRIS


def _settle(node: Node, alternatives: set[str]) -> None:
    """A node's labels in language order, and its alternative labels that are no preferred one."""
    node.labels = dict(sorted(node.labels.items()))
    node.alt_labels = sorted(alternatives - set(node.labels.values()))


def _node(values: "_Values", iri: str) -> Node | None:
    """The node `iri` is in the store, as `from_store` reads it, or None: the last kg type, the last label per language."""
    found = None
    for type_ in values.objects(iri, RDF.type):
        if _is_node_type(type_.value):
            found = Node(node_id(iri), type_.value[len(KG):])
    if found is not None:
        for label in values.objects(iri, SKOS.prefLabel):
            found.labels[label.language or ""] = label.value
        _settle(found, {_text(label) for label in values.objects(iri, SKOS.altLabel)})
    return found


def _stored_article(values: "_Values", iri: str, link: str) -> Article:
    name, path, language = (next((_text(v) for v in values.objects(iri, p)), None) for p in (SCHEMA.name, KG.sourcePath, SCHEMA.inLanguage))
    return Article(node_id(iri), name or node_id(iri), path or "", language or "", link)


def _facts_of(values: "_Values", iri: str, node: Node, nodes: dict[str, Node], evidence: dict, labels) -> list[Fact]:
    """The facts of the node at `iri`: its links to nodes, and its literals with evidence."""
    facts = []
    for quad in values.store.quads_for_pattern(ox.NamedNode(iri), None, None, CAREER):
        p, o = quad.predicate, quad.object
        if p.value == _TYPE:
            continue
        if isinstance(o, ox.NamedNode):
            if node_id(o.value) in nodes:
                facts.append(Fact(node.id, labels(p.value), node_id(o.value), False, evidence.get((iri, p.value, o), ())))
        elif (iri, p.value, o) in evidence:
            facts.append(Fact(node.id, labels(p.value), _text(o), True, evidence[(iri, p.value, o)]))
    return facts


def _labels():
    """Predicate IRI -> its label, each worked out once."""
    return lru_cache(maxsize=None)(lambda predicate: _property_labels()(URIRef(predicate)))


_TYPE, _SUBJECT = str(RDF.type), str(RDF.subject)
_TYPE_ARTICLE, _TYPE_EVIDENCE = ox.NamedNode(str(KG.Article)), ox.NamedNode(str(KG.Evidence))
_SCHEME = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*:")
_NOT_NODE_IRIS = {str(c) for c in _NOT_NODES}
_PLAIN = {"http://www.w3.org/2001/XMLSchema#string", "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString",
          "http://www.w3.org/2001/XMLSchema#integer"}


def _text(literal) -> str:
    """str() of the rdflib term kg.store.terms.term makes of an Oxigraph term: the value itself, bar decimals
    and the rarer datatypes."""
    if isinstance(literal, ox.NamedNode) or literal.datatype.value in _PLAIN:
        return literal.value
    return _lexical(literal.value, literal.datatype.value)


@lru_cache(maxsize=4096)
def _lexical(value: str, datatype: str) -> str:
    """rdflib's lexical form of a typed literal (it normalises decimals): the few values confidences take repeat."""
    return str(term(ox.Literal(value, datatype=ox.NamedNode(datatype))))


class _Values:
    """The default graph of a store read one predicate at a time, or one subject's."""

    def __init__(self, store: ox.Store) -> None:
        self.store = store

    def terms(self, predicate: URIRef):
        for quad in self.store.quads_for_pattern(None, ox.NamedNode(predicate), None, CAREER):
            yield quad.subject.value, quad.object

    def pairs(self, predicate: URIRef):
        return ((subject, _text(value)) for subject, value in self.terms(predicate))

    def first(self, predicate: URIRef) -> dict[str, str]:
        found: dict[str, str] = {}
        for subject, value in self.pairs(predicate):
            found.setdefault(subject, value)
        return found

    def of_type(self, cls: URIRef) -> list[str]:
        return self.subjects(RDF.type, cls)

    def objects(self, subject: str, predicate: URIRef) -> list:
        return [q.object for q in self.store.quads_for_pattern(ox.NamedNode(subject), ox.NamedNode(predicate), None, CAREER)]

    def subjects(self, predicate: URIRef, obj: str) -> list[str]:
        return [q.subject.value for q in self.store.quads_for_pattern(None, ox.NamedNode(predicate), ox.NamedNode(obj), CAREER)]

    def referrers(self, obj: str) -> set[str]:
        return {q.subject.value for q in self.store.quads_for_pattern(None, None, ox.NamedNode(obj), CAREER)}

    def about(self, evidences) -> set[str]:
        """The IRIs the evidences among `evidences` are about (their rdf:subject)."""
        return {o.value for ev in evidences for o in self.objects(ev, RDF.subject) if isinstance(o, ox.NamedNode)}


_ABOUT = (RDF.subject, RDF.predicate, RDF.object)
_SAID = (KG.quote, KG.section, KG.curated, KG.confidence, KG.sourceLine, PROV.wasDerivedFrom)


def _stored_evidence(values: _Values, articles: dict[str, Article], only: list[str] | None = None) -> dict[tuple, tuple[Evidence, ...]]:
    """`_evidence` from the store: keyed by (subject IRI, predicate IRI, object as an Oxigraph term); of the
    evidences `only` (read one by one) or of all of them (read one property at a time)."""
    if only is None:
        about = [dict(values.terms(p)) for p in _ABOUT]
        said = [values.first(p) for p in _SAID]
        evidences = values.of_type(KG.Evidence)
    else:
        about, said, evidences = [{} for _ in _ABOUT], [{} for _ in _SAID], []
        for ev in only:
            properties = defaultdict(list)
            for quad in values.store.quads_for_pattern(ox.NamedNode(ev), None, None, CAREER):
                properties[quad.predicate.value].append(quad.object)
            if _TYPE_EVIDENCE in properties.get(_TYPE, ()):
                evidences.append(ev)
                for found, p in zip(about, _ABOUT):
                    if properties.get(str(p)):
                        found[ev] = properties[str(p)][-1]
                for found, p in zip(said, _SAID):
                    if properties.get(str(p)):
                        found[ev] = _text(properties[str(p)][0])
    quotes, sections, curated, confidences, lines, sources = said
    found = defaultdict(list)
    for ev in evidences:
        subject, predicate = about[0].get(ev), about[1].get(ev)
        key = (subject and subject.value, predicate and predicate.value, about[2].get(ev))
        source = sources.get(ev)
        found[key].append(Evidence(
            quote=quotes.get(ev) or "", section=sections.get(ev) or "",
            article=(articles.get(node_id(source)) if source is not None else None) or Article("", "", "", ""),
            line=int(lines.get(ev) or 0), curated=curated.get(ev) or "", confidence=confidences.get(ev) or ""))
    return {k: tuple(sorted(v, key=lambda e: (e.article.id, e.line, e.quote, e.section, e.curated))) for k, v in found.items()}


def _nodes(graph: GraphIndex) -> dict[str, Node]:
    nodes = {}
    for subject, properties in graph.subjects.items():
        for type_ in properties.get(RDF.type, ()):
            if str(type_).startswith(str(KG)) and type_ not in _NOT_NODES:
                nodes[node_id(subject)] = node = Node(node_id(subject), str(type_)[len(KG):])
                for label in properties.get(SKOS.prefLabel, ()):
                    node.labels[label.language or ""] = str(label)
                node.labels = dict(sorted(node.labels.items()))
                node.alt_labels = sorted({str(a) for a in properties.get(SKOS.altLabel, ())} - set(node.labels.values()))
    return nodes


def _article(graph: GraphIndex, iri: URIRef, source_link: str) -> Article:
    return Article(node_id(iri), str(graph.value(iri, SCHEMA.name) or node_id(iri)),
                   str(graph.value(iri, KG.sourcePath) or ""), str(graph.value(iri, SCHEMA.inLanguage) or ""), source_link)


def _evidence(graph: GraphIndex, articles: dict[str, Article]) -> dict[tuple, tuple[Evidence, ...]]:
    found = defaultdict(list)
    for ev in graph.of_type(KG.Evidence):
        subject, predicate, obj, source, quote, section, line, curated, confidence = (
            graph.value(ev, p) for p in _EVIDENCE_PROPERTIES)
        article = articles.get(node_id(source)) if source is not None else None
        found[subject, predicate, obj].append(Evidence(
            quote=str(quote or ""),
            section=str(section or ""),
            article=article or Article("", "", "", ""),
            line=int(line or 0),
            curated=str(curated or ""),
            confidence=str(confidence or ""),
        ))
    return {k: tuple(sorted(v, key=lambda e: (e.article.id, e.line, e.quote, e.section, e.curated))) for k, v in found.items()}


_TYPES = frozenset({RDF.type})  # `in` by hash, not by rdflib's Python __eq__
_EVIDENCE_PROPERTIES = (RDF.subject, RDF.predicate, RDF.object, PROV.wasDerivedFrom, KG.quote, KG.section, KG.sourceLine,
                        KG.curated, KG.confidence)  # made once: an rdflib namespace makes a new term on every read


@lru_cache(maxsize=1)
def _ontology_labels() -> dict[URIRef, str]:
    return {s: str(o) for s, o in ontology().subject_objects(RDFS.label) if o.language == "en"}


def _type_labels() -> dict[str, str]:
    return {str(s)[len(KG):]: label for s, label in _ontology_labels().items() if str(s).startswith(str(KG))}


def _property_labels():
    known = _ontology_labels()

    def label(prop: URIRef) -> str:
        local = re.split(r"[#/]", str(prop))[-1]
        return known.get(prop) or re.sub(r"(?<=[a-z])(?=[A-Z])", " ", local).lower()

    return label
