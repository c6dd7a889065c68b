#!/usr/bin/env python3
"""Measure the language layer and the alternatives it was chosen over; writes eval.txt.

Accuracy on the held-out UD files (scripts/ud_data.py), speed per 700-word article (tokenise + tag +
lemmatise + chunk, after loading; median of repeated runs, CPU time of this process, so other load on
the machine does not inflate it), model load time and sizes. Alternatives: nltk's PerceptronTagger and
our tagger without the external lexicons (both trained on the same data), simplemma for lemmas.

    pip install nltk==3.10.4 simplemma==2.0.0     # only for the comparison, not needed at run time
    python scripts/eval_language_layer.py --out eval.txt
"""

from __future__ import annotations

import argparse
import importlib
import random
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import train_language_models as T  # noqa: E402
import ud_data  # noqa: E402

PKG = "kg.language"
A = importlib.import_module(PKG + ".analyse")  # the module; the package attribute is the function
lemmatizer = importlib.import_module(PKG + ".lemmatizer")
tagger = importlib.import_module(PKG + ".tagger")
tokenize = importlib.import_module(PKG + ".tokenizer").tokenize

ROUNDS = 7


def articles(lang: str, words: int = 700, count: int = 10) -> list[str]:
    """Held-out sentences glued into ~700-word texts (paragraph break every 5 sentences)."""
    texts, cur, n = [], [], 0
    for folder, name, part in ud_data.EVAL_FILES[lang]:
        sents = ud_data.read_conllu(ud_data.UD_DIR / folder / name)
        if part == "pud-test":
            sents = [s for i, s in enumerate(sents) if i % 5 == 4]
        for units in sents:
            cur.append("".join(f + (" " if sp else "") for f, sp, _ in units).strip())
            n += len(cur[-1].split())
            if n >= words:
                texts.append(" ".join(" ".join(cur[i : i + 5]) + "\n\n" for i in range(0, len(cur), 5)))
                cur, n = [], 0
            if len(texts) == count:
                return texts
    return texts


def timed(fn, texts) -> tuple[float, float]:
    """Median and max CPU milliseconds per text over ROUNDS rounds."""
    times = []
    for _ in range(ROUNDS):
        for t in texts:
            t0 = time.process_time()
            fn(t)
            times.append((time.process_time() - t0) * 1000)
    return statistics.median(times), max(times)


def accuracy(tag_fn, sents) -> float:
    n = ok = 0
    for s in sents:
        pred = tag_fn([w for w, _, _ in s])
        n += len(s)
        ok += sum(p == g for p, (_, g, _) in zip(pred, s))
    return 100 * ok / n


def lemma_accuracy(lemma_fn, sents, tags) -> float:
    n = ok = 0
    for s, ts in zip(sents, tags):
        for (w, g, gl), p in zip(s, ts):
            if g != "PUNCT":
                n += 1
                ok += lemma_fn(w, p).lower() == gl.lower()
    return 100 * ok / n


