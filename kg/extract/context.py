"""What every rule family reads and writes while one article is extracted: the article's Context (its rules,
its role's names, the facts found so far) and the cached word lists and patterns of a language's rules file."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from typing import NamedTuple

from kg import lexicon, yamlfile
from kg.extract.clauses import clean
from kg.extract.facts import Evidence, Fact
from kg.extract.ruleset import ROLE_MARK, Rule, RuleSet, ruleset
from kg.extract.salary import Said
from kg.language.matcher import Span
from kg.language.profile import fold, head_first, pattern
from kg.read.article import Article, Sentence


@lru_cache(maxsize=None)
def families() -> dict:
    return yamlfile.load(resources.files("kg.extract").joinpath("families.yaml").read_text(encoding="utf-8"))


class Authority(NamedTuple):
    """A regulator named in a sentence, where its name starts and ends: a verb beside it says what it supervises."""

    sentence: Sentence
    label: str
    key: str
    start: int
    end: int


@dataclass
class Context:
    """One article being read: its rules, the names of its role, and what it found so far."""

    article: Article
    rs: RuleSet
    names: list[str]
    role_names: re.Pattern = re.compile("(?!)")
    folded_names: frozenset[str] = frozenset()
    facts: list[Fact] = field(default_factory=list)
    regulations: list[tuple[int, str, str, int]] = field(default_factory=list)  # (sentence start, label, key, at)
    authorities: list[Authority] = field(default_factory=list)
    unbound: list[tuple[Sentence, Rule, str, str, tuple[str, ...]]] = field(default_factory=list)  # entity types named before their rule
    by_head: dict[str, str] = field(default_factory=dict)  # head noun -> the last role named with it ("manager" -> "fp&a manager")
    literals: dict[str, int] = field(default_factory=dict)  # text -> the rules' literals it holds
    screened: dict[str, frozenset[Rule]] = field(default_factory=dict)  # text -> the rules it may match (names known)
    tagged: dict[tuple[int, bool], Span] = field(default_factory=dict)  # (sentence start, imperative) -> its tokens for the token rules (kg/extract/syntax.py)
    token_spans: dict[str, list[tuple[int, int]]] = field(default_factory=dict)  # family -> words its token rules took (this sentence)
    said: Said = field(default_factory=Said)  # the source, date and place of the figures read so far

    def add(self, kind: str, obj: str, sentence: Sentence, rule: Rule | str, **extra) -> None:
        if obj[-1:].isdigit() and _runs_on_as_number(obj, sentence.text):
            return  # "tra i 28" of "tra i 28.000 euro": a clause cut inside a number names nothing
        if kind == "skill" and self.is_role(obj):
            return  # "esperienza come elettricista": the role itself is no skill of its own
        rule_id = rule if isinstance(rule, str) else f"{rule.family}.{rule.id}"
        evidence = Evidence(
            article=self.article.slug,
            source=self.article.path.as_posix(),
            quote=sentence.text,
            section=" > ".join(sentence.section),
            start=sentence.start,
            end=sentence.end,
            line=sentence.line,
            rule=f"{self.rs.lang}.{rule_id}",
        )
        extra.setdefault("subject", self.article.role)
        self.facts.append(Fact(kind=kind, object=obj, lang=self.rs.lang, evidence=evidence, **extra))

    def aliases(self) -> list[str]:
        return [f.object for f in self.facts if f.kind == "alias"]

    def is_role(self, label: str) -> bool:
        return fold(label) in self.folded_names

    def set_names(self, names: list[str]) -> None:
        self.names = list(dict.fromkeys(names))
        self.folded_names = frozenset(fold(n) for n in self.names)
        escaped = sorted({r"\s+".join(re.escape(w) for w in n.split()) for n in self.names}, key=len, reverse=True)
        self.role_names = re.compile(r"\b(?:" + "|".join(escaped) + r")\b", re.IGNORECASE)
        _masked.cache_clear()
        self.screened.clear()

    def masked(self, text: str) -> str:
        """The text with the role's names overwritten by ROLE_MARK, same length: what {role} matches."""
        return _masked(self.role_names, text)

    def names_role(self, text: str) -> bool:
        return ROLE_MARK in self.masked(text) or bool(self.rs.role_ref.search(text))

    def searched(self, rule: Rule, text: str) -> str:
        """The text a rule runs on: masked only for rules that name the role."""
        return self.masked(text) if rule.on_masked else text

    def search(self, rule: Rule, text: str):
        """Matches of a rule, only in a text that holds the literals every match of the rule contains."""
        if rule not in self.admitted(text):
            return iter(())
        return rule.finditer(self.searched(rule, text))

    def admitted(self, text: str) -> frozenset[Rule]:
        """The rules that may match `text` (kg/extract/prefilter.py)."""
        admitted = self.screened.get(text)
        if admitted is None:
            literals = self.literals.get(text)
            if literals is None:
                literals = self.literals[text] = self.rs.screen.literals(text)
            admitted = self.screened[text] = self.rs.screen.admitted(literals, self.masked(text))
        return admitted


@lru_cache(maxsize=2048)
def _masked(names: re.Pattern, text: str) -> str:
    return names.sub(lambda m: ROLE_MARK * len(m.group(0)), text)


def group_of(match: re.Match, text: str, name: str) -> str | None:
    """A group's text taken from the original sentence (the match ran on the masked one)."""
    if match.groupdict().get(name) is None:
        return None
    return text[match.start(name) : match.end(name)]


def compiled(lang: str, key: str) -> re.Pattern:
    """A pattern of the language section of a rules file (predicate_before, other_name_before, byline ...)."""
    return pattern(lang, key, flags=re.IGNORECASE)


def rejected(rs: RuleSet, kind: str, label: str) -> bool:
    return any(p.search(label) for p in _rejections(rs.lang).get(kind, ()))


@lru_cache(maxsize=None)
def _rejections(lang: str) -> dict[str, tuple[re.Pattern, ...]]:
    """The `reject:` patterns of a language's rules, by fact kind."""
    return {kind: tuple(re.compile(p, re.IGNORECASE) for p in patterns) for kind, patterns in ruleset(lang).data.get("reject", {}).items()}


def named_entries(rs: RuleSet, name: str, item: str) -> tuple[list, bool]:
    """The lexicon entries an item names, and whether its only one is a generic entry heading a longer phrase:
    "outsourced coding companies", "imprese alimentari" say more than "company", so the words are kept (and no
    entry given); the modifiers stand before the head in a head-last language, after it in a head-first one."""
    hits = lexicon.find(name, item)
    modifiers = item[hits[0][2]:] if hits and head_first(rs.lang) else item[:hits[0][1]] if hits else ""
    generic = len(hits) == 1 and hits[0][0].id in lexicon.generic(name) and bool(fold(clean(modifiers, rs)))
    return ([] if generic else hits), generic


def _runs_on_as_number(figure: str, text: str) -> bool:
    """Whether `text` writes `figure` on into a longer number ("28" in "28.000"): re.search(FIGURE + r"[.,]\\d"), by
    str.find (a pattern for each figure read would be compiled again and again)."""
    i = text.find(figure)
    while i >= 0:
        after = text[i + len(figure) : i + len(figure) + 2]
        if after[:1] in (".", ",") and after[1:].isdecimal():
            return True
        i = text.find(figure, i + 1)
    return False
