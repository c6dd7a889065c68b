"""Regex tokenizer that returns character spans, so every token maps back to an exact slice of the input.

Language rules (elisions, clitics, abbreviations) come from ``data/<lang>.yaml``; the code holds none.
The same tokenizer re-tokenises the training treebanks, so the tagger is trained on what it sees at run time.
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

from kg import yamlfile

DATA_DIR = Path(__file__).parent / "data"

# Order matters: earlier alternatives win at the same position.
_TOKEN_RE = re.compile(
    r"""
      (?P<url>(?:https?://|www\.)[^\s<>"]*[^\s<>".,;:!?)\]'’”])
    | (?P<email>[\w.+-]+@\w[\w-]*(?:\.[\w-]+)+)
    | (?P<tag>[@#]\w+)                                   # @user  #hashtag
    | (?P<num>\d+(?:[.,]\d+)+(?!\w)|\d+(?!\w))          # 1.500,00  1,500.00  3.5  2024
    | (?P<dotted>(?:[^\W\d_]\.){2,})                     # e.g.  S.p.A.  U.S.
    | (?P<word>\w+(?:[-'’]\w+)*)                         # part-time  l'infermiere  don't
    | (?P<dots>\.{2,}|…)
    | (?P<other>[^\w\s])
    """,
    re.VERBOSE,
)
_ELISION_RE = re.compile(r"\w+['’](?=\w)")
_SENT_END = {".", "!", "?", "…"}
_CLOSERS = set("\"'”’»)]")


@lru_cache(maxsize=None)
def language_data(lang: str, data_dir: str | None = None) -> dict:
    """Per-language YAML (tokenizer rules, chunk patterns), read once."""
    path = Path(data_dir or DATA_DIR) / f"{lang}.yaml"
    if not path.exists():
        raise ValueError(f"unsupported language {lang!r}: no {path}")
    return yamlfile.load(path.read_text(encoding="utf-8"))


@lru_cache(maxsize=None)
def _rules(lang: str) -> tuple:
    cfg = language_data(lang)["tokenizer"]
    clitic = re.compile(cfg["clitic_suffix"]) if cfg.get("clitic_suffix") else None
    return (
        bool(cfg.get("split_elision")),
        clitic,
        frozenset(w.replace("’", "'") for w in cfg.get("apostrophe_words") or ()),
        frozenset(cfg.get("abbreviations") or ()),
        bool(cfg.get("initials")),
        frozenset(a + "." for a in cfg.get("final_abbreviations") or ()),
    )


def tokenize(text: str, lang: str) -> list[tuple[int, int]]:
    """Return (start, end) character spans of the tokens of ``text``; ``text[start:end]`` is the token."""
    split_elision, clitic, apos_words, abbrevs, initials, _ = _rules(lang)
    spans: list[tuple[int, int]] = []
    n = len(text)
    for m in _TOKEN_RE.finditer(text):
        s, e = m.span()
        if m.lastgroup != "word":
            if m.lastgroup == "other" and spans and spans[-1][1] == s and text[s] in "'’":
                ps, pe = spans[-1]  # "po'": a listed word that owns its final apostrophe
                if text[ps:e].lower().replace("’", "'") in apos_words:
                    spans[-1] = (ps, e)
                    continue
            spans.append((s, e))
            continue
        if split_elision:  # "dell'azienda" -> "dell'" "azienda"
            while (el := _ELISION_RE.match(text, s, e)) is not None:
                spans.append((s, el.end()))
                s = el.end()
        if clitic is not None and (c := clitic.search(text, s, e)) is not None and c.start() > s:
            spans.append((s, c.start()))
            s = c.start()
        spans.append((s, e))
        if e < n and text[e] == "." and not (e + 1 < n and text[e + 1] == "."):
            word = text[s:e]
            if word.lower() in abbrevs or (initials and len(word) == 1 and word.isupper()):
                spans[-1] = (s, e + 1)  # "Dott." "ecc." "M." keep their dot
    return _merge_dot_tokens(text, spans)


def _merge_dot_tokens(text: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Drop the stand-alone "." that regex scanning leaves after an abbreviation already took it."""
    out: list[tuple[int, int]] = []
    for s, e in spans:
        if out and s < out[-1][1]:
            continue
        out.append((s, e))
    return out


def sentence_ranges(text: str, spans: list[tuple[int, int]], lang: str) -> list[tuple[int, int]]:
    """Split token spans into sentences: after . ! ? … (and closing quotes), and at every line break."""
    final_abbrevs = _rules(lang)[5]
    out: list[tuple[int, int]] = []
    begin = 0
    for i in range(1, len(spans) + 1):
        if i == len(spans):
            out.append((begin, i))
            break
        prev_e = spans[i - 1][1]
        gap = text[prev_e : spans[i][0]]
        if "\n" in gap:
            out.append((begin, i))
            begin = i
            continue
        j = i - 1  # look back over closing quotes/brackets to the terminal mark
        while j > begin and text[spans[j][0] : spans[j][1]] in _CLOSERS:
            j -= 1
        last = text[spans[j][0] : spans[j][1]]
        if (last in _SENT_END or last[-1] in "!?" or set(last) == {"."}) and gap:
            nxt = text[spans[i][0]]
            if nxt.isupper() or nxt.isdigit() or not nxt.isalnum():
                out.append((begin, i))
                begin = i
        elif last.lower() in final_abbrevs and gap and text[spans[i][0]].isupper():
            out.append((begin, i))
            begin = i
    return [r for r in out if r[1] > r[0]]
