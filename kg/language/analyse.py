"""Public API of the language layer: ``analyse(text, lang)`` -> tokens with offsets, lemma and UPOS;
``chunks(tokens, lang)`` -> NP/VP chunks. Models are read once per (language, directory) and cached.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from kg.language.chunker import Chunk, chunk_tags
from kg.language.lemmatizer import Lemmatizer
from kg.language.tagger import Tagger
from kg.language.tokenizer import sentence_ranges, tokenize
from kg.memo import remembered

MODELS_DIR = Path(__file__).parent / "models"
LANGUAGES = tuple(sorted(p.name.split(".")[0] for p in MODELS_DIR.glob("*.tagger.json.gz")))  # those with shipped models

__all__ = ["Token", "Chunk", "analyse", "chunks", "load_models", "MODELS_DIR", "LANGUAGES"]


@dataclass(frozen=True, slots=True)
class Token:
    """One token: ``text == source[start:end]``; ``sent`` numbers the sentences from 0."""

    text: str
    start: int
    end: int
    lemma: str
    pos: str
    sent: int = 0


@lru_cache(maxsize=None)
def _load(lang: str, models_dir: str) -> tuple[Tagger, Lemmatizer]:
    """The models as loaded from their files, kept on disk once made (kg/memo.py): the Italian tagger's 400,000
    lexicon forms and its weight matrix unpickle in half the time they take to be built from the JSON."""
    if lang not in LANGUAGES:
        raise ValueError(f"unsupported language {lang!r}; expected one of {LANGUAGES}")
    tagger, lemmas = Path(models_dir) / f"{lang}.tagger.json.gz", Path(models_dir) / f"{lang}.lemmas.json.gz"
    models = remembered(f"models-{lang}", [tagger.read_bytes(), lemmas.read_bytes()], lambda: (Tagger.load(tagger), Lemmatizer.load(lemmas)))
    models[1].known = models[0].lexicon  # the lemmatizer checks a verb's lemma against the forms the tagger knows
    return models


def load_models(lang: str, models_dir: Path | str | None = None) -> tuple[Tagger, Lemmatizer]:
    """The (tagger, lemmatizer) of a language, loaded on first use and cached."""
    return _load(lang, _resolved(str(models_dir or MODELS_DIR)))


@lru_cache(maxsize=None)
def _resolved(models_dir: str) -> str:
    """The folder's real path, once: the extractor tags sentence by sentence, and resolving a path costs a system call."""
    return str(Path(models_dir).resolve())


def analyse(text: str, lang: str, models_dir: Path | str | None = None, imperative: bool = False) -> list[Token]:
    """Tokenise, tag and lemmatise ``text`` in one of ``LANGUAGES``; ``imperative`` text opens each sentence on a
    verb where its first word can be one in its base form (Tagger.tag)."""
    return list(_analysed(text, lang, _resolved(str(models_dir or MODELS_DIR)), imperative))


@lru_cache(maxsize=1024)
def _analysed(text: str, lang: str, models_dir: str, imperative: bool) -> tuple[Token, ...]:
    """analyse, kept per text: the extractor's stages ask about the same sentence (its token rules, the tags of
    its role mentions, a noun phrase of a regulation)."""
    tagger, lemmatizer = load_models(lang, models_dir)
    spans = tokenize(text, lang)
    ranges = sentence_ranges(text, spans, lang)
    if len(ranges) > 1:  # a paragraph or a whole body: each sentence kept on its own, for when it is asked alone
        return tuple(Token(t.text, t.start + spans[a][0], t.end + spans[a][0], t.lemma, t.pos, n)
                     for n, (a, b) in enumerate(ranges)
                     for t in _analysed(text[spans[a][0]:spans[b - 1][1]], lang, models_dir, imperative))
    base_form = (lambda w: lemmatizer.lemma(w, "VERB") == w.lower()) if imperative else None
    words = [text[s:e] for s, e in spans]
    return tuple(Token(w, s, e, lemmatizer.lemma(w, pos), pos, 0) for w, (s, e), pos in zip(words, spans, tagger.tag(words, base_form)))


def chunks(tokens: list[Token], lang: str) -> list[Chunk]:
    """NP and VP chunks over ``tokens`` (indices into that list); no chunk crosses a sentence."""
    out: list[Chunk] = []
    i = 0
    while i < len(tokens):
        j = i
        while j < len(tokens) and tokens[j].sent == tokens[i].sent:
            j += 1
        out.extend(chunk_tags([t.pos for t in tokens[i:j]], lang, offset=i))
        i = j
    return out
