"""What the review page shows: each article's text, its facts with the spans of their evidence, and what
curation.yaml says about each fact.

The articles and their facts as extracted are read once, by a build that leaves curation out; what
curation.yaml says is looked up again on every request, by the same `curation.Index` the build applies,
so the page shows a decision as soon as it is written and the graph `kg build` makes agrees with it.
A fact is one (kind, subject, object) of an article, however many sentences state it: curation.yaml names
facts that way. The extractor records the sentence of a fact, not its words; the words shown inside the
sentence are found again by matching the fact's label there (see `words`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from kg.errors import KgError, NotFound
from kg.extract.facts import Fact, kinds
from kg.language.profile import fold, stopwords
from kg.pipeline.build import build
from kg.read.article import Article
from kg.resolve import curation

_WORD = re.compile(r"\d+(?:[.,'’]\d+)*|\w+")
_DIGITS = re.compile(r"\d+(?:[.,'’]\d+)*")
STATES = ("open", "accepted", "rejected", "renamed", "added")
_STATE_OF = {"reviewed": "accepted", "remove": "rejected", "rename": "renamed"}


@dataclass
class Corpus:
    """The articles under review and their facts as extracted, before curation."""

    source: Path
    articles: dict[str, Article]
    facts: dict[str, list[Fact]]
    problems: list[KgError] = field(default_factory=list)

    @classmethod
    def read(cls, source: Path | str) -> "Corpus":
        """Every article under `source` with its extracted facts (the extraction cache makes a second read cheap)."""
        result = build(source, curate=False)
        articles = {a.slug: a for a in sorted(result.articles, key=lambda a: a.path.as_posix())}
        return cls(Path(source), articles, {slug: result.facts.get(slug, []) for slug in articles}, result.errors)

    def article(self, slug: str) -> Article:
        if slug not in self.articles:
            raise NotFound(f"no article '{slug}' under {self.source}")
        return self.articles[slug]


@lru_cache(maxsize=1)
def editable_kinds() -> tuple[str, ...]:
    """Kinds a person may give a fact of an article: a role's facts with an object a label can name (a salary
    needs its figures, the facts of a regulation or a regulator need their own subject)."""
    return tuple(kind for kind, spec in kinds().items() if "subject" not in spec and kind != "salary")


def overview(corpus: Corpus, index: curation.Index) -> dict:
    """The home page: every article with how many of its facts a person has decided on, and the corpus's sums."""
    rows = []
    for slug, article in corpus.articles.items():
        facts = _facts(corpus, index, article)
        reviewed = sum(1 for f in facts if f["state"] != "open")
        rows.append({"slug": slug, "title": article.title, "role": article.role, "lang": article.lang,
                     "path": article.path.as_posix(), "facts": len(facts), "reviewed": reviewed, "open": len(facts) - reviewed})
    totals = {key: sum(r[key] for r in rows) for key in ("facts", "reviewed", "open")}
    return {"source": corpus.source.as_posix(), "articles": rows, "totals": {"articles": len(rows), **totals},
            "problems": [str(p) for p in corpus.problems]}


def article_view(corpus: Corpus, index: curation.Index, slug: str) -> dict:
    """One article: its text in blocks, its facts with the spans of their evidence and their state."""
    article = corpus.article(slug)
    facts = _facts(corpus, index, article)
    reviewed = sum(1 for f in facts if f["state"] != "open")
    return {
        "slug": slug, "title": article.title, "role": article.role, "lang": article.lang, "path": article.path.as_posix(),
        "text": article.text,
        "blocks": [{"kind": b.kind, "start": b.start, "end": b.start + len(b.text), "depth": b.depth} for b in article.blocks],
        "facts": facts,
        "counts": {"facts": len(facts), "reviewed": reviewed, "open": len(facts) - reviewed},
        "kinds": [{"kind": k, "label": k.replace("_", " "), "type": kinds()[k].get("class", "")} for k in kinds()],
        "editable_kinds": list(editable_kinds()),
    }


def find_fact(corpus: Corpus, slug: str, kind: str, subject: str, label: str) -> list[Fact]:
    """The extracted facts of an article that are this one (kind, subject, object), or NotFound."""
    key = (kind, fold(subject), fold(label))
    found = [f for f in corpus.facts[corpus.article(slug).slug] if _key(f) == key]
    if not found:
        raise NotFound(f"{slug} has no {kind} fact '{label}' about '{subject}'")
    return found


def sentence_at(article: Article, start: int, end: int):
    """The sentence a selection of the article's text starts in (or, starting between two, first touches)."""
    for sentence in article.sentences:
        if sentence.start <= start < sentence.end or start <= sentence.start < end:
            return sentence
    raise KgError("select words inside a sentence of the article")


