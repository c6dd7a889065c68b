"""POS-aware lemmatizer: a (form, UPOS) -> lemma lookup plus suffix rules learned per UPOS.

Both the lookup and the rules are learned from the training treebanks (and, for Italian, from the
Morph-it! lexicon, whose lemmas give verbs their infinitive and adjectives their masculine singular).
Lookup entries that the rules already get right are dropped, which keeps the model small.
Stored as deterministic gzip'd JSON, like the tagger.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from functools import lru_cache
from pathlib import Path

from kg.language.tagger import load_json_gz, save_json_gz

FORMAT = "kg-lemmas/1"
MAX_SUFFIX = 7
KEEP_FORM = frozenset({"PROPN", "PUNCT", "SYM", "NUM", "X"})  # UD lemma is the form itself


def _edit(form: str, lemma: str) -> str:
    """The suffix edit turning form into lemma, as "<chars to strip>,<suffix to add>"."""
    n = 0
    while n < min(len(form), len(lemma)) and form[n] == lemma[n]:
        n += 1
    return f"{len(form) - n},{lemma[n:]}"


def _apply(form: str, edit: str) -> str:
    strip, add = edit.split(",", 1)
    k = int(strip)
    return (form[:-k] if k else form) + add


REPAIRED = frozenset({"VERB"})  # tags whose rule-made lemma the tagger's lexicon may correct
LETTERS = "abcdefghijklmnopqrstuvwxyz"


class Lemmatizer:
    def __init__(self, lookup: dict[str, dict[str, str]], rules: dict[str, dict[str, str]]):
        self.lookup = lookup  # UPOS -> lower-cased form -> lemma (only where the rules are wrong)
        self.rules = rules  # UPOS -> suffix -> edit
        self.known: dict[str, str] = {}  # run time: the tagger's lexicon, form -> "NOUN|VERB" (analyse.load_models)

    def _rule(self, low: str, pos: str) -> str:
        rules = self.rules.get(pos)
        if rules:
            for k in range(min(MAX_SUFFIX, len(low) - 1), -1, -1):
                edit = rules.get(low[len(low) - k :] if k else "")
                if edit is not None:
                    out = _apply(low, edit)
                    return out or low
        return low

    def lemma(self, form: str, pos: str) -> str:
        if pos in KEEP_FORM:
            return form
        return _lemma(self, form.lower(), pos)

    def _lemma(self, low: str, pos: str) -> str:
        hit = self.lookup.get(pos, {}).get(low)
        if hit is not None:
            return hit
        made = self._rule(low, pos)
        return self._repaired(low, made, pos) if pos in REPAIRED and getattr(self, "known", None) else made

    def _repaired(self, low: str, made: str, pos: str) -> str:
        """A verb lemma the suffix rules cut wrong, when the tagger's lexicon knows no such verb ("pruning" ->
        "prun", "logging" -> "logge"): the first of the rules' other cuts, then of those with a doubled last letter
        undone or one letter put back, that the lexicon knows as a verb ("prune", "log"); else the rules' own."""
        def verb(word: str) -> bool:
            return pos in self.known.get(word, "").split("|")

        if verb(made):
            return made
        rules = self.rules.get(pos, {})
        cuts = [_apply(low, rules[low[len(low) - k:]]) for k in range(min(MAX_SUFFIX, len(low) - 1), 0, -1) if low[len(low) - k:] in rules]
        cuts = [c for c in dict.fromkeys([made, *cuts]) if c and c != low]
        for candidates in (cuts, [c[:-1] for c in cuts if len(c) > 2 and c[-1] == c[-2]], [c + ch for c in cuts for ch in LETTERS]):
            found = next((c for c in candidates if verb(c)), None)
            if found:
                return found
        return made

    def save(self, path: Path) -> None:
        save_json_gz({"format": FORMAT, "lookup": self.lookup, "rules": self.rules}, path)

    @classmethod
    def load(cls, path: Path) -> "Lemmatizer":
        data = load_json_gz(path)
        if data.get("format") != FORMAT:
            raise ValueError(f"{path}: not a {FORMAT} model")
        return cls(data["lookup"], data["rules"])


@lru_cache(maxsize=1 << 15)
def _lemma(lemmatizer: Lemmatizer, low: str, pos: str) -> str:
    """A lemma kept per lower-cased word and tag: the suffix rules walk up to seven suffixes, and most words of an
    article come back (a model's tables do not change once loaded)."""
    return lemmatizer._lemma(low, pos)


def train(tokens: list[tuple[str, str, str]], extra: dict[str, dict[str, str]] | None = None,
          min_rule_count: int = 2) -> Lemmatizer:
    """Learn from (form, UPOS, lemma) triples; ``extra`` is UPOS -> form -> lemma from a lexicon.

    Treebank pairs outrank lexicon pairs for the same (form, UPOS): they are the convention we test on.
    """
    pairs: dict[str, dict[str, Counter]] = defaultdict(lambda: defaultdict(Counter))
    for form, pos, lemma in tokens:
        if pos not in KEEP_FORM and lemma and lemma != "_":
            pairs[pos][form.lower()][lemma.lower()] += 1000  # a treebank sighting beats the lexicon
    for pos, table in (extra or {}).items():
        for form, lemma in table.items():
            pairs[pos][form.lower()][lemma.lower()] += 1
    best = {
        pos: {f: max(sorted(c), key=lambda lem: c[lem]) for f, c in sorted(forms.items())}
        for pos, forms in sorted(pairs.items())
    }
    # Suffix rules: for each UPOS and suffix, the most frequent edit among the known forms.
    rules: dict[str, dict[str, str]] = {}
    for pos, table in best.items():
        stats: dict[str, Counter] = defaultdict(Counter)
        for form, lemma in table.items():
            edit = _edit(form, lemma)
            for k in range(0, min(MAX_SUFFIX, len(form) - 1) + 1):
                stats[form[len(form) - k :] if k else ""][edit] += 1
        chosen = {}
        for suf in sorted(stats, key=lambda s: (len(s), s)):
            c = stats[suf]
            edit, n = max(sorted(c.items()), key=lambda kv: kv[1])
            if n < min_rule_count and suf:
                continue
            parent = next((chosen[suf[i:]] for i in range(1, len(suf) + 1) if suf[i:] in chosen), None)
            if edit != parent:  # a rule equal to its shorter suffix's rule adds nothing
                chosen[suf] = edit
        rules[pos] = dict(sorted(chosen.items()))
    model = Lemmatizer({}, rules)
    lookup = {}
    for pos, table in best.items():
        exc = {f: lem for f, lem in table.items() if model._rule(f, pos) != lem}
        if exc:
            lookup[pos] = exc
    model.lookup = lookup
    return model
