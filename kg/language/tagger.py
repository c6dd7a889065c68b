"""Averaged-perceptron UPOS tagger (greedy, left to right), with suffix, shape and lexicon features.

Own code rather than nltk's PerceptronTagger: on the same data it is more accurate (the extra features
matter most for unknown words) and it saves a deterministic, pickle-free JSON model.
The model file is gzip'd JSON with sorted keys, rounded weights and mtime=0, so training is byte-reproducible.
"""

from __future__ import annotations

import gzip
import io
import json
import random
from collections import Counter, defaultdict
from pathlib import Path

import numpy as np

FORMAT = "kg-ap-tagger/2"
SCALE = 1000  # weights are stored as integer thousandths
START = ("-S1-", "-S2-")
END = ("-E1-", "-E2-")
_VERBAL = frozenset({"VERB", "AUX"})
OWN_ROWS_KEPT = 50_000  # word forms whose own feature rows are kept (~5 MB), then the table starts afresh
_add = np.add.reduce  # called straight: ndarray.sum's Python wrapper costs as much as the sum of ~25 rows


def shape(word: str) -> str:
    """Collapsed character classes: "Rossi" -> "Xx", "1.500,00" -> "d.d,d", "e-mail" -> "x-x"."""
    out = []
    for ch in word[:12]:
        c = "X" if ch.isupper() else "x" if ch.isalpha() else "d" if ch.isdigit() else ch
        if not out or out[-1] != c:
            out.append(c)
    return "".join(out)


def norm(word: str) -> str:
    """Lower-case key; numbers collapse to one class so the model does not learn each figure."""
    if word[:1].isdigit() and shape(word).strip("d.,:/-") == "":
        return "!NUM"
    return word.lower()