def words(text: str, start: int, end: int, label: str, lang: str) -> list[tuple[int, int]]:
    """Spans of `text[start:end]` that name `label`: the label itself when it is there word for word (case
    and accents aside), else each of its content words (same first five letters) and figures (separators aside)."""
    found = [(m.start(), m.end(), _token(m.group())) for m in _WORD.finditer(text, start, end)]
    wanted = [_token(w) for w in _WORD.findall(label)]
    n = len(wanted)
    for i in range(len(found) - n + 1) if n else ():
        if [t for _, _, t in found[i:i + n]] == wanted:
            return [(found[i][0], found[i + n - 1][1])]
    stops = stopwords(lang)
    spans = set()
    for word in wanted:
        if word in stops or (len(word) < 3 and not word.isdigit()):
            continue
        hit = next(((a, b) for a, b, t in found if _same(t, word)), None)
        if hit:
            spans.add(hit)
    return sorted(spans)


def _token(word: str) -> str:
    return re.sub(r"[.,'’]", "", word) if _DIGITS.fullmatch(word) else fold(word)


def _same(token: str, word: str) -> bool:
    if token == word:
        return True
    return len(token) >= 5 and len(word) >= 5 and not word.isdigit() and token[:5] == word[:5]


def _key(fact: Fact) -> tuple[str, str, str]:
    return fact.kind, fold(fact.subject), fold(fact.object)


def _facts(corpus: Corpus, index: curation.Index, article: Article) -> list[dict]:
    """The article's facts in the order of the mapping table and the text: the extracted ones with where
    curation.yaml leaves them, then the ones editors added."""
    groups: dict[tuple, list[Fact]] = {}
    for fact in corpus.facts.get(article.slug, []):
        groups.setdefault(_key(fact), []).append(fact)
    out = [_extracted(article, index, facts) for facts in groups.values()]
    out += [_added(article, entry) for entry in index.added(article.slug)]
    order = list(kinds())
    out.sort(key=lambda f: (order.index(f["kind"]) if f["kind"] in order else len(order),
                            min((e["start"] for e in f["evidence"]), default=0), fold(f["label"])))
    return out


def _extracted(article: Article, index: curation.Index, facts: list[Fact]) -> dict:
    first = facts[0]
    decided = index.decision(article, first)
    curated = index.curate(article, first)
    label = _salary_label(first) if first.kind == "salary" else curated.object if curated else first.object
    return _fact(article, facts, state=_STATE_OF[decided[0]] if decided else "open", label=label,
                 curated=curated.evidence.curated if curated else "removed", in_graph=curated is not None,
                 date=decided[1].get("date") if decided else None, added=False)


def _added(article: Article, entry: dict) -> dict:
    fact = curation.added(entry, article)
    return _fact(article, [fact], state="added", label=fact.object, curated="added", in_graph=True,
                 date=entry.get("date"), added=True)


def _salary_label(fact: Fact) -> str:
    """"USD 45000-85000 a year" from the figures a salary fact keeps in its attributes (its object is a key)."""
    attrs = dict(fact.attrs)
    low, high = attrs.get("min"), attrs.get("max")
    figures = f"{low}-{high}" if low and high else " ".join(f"{attrs[k]} ({k})" for k in ("median", "average", "amount", "min", "max") if k in attrs)
    return f"{attrs.get('currency', '')} {figures} a {attrs.get('period', 'year')}".strip()


def _fact(article: Article, facts: list[Fact], state: str, label: str, curated: str, in_graph: bool, date, added: bool) -> dict:
    """One fact as the page shows it; `facts` are its statements in the article, each with its sentence."""
    first = facts[0]
    evidence, seen = [], set()
    for fact in facts:
        ev = fact.evidence
        if (ev.start, ev.end) in seen:
            continue
        seen.add((ev.start, ev.end))
        placed = article.text[ev.start:ev.end] == ev.quote  # an added fact whose quote is no sentence has no place
        evidence.append({"start": ev.start, "end": ev.end, "quote": ev.quote, "section": ev.section, "line": ev.line,
                         "rule": ev.rule, "placed": placed,
                         "words": words(article.text, ev.start, ev.end, fact.object, article.lang) if placed else []})
    return {
        "kind": first.kind, "type": kinds()[first.kind].get("class", ""), "subject": first.subject, "object": first.object,
        "label": label, "state": state, "curated": curated, "in_graph": in_graph, "added": added,
        "date": str(date) if date else None,
        "rules": sorted({f.evidence.rule for f in facts}),
        "confidence": round(max(f.evidence.confidence for f in facts), 2),  # the best of its statements
        "renamable": first.kind != "salary", "retypable": first.kind in editable_kinds(),
        "evidence": evidence,
    }