def tokenizer_agreement(lang: str) -> float:
    """Share of UD surface tokens (multiword tokens counted whole) that our tokenizer reproduces exactly."""
    n = ok = 0
    for folder, name, _ in ud_data.EVAL_FILES[lang]:
        for units in ud_data.read_conllu(ud_data.UD_DIR / folder / name):
            text, spans = "", []
            for form, space, _ in units:
                spans.append((len(text), len(text) + len(form)))
                text += form + (" " if space else "")
            ours = set(tokenize(text, lang))
            n += len(spans)
            ok += sum(sp in ours for sp in spans)
    return 100 * ok / n


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--out", type=Path, default=Path("eval.txt"))
    ap.add_argument("--models", type=Path, default=A.MODELS_DIR)
    ap.add_argument("--skip-alternatives", action="store_true")
    args = ap.parse_args()
    lines = [f"# language layer evaluation ({time.strftime('%Y-%m-%d')}, python {sys.version.split()[0]})", ""]

    def say(s: str = "") -> None:
        print(s, flush=True)
        lines.append(s)

    say("## held-out accuracy of the shipped models (UPOS; lemma from predicted UPOS, PUNCT excluded)")
    for lang in A.LANGUAGES:
        for line in T.evaluate(lang, args.models):
            say(line)
        say(f"{lang}  tokenizer reproduces {tokenizer_agreement(lang):.2f}% of UD surface tokens in the eval files")
    say()
    say("## model files")
    for p in sorted(args.models.glob("*.json.gz")):
        say(f"{p.name:24s} {p.stat().st_size / 1e6:6.2f} MB")
    say()
    c0 = time.process_time()
    sum(range(10**7))
    calib = (time.process_time() - c0) * 1000
    say(f"## speed: CPU ms per ~700-word held-out article, median (max) of {ROUNDS} rounds x 10 articles")
    say(f"(machine check: sum(range(10**7)) took {calib:.0f} ms CPU here, about 100 ms on an idle modern core;"
        f" load average {open('/proc/loadavg').read().split()[0] if Path('/proc/loadavg').exists() else '?'})")
    for lang in A.LANGUAGES:
        loads = []
        for _ in range(3):
            A._load.cache_clear()
            t0 = time.perf_counter()
            A.load_models(lang, args.models)
            loads.append((time.perf_counter() - t0) * 1000)
        texts = articles(lang)
        words = statistics.mean(len(t.split()) for t in texts)
        med, mx = timed(lambda t: A.chunks(A.analyse(t, lang, args.models), lang), texts)
        tok_med, _ = timed(lambda t: tokenize(t, lang), texts)
        say(f"{lang}  load {min(loads):6.0f} ms   full pipeline {med:6.1f} ms ({mx:.1f})   of which tokenise "
            f"{tok_med:.1f} ms   [{len(texts)} articles, {words:.0f} words avg]")
    if args.skip_alternatives:
        args.out.write_text("\n".join(lines) + "\n", encoding="utf-8")
        return 0
    say()
    say("## alternatives, trained and evaluated on the same data (ALL held-out files)")
    import simplemma
    from nltk.tag.perceptron import PerceptronTagger

    for lang in A.LANGUAGES:
        train = [s for v in ud_data.load(lang, "train").values() for s in v]
        evals = [s for v in ud_data.load(lang, "eval").values() for s in v]
        texts = articles(lang)
        own, lem = A.load_models(lang, args.models)
        say(f"{lang}  tagger ours (shipped)              UPOS {accuracy(own.tag, evals):6.2f}   "
            f"tag-only {timed(lambda t: [own.tag(tokenize_words(t, lang))], texts)[0]:6.1f} ms/article")
        random.seed(T.SEED)
        nl = PerceptronTagger(load=False)
        t0 = time.process_time()
        nl.train([[(w, t) for w, t, _ in s] for s in train], nr_iter=5)
        nl_train = time.process_time() - t0
        nl_tag = lambda ws: [t for _, t in nl.tag(ws)]  # noqa: E731
        say(f"{lang}  tagger nltk PerceptronTagger (5 it)  UPOS {accuracy(nl_tag, evals):6.2f}   "
            f"tag-only {timed(lambda t: [nl_tag(tokenize_words(t, lang))], texts)[0]:6.1f} ms/article   "
            f"train {nl_train:.0f} s")
        t0 = time.process_time()
        bare = tagger.train([[(w, t) for w, t, _ in s] for s in train], iterations=T.ITERATIONS, seed=T.SEED,
                            folds=T.FOLDS, prune=T.PRUNE)
        say(f"{lang}  tagger ours without external lexicon UPOS {accuracy(bare.tag, evals):6.2f}   "
            f"train {time.process_time() - t0:.0f} s")
        tags = [own.tag([w for w, _, _ in s]) for s in evals]
        bare_lem = lemmatizer.train([tok for s in train for tok in s])
        seen = {(w.lower(), t) for s in train for w, t, _ in s}

        def hybrid(w: str, p: str) -> str:
            if p in lemmatizer.KEEP_FORM or (w.lower(), p) in seen:
                return bare_lem.lemma(w, p)
            return simplemma.lemmatize(w, lang=lang)

        def sm(w: str, p: str) -> str:
            return simplemma.lemmatize(w, lang=lang)

        for name, fn in (("ours (shipped)", lem.lemma), ("ours, treebank only", bare_lem.lemma),
                         ("simplemma 2.0.0", sm), ("treebank lookup + simplemma", hybrid)):
            toks = [(w, p) for s, ts in zip(evals, tags) for (w, _, _), p in zip(s, ts)]
            t0 = time.process_time()
            for w, p in toks:
                fn(w, p)
            us = (time.process_time() - t0) / len(toks) * 1e6
            say(f"{lang}  lemma {name:32s} {lemma_accuracy(fn, evals, tags):6.2f}   {us:5.1f} us/token")
    args.out.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return 0


def tokenize_words(text: str, lang: str) -> list[str]:
    return [text[s:e] for s, e in tokenize(text, lang)]


if __name__ == "__main__":
    raise SystemExit(main())
