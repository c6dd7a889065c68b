"""The people a role serves are no related roles: "advises first-time buyers", "assiste i pazienti", "a spreadsheet
of café owners". A mention is one of them when its head names clients more often than a job (`client_heads`,
unless a seniority word makes it a rung: "junior buyer"), or when it is the object of a verb whose object is the
people served (`serving_verbs`, by lemma from the language layer), or a member of a list the text calls its clients
("clients include restaurant owners, dentists and architects"); nor are the role's employer and the families of
those it serves (`employer_before`: "employed by a dentist", "patients and their carers"). The words are the rules
file's."""

from __future__ import annotations

import re

from kg.language.analyse import LANGUAGES, analyse
from kg.language.mentions import Mention
from kg.language.profile import fold, pattern, profile, singular_word, word_set

_BETWEEN = frozenset({"DET", "ADJ", "NUM", "ADP", "CCONJ", "ADV"})  # "assists the elderly and their families"


def served(text: str, mention: Mention, lang: str) -> bool:
    """Whether the mention in `text` names people the role serves rather than a job beside it: a client's head, the
    object of a serving verb, a member of a list the text calls its clients (`clients_before`), its employer or a
    client's family (`employer_before`)."""
    return _client_head(mention.label, lang) or _object_of_serving_verb(text, mention.start, lang) \
        or pattern(lang, "clients_before", flags=re.IGNORECASE).search(text[:mention.start]) is not None \
        or pattern(lang, "employer_before", flags=re.IGNORECASE).search(text[:mention.start]) is not None


def _client_head(label: str, lang: str) -> bool:
    words = [fold(singular_word(w, lang)) for w in label.split()]
    seniority = {fold(w) for w in profile(lang).get("seniority_below", []) + profile(lang).get("seniority_above", [])}
    clients = word_set(lang, "client_heads")
    return bool(words) and any(w in clients for w in (words[0], words[-1])) and not seniority & set(words)


def _object_of_serving_verb(text: str, start: int, lang: str) -> bool:
    """The verb before the mention, across its determiners, adjectives, prepositions and the other members of a
    list ("advises families and small-business owners"), is one of `serving_verbs`; a noun that heads a
    complement ("segue le indicazioni del medico") stops the walk."""
    verbs = word_set(lang, "serving_verbs")
    if not verbs or lang not in LANGUAGES:
        return False
    before = [t for t in analyse(text, lang) if t.end <= start]
    for k in range(len(before) - 1, -1, -1):
        token = before[k]
        if token.pos in ("VERB", "AUX") or fold(token.lemma) in verbs:  # "some focus on ...": the tagger's noun
            return fold(token.lemma) in verbs
        if token.pos in _BETWEEN or token.text == ",":
            continue
        after = before[k + 1] if k + 1 < len(before) else None
        if token.pos in ("NOUN", "PROPN") and after is not None and (after.pos in ("CCONJ", "NOUN") or after.text == ","):
            continue  # another member of the list, or a noun modifying the next ("small-business owners")
        return False
    return False
