"""How a title names its role. Headlines wrap it ("Quanto guadagna un infermiere"), job adverts qualify it
("CDL-A Regional Truck Driver – Home Every Weekend", "Infermiere turni notturni (Milano)"): the role is the
occupation's noun phrase without the pay, perks, calls to action, seniority, shift, grade, place or employer
around it. The words are the rules file's (`title_*` keys), so no language is named here."""

from __future__ import annotations

import re
from functools import lru_cache
from typing import NamedTuple

from kg.language.mentions import find_mentions
from kg.language.profile import fold, pattern, profile, singular_role, word_set


class TitleRole(NamedTuple):
    """The role a title names, the other names it gives in brackets, whether a posting's qualifiers were
    dropped around it (then the body decides between it and a shorter name: docs/EXTRACTION.md), and the other
    role a frame sets beside it ("From Apprentice to Electrician", "Optician vs Optometrist"), which the body
    may prefer."""

    role: str
    aliases: tuple[str, ...]
    qualified: bool
    others: tuple[str, ...] = ()


def role_of_title(title: str, lang: str) -> TitleRole:
    """"Quanto guadagna un infermiere" -> infermiere; "Sales Development Representative (SDR)" -> SDR alias;
    "Senior Staff Nurse - Night Shift (Band 5), London" -> staff nurse."""
    data = profile(lang)
    opened = next((rest for rest in (re.sub(o, "", title, count=1, flags=re.IGNORECASE).strip() for o in data.get("title_openers", []))
                   if rest and rest != title.strip()), title)  # "Cerchiamo un cuoco" -> "cuoco"; "Elettricista cercasi" kept
    text = _noise(lang).sub(" ", opened).strip(" -–—|:!,") or opened.strip()
    qualified = text != title.strip()
    others: tuple[str, ...] = ()
    for _ in range(2):  # "ESG Analyst Salary Survey 2026: Key Findings": the subtitle, then the survey
        for headline in data.get("title_patterns", []):
            match = re.match(headline, text, re.IGNORECASE)
            if match and match.group("role").strip() and match.group("role").strip() != text:
                text = _role_segment(title, match.group("role").strip(), lang)
                other = (match.groupdict().get("other") or "").strip()
                others += (singular_role(_strip_edges(other, lang), lang),) if other else ()
                break
        else:
            break
    brackets = [a.strip() for a in re.findall(r"\(([^()]{1,40})\)", text)]
    aliases = tuple(a for a in brackets if _names_role(a, lang))
    qualified |= len(aliases) < len(brackets)
    text = re.sub(r"\s*\([^()]*\)", "", text).strip() or title.strip()
    bare = _strip_edges(text, lang)
    names = _slashed(bare, lang)
    aliases += tuple(singular_role(n, lang) for n in names[1:])
    return TitleRole(singular_role(names[0], lang), aliases, qualified or bare != text, others)


def without_status(name: str, lang: str) -> str:
    """The role's name without the words that say how the person is qualified or works, not which job it is
    ("qualified", "freelance", "trainee", "abilitato", "a domicilio": `title_status_before`, `title_status_after`);
    the body decides whether the article keeps them ("trainee solicitor", "licensed practical nurse")."""
    return _strip_edges(name, lang, "title_status_before", "title_status_after")


def _slashed(text: str, lang: str) -> list[str]:
    """A title that gives two names with a slash ("Paralegal / Legal Assistant", "Cuoco/Cuoca") is the role and an
    alias; a slash before a gender ending ("Infermiere/a", "Direttore/trice") writes one name."""
    text = pattern(lang, "gender_slash").sub("", text)
    parts = [p.strip() for p in re.split(r"\s*/\s*", text)]
    names = [p for p in parts if find_mentions(p, lang, start_ok=True)]
    return names if len(parts) > 1 and names == parts else [text]


def _role_segment(title: str, first: str, lang: str) -> str:
    """The part a title pattern kept, unless it names no role and a later part of the title does ("Apply now:
    Warehouse Operative")."""
    if find_mentions(first, lang, start_ok=True):
        return first
    parts = [p.strip() for p in TITLE_BREAK.split(_noise(lang).sub(" ", title)) if p.strip()]
    return next((p for p in parts if find_mentions(p, lang, start_ok=True)), first)


def _names_role(bracket: str, lang: str) -> bool:
    """A bracket is another name of the role when it is an acronym or a role's name ("(SDR)", "(Underwriter)"),
    not a qualifier of the posting ("(Full-Time)", "(m/w/d)") or its place ("(Milano)")."""
    if _qualifier(lang).match(bracket):
        return False
    return bool(re.fullmatch(r"[A-Z][A-Z&.\-]*[A-Z]s?", bracket) or find_mentions(bracket, lang, start_ok=True))


@lru_cache(maxsize=None)
def status_words(lang: str) -> re.Pattern:
    """One of the status words ("qualified", "a domicilio"), whole."""
    return re.compile(_alternatives(lang, "title_status_before") + "|" + _alternatives(lang, "title_status_after"), re.IGNORECASE)


def _strip_edges(text: str, lang: str, before_key: str = "title_modifiers", after_key: str = "title_modifiers") -> str:
    """Drop the qualifiers a posting puts before or after the role's name, and the employer or place after it;
    never down to a bare generic head ("Senior Manager" stays: "manager" alone names no job)."""
    before, after, tail = _edges(lang, before_key, after_key)
    previous = None
    while previous != text:
        previous = text
        text = tail.sub("", text)
        text = before.sub("", text)
        text = after.sub("", text).strip(" -–—|,/")
        if not text or (" " not in text and fold(text) in word_set(lang, "generic_heads", borrowed=True)):
            return previous
    return text


@lru_cache(maxsize=None)
def _noise(lang: str) -> re.Pattern:
    return re.compile("|".join(f"(?:{p})" for p in profile(lang).get("title_noise", [])) or "(?!)", re.IGNORECASE)


@lru_cache(maxsize=None)
def _qualifier(lang: str) -> re.Pattern:
    return re.compile(profile(lang).get("title_qualifiers", "(?!)"), re.IGNORECASE)


@lru_cache(maxsize=None)
def _edges(lang: str, before_key: str, after_key: str) -> tuple[re.Pattern, re.Pattern, re.Pattern]:
    """Qualifier words at the start (of the rules file's `before_key`), at the end (`after_key`), and a tail naming
    the employer or place (case-sensitive: a name)."""
    before, after, tails = (_alternatives(lang, key) for key in (before_key, after_key, "title_tails"))
    return (re.compile(rf"^(?:{before})(?:\s+|(?<=-)|$)", re.IGNORECASE), re.compile(rf"(?:^|\s+|,\s*)(?:{after})$", re.IGNORECASE),
            re.compile(rf"(?:\s+|(?=,))(?:{tails}).*$"))  # ", London" follows the name with no space


def _alternatives(lang: str, key: str) -> str:
    return "|".join(f"(?:{p})" for p in profile(lang).get(key, [])) or "(?!)"


TITLE_BREAK = re.compile(r"\s*(?:[?!:|\u2013\u2014]|\s-\s)\s*")  # between a headline's parts
