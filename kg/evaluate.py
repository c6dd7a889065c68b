"""`kg eval`: precision and recall of the extractor against gold YAML (format: shared/gold/README.md).

A gold phrase and a node match when they share most of their content words (numbers included), measured symmetrically:
|common| / max(|gold words|, |node words|) >= 0.5, after dropping function words of every language and
reducing words to a stem (so plurals and verb forms agree). Pairs are taken best first, one to one. For
other roles the words of the article's own role are ignored. Salaries match on currency and figures; how
often a matched salary's period, date, place, source and basis agree with the gold is reported beside the score
(`Report.salary_details`), since a figure with the wrong place or year misleads an analyst as much as a miss.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from decimal import Decimal
from functools import lru_cache
from pathlib import Path
from typing import Iterator, NamedTuple

import yaml

from kg.errors import KgError
from kg.extract.facts import Fact, kinds
from kg.language.profile import fold, languages, profile, rules_data, stopwords
from kg.pipeline.build import Build, build
from kg.read.article import Article
from kg.resolve import curation

THRESHOLD = 0.5
ROLE_KEYS = ("promotes_to", "promoted_from", "related_roles")
SALARY_DETAILS = ("period", "as_of", "place", "source", "basis")


@dataclass
class Score:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    def add(self, other: "Score") -> None:
        self.tp, self.fp, self.fn = self.tp + other.tp, self.fp + other.fp, self.fn + other.fn

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def as_dict(self) -> dict:
        return {"tp": self.tp, "fp": self.fp, "fn": self.fn, "precision": round(self.precision, 3),
                "recall": round(self.recall, 3), "f1": round(self.f1, 3)}


@dataclass
class Report:
    by_type: dict[str, Score] = field(default_factory=dict)
    by_language: dict[str, Score] = field(default_factory=dict)
    total: Score = field(default_factory=Score)
    misses: list[tuple[str, str, str]] = field(default_factory=list)  # (article, key, gold phrase)
    extras: list[tuple[str, str, str]] = field(default_factory=list)  # (article, key, extracted label)
    unpaired: list[str] = field(default_factory=list)
    by_alias: list[str] = field(default_factory=list)  # gold files whose article kg names by one of the gold's aliases
    # per salary detail, over the matched salaries whose gold states it: [kg says the same, kg says otherwise, kg says nothing]
    salary_details: dict[str, list[int]] = field(default_factory=lambda: {k: [0, 0, 0] for k in SALARY_DETAILS})
    uncurated: Score | None = None  # the micro score without curation.yaml, when the corpus has one
    raw: "Report | None" = None  # the whole report without curation.yaml, beside this one when the corpus has one

    def as_dict(self) -> dict:
        return {
            "micro": self.total.as_dict(),
            "by_type": {k: v.as_dict() for k, v in sorted(self.by_type.items())},
            "by_language": {k: v.as_dict() for k, v in sorted(self.by_language.items())},
            "misses": [list(m) for m in self.misses],
            "extras": [list(e) for e in self.extras],
            "unpaired_gold": self.unpaired,
            "paired_by_alias": self.by_alias,
            "salary_details": {k: dict(zip(("same", "other", "none"), v)) for k, v in self.salary_details.items()},
            **({"micro_without_curation": self.uncurated.as_dict()} if self.uncurated else {}),
            **({"without_curation": {"micro": self.raw.total.as_dict(),
                                     "by_type": {k: v.as_dict() for k, v in sorted(self.raw.by_type.items())},
                                     "by_language": {k: v.as_dict() for k, v in sorted(self.raw.by_language.items())}}}
               if self.raw else {}),
        }

    def to_json(self) -> str:
        return json.dumps(self.as_dict(), ensure_ascii=False, indent=2)


def evaluate(gold_dir: Path | str, source: Path | str = "source", result: Build | None = None, curate: bool = True,
             min_confidence: float = 0.0) -> Report:
    """Build `source` (unless a build is given), keeping the facts of at least `min_confidence`, and score it
    against every gold file in `gold_dir`.

    When `source` has a curation.yaml the report scores the curated graph and carries the graph without it
    in `raw`, so an editor sees what the curation changed; `curate=False` scores the extractor alone."""
    gold_dir = Path(gold_dir)
    if not gold_dir.is_dir():
        raise KgError(f"no such gold folder: {gold_dir}")
    if result is None and curate and (Path(source) / curation.FILENAME).is_file():
        report = evaluate(gold_dir, source, result=build(source, min_confidence=min_confidence))
        report.raw = evaluate(gold_dir, source, result=build(source, curate=False, min_confidence=min_confidence))
        report.uncurated = report.raw.total
        return report
    result = result or build(source, curate=curate, min_confidence=min_confidence)
    report = Report()
    files = list(_paired(gold_dir, result))
    for file in files:
        slug = file.slug
        if slug is None:  # the role was not found in any title: every gold fact is missed, not skipped
            report.unpaired.append(file.path.name)
            slug = file.path.stem
        elif not _names(str(file.gold.get("role", "")), file.role):
            report.by_alias.append(file.path.name)
        for key in _gold_keys():
            expected = _gold_values(file.gold, key)
            values = [value for value, _ in file.predicted.get(key, {}).values()]
            if file.slug is None:  # what kg said of a misnamed role is said of the wrong node: all extras
                score, misses, extras = _score(key, expected, [], file.role)
                extras = [_show(value) for value in values]
                score.fp = len(extras)
            else:
                score, misses, extras = _score(key, expected, values, file.role)
            if key == "salary":
                _compare_details(expected, values, _pairs(key, expected, values, file.role), file.lang, report.salary_details)
            report.by_type.setdefault(key, Score()).add(score)
            report.by_language.setdefault(_language(file, files), Score()).add(score)
            report.total.add(score)
            report.misses += [(slug, key, m) for m in misses]
            report.extras += [(slug, key, e) for e in extras]
    return report


def _language(file: "_GoldFile", files: list["_GoldFile"]) -> str:
    """An unpaired gold file counts in the language of the paired files beside it (a folder per language, as in
    tests/data), so a language's row holds every gold fact of that folder; "unpaired" when they disagree."""
    if file.slug is not None:
        return file.lang
    beside = {f.lang for f in files if f.slug is not None and f.path.parent == file.path.parent}
    return beside.pop() if len(beside) == 1 else file.lang


