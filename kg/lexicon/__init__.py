"""Lexicons shared by all languages: known authorities, regulations, industries, places, entity types, skills, pay components.

Each entry has an `id` (it keeps the node's IRI stable), a label per language keyed by its code (the first is the
label of a language that has none) and the `forms` a text uses.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from kg import yamlfile
from kg.language.alternation import alternation
from kg.language.precompiled import Program, program, rebuilt
from kg.language.profile import fold, languages
from kg.memo import remembered


@dataclass(frozen=True)
class Entry:
    """One lexicon entry: a thing with an id, labels by language and surface forms."""

    id: str
    labels: tuple[tuple[str, str], ...]  # (lang, label)
    forms: tuple[str, ...]
    acronym: str | None = None
    only: tuple[str, ...] = ()  # the languages whose texts may name it; empty: every language

    def named_in(self, lang: str) -> bool:
        return not lang or not self.only or lang in self.only

    def label(self, lang: str) -> str:
        return dict(self.labels).get(lang) or self.labels[0][1]


@lru_cache(maxsize=None)
def _file(name: str) -> dict:
    """A lexicon file's data, parsed once per version of it (kg/memo.py)."""
    text = _text(name)
    return remembered(f"lexicon-{name}", [text], lambda: yamlfile.load(text))


def entries(name: str) -> tuple[Entry, ...]:
    """Entries of lexicon `name` (industries, places, entity_types, compensation, authorities, skills, regulations)."""
    return _lexicon(name)[0]


@lru_cache(maxsize=None)
def _lexicon(name: str) -> tuple[tuple[Entry, ...], dict[str, Entry], str, Program]:
    """A lexicon's entries and its matcher (each folded form -> its entry, and their pattern), made once per version
    of the file and of the languages: the pattern of a thousand forms costs ~50 ms to compile."""
    codes = tuple(languages())
    return remembered(f"matcher-{name}", [*codes, _text(name)], lambda: _made(name, codes))


def _text(name: str) -> str:
    return resources.files("kg.lexicon").joinpath(f"{name}.yaml").read_text(encoding="utf-8")


def _made(name: str, codes: tuple[str, ...]) -> tuple[tuple[Entry, ...], dict[str, Entry], str, Program]:
    made = _entries(name, set(codes))
    by_form: dict[str, Entry] = {}
    for entry in made:
        for form in entry.forms:
            by_form.setdefault(fold(form), entry)
    source = r"(?<![\w-])(" + alternation(by_form) + r")(?![\w-])"  # longest form first
    return made, by_form, source, program(source)


def _entries(name: str, codes: set[str]) -> tuple[Entry, ...]:
    data = _file(name)[name]
    out = []  # a label is keyed by its language's code (`codes`): `fr: ...` once fr.yaml exists
    for item in data:
        labels = tuple((lang, item[lang]) for lang in item if lang in codes and item.get(lang))  # in the file's order
        forms = [str(f) for f in item.get("forms", [])]
        forms += [label for _, label in labels] + [a for a in [item.get("acronym")] + item.get("alt", []) if a]
        out.append(Entry(item["id"], labels, tuple(dict.fromkeys(forms)), item.get("acronym"), tuple(item.get("only", ()))))
    return tuple(out)


@lru_cache(maxsize=None)
def for_class(type_: str) -> str | None:
    """The lexicon whose entries are nodes of class `type_` (each lexicon file names its class)."""
    for path in resources.files("kg.lexicon").iterdir():
        if path.name.endswith(".yaml") and _file(path.name[:-5]).get("class") == type_:
            return path.name[:-5]
    return None


def class_of(name: str) -> str:
    """The class of the nodes lexicon `name` holds (the `class:` its file names)."""
    return _file(name)["class"]


def heads(kind: str) -> list[str]:
    """Name heads (`authority_heads`, `law_heads`) of every language."""
    return list(_file("authorities")[kind])


def generic(name: str) -> frozenset[str]:
    """Ids of entries too general to stand for a longer phrase that ends with them ("outsourced coding companies")."""
    return frozenset(_file(name).get("generic", []))


def not_places() -> frozenset[str]:
    return frozenset(_file("places")["not_places"])


def place_particles() -> list[str]:
    """Lower-case words a capitalised place name may hold ("Isle of Man"), in the order they are tried."""
    return [str(w) for w in _file("places")["name_particles"]]


def currencies() -> dict[str, str]:
    """Currency sign or word (folded) -> ISO code."""
    table = _file("currencies")["currencies"]
    return {fold(form): code for code, forms in table.items() for form in forms}


@lru_cache(maxsize=None)
def bare_dollars() -> frozenset[str]:
    """The dollar signs and words (folded) that do not say which country's dollar they are."""
    return frozenset(fold(form) for form in _file("currencies")["bare_dollar"])


def dollar_of(place: str) -> str | None:
    """The currency a bare "$" stands for in `place` ("Alberta" -> CAD), if the place is in another dollar country."""
    entry = lookup("places", place)
    codes = _file("currencies")["dollar_places"]
    return next((code for code, ids in codes.items() if entry is not None and entry.id in ids), None)


@lru_cache(maxsize=None)
def _matcher(name: str) -> tuple[re.Pattern, dict[str, Entry]]:
    _, by_form, source, kept = _lexicon(name)
    return rebuilt(source, 0, kept), by_form


@lru_cache(maxsize=4096)
def find(name: str, text: str, lang: str = "") -> tuple[tuple[Entry, int, int], ...]:
    """Entries of lexicon `name` named in `text`, with their spans; longest form wins, case ignored.

    Forms written in capitals (IT, PR, SEC) only match in capitals, so "it" the pronoun is not IT; an entry
    that is `only` some languages' is not found in a text of another (`lang`).
    """
    pattern, by_form = _matcher(name)
    folded = fold(text)
    found = []
    if len(folded) != len(text):  # folding changed lengths: fall back to matching the original
        folded = text.lower()
    for match in pattern.finditer(folded):
        entry = by_form[match.group(1)]
        if not entry.named_in(lang):
            continue
        original = text[match.start() : match.end()]
        caps_forms = [f for f in entry.forms if f.isupper() and fold(f) == match.group(1)]
        if caps_forms and original not in caps_forms and not any(fold(f) == match.group(1) and not f.isupper() for f in entry.forms):
            continue
        found.append((entry, match.start(), match.end()))
    return tuple(found)


def lookup(name: str, label: str, lang: str = "") -> Entry | None:
    """The entry one of whose forms is exactly `label` (case and accents ignored), if a text in `lang` may name it."""
    entry = _matcher(name)[1].get(fold(label.strip()))
    return entry if entry is not None and entry.named_in(lang) else None
