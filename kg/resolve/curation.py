"""Editors' corrections, kept in `curation.yaml` beside the articles and applied after extraction.

    remove:   # facts that are wrong
      - {role: account manager, kind: responsibility, object: numero di account più piccoli}
    rename:   # a better label for a fact's object (every role, unless `role` is given)
      - {kind: responsibility, from: punto di contatto, to: punto di contatto per il cliente}
    merge:    # several names of one thing become one node, under `into`
      - {kind: related_role, into: direttore commerciale, labels: [responsabile commerciale]}
    add:      # facts the extractor missed; `quote` must be a sentence of the article
      - {article: account-executive, kind: responsibility, object: organizzare dimostrazioni,
         quote: "Ciò può comportare l'organizzazione di personale tecnico..."}

`kind` is a fact kind of ontology/mapping.yaml. Curated facts say so in their evidence (kg:curated), so a
reader of the graph can always tell an editor's word from the extractor's.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import yaml

from kg.errors import KgError
from kg.extract.facts import Evidence, Fact, kinds
from kg.language.profile import fold
from kg.read.article import Article

FILENAME = "curation.yaml"
_KEYS = {"remove": {"kind", "object"}, "rename": {"kind", "from", "to"}, "merge": {"kind", "into", "labels"},
         "add": {"article", "kind", "object"}}


def load(path: Path) -> dict[str, list[dict]]:
    """The curation file, checked: unknown sections, missing keys and unknown kinds are one-line errors."""
    if not path.is_file():
        return {}
    try:
        root = yaml.compose(path.read_text(encoding="utf-8"))
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        raise KgError(f"curation file is not valid YAML: {getattr(exc, 'problem', exc)}", path, mark.line + 1 if mark else 1) from None
    if not isinstance(data, dict):
        raise KgError("curation file must map sections (remove, rename, merge, add) to lists", path)
    nodes = {key.value: (key, value) for key, value in root.value} if root is not None else {}  # for line numbers
    for section, entries in data.items():
        if section not in _KEYS:
            raise KgError(f"unknown section '{section}' (use {', '.join(_KEYS)})", path, nodes[section][0].start_mark.line + 1)
        for index, entry in enumerate(entries or []):
            line = nodes[section][1].value[index].start_mark.line + 1
            missing = _KEYS[section] - set(entry or {})
            if missing:
                raise KgError(f"{section} entry needs {', '.join(sorted(missing))}", path, line)
            if entry["kind"] not in kinds() and entry["kind"] != "role":
                raise KgError(f"unknown fact kind '{entry['kind']}' (see ontology/mapping.yaml)", path, line)
    return {section: list(entries or []) for section, entries in data.items()}


def apply(curation: dict[str, list[dict]], extracted: list[tuple[Article, list[Fact]]]) -> list[tuple[Article, list[Fact]]]:
    """The extracted facts with the editors' corrections applied, in the order remove, rename, merge, add."""
    if not curation:
        return extracted
    out = []
    for article, facts in extracted:
        facts = [f for f in facts if not any(_matches(entry, f, entry["object"]) for entry in curation.get("remove", []))]
        facts = [_renamed(curation, f) for f in facts]
        facts += [_added(entry, article) for entry in curation.get("add", []) if entry["article"] == article.slug]
        out.append((article, facts))
    return out


def _matches(entry: dict, fact: Fact, label: str) -> bool:
    if entry["kind"] != fact.kind or fold(str(label)) != fold(fact.object):
        return False
    return "role" not in entry or fold(entry["role"]) == fold(fact.subject)


def _renamed(curation: dict, fact: Fact) -> Fact:
    for entry in curation.get("rename", []):
        if _matches(entry, fact, entry["from"]):
            return _mark(replace(fact, object=str(entry["to"]), key=""), "renamed")
    for entry in curation.get("merge", []):
        kind_matches = entry["kind"] == fact.kind or (entry["kind"] == "role" and kinds()[fact.kind].get("class") == "Role")
        if kind_matches and fold(fact.object) in {fold(str(label)) for label in entry["labels"]}:
            return _mark(replace(fact, object=str(entry["into"]), key="", alt=fact.alt + (fact.object,)), "merged")
    return fact


def _added(entry: dict, article: Article) -> Fact:
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
    return replace(fact, evidence=replace(fact.evidence, curated=what))