def judged(gold_dir: Path | str, result: Build) -> Iterator[tuple[Fact, bool]]:
    """Every fact `kg eval` scores, with whether the node it names was paired with a gold phrase (a true
    positive): what scripts/fit_confidence.py fits the confidence of rules and features on."""
    for file in _paired(Path(gold_dir), result):
        for key, nodes in file.predicted.items():
            _, paired = (_pair(key, _gold_values(file.gold, key), [value for value, _ in nodes.values()], file.role)
                         if file.slug is not None else (set(), set()))
            for index, (_, facts) in enumerate(nodes.values()):
                yield from ((fact, index in paired) for fact in facts)


class _GoldFile(NamedTuple):
    """A gold file and what the build predicted for its article (slug None, lang "unpaired": no article)."""

    path: Path
    slug: str | None
    lang: str
    role: str
    gold: dict
    predicted: dict[str, dict[str, tuple[object, list[Fact]]]]


def _paired(gold_dir: Path, result: Build) -> Iterator[_GoldFile]:
    """Each gold file with its article, found by role, else by one of the gold's aliases: an article kg names
    "oss" is the gold's "operatore socio-sanitario" (aliases: oss), its facts scored, the naming reported. A name is
    read as the gold README reads a phrase, at full match: "Long name (ACR)" is also its long name and its acronym,
    and the same content words name the same role (singular and plural alike, articles and prepositions ignored).
    A gold file paired with no role keeps, as its predictions, those of the unpaired article of its own file name
    (gold `x.yaml`, article `x.md`): they were stated of the wrong role, so they count as extras."""
    golds = [(path, _load_gold(path)) for path in sorted(gold_dir.rglob("*.yaml"))]
    taken = {a.slug for _, gold in golds if (a := _article_named(str(gold.get("role", "")), result.articles))}
    files = []
    for path, gold in golds:
        article = _article_named(str(gold.get("role", "")), result.articles) or next(
            (a for alias in gold.get("aliases") or () if (a := _article_named(str(alias), result.articles)) and a.slug not in taken), None)
        if article is not None:
            taken.add(article.slug)
        files.append((path, gold, article))
    for path, gold, article in files:
        if article is None:
            namesake = next((a for a in result.articles if a.path.stem == path.stem and a.slug not in taken), None)
            yield _GoldFile(path, None, "unpaired", str(gold.get("role", "")), gold,
                            _predicted(result, namesake) if namesake else {})
        else:
            yield _GoldFile(path, article.slug, article.lang, article.role, gold, _predicted(result, article))


