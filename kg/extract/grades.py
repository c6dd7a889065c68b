"""A related role is another job, not a grade of one nor the way it is held: "junior credit analysts" names the credit
analyst, "contract data analysts" the data analyst, "senior managers" and "first-year associates" name no other job
than a generic head or the article's own. The grade words are the rules file's (`grade_words`, `status_words`); the
generic heads too (`generic_heads`, a borrowed language's as well)."""

from __future__ import annotations

from kg.language.profile import fold, head_first, singular_word, word_set


def ungraded(label: str, lang: str) -> str:
    """The label without its grade words; "" when nothing is left but a generic head. The last word of a head-last
    language's name is its head and stays ("scrum master")."""
    grades = word_set(lang, "grade_words") | word_set(lang, "status_words")
    words = label.split()
    kept = [w for k, w in enumerate(words) if fold(w) not in grades or k == len(words) - 1 > 0 and not head_first(lang)]
    if len(kept) == len(words):
        return label
    generic = word_set(lang, "generic_heads", borrowed=True)  # "developer" in Italian too
    if not kept or len(kept) == 1 and fold(singular_word(kept[0], lang)) in generic:
        return ""
    return " ".join(kept)
