"""Salary figures: amounts in the format of the language's rules file (`salary:`), ranges, and what qualifies each figure.

"€ 32.000", "$52,000", "30 mila euro", "1.800 euro netti al mese", "$60K", "da 28.000 a 35.000 euro",
"between $40,000 and $55,000". A sentence gives one observation per figure or range; qualifiers
(average, gross, per month, junior) are read in the stretch of the sentence that belongs to that figure.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal
from functools import lru_cache

from kg import lexicon
from kg.extract.ruleset import RuleSet, expand
from kg.language.profile import fold, rules_data, with_borrowed
from kg.read.article import Block, Sentence

CARRIED = frozenset({"median", "average"})  # qualifiers a list of figures states once for all; never min or max


@dataclass(frozen=True)
class Amount:
    value: Decimal
    currency: str
    start: int
    end: int
    bare: bool = False  # written "$" or "dollars": which country's dollar, the figure's place may say


@dataclass(frozen=True)
class Figure:
    """One observation: a single amount or a range, with its qualifiers."""

    attrs: tuple[tuple[str, str], ...]
    start: int
    end: int


@lru_cache(maxsize=None)
def _amount_pattern(lang: str, number: str, multipliers: tuple[str, ...]) -> re.Pattern:
    forms = sorted(lexicon.currencies(), key=len, reverse=True)
    symbols = "|".join(re.escape(f) for f in forms if not f.isalpha())
    words = "|".join(re.escape(f) for f in forms if f.isalpha())
    mult = "|".join(re.escape(m) for m in sorted(multipliers, key=len, reverse=True))
    return re.compile(
        rf"(?:(?P<pre>{symbols}|\b(?:{words}))\s?)?(?P<num>{number})(?:\s?(?P<mult>{mult})\b)?"
        rf"(?:\s?(?P<post>(?:{symbols})|\b(?:{words})\b))?(?!\s?%)",
        re.IGNORECASE,
    )


def amounts(sentence: str, rs: RuleSet, stated: tuple[str, bool] | None = None) -> list[Amount]:
    """Money amounts in `sentence`; an amount without a currency takes its range partner's ("da 28.000 a 35.000
    euro", "AUD 650 to 850"), else the `stated` one (currency, bare) if it is written like money ("62,000")."""
    cfg = rs.data["salary"]
    pattern = _amount_pattern(rs.lang, cfg["number"], tuple(cfg["multipliers"]))
    codes = lexicon.currencies()
    raw = []
    for m in pattern.finditer(sentence):
        currency = m.group("pre") or m.group("post")
        value = _number(m.group("num"), rs.data["language"]["decimal_mark"])
        if m.group("mult"):
            value *= cfg["multipliers"][m.group("mult").lower()]
        code = (codes.get(fold(currency)), fold(currency) in lexicon.bare_dollars()) if currency else None
        if code is None and stated and _GROUPED.fullmatch(m.group("num").strip()):
            code = stated  # a row of a table whose header says "£ per year"
        raw.append([value, code, m.start(), m.end(), bool(m.group("mult"))])
    for i in range(len(raw) - 2, -1, -1):  # "da 28.000 a 35.000 euro": the first takes the second's
        if raw[i][1] is None and raw[i + 1][1] and _joined(sentence, raw[i], raw[i + 1], rs):
            raw[i][1] = raw[i + 1][1]
            if raw[i + 1][4] and not raw[i][4] and raw[i][0] < 1000:
                raw[i][0] *= raw[i + 1][0] / _number_of(sentence, raw[i + 1])
    for i in range(1, len(raw)):  # "AUD 650 to 850": the second takes the first's
        if raw[i][1] is None and raw[i - 1][1] and _joined(sentence, raw[i - 1], raw[i], rs):
            raw[i][1] = raw[i - 1][1]
    return [Amount(v, c[0], s, e, c[1]) for v, c, s, e, _ in raw if c and c[0] and v > 0]


_GROUPED = re.compile(r"\d{1,3}(?:[.,]\d{3})+(?:[.,]\d{1,2})?")  # "62,000", "1.650": money, not a year or a count


def _joined(sentence: str, left: list, right: list, rs: RuleSet) -> bool:
    return sentence[left[3] : right[2]].strip().lower() in _joiners(rs.lang)