def _article_named(name: str, articles: list[Article]) -> Article | None:
    """The article whose role is `name` as written, else by the README's reading of a name (`_names`)."""
    return next((a for a in articles if fold(a.role) in map(fold, _alternatives(name))), None) or next(
        (a for a in articles if _names(name, a.role)), None)


def _names(gold: str, role: str) -> bool:
    """Does the gold's name (or its long name or acronym) have exactly the content words of kg's role name?"""
    return any(fold(alt) == fold(role) or _content(alt) and _content(alt) == _content(role) for alt in _alternatives(gold))


def format_table(report: Report) -> str:
    """The plain-text report: one row per fact type, then per language, then the micro average; with a
    curation, the scores without it on the right of each row."""
    raw = report.raw
    lines = [f"{'fact type':<20}{'tp':>5}{'fp':>5}{'fn':>5}{'P':>8}{'R':>8}{'F1':>8}"
             + (f"  |{'raw P':>8}{'raw R':>8}{'raw F1':>8}" if raw else "")]
    for name, score in sorted(report.by_type.items()):
        lines.append(_row(name, score, raw.by_type.get(name) if raw else None))
    lines.append("")
    for name, score in sorted(report.by_language.items()):
        lines.append(_row(f"language {name}", score, raw.by_language.get(name) if raw else None))
    if raw:
        lines.append(_row("micro", report.total, raw.total))
    if report.misses:
        lines += ["", "misses (gold not found):"] + [f"  {a}  {k}: {m}" for a, k, m in report.misses]
    if report.extras:
        lines += ["", "extras (extracted, not in gold):"] + [f"  {a}  {k}: {e}" for a, k, e in report.extras]
    stated = {k: v for k, v in report.salary_details.items() if sum(v)}
    if stated:
        lines += ["", "matched salaries, details the gold states (same / other / none in kg):"]
        lines += [f"  {k:<8}{same:>4} /{other:>3} /{none:>3}" for k, (same, other, none) in stated.items()]
    if report.unpaired:
        lines += ["", "gold files with no article of their role: " + ", ".join(report.unpaired)]
    if report.by_alias:
        lines += ["", "gold files whose role kg names by one of its aliases: " + ", ".join(report.by_alias)]
    t = report.total
    if report.uncurated:
        u = report.uncurated
        lines += ["", f"without curation.yaml: micro P={u.precision:.3f} R={u.recall:.3f} F1={u.f1:.3f}"]
    lines += ["", f"micro P={t.precision:.3f} R={t.recall:.3f} F1={t.f1:.3f} (tp={t.tp} fp={t.fp} fn={t.fn})"]
    return "\n".join(lines)


