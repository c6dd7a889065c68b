"""Editors' corrections, kept in `curation.yaml` beside the articles and applied after extraction.

    remove:   # facts that are wrong (in every article, unless `article` or `role` narrows it)
      - {role: account manager, kind: responsibility, object: numero di account più piccoli}
      - {article: account-manager, kind: location, object: Atlanta, date: 2026-03-02}
    rename:   # a better label for a fact's object (every article and role, unless `article` or `role` is given)
      - {kind: responsibility, from: punto di contatto, to: punto di contatto per il cliente}
    merge:    # several names of one thing become one node, under `into`
      - {kind: related_role, into: direttore commerciale, labels: [responsabile commerciale]}
    add:      # facts the extractor missed; `quote` must be a sentence of the article
      - {article: account-executive, kind: responsibility, object: organizzare dimostrazioni,
         quote: "Ciò può comportare l'organizzazione di personale tecnico..."}
    reviewed: # facts a person read and accepted as extracted
      - {article: account-manager, kind: skill, object: background finanziario o commerciale, date: 2026-03-02}

`kind` is a fact kind of ontology/mapping.yaml (`role` in a merge: every kind whose object is a role). Every
entry may carry `date` (YYYY-MM-DD, when the decision was made) and `note` (free text); `kg review` writes
both kinds of entry, one line each with its date. `object`, `from` and `role` name the fact's labels as
the extractor wrote them; they compare without case and accents.

An entry that names an `article` is a decision on that article's fact, and it outranks the entries that do
not: a fact accepted (`reviewed`) or renamed in its article stays even when a broader `remove` matches it,
and an article's own `rename` beats a general one. Between one article's entries on one fact, `remove`
beats `rename`, which beats `reviewed`.

Curated facts say so in their evidence (kg:curated "added", "renamed", "merged" or "reviewed"), so a
reader of the graph can always tell an editor's word from the extractor's.
"""

from __future__ import annotations

import datetime
import re
from collections import defaultdict
from dataclasses import replace
from pathlib import Path

import yaml

from kg.errors import KgError
from kg.extract.facts import Evidence, Fact, kinds
from kg.language.profile import fold
from kg.read.article import Article

FILENAME = "curation.yaml"
# section -> (keys it needs, keys it may have); every entry may also carry COMMON
SECTIONS = {
    "remove": ({"kind", "object"}, {"article", "role"}),
    "rename": ({"kind", "from", "to"}, {"article", "role"}),
    "merge": ({"kind", "into", "labels"}, set()),
    "add": ({"article", "kind", "object"}, {"role", "quote"}),
    "reviewed": ({"article", "kind", "object"}, {"role"}),
}
COMMON = {"date", "note"}
DECISIONS = ("remove", "rename", "reviewed")  # what one article's entries may say about one fact, strongest first
LABEL = {"remove": "object", "rename": "from", "reviewed": "object", "add": "object"}  # the key naming the fact
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml: a file of a thousand decisions parses in milliseconds


def load(path: Path) -> dict[str, list[dict]]:
    """The curation file, checked; no file is no curation."""
    if not path.is_file():
        return {}
    return parse(path.read_text(encoding="utf-8"), path)


def parse(text: str, path: Path | str = FILENAME) -> dict[str, list[dict]]:
    """Curation entries by section: unknown sections and keys, missing keys, unknown kinds and bad dates are
    one-line errors naming `path` and the entry's line."""
    try:
        root = yaml.compose(text, Loader=LOADER)
        data = yaml.load(text, Loader=LOADER) or {}
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        raise KgError(f"curation file is not valid YAML: {getattr(exc, 'problem', exc)}", path, mark.line + 1 if mark else 1) from None
    if not isinstance(data, dict):
        raise KgError(f"curation file must map sections ({', '.join(SECTIONS)}) to lists", path)
    nodes = {key.value: (key, value) for key, value in root.value} if root is not None else {}  # for line numbers
    for section, entries in data.items():
        line = nodes[section][0].start_mark.line + 1
        if section not in SECTIONS:
            raise KgError(f"unknown section '{section}' (use {', '.join(SECTIONS)})", path, line)
        if entries is not None and not isinstance(entries, list):
            raise KgError(f"{section} must be a list of entries", path, line)
        for index, entry in enumerate(entries or []):
            _check(section, entry, path, nodes[section][1].value[index].start_mark.line + 1)
    return {section: list(entries or []) for section, entries in data.items()}


def _check(section: str, entry, path: Path | str, line: int) -> None:
    if not isinstance(entry, dict):
        raise KgError(f"{section} entry must be a mapping ({{kind: ..., ...}})", path, line)
    needed, optional = SECTIONS[section]
    missing = needed - set(entry)
    if missing:
        raise KgError(f"{section} entry needs {', '.join(sorted(missing))}", path, line)
    unknown = set(entry) - needed - optional - COMMON
    if unknown:
        raise KgError(f"{section} entry has unknown key {', '.join(sorted(map(str, unknown)))} "
                      f"(it takes {', '.join(sorted(needed | optional | COMMON))})", path, line)
    if entry["kind"] == "role" and section != "merge":
        raise KgError("kind 'role' is for merge entries; name the fact's kind (see ontology/mapping.yaml)", path, line)
    if entry["kind"] not in kinds() and entry["kind"] != "role":
        raise KgError(f"unknown fact kind '{entry['kind']}' (see ontology/mapping.yaml)", path, line)
    date = entry.get("date")
    if date is not None and not isinstance(date, datetime.date) and not _DATE.fullmatch(str(date)):
        raise KgError(f"date must be YYYY-MM-DD, not '{date}'", path, line)