def stated_currency(text: str, rs: RuleSet) -> tuple[str, bool] | None:
    """The currency a list's or table's lead states for all its figures ("Median base salary, £ per year."):
    (code, bare), when the lead names a currency and no amount."""
    m = _currency_word().search(text) if text else None
    if m is None or amounts(text, rs):
        return None
    form = fold(m.group(0))
    return lexicon.currencies()[form], form in lexicon.bare_dollars()


@lru_cache(maxsize=None)
def _currency_word() -> re.Pattern:
    forms = sorted(lexicon.currencies(), key=len, reverse=True)
    return re.compile(r"(?<!\w)(?:" + "|".join(re.escape(f) for f in forms) + r")(?!\w)", re.IGNORECASE)


@lru_cache(maxsize=None)
def _joiners(lang: str) -> frozenset[str]:
    """What stands between the two amounts of a range, in the language and those it borrows from."""
    return frozenset(str(w).lower() for source in with_borrowed(lang) for w in rules_data(source)["salary"].get("range_joiners", []))


def _number_of(sentence: str, item) -> Decimal:
    digits = re.search(r"\d[\d.,]*", sentence[item[2] : item[3]]).group(0)
    return _number(digits, ".") or Decimal(1)


def _number(text: str, decimal_mark: str) -> Decimal:
    """Read "45.000", "52,000", "1.800,50", "72,300.75": a separator before exactly three final digits groups thousands."""
    text = text.replace(" ", "")
    if "," in text and "." in text:
        decimal = "," if text.rfind(",") > text.rfind(".") else "."
    elif re.fullmatch(r"\d{1,3}(?:[.,]\d{3})+", text):
        decimal = None
    elif "," in text or "." in text:
        decimal = "," if "," in text else "."
    else:
        decimal = None
    thousands = {",": ".", ".": ","}.get(decimal, ",.") if decimal else ",."
    for sep in thousands:
        text = text.replace(sep, "")
    if decimal:
        text = text.replace(decimal, ".")
    return Decimal(text)


def _labelled_place(sentence: str):
    """The place a salary guide's list item is labelled with ("Regno Unito: ..."), if any."""
    label, colon, _ = sentence.partition(":")
    return lexicon.lookup("places", label) if colon and len(label.split()) <= 4 else None


@dataclass
class Said:
    """What the article's earlier figures said of their source, date and place, for the figures after them that do
    not say it again: "The BLS reports a median of $48,000 in the United States (May 2023). The lowest 10 percent
    earned less than $35,000." A source and a date hold for the rest of their section; a place only for the rest of
    its paragraph, since the next paragraph so often compares another place."""

    section: tuple[str, ...] = ()
    block: int = -1
    details: dict[str, str] = field(default_factory=dict)
    dated: dict[str, str] = field(default_factory=dict)  # the article's own date and source, from its byline: every figure's last resort

    def before(self, sentence: Sentence) -> dict[str, str]:
        """What holds for `sentence`."""
        if sentence.section != self.section:
            return dict(self.dated)
        if sentence.block.start != self.block:
            return self.dated | {k: v for k, v in self.details.items() if k != "place"}
        return self.dated | self.details

    def note(self, sentence: Sentence, rs: RuleSet, figures: bool) -> None:
        """What a sentence that gave figures, or that cites where figures come from ("The data below come from the
        ONS"), says of their source, date and place holds for the figures after it."""
        if not figures and not _cited(sentence.text, rs):
            return
        details = self.before(sentence) | _common(sentence.text, rs)
        self.section, self.block, self.details = sentence.section, sentence.block.start, details


def byline(blocks: list[Block], rs: RuleSet) -> dict[str, str]:
    """The date and publisher an article gives itself near its top ("Halden Recruitment · Published January 2026",
    "Redazione — 9 marzo 2026", "This guide, compiled by the recruitment firm Acme from 2,300 placements"): a short
    paragraph among the first three with a date in it, and any of them naming who publishes it (`byline_source`).
    Its figures are of that date and that source unless they say another."""
    found: dict[str, str] = {}
    for block in [b for b in blocks if b.kind != "heading"][:3]:
        if block.kind != "paragraph":
            continue
        if "as_of" not in found and len(block.text) <= 200 and not amounts(block.text, rs):  # not "Start: May 2027 · £34,000"
            dated = _dated(block.text, rs)
            if dated:
                found["as_of"] = dated
        for pat in rs.data["salary"].get("byline_source", ()) if "source" not in found else ():
            m = _source_pattern(rs.lang, pat).search(block.text)
            if m:
                found["source"] = m.group("x").rstrip(".,;")
                break
    return found


