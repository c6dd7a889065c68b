"""The token-pattern matcher (kg/language/matcher.py) on sentences tagged by the shipped language layer, and the
token rules of the rules files (kg/extract/syntax.py): duties as a verb and its object, one per coordinated item."""

from __future__ import annotations

import pytest

from kg.errors import KgError
from kg.language.analyse import analyse, chunks
from kg.language.matcher import Span, compile_pattern, finditer, match_at
from tests.test_extract import facts_of, objects


def _span(text: str, lang: str, role: str = "") -> Span:
    tokens = analyse(text, lang)
    flags = [frozenset({"ROLE"}) if t.text.lower() == role else frozenset() for t in tokens]
    return Span.of(tokens, chunks(tokens, lang), flags)


def _captured(span: Span, match, name: str) -> str:
    a, b = match.captures[name]
    return " ".join(t.text for t in span.tokens[a:b])


def test_lemma_pos_and_captures_it():
    span = _span("Il tecnico installa gli impianti elettrici e verifica la sicurezza dei quadri.", "it")
    pattern = compile_pattern([{"LEMMA": ["installare", "verificare"], "POS": "VERB", "capture": "verb"},
                               {"CHUNK": "NP", "capture": "object"}])
    found = [(_captured(span, m, "verb"), _captured(span, m, "object")) for m in finditer(pattern, span)]
    assert found == [("installa", "gli impianti elettrici"), ("verifica", "la sicurezza dei quadri")]


def test_a_chunk_element_tests_its_head():
    span = _span("She is responsible for the new training budget.", "en")
    noun_head = compile_pattern([{"CHUNK": "NP", "POS": "NOUN", "capture": "np"}])
    assert [_captured(span, m, "np") for m in finditer(noun_head, span)] == ["the new training budget"]
    assert [_captured(span, m, "np") for m in finditer(compile_pattern([{"CHUNK": "NP", "LEMMA": "she", "capture": "np"}]), span)] == ["She"]


def test_operators_are_greedy_and_backtrack():
    span = _span("The nurse plans shifts, checks stock levels and trains new staff.", "en", role="nurse")
    # "plans" is tagged NOUN after the subject: the pattern reads it in the verb slot.
    pattern = compile_pattern([{"ROLE": True}, {"POS": ["VERB", "NOUN"], "LOWER": {"REGEX": "s$"}, "capture": "verb"},
                               {"POS": {"NOT_IN": ["VERB", "PUNCT", "CCONJ"]}, "OP": "+", "capture": "object"},
                               {"LOWER": ",", "OP": "?"}])
    match = match_at(pattern, span, 1)
    assert (_captured(span, match, "verb"), _captured(span, match, "object")) == ("plans", "shifts")
    assert match.end == 5  # the comma taken by "?"
    # "+" backtracks to leave the last NOUN to the next token dict
    last = compile_pattern([{"POS": "NOUN", "OP": "+", "capture": "a"}, {"POS": "NOUN", "capture": "b"}])
    match = match_at(last, span, 6)
    assert (_captured(span, match, "a"), _captured(span, match, "b")) == ("stock", "levels")


def test_negation_consumes_one_token_that_fails():
    span = _span("Install and maintain wiring", "en")
    pattern = compile_pattern([{"POS": "VERB"}, {"POS": "CCONJ", "OP": "!"}])
    assert [(m.start, m.end) for m in finditer(pattern, span)] == [(2, 4)]  # not "Install and"


def test_in_chunk_and_not_in():
    span = _span("Si occupa di gestire le scorte di farmaci.", "it")
    inside = compile_pattern([{"IN_CHUNK": "NP", "POS": {"NOT_IN": ["DET", "ADP"]}, "OP": "+", "capture": "w"}])
    assert [_captured(span, m, "w") for m in finditer(inside, span)] == ["Si", "scorte", "farmaci"]


@pytest.mark.parametrize("spec, message", [
    ([{"POS": "VERB", "OP": "{2}"}], "OP must be one of"),
    ([{"DEP": "nsubj"}], "unknown attribute 'DEP'"),
    ([{"LEMMA": {"FUZZY": "plan"}}], "takes one of IN, NOT_IN, REGEX"),
    ([], "at least one token dict"),
])
def test_a_bad_pattern_is_named(spec, message):
    with pytest.raises(ValueError, match=message):
        compile_pattern(spec)