def _row(name: str, s: Score, raw: Score | None = None) -> str:
    row = f"{name:<20}{s.tp:>5}{s.fp:>5}{s.fn:>5}{s.precision:>8.3f}{s.recall:>8.3f}{s.f1:>8.3f}"
    return row + (f"  |{raw.precision:>8.3f}{raw.recall:>8.3f}{raw.f1:>8.3f}" if raw else "")


def _load_gold(path: Path) -> dict:
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        raise KgError(f"gold file is not valid YAML: {getattr(exc, 'problem', exc)}", path, mark.line + 1 if mark else 1) from None
    if not isinstance(data, dict):
        raise KgError("gold file is not a mapping", path)
    return data


@lru_cache(maxsize=None)
def _gold_keys() -> tuple[str, ...]:
    keys = {spec["gold"] for spec in kinds().values() if "gold" in spec}
    return tuple(sorted(keys | {"promoted_from"}))


def _gold_values(gold: dict, key: str) -> list:
    values = list(gold.get(key) or [])
    if key == "related_roles":
        values += list(gold.get("reports_to") or [])
    return values


def _predicted(result: Build, article) -> dict[str, dict[str, tuple[object, list[Fact]]]]:
    """What the graph says about the article's role, from facts read in that article, by gold key: each node
    (or literal) once, with what is scored (its labels, or a salary's figures) and the facts that name it."""
    role = result.resolution.roles[article.slug]
    nodes = result.resolution.nodes
    table = kinds()
    out: dict[str, dict[str, tuple[object, list[Fact]]]] = {}
    for st in result.resolution.statements:
        fact = st.fact
        if fact.evidence.article != article.slug or "gold" not in table[fact.kind]:
            continue
        key = table[fact.kind]["gold"]
        if fact.kind == "promotes_to":
            if st.subject == role:
                target = st.object
            elif st.object == role:
                key, target = "promoted_from", st.subject
            else:
                continue
        elif table[fact.kind].get("subject", "Role") == "Role" and st.subject != role:
            continue
        else:
            target = st.object
        if fact.kind == "salary":
            value: object = dict(fact.attrs)
        elif table[fact.kind].get("literal"):
            target, value = fold(target), [target]
        else:
            value = [label for _, label in nodes[target].labels]
        facts = out.setdefault(key, {}).get(target, (None, []))[1]
        out[key][target] = (value, facts + [fact])
    return out


def _score(key: str, expected: list, predicted: list, role: str) -> tuple[Score, list[str], list[str]]:
    used_gold, used_pred = _pair(key, expected, predicted, role)
    misses = [_show(g) for i, g in enumerate(expected) if i not in used_gold]
    extras = [_show(p) for j, p in enumerate(predicted) if j not in used_pred]
    return Score(len(used_gold), len(extras), len(misses)), misses, extras


def _pair(key: str, expected: list, predicted: list, role: str) -> tuple[set[int], set[int]]:
    """The indices of each side that found a pair."""
    pairs = _pairs(key, expected, predicted, role)
    return {i for i, _ in pairs}, {j for _, j in pairs}


def _pairs(key: str, expected: list, predicted: list, role: str) -> list[tuple[int, int]]:
    """Gold phrases and predictions paired best first, one to one: (gold index, prediction index)."""
    if key == "salary":
        similarity = _salary_similarity
    else:
        ignore = _content(role) if key in ROLE_KEYS else frozenset()

        def similarity(gold, labels):
            return max((_phrase_similarity(g, l, ignore) for g in _alternatives(gold) for l in labels), default=0.0)
    pairs = sorted(
        ((similarity(g, p), i, j) for i, g in enumerate(expected) for j, p in enumerate(predicted)),
        key=lambda t: (-t[0], t[1], t[2]),
    )
    used_gold, used_pred, found = set(), set(), []
    for value, i, j in pairs:
        if value < THRESHOLD:
            break
        if i not in used_gold and j not in used_pred:
            used_gold.add(i)
            used_pred.add(j)
            found.append((i, j))
    return found