class Tagger:
    """Tagging with a trained model; see ``train`` for how the model is built."""

    def __init__(self, weights: dict, classes: list[str], tagdict: dict, lexicon: dict):
        self.weights = weights  # feature -> {tag: weight}
        self.classes = classes
        self.tagdict = tagdict  # frequent unambiguous word forms -> tag (skips scoring)
        self.lexicon = lexicon  # lower-cased form -> "ADJ|NOUN": tags the word can take
        self._index: dict[str, int] | None = None  # run time: feature -> row of _matrix
        self._matrix = None
        self._own_rows: dict[str, list[int]] = {}  # run time: word form -> rows of its _own_features

    def _features(self, i: int, words: list[str], keys: list[str], p1: str, p2: str, hv: str) -> list[str]:
        return self._own_features(words[i], keys[i]) + self._context_features(i, words, keys, p1, p2, hv)

    @staticmethod
    def _own_features(w: str, k: str) -> list[str]:
        """The features of the word itself, the first of a token's: the same wherever it stands."""
        return ["b", "w " + k, "s1 " + k[-1:], "s2 " + k[-2:], "s3 " + k[-3:], "s4 " + k[-4:], "p1 " + k[:1], "sh " + shape(w)]

    def _context_features(self, i: int, words: list[str], keys: list[str], p1: str, p2: str, hv: str) -> list[str]:
        """The features of a token's neighbours and of the tags before it, after its own."""
        k = keys[i]
        lex = self.lexicon.get
        kp, kn = keys[i - 1] if i else START[0], keys[i + 1] if i + 1 < len(keys) else END[0]
        lx, lxn = lex(k, "?"), lex(kn, "?")
        feats = [
            "t1 " + p1,
            "t2 " + p1 + " " + p2,
            "t1w " + p1 + " " + k,
            "w-1 " + kp,
            "s-1 " + kp[-3:],
            "w+1 " + kn,
            "s+1 " + kn[-3:],
            "w-2 " + (keys[i - 2] if i > 1 else START[1]),
            "w+2 " + (keys[i + 2] if i + 2 < len(keys) else END[1]),
            "lx " + lx,
            "lx+1 " + lxn,
            "lx-1 " + lex(kp, "?"),
            "lxt1 " + lx + " " + p1,
            "lxn " + lx + " " + lxn,
            "t1n " + p1 + " " + kn,
            "s3n " + k[-3:] + " " + kn,
            "hv " + hv + " " + lx,
            "hvt " + hv + " " + p1,
        ]
        if i == 0:
            feats.append("first " + shape(words[i])[:1])
        if "-" in k[1:]:
            feats.append("hy " + k.rsplit("-", 1)[1][-3:])
        return feats

    def _best(self, feats: list[str]) -> str:
        """Training-time scoring on the mutable dict weights."""
        scores: dict[str, float] = defaultdict(float)
        get = self.weights.get
        for f in feats:
            ws = get(f)
            if ws:
                for tag, v in ws.items():
                    scores[tag] += v
        return max(self.classes, key=lambda t: (scores[t], t))

    def _best_fast(self, i: int, words: list[str], keys: list[str], p1: str, p2: str, hv: str) -> str:
        """Run-time scoring: one numpy row per feature, summed in the order of _features; ties go to the later
        class, as in _best. The rows of a word's own features are looked up once a word form (a sentence's
        function words and a text's subject words come back)."""
        own = self._own_rows.get(words[i])
        if own is None:
            if len(self._own_rows) >= OWN_ROWS_KEPT:
                self._own_rows.clear()
            own = self._own_rows[words[i]] = [r for r in map(self._index.get, self._own_features(words[i], keys[i])) if r is not None]
        rows = own + [r for r in map(self._index.get, self._context_features(i, words, keys, p1, p2, hv)) if r is not None]
        scores = _add(self._matrix.take(rows, 0), 0).tolist()[::-1]  # the rows added in order, as matrix[rows].sum(0) does
        return self.classes[len(scores) - 1 - scores.index(max(scores))]

    def freeze(self) -> "Tagger":
        """Turn the dict weights into a feature index and a weight matrix (4x faster tagging)."""
        feats = sorted(self.weights)
        col = {t: j for j, t in enumerate(self.classes)}
        self._index = {f: i for i, f in enumerate(feats)}
        self._matrix = np.zeros((len(feats), len(self.classes)))
        for i, f in enumerate(feats):
            for tag, v in self.weights[f].items():
                self._matrix[i, col[tag]] = v
        return self

    def tag(self, words: list[str], imperative=None) -> list[str]:
        """UPOS tags of one sentence given as a list of token strings. An `imperative` sentence (a bullet under a
        duty heading: "Plan shifts", "Monitor stock levels") opens on a verb wherever the lexicon lets its first word
        be one and `imperative(word)` says it is a verb's base form: the training data has few such lines, and the
        model reads their verb as a noun ("Controllo delle consegne", no base form, stays a noun)."""
        best = self._best_fast if self._matrix is not None else (lambda *at: self._best(self._features(*at)))
        keys = [norm(w) for w in words]
        p1, p2 = START
        hv = "0"  # has a verb been predicted yet in this sentence? A clause wants one.
        out = []
        for i, w in enumerate(words):
            if i == 0 and imperative and "VERB" in self.lexicon.get(keys[0], "").split("|") and imperative(w):
                t = "VERB"
            else:
                t = self.tagdict.get(w) or best(i, words, keys, p1, p2, hv)
            out.append(t)
            p2, p1 = p1, t
            if t in _VERBAL:
                hv = "1"
        return out

    # -- persistence -------------------------------------------------------------------------------
    # Layout chosen for load speed: feature names and lexicon forms are newline-joined strings (split in
    # C), weights are per-class columns of integer thousandths (exact, so files are byte-reproducible).

    def to_json(self) -> dict:
        if self._matrix is None:
            self.freeze()
        by_class: dict[str, list[str]] = defaultdict(list)
        for form in sorted(self.lexicon):
            by_class[self.lexicon[form]].append(form)
        feats = sorted(self._index, key=self._index.__getitem__)
        ints = np.rint(self._matrix * SCALE).astype(np.int64)
        columns = {}
        for j, tag in enumerate(self.classes):
            rows = np.flatnonzero(ints[:, j])
            columns[tag] = [rows.tolist(), ints[rows, j].tolist()]
        return {
            "format": FORMAT,
            "scale": SCALE,
            "classes": self.classes,
            "tagdict": self.tagdict,
            "lexicon": {c: "\n".join(forms) for c, forms in sorted(by_class.items())},
            "features": "\n".join(feats),
            "weights": columns,
        }

    def save(self, path: Path) -> None:
        save_json_gz(self.to_json(), path)

    @classmethod
    def load(cls, path: Path) -> "Tagger":
        data = load_json_gz(path)
        if data.get("format") != FORMAT:
            raise ValueError(f"{path}: not a {FORMAT} model")
        lexicon: dict[str, str] = {}
        for c, forms in data["lexicon"].items():
            lexicon.update(dict.fromkeys(forms.split("\n"), c))
        model = cls({}, data["classes"], data["tagdict"], lexicon)
        feats = data["features"].split("\n")
        model._index = {f: i for i, f in enumerate(feats)}
        model._matrix = np.zeros((len(feats), len(model.classes)))
        for j, tag in enumerate(model.classes):
            rows, vals = data["weights"].get(tag, [[], []])
            model._matrix[rows, j] = np.asarray(vals, dtype=np.float64) / data["scale"]
        return model