def test_a_misspelt_token_key_is_one_line_at_its_file_and_line(tmp_path, monkeypatch):
    from kg.language import rulesfile
    source = rulesfile.path("en").read_text(encoding="utf-8")
    bad = source.replace("&en_role {ROLE: true,", "&en_role {LEMA: plan, ROLE: true,", 1)
    assert bad != source
    folder = tmp_path / "rules"
    folder.mkdir()
    (folder / "xx.yaml").write_text(bad.replace("code: en", "code: xx", 1), encoding="utf-8")
    monkeypatch.setenv(rulesfile.ENV, str(folder))
    line = bad[:bad.index("LEMA: plan")].count("\n") + 1
    with pytest.raises(KgError, match=rf"xx.yaml:{line}: error: unknown key 'LEMA' in token_rules.responsibility\[1\].tokens.any_of\[3\]\[0\] \(did you mean 'LEMMA'\?\)"):
        rulesfile.data("xx")


# ---------------------------------------------------------------- duties from syntax, through the extractor

@pytest.mark.parametrize("lang, title, text, duties", [
    ("en", "Nurse", "The nurse plans shifts, checks stock levels and trains new staff.",
     {"plan shifts", "check stock levels", "train new staff"}),
    ("en", "Surgical Technician", "The surgical technician sterilises instruments, triages supplies and preps the theatre.",
     {"sterilise instruments", "triage supplies", "prep the theatre"}),
    ("en", "Buyer", "The buyer negotiates prices, terms and conditions with suppliers, and monitors deliveries.",
     {"negotiate prices, terms and conditions with suppliers", "monitor deliveries"}),
    ("it", "Infermiere", "L'infermiere ha il compito di pianificare i turni, verificare le scorte e formare il personale.",
     {"pianificare i turni", "verificare le scorte", "formare il personale"}),
    ("it", "Elettricista", "L'elettricista installa gli impianti elettrici, cabla i quadri e collauda le linee.",
     {"installare gli impianti elettrici", "cablare i quadri", "collaudare le linee"}),
    ("it", "Account manager", "È comune che un account manager svolga molti ruoli. L'account manager gestisce i clienti e cura le vendite.",
     {"gestire i clienti", "curare le vendite"}),  # "cura" is tagged NOUN: before an article it is the verb
])
def test_coordinated_duties_one_fact_each(tmp_path, lang, title, text, duties):
    assert objects(facts_of(tmp_path, title, text, lang), "responsibility") == duties


def test_list_items_that_coordinate_verb_phrases_split_en(tmp_path):
    body = "## Responsibilities\n\n- Gather financial documents and analyze the client's cash flow\n- Install and maintain wiring\n"
    assert objects(facts_of(tmp_path, "Financial Planner", body, "en"), "responsibility") == {
        "gather financial documents", "analyze the client's cash flow", "install and maintain wiring"}


def test_list_items_that_coordinate_infinitives_split_it(tmp_path):
    body = "## Attività\n\n- elaborare i cedolini paga e calcolare i contributi;\n- installare e manutenere gli impianti\n"
    assert objects(facts_of(tmp_path, "Consulente del lavoro", body, "it"), "responsibility") == {
        "elaborare i cedolini paga", "calcolare i contributi", "installare e manutenere gli impianti"}


def test_the_role_speaking_in_the_first_person_en(tmp_path):
    body = "I compare deals from dozens of lenders and recommend the one that fits."
    assert objects(facts_of(tmp_path, "Mortgage Broker", body, "en"), "responsibility") == {
        "compare deals from dozens of lenders", "recommend the one"}


def test_a_lone_adjective_is_no_duty(tmp_path):
    body = "## Duties\n\n- Reliable\n- Stock control\n"
    assert objects(facts_of(tmp_path, "Store Assistant", body, "en"), "responsibility") == {"stock control"}


def test_a_pattern_finds_its_words_in_a_text_as_one_guarded_pattern_per_word_did():
    """may_match looks for any of a token dict's words with one trie per kind of word edge: the same texts hold one."""
    import random
    import re

    from kg.language.matcher import _any_word

    def one_per_word(word: str) -> str:
        return ("(?<!\\w)" if word[:1].isalnum() else "") + re.escape(word) + ("(?!\\w)" if word[-1:].isalnum() else "")

    rng = random.Random(4)
    letters = "abè'-, "
    for _ in range(400):
        words = frozenset("".join(rng.choice(letters) for _ in range(rng.randint(1, 4))) for _ in range(rng.randint(1, 8)))
        flat = re.compile("|".join(one_per_word(w.lower()) for w in sorted(words)))
        for _ in range(5):
            text = "".join(rng.choice(letters) for _ in range(20))
            assert bool(_any_word(words).search(text)) == bool(flat.search(text)), (sorted(words), text)
