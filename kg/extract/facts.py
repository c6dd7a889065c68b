"""What the extractor produces: facts about roles, each with the evidence that supports it."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from kg import yamlfile


@dataclass(frozen=True)
class Evidence:
    """The sentence a fact comes from, where it sits, and the rule that read it."""

    article: str  # article slug
    source: str  # article path, relative to the corpus folder
    quote: str
    section: str  # heading path, " > " joined
    start: int  # character offsets of the sentence in the article text
    end: int
    line: int  # line of the block in the source file
    rule: str  # "<lang>.<family>.<rule id>"
    curated: str = ""  # what curation.yaml did to the fact: added, renamed, merged, reviewed (accepted as extracted)
    confidence: float = 1.0  # how far to trust the fact, in [0, 1] (kg/extract/confidence.py); an editor's addition is 1


@dataclass(frozen=True)
class Fact:
    """One statement: subject --kind--> object, both named by labels; the resolver makes them nodes."""

    kind: str
    subject: str
    object: str
    lang: str
    evidence: Evidence
    subject_type: str = "Role"
    key: str = ""  # identity of the object beyond its label: a lexicon id or an acronym
    subject_key: str = ""
    alt: tuple[str, ...] = ()  # more labels of the object (the long name of an acronym)
    attrs: tuple[tuple[str, str], ...] = ()  # salary figures and qualifiers


@lru_cache(maxsize=None)
def kinds() -> dict[str, dict]:
    """The fact kinds of ontology/mapping.yaml: what each becomes in the graph (property, class, gold key)."""
    return yamlfile.load(resources.files("kg.ontology").joinpath("mapping.yaml").read_text(encoding="utf-8"))
