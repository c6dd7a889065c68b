"""How roles are named: the short and plural names an article's role goes by, and which word of a role's name is
its head. Both follow from where the language puts a noun phrase's head (`head_position`) and from its plural
(`plural_suffix`), the borrowed languages' too, so no language is named here."""

from __future__ import annotations

import re
from functools import lru_cache

from kg.language.profile import fold, head_first, profile, with_borrowed
from kg.read.article import Article


def role_names(article: Article) -> list[str]:
    """The role's label, its title, plural forms and its head noun alone ("l'agente", "the officer")."""
    names = [article.role, re.sub(r"\s*\([^()]*\)", "", article.title)]
    data = profile(article.lang)
    plural = {str(k): str(v) for k, v in data.get("role_heads_first", {}).items()}
    words = article.role.split()
    if words and words[0] in plural:
        names.append(" ".join([plural[words[0]]] + words[1:]))
    if head_first(article.lang):
        if len(words) > 1 and words[0] not in data.get("heads_naming_others", []):
            names += [words[0], plural.get(words[0], words[0])]  # "l'informatore" in an article on informatori scientifici
    else:
        names += head_last_names(article.role, article.lang)
    names += [article.role + suffix for suffix in plural_suffixes(article.lang)]
    return list(dict.fromkeys(n for n in names if n.strip()))


def head_last_names(label: str, lang: str) -> list[str]:
    """"urban planners", and "planners" alone when the head does not usually name someone else."""
    words = label.split()
    if len(words) < 2:
        return []
    data = profile(lang)
    heads = {str(k): str(v) for k, v in data.get("role_heads_last", {}).items()}
    plural_head = heads.get(words[-1], words[-1] + data.get("plural_suffix", ""))
    names = [" ".join(words[:-1] + [plural_head])]
    if words[-1] not in data.get("heads_naming_others", []):
        names += [words[-1], plural_head]
    return names


@lru_cache(maxsize=None)
def plural_suffixes(lang: str) -> tuple[str, ...]:
    """The regular plural suffixes of the language and of those it borrows from ("account managers" in Italian)."""
    return tuple(s for s in (profile(source).get("plural_suffix", "") for source in with_borrowed(lang)) if s)


def singular_acronym(label: str, lang: str) -> str:
    """"RNs" is the plural of "RN"."""
    for suffix in plural_suffixes(lang):
        if re.fullmatch(r"[A-Z]{2,}" + re.escape(suffix), label):
            return label[: -len(suffix)]
    return label


def head_word(words: list[str], lang: str) -> str:
    """The head of a role's name by position: a variant of the role keeps its head noun."""
    return words[0] if head_first(lang) else words[-1]


def head_of(words: list[str], lang: str) -> str:
    """The head of a role's name: before a head-last complement ("director of finance" -> director), else by
    position ("fp&a manager" -> manager, "capo area" -> capo)."""
    markers = _head_last_markers(lang)
    if any(w in markers for w in words[1:]):
        return words[next(k for k, w in enumerate(words) if w in markers) - 1]
    return head_word(words, lang)


@lru_cache(maxsize=None)
def _head_last_markers(lang: str) -> frozenset[str]:
    """Complement markers of the head-last languages read in this one (its own or borrowed)."""
    return frozenset(fold(str(w)) for source in with_borrowed(lang) if not head_first(source)
                     for w in profile(source).get("complement_markers", []))
