"""How a title names its role. Headlines wrap it ("Quanto guadagna un infermiere"), job adverts qualify it
("CDL-A Regional Truck Driver – Home Every Weekend", "Infermiere turni notturni (Milano)"): the role is the
occupation's noun phrase without the pay, perks, calls to action, seniority, shift, grade, place or employer
around it. The words are the rules file's (`title_*` keys), so no language is named here."""

from __future__ import annotations

import os
import re
from functools import lru_cache
from typing import NamedTuple

from kg.language.mentions import find_mentions
from kg.language.profile import fold, pattern, profile, singular_role, stopwords, word_set


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
    text = re.sub(r"\s+(?=[?!:,])|(?<=\s)\s+", "", _noise(lang).sub(" ", opened)).strip(" -–—|:!,") or opened.strip()
    qualified = text != title.strip()
    text = _framed_part(text, lang) or text
    others: tuple[str, ...] = ()
    for _ in range(2):  # "ESG Analyst Salary Survey 2026: Key Findings": the subtitle, then the survey
        for headline in data.get("title_patterns", []):
            match = re.match(headline, text, re.IGNORECASE)
            if match and match.group("role").strip() and match.group("role").strip() != text:
                text = _role_segment(title, match.group("role").strip(), lang)
                others += _others(match, lang)
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
    pair = _spelt_out(names[0], aliases, title, lang)
    if pair:  # "RN (Registered Nurse)", "OSS - Operatore socio-sanitario", "ASO: assistente di studio odontoiatrico"
        long, acronym = pair
        return TitleRole(singular_role(long, lang), (acronym,) + tuple(a for a in aliases if a not in pair), qualified or bare != text, others)
    return TitleRole(singular_role(names[0], lang), aliases, qualified or bare != text, others)


def spells(acronym: str, name: str, lang: str) -> bool:
    """Does `acronym` spell `name` by the initials of its content words, a word giving more letters of its own in
    order ("HCA": healthcare assistant, "OSS": operatore socio-sanitario, "LPN": licensed practical nurse)?"""
    words = [w for w in re.findall(r"[^\W\d_]+", fold(name)) if w not in stopwords(lang)]
    letters = fold(acronym)
    return bool(words) and any(_spelt(a, words) for a in {letters, letters.removesuffix("s")} if len(a) > 1)


def _spelt(letters: str, words: list[str]) -> bool:
    if not words or not letters or letters[0] != words[0][0]:
        return not words and not letters
    rest = letters[1:]
    return any(_in_order(rest[:k], words[0][1:]) and _spelt(rest[k:], words[1:]) for k in range(len(rest) + 1))


def _in_order(letters: str, word: str) -> bool:
    found = iter(word)
    return all(letter in found for letter in letters)


def _spelt_out(name: str, aliases: tuple[str, ...], title: str, lang: str) -> tuple[str, str] | None:
    """An acronym and the long name it spells when the title gives both, one as the role and the other in a bracket
    or another part of the title: (long name, acronym)."""
    parts = [re.sub(r"\s*\([^()]*\)", "", p).strip() for p in TITLE_BREAK.split(_noise(lang).sub(" ", title))]
    if _ACRONYM.fullmatch(name):
        return next(((a, name) for a in (*aliases, *parts) if a != name and spells(name, a, lang)), None)
    return next(((name, a) for a in parts if _ACRONYM.fullmatch(a) and a not in aliases and spells(a, name, lang)), None)


_ACRONYM = re.compile(r"[A-Z][A-Z&]*[A-Z]")


def _others(match: re.Match, lang: str) -> tuple[str, ...]:
    """The other role a frame names (group `other`), and the role of what follows it (group `more`, read as a title:
    "From Junior Analyst to CFO: the financial analyst's career")."""
    other, more = ((match.groupdict().get(group) or "").strip() for group in ("other", "more"))
    found = (singular_role(_strip_edges(other, lang), lang),) if other else ()
    named = find_mentions(role_of_title(more, lang).role, lang, start_ok=True) if more else []
    return found + tuple(m.label for m in named[:1])


def without_status(name: str, lang: str) -> str:
    """The role's name without the words that say how the person is qualified or works, not which job it is
    ("qualified", "freelance", "trainee", "abilitato", "a domicilio": `title_status_before`, `title_status_after`);
    the body decides whether the article keeps them ("trainee solicitor", "licensed practical nurse")."""
    return _strip_edges(name, lang, "title_status_before", "title_status_after")


def _slashed(text: str, lang: str) -> list[str]:
    """A title that gives two names with a slash or a conjunction ("Paralegal / Legal Assistant", "Court Reporters
    and Stenographers": `title_pair`) is the role and an alias; a slash before a gender ending ("Infermiere/a",
    "Direttore/trice") or between the two genders of a word ("Cuoco/Cuoca", "Commesso/Commessa di negozio",
    "Waiter/Waitress") writes one name."""
    text = pattern(lang, "gender_slash").sub("", text)
    text = re.sub(r"\b(\w+)\s*/\s*(\w+)\b", lambda m: m.group(1) if _genders(m.group(1), m.group(2)) else m.group(0), text)
    pair = pattern(lang, "title_pair", flags=re.IGNORECASE)
    parts = [p.strip() for slashed in re.split(r"\s*/\s*", text) for p in pair.split(slashed)]
    names = [p for p in parts if find_mentions(p, lang, start_ok=True, role_slot=True)]  # a title is a role slot
    return names if len(parts) > 1 and names == parts else [text]


def _genders(a: str, b: str) -> bool:
    """Two forms of one word that differ only in a short ending ("cuoco", "cuoca"; "direttore", "direttrice")."""
    stem = len(os.path.commonprefix([a.lower(), b.lower()]))
    return a.lower() != b.lower() and stem >= 3 and len(a) - stem <= 4 and len(b) - stem <= 4


def _framed_part(text: str, lang: str) -> str | None:
    """A later part of a headline that frames the role ("Hostess e steward: come diventare assistente di volo", "PCSO
    jobs: what does a Police Community Support Officer actually do?"): a part a title pattern reads on its own, with
    a role's name where the pattern puts the role."""
    return next((part.strip() for part in [p for p in TITLE_BREAK.split(text) if p.strip()][1:] if _frames_role(part.strip(), lang)), None)


def _frames_role(part: str, lang: str) -> bool:
    """Does a title pattern read `part` on its own, with a role's name where it puts the role ("Commis Chef career
    path", "what does a Police Community Support Officer actually do")?"""
    for headline in profile(lang).get("title_patterns", []):
        match = re.match(headline, part, re.IGNORECASE)
        if match and match.group("role").strip() != part and find_mentions(match.group("role"), lang, start_ok=True):
            return True
    return False


def _role_segment(title: str, first: str, lang: str) -> str:
    """The part a title pattern kept, unless it names no role, even as a headline ("Commis Chef career path" does),
    and a later part of the title does ("Apply now: Warehouse Operative")."""
    if find_mentions(first, lang, start_ok=True) or _frames_role(first, lang):
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
