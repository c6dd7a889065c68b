#!/usr/bin/env python3
"""Train the language-layer models (UPOS tagger + lemmatizer, Italian and English) reproducibly.

Fixed file lists (scripts/ud_data.py), fixed seed and iteration count, sorted JSON with rounded weights
in gzip with mtime=0: a re-run on the same inputs writes byte-identical files.

Inputs:  the UD treebanks in --ud-dir (default $KG_UD_DIR, else ../shared/ud beside the repository) and, unless
         --no-lexicon, the Morph-it! (Italian) and WordNet (English) tables that the PyPI package
         spacy-lookups-data==1.0.5 carries (a training-time dependency only; nothing of spaCy is used).
Outputs: <out>/<lang>.tagger.json.gz and <out>/<lang>.lemmas.json.gz, plus a held-out accuracy summary.

    python scripts/train_language_models.py                 # both languages, 2-5 minutes on 2 cores
    python scripts/train_language_models.py --langs it --max-sentences 200 --out /tmp/m --no-lexicon
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import json
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import ud_data  # noqa: E402  (sets up the import path of the language package too)

from kg.language import lemmatizer, tagger  # noqa: E402

SEED = 1
ITERATIONS = 8
FOLDS = 10  # jackknife folds for the lexicon feature
PRUNE = 0.005  # averaged weights closer to zero than this are dropped
DEFAULT_OUT = Path(__file__).resolve().parent.parent / "language" / "models"

_IT_TABLES = {"verb": "VERB", "noun": "NOUN", "adj": "ADJ", "adv": "ADV", "adp": "ADP",
              "aux": "AUX", "det": "DET", "num": "NUM", "pron": "PRON"}
_EN_POS = {"noun": "NOUN", "verb": "VERB", "adj": "ADJ", "adv": "ADV"}


def _lookups_dir() -> Path:
    try:
        import spacy_lookups_data
    except ImportError:
        sys.exit("spacy-lookups-data is needed for the lexicons: pip install spacy-lookups-data==1.0.5 "
                 "(or pass --no-lexicon)")
    return Path(spacy_lookups_data.__file__).parent / "data"


def _read(name: str):
    with gzip.open(_lookups_dir() / f"{name}.json.gz", "rt", encoding="utf-8") as fh:
        return json.load(fh)


def _fix(s: str) -> str:
    """Some Morph-it! entries in the package are UTF-8 read as Latin-1 ("pianificherÃ²"): repair them."""
    try:
        return s.encode("latin-1").decode("utf-8")
    except (UnicodeEncodeError, UnicodeDecodeError):
        return s


def italian_lexicon() -> dict[str, dict[str, str]]:
    """Morph-it!: UPOS -> form -> lemma (verbs to the infinitive, adjectives to masculine singular)."""
    out: dict[str, dict[str, str]] = {}
    for table, pos in _IT_TABLES.items():
        rows = _read(f"it_lemma_lookup_{table}")
        out[pos] = {_fix(k).lower(): _fix(v).lower() for k, v in sorted(rows.items())}
    return out


def english_tag_lexicon() -> dict[str, set[str]]:
    """WordNet (index, exceptions, suffix rules): which of NOUN/VERB/ADJ/ADV each known form can be."""
    index = {p: set(v) for p, v in _read("en_lemma_index").items()}
    exc = _read("en_lemma_exc")
    rules = _read("en_lemma_rules")
    forms = {k.lower() for k in _read("en_lemma_lookup")} | set().union(*index.values())
    forms |= {k for v in exc.values() for k in v}
    lex: dict[str, set[str]] = {}
    for w in sorted(forms):
        if "_" in w or " " in w:
            continue
        for p, pos in _EN_POS.items():
            ok = w in index[p] or w in exc.get(p, {}) or any(
                old and w.endswith(old) and w[: len(w) - len(old)] + new in index[p] for old, new in rules.get(p, [])
            )
            if ok:
                lex.setdefault(w, set()).add(pos)
    return lex


def train_language(lang: str, out: Path, *, use_lexicon: bool, max_sentences: int | None = None,
                   ud_dir: Path | None = None) -> dict[str, Path]:
    data = ud_data.load(lang, "train", ud_dir)
    sentences = [s for label in data for s in data[label]]
    if max_sentences:
        sentences = sentences[:max_sentences]
    tag_lex, lemma_lex = None, None
    if use_lexicon and lang == "it":
        lemma_lex = italian_lexicon()
        tag_lex = {}
        for pos, table in lemma_lex.items():
            for form in table:
                tag_lex.setdefault(form, set()).add(pos)
    elif use_lexicon and lang == "en":
        tag_lex = english_tag_lexicon()
    model = tagger.train([[(w, t) for w, t, _ in s] for s in sentences], iterations=ITERATIONS, seed=SEED,
                         extra_lexicon=tag_lex, folds=FOLDS, prune=PRUNE)
    lem = lemmatizer.train([tok for s in sentences for tok in s], lemma_lex)
    out.mkdir(parents=True, exist_ok=True)
    paths = {"tagger": out / f"{lang}.tagger.json.gz", "lemmas": out / f"{lang}.lemmas.json.gz"}
    model.save(paths["tagger"])
    lem.save(paths["lemmas"])
    return paths


def evaluate(lang: str, out: Path, ud_dir: Path | None = None) -> list[str]:
    """UPOS and lemma accuracy (lemmas from predicted tags, case-insensitive, PUNCT excluded)."""
    tg = tagger.Tagger.load(out / f"{lang}.tagger.json.gz")
    lm = lemmatizer.Lemmatizer.load(out / f"{lang}.lemmas.json.gz")
    lines, tot = [], [0, 0, 0, 0]
    for label, sents in ud_data.load(lang, "eval", ud_dir).items():
        n = ok = ln = lok = 0
        for s in sents:
            pred = tg.tag([w for w, _, _ in s])
            for (w, gold, glem), p in zip(s, pred):
                n += 1
                ok += p == gold
                if gold != "PUNCT":
                    ln += 1
                    lok += lm.lemma(w, p).lower() == glem.lower()
        tot = [tot[0] + n, tot[1] + ok, tot[2] + ln, tot[3] + lok]
        lines.append(f"{lang}  {label:34s} tokens {n:6d}  UPOS {100 * ok / n:6.2f}  lemma {100 * lok / ln:6.2f}")
    lines.append(f"{lang}  {'ALL held-out':34s} tokens {tot[0]:6d}  UPOS {100 * tot[1] / tot[0]:6.2f}  "
                 f"lemma {100 * tot[3] / tot[2]:6.2f}")
    return lines


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--ud-dir", type=Path, default=None, help="UD treebanks (default $KG_UD_DIR, else ../shared/ud beside the repository)")
    ap.add_argument("--out", type=Path, default=DEFAULT_OUT, help="where the model files go")
    ap.add_argument("--langs", nargs="+", default=["it", "en"])
    ap.add_argument("--no-lexicon", action="store_true", help="train without Morph-it!/WordNet (lower accuracy)")
    ap.add_argument("--max-sentences", type=int, default=None, help="train on the first N sentences (tests)")
    ap.add_argument("--no-eval", action="store_true", help="skip the held-out evaluation")
    args = ap.parse_args(argv)
    for lang in args.langs:
        t0 = time.time()
        paths = train_language(lang, args.out, use_lexicon=not args.no_lexicon,
                               max_sentences=args.max_sentences, ud_dir=args.ud_dir)
        print(f"{lang}: trained in {time.time() - t0:.0f} s")
        for p in paths.values():
            print(f"  {p}  {p.stat().st_size:9d} bytes  sha256 {hashlib.sha256(p.read_bytes()).hexdigest()}")
        if not args.no_eval:
            print("\n".join(evaluate(lang, args.out, args.ud_dir)))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
