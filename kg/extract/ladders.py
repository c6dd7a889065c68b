"""Ladders written as lists: "1. Commis di cucina 2. Chef de partie 3. Sous chef 4. Chef de cuisine", a table of
levels under "The ladder". When the article's role is one rung, the rungs listed before it lead up to it and the
rungs after it are above it, whatever verbs the items use; a list that is no ladder (the roles one works with)
seldom names the role itself, and its heading or lead must name a ladder (`ladder_markers`)."""

from __future__ import annotations

import re
from itertools import groupby

from kg.extract.clauses import lower_label
from kg.extract.context import Context
from kg.language.mentions import find_mentions
from kg.language.profile import fold, word_set
from kg.read.article import Sentence

_RUNG_END = re.compile(r"\s+[–—-]\s|[:,;(]")  # "Chef de partie (capo partita) – è responsabile ...": the name ends
_NUMBER = re.compile(r"^\s*\d+\s*[.):]?\s*")  # a table row read as an item: "3: Level Advanced EMT (AEMT), ..."
_ALT = re.compile(r"\(([^()]+)\)")
_SENTENCE_END = re.compile(r"[.!?]")  # an item that says a sentence names no rung


def ladder_lists(ctx: Context, body: list[Sentence]) -> None:
    """Promotions read from the order of a list of rungs that includes the article's role."""
    items = [s for s in body if s.block.kind == "item" and s.start == s.block.start]
    for _, group in groupby(items, key=lambda s: (s.section, s.block.lead, s.block.depth)):
        rungs = list(group)
        if len(rungs) >= 3 and _announces_ladder(ctx, rungs[0]):
            _read_ladder(ctx, rungs)


def _announces_ladder(ctx: Context, first: Sentence) -> bool:
    markers = word_set(ctx.rs.lang, "ladder_markers")
    said = fold(" ".join(first.section[-1:]) + " " + first.block.lead)
    return any(re.search(rf"\b{re.escape(m)}", said) for m in markers)


def _read_ladder(ctx: Context, rungs: list[Sentence]) -> None:
    texts = [_NUMBER.sub("", s.block.label or s.text) for s in rungs]
    header = _shared_first_word(texts)  # "Level Paramedic": a table's column name before each rung
    names = [_rung(ctx, t[len(header):]) for t in texts]
    own = [k for k, n in enumerate(names) if n and ctx.is_role(n[0])]
    if len(own) != 1 or sum(1 for n in names if n and n[2]) < 3:
        return  # the role once, and two more rungs the mention finder knows as roles: a ladder, read whole
    at = own[0]
    for k, (name, sentence) in enumerate(zip(names, rungs)):
        if not name or k == at:
            continue
        label, alt, _ = name
        for part in _parts(ctx, label):  # "Istruttore nazionale o formatore": two rungs of one step
            if k < at:
                ctx.add("promotes_to", ctx.article.role, sentence, "promoted_from.ladder_list", subject=part, alt=alt)
            else:
                ctx.add("promotes_to", part, sentence, "promotes_to.ladder_list", alt=alt)


def _parts(ctx: Context, label: str) -> list[str]:
    """The names a rung joins with the language's conjunction, when each of them opens on a role's name; else the
    rung whole ("Head of sales and marketing" stays one)."""
    parts = [p.strip() for p in ctx.rs.lists["conjunction"].split(label) if p.strip()]
    if len(parts) > 1 and all(any(m.start == 0 for m in find_mentions(p, ctx.rs.lang, start_ok=True, role_slot=True)) for p in parts):
        return parts
    return [label]


def _shared_first_word(texts: list[str]) -> str:
    firsts = {t.split(" ", 1)[0] for t in texts}
    word = firsts.pop() if len(firsts) == 1 else ""
    return word + " " if word and all(len(t.split()) > 1 for t in texts) else ""


def _rung(ctx: Context, text: str) -> tuple[str, tuple[str, ...], bool] | None:
    """The name an item opens on (up to a dash, a colon, a comma or a bracket), the other name it gives in brackets,
    and whether it is a role the mention finder knows; None for an item that opens on a sentence."""
    text = text.strip(" *_")
    name = _RUNG_END.split(text, maxsplit=1)[0].strip(" *_")
    if not name or len(name.split()) > 5 or _SENTENCE_END.search(name):
        return None
    other = _ALT.match(text[len(name):].lstrip(" *_"))
    alt = tuple(m.label for m in find_mentions(other.group(1), ctx.rs.lang, start_ok=True, role_slot=True)) if other else ()
    known = ctx.is_role(name) or any(m.start == 0 for m in find_mentions(name, ctx.rs.lang, start_ok=True, role_slot=True))
    return lower_label(name), alt, known
