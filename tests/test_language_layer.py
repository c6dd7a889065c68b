"""Tests of the language layer: offsets, tokenizer rules, tags, lemmas, chunks, reproducible training."""

from __future__ import annotations

import dataclasses
import hashlib
import os
import subprocess
import sys
from pathlib import Path

import pytest

from kg.language.analyse import Token, analyse, chunks, load_models
from kg.language.chunker import _CODE, compile_pattern
from kg.language.tokenizer import tokenize

ROOT = Path(__file__).resolve().parent.parent

SCRIPT = ROOT / "scripts" / "train_language_models.py"
sys.path.insert(0, str(ROOT / "scripts"))
from ud_data import UD_DIR  # noqa: E402  ($KG_UD_DIR or ../shared/ud)

IT = "L'infermiere pianifica i turni e verifica le scorte dei farmaci."
EN = "The nurse plans shifts, checks stock and trains new staff."
TRICKY = {
    "it": "Dott. Rossi (S.p.A.) cerca un'addetta all'amministrazione: RAL 1.500,00 € + 10%, part-time, "
    "un po' di smart-working, ecc.\n\n- Gestione dell'archivio; info: hr@azienda.it, www.azienda.it/lavora…",
    "en": "Mr. J. Smith's team doesn't pay $1,500.00/month (i.e. 20% less)... e-mail: jobs@acme.com!\n"
    "* Full-time role, Ph.D. preferred; it's a 9-5 job, etc. Apply at https://acme.com/jobs.",
}


def words(text: str, lang: str) -> list[str]:
    return [text[s:e] for s, e in tokenize(text, lang)]


def by_text(tokens: list[Token]) -> dict[str, Token]:
    return {t.text: t for t in tokens}


@pytest.mark.parametrize("lang", ["it", "en"])
def test_offsets_map_back_to_the_text_exactly(lang):
    text = TRICKY[lang] + " " + (IT if lang == "it" else EN)
    tokens = analyse(text, lang)
    covered = set()
    for prev, tok in zip([None] + tokens, tokens):
        assert text[tok.start : tok.end] == tok.text
        assert tok.end > tok.start
        assert prev is None or prev.end <= tok.start
        covered.update(range(tok.start, tok.end))
    assert {i for i, ch in enumerate(text) if not ch.isspace()} == covered  # nothing dropped


def test_italian_tokenizer_rules():
    assert words("dell'azienda all'estero l'infermiere un'addetta", "it") == [
        "dell'", "azienda", "all'", "estero", "l'", "infermiere", "un'", "addetta"]
    assert words("un po' di tutto", "it") == ["un", "po'", "di", "tutto"]
    assert words("RAL 1.500,00 € e il 10%.", "it") == ["RAL", "1.500,00", "€", "e", "il", "10", "%", "."]
    assert words("Dott. Rossi, S.p.A., ecc.", "it") == ["Dott.", "Rossi", ",", "S.p.A.", ",", "ecc."]
    assert words("lavoro part-time", "it") == ["lavoro", "part-time"]
    assert words("verificarlo", "it") == ["verificarlo"]  # clitics stay whole


def test_english_tokenizer_rules():
    assert words("don't can't nurse's", "en") == ["do", "n't", "ca", "n't", "nurse", "'s"]
    assert words("$1,500.00 and 3.5%", "en") == ["$", "1,500.00", "and", "3.5", "%"]
    assert words("Mr. Smith, e.g. full-time.", "en") == ["Mr.", "Smith", ",", "e.g.", "full-time", "."]


def test_sentences_split_on_stops_and_line_breaks():
    tokens = analyse("Gestisce il team. Redige i report\nCoordina i turni", "it")
    assert [t.sent for t in tokens] == [0, 0, 0, 0, 1, 1, 1, 2, 2, 2]


def test_italian_career_sentence_tags_and_lemmas():
    t = by_text(analyse(IT, "it"))
    for w in ("infermiere", "turni", "scorte", "farmaci"):
        assert t[w].pos == "NOUN", w
    for w in ("pianifica", "verifica"):
        assert t[w].pos == "VERB", w
    assert t["dei"].pos == "ADP"  # articulated preposition kept whole, tagged as preposition
    assert t["pianifica"].lemma == "pianificare"
    assert t["verifica"].lemma == "verificare"
    assert t["turni"].lemma == "turno"
    assert t["farmaci"].lemma == "farmaco"


