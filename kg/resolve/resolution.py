"""One node per real thing across articles, with IRIs that do not move.

IRI rule (documented in README): `<base><type>/<slug of identity key>`. The identity key is the lexicon
id when the thing is in a lexicon (so "Stati Uniti" and "United States" are one node), else the acronym
when it has one (so "FINRA" and "Autorità ... (FINRA)" are one node), else its folded label. An alias
("noto anche come HRBP") resolves to the role that declared it. Labels only ever add skos:altLabels: the
key, and so the IRI, never depends on which label wins or on the order articles are read.
"""

from __future__ import annotations

import hashlib
import re
from collections import Counter
from dataclasses import dataclass, field
from functools import cached_property

from kg.extract.facts import Fact, kinds
from kg.language.profile import fold
from kg.lexicon import for_class, lookup
from kg.read.article import Article

BASE = "https://w3id.org/careerkg/id/"
ARTICLE_WEIGHT = 1000  # an article's own title outweighs any mention elsewhere when picking the label


@dataclass
class Node:
    iri: str
    type: str
    labels: Counter = field(default_factory=Counter)  # (lang, label) -> weight

    def pref_labels(self) -> dict[str, str]:
        """One preferred label per language: heaviest, then shortest, then alphabetical."""
        best: dict[str, tuple] = {}
        for (lang, label), weight in self.labels.items():
            rank = (-weight, len(label), label)
            if lang not in best or rank < best[lang][0]:
                best[lang] = (rank, label)
        return {lang: value[1] for lang, value in sorted(best.items())}

    def alt_labels(self) -> list[tuple[str, str]]:
        pref = self.pref_labels()
        return sorted({(lang, label) for lang, label in self.labels if pref.get(lang) != label})


@dataclass(frozen=True)
class Statement:
    """A resolved fact: IRIs for subject and object (or the literal text), and its evidence IRI."""

    fact: Fact
    subject: str
    object: str
    evidence: str


@dataclass
class Resolution:
    nodes: dict[str, Node]
    statements: list[Statement]
    articles: list[Article]
    roles: dict[str, str]  # article slug -> IRI of its role
    salary_links: dict[str, dict[str, str]]  # salary IRI -> {"source": IRI, "place": IRI}

    @cached_property
    def statements_of(self) -> dict[str, list[Statement]]:
        """Article slug -> the statements of its facts, in order."""
        found: dict[str, list[Statement]] = {article.slug: [] for article in self.articles}
        for statement in self.statements:
            found[statement.fact.evidence.article].append(statement)
        return found


def slug(text: str) -> str:
    value = re.sub(r"[^a-z0-9]+", "-", fold(text)).strip("-")
    digest = hashlib.sha1(text.encode("utf-8")).hexdigest()
    if not value:
        return digest[:12]
    return value if len(value) <= 60 else f"{value[:48].rstrip('-')}-{digest[:10]}"


def article_iri(article: Article) -> str:
    return article_iri_of(article.slug)


def article_iri_of(article_slug: str) -> str:
    return f"{BASE}article/{article_slug}"


class Resolver:
    """Collects the nodes one article names while its facts are resolved, given the corpus's alias table."""

    def __init__(self, aliases: dict[str, str] | None = None) -> None:
        self.nodes: dict[str, Node] = {}
        self.aliases: dict[str, str] = aliases if aliases is not None else {}  # folded alias -> role IRI
        self.salary_links: dict[str, dict[str, str]] = {}
        self.mentions: set[str] = set()  # folded labels of roles named without a key: an alias may move them

    def node(self, type_: str, label: str, lang: str, key: str = "", weight: int = 1, alt: tuple[str, ...] = ()) -> str:
        if type_ == "Role" and not key:
            self.mentions.add(fold(label))
        if type_ == "Role" and not key and fold(label) in self.aliases:
            iri = self.aliases[fold(label)]
        else:
            iri = f"{BASE}{_type_path(type_)}/{slug(key or label)}"
        node = self.nodes.setdefault(iri, Node(iri, type_))
        node.labels[(lang, label)] += weight
        lexicon_name = for_class(type_)
        entry = lookup(lexicon_name, label) if lexicon_name else None
        if key and entry and entry.id == key:  # a lexicon entry names the node in both languages
            for entry_lang, entry_label in entry.labels:
                node.labels[(entry_lang, entry_label)] += 0 if entry.acronym else ARTICLE_WEIGHT
                if entry.acronym:  # authorities go by their acronym ("FINRA") in every language
                    node.labels[(entry_lang, entry.acronym)] += ARTICLE_WEIGHT
        for other in alt:
            node.labels[(lang, other)] += 0
        return iri


@dataclass
class Resolved:
    """One article's share of a resolution: what an edit of it redoes, and nothing else does."""

    article: Article
    role: str  # the IRI of its role
    statements: list[Statement]
    nodes: dict[str, Node]  # its label votes, by node
    salary_links: dict[str, dict[str, str]]
    mentions: frozenset[str]  # folded role labels it names without a key (kg.resolve: aliases move them)
    fact_count: int


def aliases_of(facts: list[Fact]) -> tuple[str, ...]:
    """The folded aliases an article declares for its role."""
    return tuple(dict.fromkeys(fold(f.object) for f in facts if f.kind == "alias"))