def _dated(text: str, rs: RuleSet) -> str | None:
    for pat in rs.data["salary"]["date"]:
        m = re.search(expand(pat, _macros(rs.lang)), text, re.IGNORECASE)
        if m:
            month = m.groupdict().get("month")
            number = rs.data["language"]["months"].get(month.lower()) if month else None
            return f"{m.group('year')}-{number:02d}" if number else m.group("year")
    return None


def figures(sentence: str, rs: RuleSet, lead: str = "", said: dict[str, str] | None = None) -> list[Figure]:
    """Salary observations of a sentence that speaks of pay; none when it names no amount. `lead` is what introduces
    a list or table the sentence is an item or row of ("Bakers earn, according to the Acme Pay Survey 2025:"): it
    can be the pay word, and the source, date and place the rows leave unsaid; `said` is what earlier figures said of
    them (`Said.before`), for what neither the sentence nor its lead says."""
    cfg = rs.data["salary"]
    if not re.search(cfg["cue"], sentence + "\n" + lead, re.IGNORECASE) and _labelled_place(sentence) is None:
        return []  # "- California: $137,690" in a salary guide needs no pay word
    found = amounts(sentence, rs, stated_currency(lead, rs))
    groups = _ranges(sentence, found, rs)
    common = (said or {}) | (_common(lead, rs) if lead and found else {}) | _common(sentence, rs)
    out = []
    carried = None  # "the median is $95,000; in Frankfurt €64,000": a list of medians by place says "median" once
    for index, group in enumerate(groups):
        left = groups[index - 1][-1].end if index else 0
        right = groups[index + 1][0].start if index + 1 < len(groups) else len(sentence)
        before = sentence[left : group[0].start]
        after = re.split(r"[,;]\s", sentence[group[-1].end : right], maxsplit=1)[0]
        own = re.split(r"[,;]\s", before)[-1]  # the figure's own stretch of the sentence, before it
        if re.search(cfg.get("not_pay", "(?!)"), own + " " + " ".join(after.split()[:2]), re.IGNORECASE):
            continue  # "tuition reimbursement up to $3,000", "a $2,500 relocation allowance": a benefit
        window = own + " " + after
        attrs = dict(common)
        if len(groups) > 1 and "place" in attrs and _labelled_place(sentence) is None:
            # "in New York the median is $95,000; in Frankfurt €64,000": each figure its own place
            attrs["place"] = _place(after, rs) or _place(own, rs) or attrs["place"]
        column = lexicon.lookup("places", own.rpartition(":")[2].strip())
        if column is not None:  # "HR Business Partner: London 62,000, Manchester 52,000": a table's columns by city
            attrs["place"] = column.label(rs.lang)
        attrs["currency"] = (group[0].bare and lexicon.dollar_of(attrs.get("place", ""))) or group[0].currency
        if len(group) > 1:
            attrs["min"], attrs["max"] = str(min(a.value for a in group)), str(max(a.value for a in group))
            if len(group) == 3:  # a band's middle column: "Median £27,500"
                attrs[_qualifier(sentence[group[0].end : group[1].start], cfg)] = str(group[1].value)
        else:
            qualifier = _qualifier(before, cfg) or _qualifier(window, cfg) or (carried if _place(own, rs) else None)
            attrs[qualifier or "amount"] = str(group[0].value)
            if qualifier in CARRIED:
                carried = qualifier
        attrs["period"] = _first_key(window, cfg["periods"]) or _default_period(group[0].value)
        basis = [name for name, pat in cfg["bases"].items() if re.search(pat, window, re.IGNORECASE)]
        if basis:
            attrs["basis"] = " ".join(basis)
        level = _first_key(before + " " + after, cfg["levels"])
        if level:
            attrs["level"] = level
        out.append(Figure(tuple(sorted((k, v) for k, v in attrs.items() if v)), group[0].start, group[-1].end))
    return out


def _ranges(sentence: str, found: list[Amount], rs: RuleSet) -> list[list[Amount]]:
    """Group amounts that a range phrasing joins ("tra X e Y", "between X and Y", "X-Y") or that a table row's
    columns label as one band ("25th percentile X, Median Y, 75th percentile Z")."""
    groups: list[list[Amount]] = []
    i = 0
    while i < len(found):
        if i + 1 < len(found) and sentence[found[i].end : found[i + 1].start].strip().lower() in _joiners(rs.lang):
            size = 2
        else:
            size = _labelled_band(sentence, found, i, rs)
        groups.append(found[i : i + size])
        i += size
    return groups