def test_italian_lemmas_are_pos_aware():
    t = by_text(analyse("Ha coordinato i progetti tecnici e le attività commerciali.", "it"))
    assert t["coordinato"].lemma == "coordinare"
    assert t["tecnici"].lemma == "tecnico"  # adjective -> masculine singular
    assert t["commerciali"].lemma == "commerciale"
    assert t["Ha"].lemma == "avere"


def test_english_career_sentence_tags_and_lemmas():
    t = by_text(analyse(EN, "en"))
    for w in ("nurse", "stock", "staff"):
        assert t[w].pos == "NOUN", w
    for w in ("checks", "trains"):
        assert t[w].pos == "VERB", w
    assert t["checks"].lemma == "check"
    assert t["trains"].lemma == "train"
    t = by_text(analyse("She has managed budgets and mentored junior engineers.", "en"))
    assert t["managed"].pos == "VERB" and t["managed"].lemma == "manage"
    assert t["mentored"].pos == "VERB" and t["mentored"].lemma == "mentor"
    assert t["engineers"].pos == "NOUN" and t["engineers"].lemma == "engineer"


@pytest.mark.xfail(strict=True, reason="known error: after 'The nurse', OOV 'plans' is read as a compound noun")
def test_english_subject_verb_after_noun():
    assert by_text(analyse(EN, "en"))["plans"].pos == "VERB"


def test_italian_noun_phrase_with_prepositional_complement():
    tokens = analyse(IT, "it")
    nps = [c for c in chunks(tokens, "it") if c.kind == "NP"]
    spans = {IT[tokens[c.start].start : tokens[c.end - 1].end]: tokens[c.head].text for c in nps}
    assert spans["le scorte dei farmaci"] == "scorte"
    vps = [IT[tokens[c.start].start : tokens[c.end - 1].end] for c in chunks(tokens, "it") if c.kind == "VP"]
    assert vps == ["pianifica", "verifica"]


def test_english_chunks_and_heads():
    text = "She has managed the company's new training budget."
    tokens = analyse(text, "en")
    cs = chunks(tokens, "en")
    assert [(c.kind, tokens[c.head].text) for c in cs] == [("NP", "She"), ("VP", "managed"), ("NP", "budget")]


def test_chunks_never_cross_a_sentence():
    tokens = analyse("Competenze\nGestione progetti", "it")
    assert all(tokens[c.start].sent == tokens[c.end - 1].sent for c in chunks(tokens, "it"))


def test_patterns_are_data_and_checked():
    rx = compile_pattern("DET? (NOUN|PROPN)+")
    codes = lambda tags: "".join(_CODE[t] for t in tags)  # noqa: E731
    assert rx.fullmatch(codes(["DET", "NOUN", "PROPN"]))
    assert not rx.fullmatch(codes(["DET", "VERB"]))
    with pytest.raises(ValueError):
        compile_pattern("DET NOUNS")


def test_models_load_once_and_tokens_are_frozen():
    assert load_models("it") is load_models("it")
    tok = analyse("Test", "en")[0]
    with pytest.raises(dataclasses.FrozenInstanceError):
        tok.pos = "X"
    with pytest.raises(ValueError):
        analyse("Bonjour", "fr")


def test_kept_analyses_and_lemmas_are_the_computed_ones():
    """analyse and the lemmatizer keep their results per text and per word: a kept result is what computing it
    again gives, and a caller's list is its own."""
    text = "Il tecnico controlla gli impianti e controlla i quadri elettrici."
    first = analyse(text, "it")
    first.clear()
    kept = analyse(text, "it")
    assert kept and kept == analyse(text, "it", imperative=False)
    assert kept == analyse(text + " ", "it")[:len(kept)]  # another text, computed afresh
    lemmatizer = load_models("it")[1]
    assert [t.lemma for t in kept if t.text.startswith("controlla")] == ["controllare", "controllare"]
    assert lemmatizer.lemma("Controlla", "VERB") == lemmatizer._lemma("controlla", "VERB") == "controllare"