def role_table(heads: list[tuple[str, str, tuple[str, ...]]]) -> tuple[dict[str, str], dict[str, str]]:
    """(article slug -> role IRI, folded alias -> role IRI) from each article's (slug, role, aliases): in slug
    order, an alias belongs to the first article declaring it and moves the roles of the articles after it."""
    roles: dict[str, str] = {}
    aliases: dict[str, str] = {}
    for article_slug, role, declared in sorted(heads):
        iri = roles[article_slug] = aliases.get(fold(role)) or f"{BASE}role/{slug(role)}"
        for alias in declared:
            aliases.setdefault(alias, iri)
    return roles, aliases


def resolve(extracted: list[tuple[Article, list[Fact]]]) -> Resolution:
    """Resolve every article's facts into nodes and statements, in a deterministic order."""
    ordered = sorted(extracted, key=lambda pair: pair[0].slug)
    roles, aliases = role_table([(a.slug, a.role, aliases_of(f)) for a, f in ordered])
    return merge([resolve_article(a, f, roles[a.slug], aliases) for a, f in ordered])


def resolve_article(article: Article, facts: list[Fact], role: str, aliases: dict[str, str]) -> Resolved:
    """One article's facts resolved, its role being `role` and the corpus's alias table `aliases`."""
    resolver = Resolver(aliases)
    node = resolver.nodes[role] = Node(role, "Role")
    node.labels[(article.lang, article.role)] += ARTICLE_WEIGHT
    node.labels[(article.lang, article.title)] += 0
    statements: list[Statement] = []
    table = kinds()
    for fact in facts:
        spec = table[fact.kind]
        subject_type = spec.get("subject", "Role")
        if subject_type == "Role" and fold(fact.subject) == fold(article.role):
            subject = role
        else:
            subject = resolver.node(subject_type, fact.subject, fact.lang, fact.subject_key)
        if spec.get("literal"):
            obj = fact.object
        elif fact.kind == "salary":
            obj = _salary_node(resolver, subject, fact)
        else:
            obj = resolver.node(spec["class"], fact.object, fact.lang, fact.key, alt=fact.alt)
        statements.append(Statement(fact, subject, obj, _evidence_iri(article, fact, subject, obj)))
    return Resolved(article, role, statements, resolver.nodes, resolver.salary_links, frozenset(resolver.mentions), len(facts))


def merge(resolved: list[Resolved]) -> Resolution:
    """The articles' shares, in slug order, as one resolution: a node's votes are the sum of every article's."""
    nodes: dict[str, Node] = {r.role: Node(r.role, "Role") for r in resolved}  # roles first, as they always came
    links: dict[str, dict[str, str]] = {}
    for share in resolved:
        add_votes(nodes, share.nodes)
        for iri, found in share.salary_links.items():
            links.setdefault(iri, {}).update(found)
    statements = [s for share in resolved for s in share.statements]
    return Resolution(nodes, statements, [r.article for r in resolved], {r.article.slug: r.role for r in resolved}, links)


def add_votes(nodes: dict[str, Node], votes: dict[str, Node]) -> None:
    """Add one article's label `votes` to the sums in `nodes`; a vote of weight 0 still counts (an alt label), so
    sums are kept by key, not by Counter arithmetic, which drops zeros."""
    for iri, node in votes.items():
        target = nodes.setdefault(iri, Node(iri, node.type))
        for key, weight in node.labels.items():
            target.labels[key] += weight


def _salary_node(resolver: Resolver, role: str, fact: Fact) -> str:
    key = hashlib.sha1(repr((role, fact.attrs)).encode("utf-8")).hexdigest()[:16]
    iri = resolver.node("SalaryObservation", salary_label(dict(fact.attrs)), fact.lang, key)
    attrs = dict(fact.attrs)
    links = resolver.salary_links.setdefault(iri, {})
    if attrs.get("source"):
        links["source"] = resolver.node("DataSource", attrs["source"], fact.lang)
    if attrs.get("place"):
        entry = lookup("places", attrs["place"])
        links["place"] = resolver.node("Location", attrs["place"], fact.lang, entry.id if entry else "")
    return iri


def salary_label(attrs: dict[str, str]) -> str:
    """A readable name: "45000–85000 USD per year (Indeed.com)"."""
    if "min" in attrs and "max" in attrs:
        figure = f"{attrs['min']}–{attrs['max']}"
    else:
        name = next(k for k in ("min", "max", "median", "average", "amount") if k in attrs)
        figure = attrs[name] if name == "amount" else f"{name} {attrs[name]}"
    source = f" ({attrs['source']})" if attrs.get("source") else ""
    return f"{figure} {attrs['currency']} per {attrs['period']}{source}"


def _evidence_iri(article: Article, fact: Fact, subject: str, obj: str) -> str:
    digest = hashlib.sha1("|".join([subject, fact.kind, obj, fact.evidence.rule, str(fact.evidence.start)]).encode("utf-8"))
    return f"{BASE}evidence/{article.slug}/{digest.hexdigest()[:16]}"


def _type_path(type_: str) -> str:
    return re.sub(r"(?<!^)(?=[A-Z])", "-", type_).lower()
