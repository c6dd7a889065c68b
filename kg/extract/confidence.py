"""How far to trust a fact: a confidence in [0, 1] from the rule that read it and the look of its label.

    confidence = sigmoid(logit(prior of the rule) + the weights of the features the fact has)

A rule's prior is how often a fact of that rule with none of the features was right on the tuning sets,
pulled toward its family's and the family's toward every fact's when there were few; a feature's weight is how
far facts with it (one word, a lexicon entry, a conjugated verb...) did better or worse than that, in every
family and within one. Both are fitted together, and are data: confidence.yaml, which
scripts/fit_confidence.py writes; this module only applies them, so a refit changes no code. A family the
tuning sets never judged (definitions, pay components) gets the global rate and no weight: nothing was
measured about it.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import replace
from functools import lru_cache
from importlib import resources
from typing import Callable

from kg import yamlfile
from kg.extract.facts import Fact
from kg.extract.ruleset import ruleset
from kg.language.profile import fold, stopwords

DIGITS = 2  # a confidence is rounded to this many decimals: the same literal in every export, run after run
_LIST_RULES = frozenset({"section_list", "lead_list", "labelled_item", "bold_label"})  # engine._list_items' rule ids
_WORD = re.compile(r"[\w'’&+#.-]+")


@lru_cache(maxsize=None)
def _verbs(lang: str) -> tuple[frozenset[str], frozenset[str]]:
    """The language's duty verbs: conjugated forms ("gestisce", "reviews"), and infinitives, which duty labels open on."""
    verbs = ruleset(lang).verbs
    infinitives = frozenset(fold(v) for v in verbs.values())
    return frozenset(fold(f) for f in verbs) - infinitives, infinitives


# Feature name -> test on (fact, the label's words, how many sentences of the article state it). A table: the fit
# script and the YAML name features by these keys.
FEATURES: dict[str, Callable[[Fact, list[str], int], bool]] = {
    "one_word": lambda fact, words, stated: len(words) == 1,
    "four_to_six_words": lambda fact, words, stated: 4 <= len(words) <= 6,
    "seven_words_or_more": lambda fact, words, stated: len(words) >= 7,
    "lexicon_entry": lambda fact, words, stated: bool(fact.key),
    "list_item": lambda fact, words, stated: fact.evidence.rule.rsplit(".", 1)[-1] in _LIST_RULES,
    "capitalised": lambda fact, words, stated: any(w[:1].isupper() for w in words),
    "digit": lambda fact, words, stated: any(c.isdigit() for c in fact.object),
    "punctuation": lambda fact, words, stated: any(c in ",;:()" for c in fact.object),
    "opens_on_verb": lambda fact, words, stated: bool(words) and fold(words[0]) in _verbs(fact.lang)[1],
    "conjugated_verb": lambda fact, words, stated: any(fold(w) in _verbs(fact.lang)[0] for w in words),
    "dangling": lambda fact, words, stated: bool(words) and fold(words[-1]) in stopwords(fact.lang),  # "decide whether": cut short
    "repeated": lambda fact, words, stated: stated > 1,  # an article that says it twice rarely means something else
}


def family(rule: str) -> str:
    """"it.responsibility.duty_verb" -> "responsibility"."""
    parts = rule.split(".")
    return parts[1] if len(parts) > 2 else parts[0]


def features(fact: Fact, stated: int = 1) -> tuple[str, ...]:
    """The features a fact has, in FEATURES order; `stated`: how many sentences of its article state it."""
    words = _WORD.findall(fact.object) if fact.kind != "salary" else []  # a salary's label is figures, not words
    return tuple(name for name, test in FEATURES.items() if test(fact, words, stated))


def statements(facts: list[Fact]) -> Counter:
    """How many sentences of an article state each claim (kind, subject, object), for `features`."""
    return Counter(claim(f) for f in {(claim(f), f.evidence.start): f for f in facts}.values())


def claim(fact: Fact) -> tuple[str, str, str]:
    return fact.kind, fold(fact.subject), fold(fact.object)


@lru_cache(maxsize=1)
def parameters() -> dict:
    """confidence.yaml: global prior, family and rule priors, feature weights (every family's and per family)."""
    return yamlfile.load(resources.files("kg.extract").joinpath("confidence.yaml").read_text(encoding="utf-8"))


def confidence(fact: Fact, stated: int = 1) -> float:
    """The fact's confidence, rounded to DIGITS decimals."""
    return round(probability(fact, parameters(), stated), DIGITS)


def probability(fact: Fact, table: dict, stated: int = 1) -> float:
    """The model of `table` (confidence.yaml's layout) applied to a fact, unrounded: the fit script scores
    candidate tables with it, so what it measures is what the build computes."""
    name = family(fact.evidence.rule)
    if name not in table["families"]:
        return table["global"]
    prior = table["rules"].get(fact.evidence.rule, table["families"][name])
    log_odds = math.log(prior / (1 - prior))
    for feature in features(fact, stated):
        weights = table["weights"].get(feature, {})
        log_odds += weights.get("all", 0.0) + weights.get(name, 0.0)
    return 1 / (1 + math.exp(-log_odds))


def scored(facts: list[Fact]) -> list[Fact]:
    """An article's facts, each with its confidence in its evidence."""
    stated = statements(facts)
    return [replace(f, evidence=replace(f.evidence, confidence=confidence(f, stated[claim(f)]))) for f in facts]