@pytest.mark.skipif(not UD_DIR.is_dir(), reason="UD treebanks not available")
def test_training_is_byte_reproducible(tmp_path):
    """Two runs on a tiny subset, under different hash seeds, write byte-identical model files."""
    digests = []
    for seed, out in (("1", tmp_path / "a"), ("2", tmp_path / "b")):
        env = dict(os.environ, PYTHONHASHSEED=seed, KG_UD_DIR=str(UD_DIR))
        subprocess.run([sys.executable, str(SCRIPT), "--langs", "it", "en", "--max-sentences", "120",
                        "--no-lexicon", "--no-eval", "--out", str(out)], check=True, env=env,
                       capture_output=True, timeout=600)
        digests.append({p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(out.iterdir())})
    assert len(digests[0]) == 4
    assert digests[0] == digests[1]
    toks = analyse(IT, "it", models_dir=tmp_path / "a")  # the tiny model is a working model
    assert [t.text for t in toks][:2] == ["L'", "infermiere"]


def test_a_paragraph_is_analysed_sentence_by_sentence_and_each_sentence_kept():
    """The reader analyses a whole body to name the role, the extractor each sentence: a sentence analysed within a
    paragraph is the same tokens as alone (offsets shifted, numbered in the paragraph), and asking for it alone later
    costs nothing."""
    from kg.language.analyse import _analysed

    first, second = "The nurse checks the charts.", "She reports to the ward manager."
    paragraph = f"{first} {second}"
    _analysed.cache_clear()
    tokens = analyse(paragraph, "en")
    alone = analyse(second, "en")
    assert _analysed.cache_info().hits == 1
    shift = len(first) + 1
    assert [(t.text, t.start - shift, t.end - shift, t.lemma, t.pos) for t in tokens if t.sent == 1] == \
        [(t.text, t.start, t.end, t.lemma, t.pos) for t in alone]
    assert {t.sent for t in tokens} == {0, 1} and {t.sent for t in alone} == {0}


def test_a_verb_lemma_the_suffix_rules_cut_wrong_is_repaired_from_the_tagger_lexicon():
    """"pruning" -> "prun" by the learned suffix rules; the tagger's lexicon knows "prune" as a verb, so the lemma
    is that (a duty reads "prune the roses", not "prun the roses"); a lemma the lexicon knows stays."""
    from kg.language.analyse import load_models

    _, lemmatizer = load_models("en")
    assert [lemmatizer.lemma(w, "VERB") for w in ("pruning", "logging", "reconciling", "planning", "checking")] == [
        "prune", "log", "reconcile", "plan", "check"]


@pytest.mark.parametrize("lang", ["it", "en"])
def test_run_time_scoring_picks_the_training_time_class(lang, monkeypatch):
    """The matrix scoring, with a word's own feature rows kept once a form, picks what the dict weights pick
    (`_best` on every feature), also once the table of kept rows has started afresh."""
    from kg.language import tagger as tagger_module
    from kg.language.tagger import Tagger, norm

    model = load_models(lang)[0]
    inverse = {i: f for f, i in model._index.items()}
    picked = lambda f: {t: v for t, v in zip(model.classes, model._matrix[f]) if v}  # noqa: E731
    text = IT if lang == "it" else EN
    words = [text[a:b] for a, b in tokenize(text, lang)] + ["Zorblax", "ri-ordina", "1.500,00", "e-mail"]
    keys = [norm(w) for w in words]
    fresh = Tagger({}, model.classes, model.tagdict, model.lexicon)
    fresh._index, fresh._matrix = model._index, model._matrix
    monkeypatch.setattr(tagger_module, "OWN_ROWS_KEPT", 3)
    for p1, p2, hv in (("-S1-", "-S2-", "0"), ("DET", "NOUN", "1"), ("VERB", "ADP", "1")):
        for i in range(len(words)):
            feats = fresh._features(i, words, keys, p1, p2, hv)
            fresh.weights = {f: picked(model._index[f]) for f in feats if f in model._index}
            assert fresh._best_fast(i, words, keys, p1, p2, hv) == fresh._best(feats), (words[i], p1)
            assert len(fresh._own_rows) <= 3
    own = [inverse[r] for r in fresh._own_rows["e-mail"]]
    assert own[0] == "b" and own == [f for f in Tagger._own_features("e-mail", "e-mail") if f in model._index]