def apply(curation: dict[str, list[dict]], extracted: list[tuple[Article, list[Fact]]]) -> list[tuple[Article, list[Fact]]]:
    """The extracted facts with the editors' corrections applied: removals, then labels, then additions."""
    if not curation:
        return extracted
    index = Index(curation)
    out = []
    for article, facts in extracted:
        kept = [curated for curated in (index.curate(article, fact) for fact in facts) if curated is not None]
        kept += [added(entry, article) for entry in index.added(article.slug)]
        out.append((article, kept))
    return out


class Index:
    """The entries of a curation looked up by fact kind and folded label: a big corpus meets a long file."""

    def __init__(self, curation: dict[str, list[dict]]):
        self.scoped: dict[tuple, list[tuple[str, dict]]] = defaultdict(list)  # (article, kind, label) -> (section, entry)
        self.general: dict[tuple, list[tuple[str, dict]]] = defaultdict(list)  # (kind, label) -> (section, entry)
        self.merged: dict[str, list[dict]] = defaultdict(list)  # folded label -> merge entries naming it
        self.adds: dict[str, list[dict]] = defaultdict(list)  # article slug -> its add entries
        for section in DECISIONS:
            for entry in curation.get(section, []):
                label = fold(str(entry[LABEL[section]]))
                if "article" in entry:
                    self.scoped[(str(entry["article"]), entry["kind"], label)].append((section, entry))
                else:
                    self.general[(entry["kind"], label)].append((section, entry))
        for entry in curation.get("merge", []):
            for label in entry["labels"]:
                self.merged[fold(str(label))].append(entry)
        for entry in curation.get("add", []):
            self.adds[str(entry["article"])].append(entry)

    def decision(self, article: Article, fact: Fact) -> tuple[str, dict] | None:
        """The strongest entry of `article` on this fact (section, entry), if an editor decided on it there."""
        found = [(s, e) for s, e in self.scoped.get((article.slug, fact.kind, fold(fact.object)), ()) if _role_matches(e, fact)]
        return min(found, key=lambda hit: DECISIONS.index(hit[0])) if found else None

    def curate(self, article: Article, fact: Fact) -> Fact | None:
        """The fact as the curation has it, or None when it is removed."""
        decided = self.decision(article, fact)
        general = [(s, e) for s, e in self.general.get((fact.kind, fold(fact.object)), ()) if _role_matches(e, fact)]
        if decided and decided[0] == "remove" or not decided and any(s == "remove" for s, _ in general):
            return None
        rename = decided if decided and decided[0] == "rename" else next((hit for hit in general if hit[0] == "rename"), None)
        if rename:
            return _mark(replace(fact, object=str(rename[1]["to"]), key=""), "renamed")
        for entry in self.merged.get(fold(fact.object), ()):
            if entry["kind"] == fact.kind or (entry["kind"] == "role" and kinds()[fact.kind].get("class") == "Role"):
                return _mark(replace(fact, object=str(entry["into"]), key="", alt=fact.alt + (fact.object,)), "merged")
        return _mark(fact, "reviewed") if decided else fact

    def added(self, slug: str) -> list[dict]:
        return self.adds.get(slug, [])


def _role_matches(entry: dict, fact: Fact) -> bool:
    return "role" not in entry or fold(str(entry["role"])) == fold(fact.subject)


def added(entry: dict, article: Article) -> Fact:
    """The fact an `add` entry states, with the sentence of the article its quote is part of as evidence."""
    quote = str(entry.get("quote") or "")
    sentence = next((s for s in article.sentences if quote and quote in s.text), None)
    evidence = Evidence(
        article=article.slug, source=article.path.as_posix(), quote=sentence.text if sentence else quote or "(added by an editor)",
        section=" > ".join(sentence.section) if sentence else "", start=sentence.start if sentence else 0,
        end=sentence.end if sentence else 1, line=sentence.line if sentence else 1, rule="curation.add", curated="added",
        confidence=1.0,  # an editor's word
    )
    return Fact(kind=entry["kind"], subject=str(entry.get("role") or article.role), object=str(entry["object"]),
                lang=article.lang, evidence=evidence)


def _mark(fact: Fact, what: str) -> Fact:
    """The fact marked with what curation did; one an editor read and accepted is as sure as one they added (its
    confidence is 1), while a renamed or merged one keeps the extractor's."""
    confidence = 1.0 if what == "reviewed" else fact.evidence.confidence
    return replace(fact, evidence=replace(fact.evidence, curated=what, confidence=confidence))