def _labelled_band(sentence: str, found: list[Amount], i: int, rs: RuleSet) -> int:
    """How many amounts from `i` on make one labelled band: "RAL minima 24.000 €, RAL massima 28.000 €" (a table
    row's two columns), "minimum £20,000, maximum £30,000", "25th percentile £24,000, Median £27,500, 75th percentile
    £31,000": a figure labelled as the least, then at most one labelled median or average, then one labelled as the
    most, in one currency, close together; 1 when they are not."""
    cfg = rs.data["salary"]
    left = found[i - 1].end if i else 0
    if _qualifier(re.split(r"[,;]\s", sentence[left : found[i].start])[-1], cfg) != "min":
        return 1
    for size, middle in ((2, ()), (3, CARRIED)):
        if i + size > len(found) or any(a.currency != found[i].currency for a in found[i : i + size]):
            return 1
        between = [sentence[a.end : b.start] for a, b in zip(found[i : i + size], found[i + 1 : i + size])]
        if all(len(text.split()) <= 4 for text in between) and _qualifier(between[-1], cfg) == "max" \
                and all(_qualifier(text, cfg) in middle for text in between[:-1]):
            return size
    return 1


def _qualifier(text: str, cfg: dict) -> str | None:
    """The qualifier nearest to the end of `text` (closest to the figure)."""
    best, best_pos = None, -1
    for name, pat in cfg["qualifiers"].items():
        for m in re.finditer(pat, text, re.IGNORECASE):
            if m.start() > best_pos:
                best, best_pos = name, m.start()
    return best


def _first_key(text: str, table: dict) -> str | None:
    hits = [(m.start(), name) for name, pat in table.items() for m in [re.search(pat, text, re.IGNORECASE)] if m]
    return min(hits)[1] if hits else None


def _default_period(value: Decimal) -> str:
    """Figures without a period: yearly pay is in the tens of thousands, monthly in the thousands."""
    return "year" if value >= 10000 else "month" if value >= 400 else "hour"


def _cited(sentence: str, rs: RuleSet) -> bool:
    return any(_source_pattern(rs.lang, pat).search(sentence) for pat in rs.data["salary"]["source"])


@lru_cache(maxsize=None)
def _source_pattern(lang: str, pattern: str) -> re.Pattern:
    return re.compile(expand(pattern, _macros(lang)))


@lru_cache(maxsize=None)
def _macros(lang: str) -> dict[str, str]:
    """The rules file's macros ({source_name}), and {month}: the language's month names."""
    data = rules_data(lang)
    return {**data.get("macros", {}), "month": "|".join(sorted(data["language"]["months"], key=len, reverse=True))}


def _common(sentence: str, rs: RuleSet) -> dict[str, str]:
    """Source, date and place: said once for every figure of the sentence."""
    cfg = rs.data["salary"]
    attrs: dict[str, str] = {}
    source_span, cited = (0, 0), ""
    for pat in cfg["source"]:
        m = _source_pattern(rs.lang, pat).search(sentence)
        if m:
            attrs["source"] = m.group("x").rstrip(".,;")
            source_span, cited = m.span("x"), m.group(0)
            break
    dated = _dated(sentence, rs)
    if dated:
        attrs["as_of"] = dated
    else:  # "according to the 2025 Acme pay survey", "Hays Salary Guide 2024": the year the source is of
        year = re.search(r"\b(?:19|20)\d\d\b", cited)
        if year:
            attrs["as_of"] = year.group()
    labelled = _labelled_place(sentence)
    if labelled is not None:  # "- Regno Unito: un infermiere parte da 28.407 sterline": a salary guide's place
        attrs["place"] = labelled.label(rs.lang)
        return attrs
    place = _place(sentence, rs, source_span)
    if place:
        attrs["place"] = place
    return attrs


def _place(text: str, rs: RuleSet, skip: tuple[int, int] = (0, 0)) -> str | None:
    """The first place `text` names after a preposition ("in Manchester"), outside the span `skip` (the source's)."""
    months = {fold(k) for k in rs.data["language"]["months"]}
    for m in re.finditer(rs.data["salary"]["place"], text):
        place = m.group("x")
        if skip[0] <= m.start("x") < skip[1] or fold(place.split()[0]) in months:
            continue
        if place.split()[0] in lexicon.not_places():
            continue
        entry = lexicon.lookup("places", place)
        return entry.label(rs.lang) if entry else place.rstrip(".,;:")
    return None