def _compare_details(expected: list, predicted: list, pairs: list[tuple[int, int]], lang: str,
                     tally: dict[str, list[int]]) -> None:
    """Count, for each detail the gold states of a matched salary, whether kg states the same, another or none.
    Period and date compare as written; place and source as phrases; kg's basis is a code ("gross", "net base")
    and the gold's free text ("retribuzione media lorda"): they agree when the text says each code, as the language's
    rules file reads it (`salary: bases:`)."""
    for i, j in pairs:
        gold, found = expected[i], predicted[j]
        for key in SALARY_DETAILS:
            if gold.get(key) in (None, ""):
                continue
            mine = found.get(key)
            if mine in (None, ""):
                tally[key][2] += 1
                continue
            a, b = str(gold[key]), str(mine)
            if key in ("period", "as_of"):
                same = fold(a) == fold(b)
            elif key == "basis":
                bases = rules_data(lang)["salary"]["bases"] if lang in languages() else {}
                same = all(code in bases and re.search(bases[code], a, re.IGNORECASE) for code in b.split())
            else:
                same = max(_phrase_similarity(g, b, frozenset()) for g in _alternatives(a)) >= THRESHOLD
            tally[key][0 if same else 1] += 1


def _show(value) -> str:
    if isinstance(value, dict):
        return ", ".join(f"{k}={v}" for k, v in sorted(value.items()) if v is not None)
    if isinstance(value, list):
        return value[0] if value else ""
    return str(value)


def _alternatives(phrase) -> list[str]:
    """"Long name (ACR)" also counts as its long name and as its acronym alone."""
    phrase = str(phrase)
    match = re.fullmatch(r"\s*(.+?)\s*\(\s*([^()]+?)\s*\)\s*", phrase)
    return [phrase, match.group(1), match.group(2)] if match else [phrase]


def _phrase_similarity(gold: str, label: str, ignore: frozenset[str]) -> float:
    a, b = _content(gold), _content(label)
    if ignore and (a - ignore) and (b - ignore):
        a, b = a - ignore, b - ignore
    if not a or not b:
        return 0.0
    return len(a & b) / max(len(a), len(b))


# words and numbers ("L. 130/2007" and "D.Lgs. 82/2005" differ by their numbers), a language's "++" or "#" kept on it
_TOKEN = re.compile(r"[^\W_]+(?:\+\+|#)?", re.UNICODE)


@lru_cache(maxsize=4096)
def _content(text: str) -> frozenset[str]:
    """The stemmed content words of a phrase, numbers included (a law, a grade or a level is named by them); a
    phrase of one-letter words only is its words ("R", "C"): else it would match nothing, not even itself."""
    stops = frozenset().union(*(stopwords(lang) for lang in languages()))
    words = _TOKEN.findall(fold(text))
    content = frozenset(w if w.isdigit() else _stem(w) for w in words if w.isdigit() or (w not in stops and len(w) > 1))
    return content or frozenset(w for w in words if w not in stops)


@lru_cache(maxsize=None)
def _suffixes() -> tuple[str, ...]:
    found = {fold(s) for lang in languages() for s in profile(lang).get("stem_suffixes", [])}
    return tuple(sorted(found, key=len, reverse=True))


def _stem(word: str) -> str:
    for suffix in _suffixes():
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            return word[: -len(suffix)]
    return word


def _salary_similarity(gold: dict, predicted: dict) -> float:
    if not isinstance(gold, dict) or str(gold.get("currency", "")).upper() != str(predicted.get("currency", "")).upper():
        return 0.0
    a = {Decimal(str(gold[k])) for k in ("min", "max", "median", "average") if gold.get(k) is not None}
    b = {Decimal(predicted[k]) for k in ("min", "max", "median", "average", "amount") if k in predicted}
    if not a or not b:
        return 0.0
    return len(a & b) / max(len(a), len(b))
