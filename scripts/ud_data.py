"""Universal Dependencies data for the language layer: the fixed file lists and the projection of
UD words onto the tokens our own tokenizer produces (so training sees what run time sees).

UD splits "della" into "di la" (a multiword token); our tokenizer keeps "della" whole, so such a
token is trained as one token with the tag and lemma of its first word (ADP, "di"). Where our tokenizer
splits a UD multiword token into as many pieces as it has words ("don't" -> "do" "n't"), each piece keeps
its own word's tag and lemma. Where it joins several UD tokens ("part-time" is "part" "-" "time" in EWT),
the joined token takes the tag of its last non-punctuation word.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from kg.language.tokenizer import tokenize  # noqa: E402


def _default_ud_dir() -> Path:
    """$KG_UD_DIR, else shared/ud next to the repository (where CI and the developers have it)."""
    if os.environ.get("KG_UD_DIR"):
        return Path(os.environ["KG_UD_DIR"])
    beside = Path(__file__).resolve().parent.parent.parent / "shared" / "ud"
    return beside


UD_DIR = _default_ud_dir()

# (treebank folder, file, part): part "all" uses every sentence; "pud-train"/"pud-test" split the
# test-only PUD treebanks deterministically: sentence index % 5 == 4 is held out, the rest trains.
TRAIN_FILES = {
    "it": [
        ("UD_Italian-MarkIT", "it_markit-ud-train.conllu", "all"),
        ("UD_Italian-MarkIT", "it_markit-ud-dev.conllu", "all"),
        ("UD_Italian-ParlaMint", "it_parlamint-ud-train.conllu", "all"),
        ("UD_Italian-TWITTIRO", "it_twittiro-ud-train.conllu", "all"),
        ("UD_Italian-TWITTIRO", "it_twittiro-ud-dev.conllu", "all"),
        ("UD_Italian-PUD", "it_pud-ud-test.conllu", "pud-train"),
    ],
    "en": [
        ("UD_English-EWT", "en_ewt-ud-dev.conllu", "all"),
        ("UD_English-PUD", "en_pud-ud-test.conllu", "pud-train"),
    ],
}
EVAL_FILES = {
    "it": [
        ("UD_Italian-MarkIT", "it_markit-ud-test.conllu", "all"),
        ("UD_Italian-ParlaMint", "it_parlamint-ud-test.conllu", "all"),
        ("UD_Italian-TWITTIRO", "it_twittiro-ud-test.conllu", "all"),
        ("UD_Italian-Valico", "it_valico-ud-test.conllu", "all"),
        ("UD_Italian-PUD", "it_pud-ud-test.conllu", "pud-test"),
    ],
    "en": [
        ("UD_English-EWT", "en_ewt-ud-test.conllu", "all"),
        ("UD_English-PUD", "en_pud-ud-test.conllu", "pud-test"),
    ],
}


def read_conllu(path: Path) -> list[list[tuple[str, bool, list[tuple[str, str, str]]]]]:
    """Sentences as surface units: (form, space_after, [(word form, UPOS, lemma), ...])."""
    sentences, units, mwt_end = [], [], 0
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line:
            if units:
                sentences.append(units)
            units, mwt_end = [], 0
            continue
        if line.startswith("#"):
            continue
        cols = line.split("\t")
        if "." in cols[0]:
            continue  # empty node of the enhanced graph
        space = "SpaceAfter=No" not in cols[9]
        if "-" in cols[0]:
            a, b = map(int, cols[0].split("-"))
            units.append((cols[1], space, []))
            mwt_end = b
            continue
        word = (cols[1], cols[3], cols[2])
        if int(cols[0]) <= mwt_end:
            units[-1][2].append(word)
        else:
            units.append((cols[1], space, [word]))
    if units:
        sentences.append(units)
    return sentences


def project(units, lang: str) -> list[tuple[str, str, str]]:
    """(token, UPOS, lemma) for the tokens our tokenizer finds in the sentence's surface text."""
    text, spans = "", []
    for form, space, _ in units:
        spans.append((len(text), len(text) + len(form)))
        text += form + (" " if space else "")
    out, u = [], 0
    for s, e in tokenize(text, lang):
        while spans[u][1] <= s:
            u += 1
        first = u
        last = u
        while last + 1 < len(spans) and spans[last + 1][0] < e:
            last += 1
        if first == last:
            us, ue = spans[u]
            words = units[u][2]
            pieces = [p for p in tokenize(text[us:ue], lang)]
            if (s, e) != (us, ue) and len(pieces) == len(words):  # "do" "n't"
                idx = next((i for i, (ps, _) in enumerate(pieces) if ps + us == s), 0)
                out.append((text[s:e], words[idx][1], words[idx][2]))
            else:  # whole unit, or a unit split differently: first word's tag and lemma
                lemma = words[0][2] if (s, e) == (us, ue) or len(words) > 1 else text[s:e]
                out.append((text[s:e], words[0][1], lemma))
        else:  # our token joins several UD tokens ("part-time")
            head = last
            while head > first and units[head][2][0][1] == "PUNCT":
                head -= 1
            hs = spans[head][0]
            out.append((text[s:e], units[head][2][0][1], text[s:hs].lower() + units[head][2][0][2]))
    return out


def load(lang: str, which: str = "train", ud_dir: Path | None = None, files=None):
    """Projected sentences of the train or eval files, as {file label: [sentence, ...]}."""
    ud_dir = Path(ud_dir or UD_DIR)
    result = {}
    for folder, name, part in files or (TRAIN_FILES if which == "train" else EVAL_FILES)[lang]:
        sents = read_conllu(ud_dir / folder / name)
        if part != "all":
            keep = 4 if part == "pud-test" else None
            sents = [s for i, s in enumerate(sents) if (i % 5 == 4) == (keep == 4)]
        label = name.replace(".conllu", "") + ("" if part == "all" else f"[{part}]")
        result[label] = [project(s, lang) for s in sents]
    return result