def save_json_gz(obj: dict, path: Path) -> None:
    """Deterministic gzip'd JSON: sorted keys, no timestamp, no file name in the header."""
    raw = json.dumps(obj, sort_keys=True, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    buf = io.BytesIO()
    with gzip.GzipFile(filename="", mode="wb", fileobj=buf, compresslevel=9, mtime=0) as gz:
        gz.write(raw)
    Path(path).write_bytes(buf.getvalue())


def load_json_gz(path: Path) -> dict:
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        return json.load(fh)


# -- training --------------------------------------------------------------------------------------


def build_lexicon(sentences: list[list[tuple[str, str]]], extra: dict[str, set[str]] | None = None,
                  min_share: float = 0.05) -> dict[str, str]:
    """Possible tags per lower-cased form: tags with at least ``min_share`` of the form's training
    occurrences, united with an optional external lexicon (which covers words the treebanks lack)."""
    counts: dict[str, Counter] = defaultdict(Counter)
    for sent in sentences:
        for w, t in sent:
            counts[norm(w)][t] += 1
    tags: dict[str, set[str]] = {k: set(v) for k, v in (extra or {}).items()}
    for k, c in counts.items():
        total = sum(c.values())
        tags.setdefault(k, set()).update(t for t, n in c.items() if n / total >= min_share)
    return {k: "|".join(sorted(v)) for k, v in sorted(tags.items()) if v}


def build_tagdict(sentences, min_count: int = 20, min_share: float = 0.97) -> dict[str, str]:
    """Word forms frequent and unambiguous enough to be tagged by lookup."""
    counts: dict[str, Counter] = defaultdict(Counter)
    for sent in sentences:
        for w, t in sent:
            counts[w][t] += 1
    out = {}
    for w, c in counts.items():
        (tag, n), total = c.most_common(1)[0], sum(c.values())
        if total >= min_count and n / total >= min_share:
            out[w] = tag
    return dict(sorted(out.items()))


def train(sentences: list[list[tuple[str, str]]], *, iterations: int = 8, seed: int = 1,
          extra_lexicon: dict[str, set[str]] | None = None, folds: int = 10, use_lexicon: bool = True,
          prune: float = 0.0, digits: int = 3) -> Tagger:
    """Train an averaged perceptron; same input, seed and settings give the same weights.

    The lexicon feature is jackknifed: sentences of fold k see a lexicon built without fold k, so the
    model does not learn to trust it more than it deserves on unseen text (trusting the full-data
    lexicon cost 2 points of accuracy on held-out English).
    """
    classes = sorted({t for s in sentences for _, t in s})
    tagdict = build_tagdict(sentences)
    full = build_lexicon(sentences, extra_lexicon) if use_lexicon else {}
    fold_lex = [
        build_lexicon([s for j, s in enumerate(sentences) if j % folds != k], extra_lexicon) if use_lexicon else {}
        for k in range(folds)
    ]
    model = Tagger({}, classes, tagdict, full)
    weights: dict[str, dict[str, float]] = {}
    totals: dict[tuple[str, str], float] = defaultdict(float)
    stamps: dict[tuple[str, str], int] = defaultdict(int)
    model.weights = weights
    step = 0
    order = list(range(len(sentences)))
    rng = random.Random(seed)

    def update(f: str, tag: str, delta: float) -> None:
        ws = weights.setdefault(f, {})
        v = ws.get(tag, 0.0)
        totals[f, tag] += (step - stamps[f, tag]) * v
        stamps[f, tag] = step
        ws[tag] = v + delta

    for _ in range(iterations):
        for si in order:
            model.lexicon = fold_lex[si % folds]
            words = [w for w, _ in sentences[si]]
            keys = [norm(w) for w in words]
            p1, p2 = START
            hv = "0"
            for i, (w, gold) in enumerate(sentences[si]):
                guess = tagdict.get(w)
                if guess is None:
                    feats = model._features(i, words, keys, p1, p2, hv)
                    guess = model._best(feats)
                    step += 1
                    if guess != gold:
                        for f in feats:
                            update(f, gold, 1.0)
                            update(f, guess, -1.0)
                p2, p1 = p1, guess
                if guess in _VERBAL:
                    hv = "1"
        rng.shuffle(order)

    averaged: dict[str, dict[str, float]] = {}
    for f in sorted(weights):
        row = {}
        for tag in sorted(weights[f]):
            total = totals[f, tag] + (step - stamps[f, tag]) * weights[f][tag]
            v = round(total / step, digits) if step else 0.0
            if abs(v) > prune:
                row[tag] = v
        if row:
            averaged[f] = row
    model.weights = averaged
    model.lexicon = full
    return model.freeze()
