"""Compiles a language's rules file into regular expressions, once per version of the file: the expanded sources,
the literals each needs and their compiled programs are kept on disk (kg/memo.py), and a rule's expression is made
from its program the first time a sentence may match it.

Macros ({art}, {di}...) come from the file and lexicon macros ({authority_head}, {law_head}) from the
lexicons. {role} matches the article's role names, which the extractor masks in each sentence (ROLE_MARK
characters of the same length), so every pattern compiles once per language, not once per article.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from functools import cached_property, lru_cache

from kg import lexicon
from kg.errors import KgError
from kg.extract.prefilter import Requirement, Screen, breaks, first_characters, requirement
from kg.language import rulesfile
from kg.language.alternation import alternation
from kg.language.precompiled import Program, kept, program, rebuilt
from kg.language.profile import rules_data, rules_text, with_borrowed
from kg.language.schema import schema
from kg.language.verbs import ambiguous, conjugated
from kg.memo import remembered

_MACRO = re.compile(r"\{(\w+)\}")
_UNKNOWN_MACRO = re.compile(r"(?<!\\)\{[A-Za-z_]\w*\}")  # left after expansion: a name no macro has
_PLAIN = re.compile(r"[\w' ]+")
ROLE_MARK = "\u16a0"  # a runic letter: never in career articles, and a word character, so \b works around it


@dataclass(frozen=True, eq=False)
class Rule:
    """One rule of a family: its id, its pattern source and the options of the family file. Rules are
    told apart by identity: the screen hands back the set of rules a sentence may match."""

    family: str
    id: str
    source: str  # pattern with static macros expanded, behind a lookahead of the characters its matches open with (if known)
    options: dict
    flags: int
    on_masked: bool  # it names the role, so it runs on the text with the role's names masked
    program: Program  # the compiled form (kg/language/precompiled.py)
    breaks: str | None = None  # the characters only after which a match may start, if known (kg/extract/prefilter.py)

    @cached_property
    def regex(self) -> re.Pattern:
        """Made the first time a sentence passes the rule's screen."""
        return rebuilt(self.source, self.flags, self.program)

    @cached_property
    def _starts(self) -> re.Pattern:
        return re.compile(self.breaks or "(?!)", self.flags)

    def search(self, text: str, pos: int = 0) -> re.Match | None:
        """regex.search, trying only the places a match may start when the rule knows them: at `pos`, or after
        one of its `breaks`."""
        if self.breaks is None:
            return self.regex.search(text, pos)
        found = self.regex.match(text, pos)
        for after in self._starts.finditer(text, pos) if found is None else ():
            if (found := self.regex.match(text, after.end())) is not None:
                break
        return found

    def finditer(self, text: str):
        """regex.finditer, by `search` (a rule with `breaks` matches at least one character: no empty match)."""
        if self.breaks is None:
            return self.regex.finditer(text)
        return self._found(text)

    def _found(self, text: str):
        pos = 0
        while (found := self.search(text, pos)) is not None:
            yield found
            pos = found.end()

    def __getstate__(self) -> dict:
        return {k: v for k, v in self.__dict__.items() if k not in ("regex", "_starts")}  # kept on disk as its program (kg/memo.py)


class Patterns(dict):
    """Named patterns, each made from its program the first time it is asked for; pickled as their programs."""

    def __init__(self, programs: dict[str, tuple[str, int, Program]]) -> None:
        super().__init__()
        self.programs = programs

    @classmethod
    def compiled(cls, sources: dict[str, tuple[str, int]]) -> Patterns:
        return cls({name: (source, flags, program(source, flags)) for name, (source, flags) in sources.items()})

    def __missing__(self, name: str) -> re.Pattern:
        made = self[name] = rebuilt(*self.programs[name])
        return made

    def __reduce__(self):
        return Patterns, (self.programs,)


@dataclass
class Compiled:
    """What a rules file compiles to, its expressions as programs (kg/language/precompiled.py): kept on disk between
    processes (kg/memo.py), since parsing ~300 patterns for the literals they need costs as much as compiling them."""

    rules: dict[str, list[Rule]]
    screen: Screen  # which rules a sentence may match, from the literals they need (kg/extract/prefilter.py)
    stops: Patterns
    lists: Patterns
    verbs: dict[str, str]  # duty verb form -> infinitive
    patterns: Patterns  # duty_verb, role_ref
    openings: dict[str, str | None]  # stop group -> the characters its stops open with (kg/extract/prefilter.py)


@dataclass
class RuleSet:
    """Everything the extractor needs for one language, compiled."""

    lang: str
    data: dict
    rules: dict[str, list[Rule]]
    screen: Screen  # which rules a sentence may match, from the literals they need (kg/extract/prefilter.py)
    stops: dict[str, re.Pattern]
    lists: dict[str, re.Pattern]
    version: str
    verbs: dict[str, str]  # duty verb form -> infinitive
    patterns: Patterns
    openings: dict[str, str | None]  # stop group -> the characters its stops open with (kg/extract/prefilter.py)
    _stop_unions: dict[tuple[str, ...], re.Pattern | None] = field(default_factory=dict, repr=False)

    def first_stop(self, names: tuple[str, ...]) -> re.Pattern | None:
        """One pattern for several stop groups, whose search starts where the first stop of any of them does (the
        leftmost position one alternative matches at): a clause is cut in one scan, not one per group, and a
        lookahead of the characters a stop opens with turns away the other positions at once
        (kg/extract/prefilter.py). None when the groups' flags differ."""
        if names not in self._stop_unions:
            live = [name for name in names if self.stops[name].pattern != "(?!)"] or list(names[:1])  # a group left out never matches
            parts = [self.stops[name] for name in live]
            openings = [self.openings.get(name) for name in live]
            union = None
            if len({p.flags for p in parts}) == 1:
                source = parts[0].pattern if len(parts) == 1 else "|".join(f"(?:{p.pattern})" for p in parts)
                if None not in openings:  # an alternation opens with what any alternative does
                    source = f"(?=[{''.join(o[1:-1] for o in openings)}])(?:{source})"
                union = kept(f"stops-{self.lang}-{'-'.join(names)}", source, parts[0].flags) if source != parts[0].pattern else parts[0]
            self._stop_unions[names] = union
        return self._stop_unions[names]

    @property
    def duty_verb(self) -> re.Pattern:
        """A duty verb opening a phrase."""
        return self.patterns["duty_verb"]

    @property
    def role_ref(self) -> re.Pattern:
        """Words that stand for the role ("this professional")."""
        return self.patterns["role_ref"]


def expand(source: str, macros: dict[str, str]) -> str:
    """Expand {name} macros, recursively, leaving unknown names (dynamic ones) in place."""
    for _ in range(5):
        new = _MACRO.sub(lambda m: macros.get(m.group(1), m.group(0)), source)
        if new == source:
            break
        source = new
    return source


@lru_cache(maxsize=None)
def rules_version(lang: str) -> str:
    """Digest of the rules files a language's extraction reads, without compiling them (the extraction cache
    checks it on every article it serves: compiling both languages' rules cost a warm rebuild seconds)."""
    # A borrowed language's rules change what this one finds: its file is part of the version too.
    return hashlib.sha256("\0".join(rules_text(source) for source in with_borrowed(lang)).encode("utf-8")).hexdigest()[:16]


@lru_cache(maxsize=None)
def ruleset(lang: str) -> RuleSet:
    """A language's rules, compiled by this process or an earlier one."""
    compiled = remembered(f"ruleset-{lang}", [rules_text(source) for source in with_borrowed(lang)], lambda: _compile(lang))
    return RuleSet(lang, rules_data(lang), compiled.rules, compiled.screen, compiled.stops, compiled.lists, rules_version(lang),
                   compiled.verbs, compiled.patterns, compiled.openings)


def _compile(lang: str) -> Compiled:
    """The rules file's patterns with their macros expanded, compiled (a bad one stops kg at its line) and the
    literals each needs; later processes read what this returns from disk."""
    data = rules_data(lang)
    macros = dict(data.get("macros", {}))
    macros["authority_head"] = alternation(lexicon.heads("authority_heads"))
    macros["authority_tail"] = alternation(lexicon.heads("authority_tails"))
    macros["law_head"] = alternation(lexicon.heads("law_heads"))
    macros["month"] = _words(data["language"]["months"])
    verbs = conjugated(data)
    macros["role"] = f"(?<!{ROLE_MARK}){ROLE_MARK}+"
    refs = data["language"].get("role_references", [])
    macros["role_ref"] = r"\b(?:" + "|".join(re.escape(r) for r in refs) + r")\b" if refs else "(?!)"
    macros["duty_verbs"] = _words(verbs) or "(?!)"
    macros["duty_verbs_third"] = _words([f for f, i in verbs.items() if f != i]) or "(?!)"
    macros["noun_like_verbs"] = _words(list(ambiguous(data))) or "(?!)"  # verbs only where an article follows
    macros["not_duty"] = _words(data["language"].get("not_duty_verbs", [])) or "(?!)"
    macros["organisation"] = _words(data["language"].get("organisation_heads", [])) or "(?!)"
    rules: dict[str, list[Rule]] = {}
    needs: dict[Rule, Requirement] = {}
    for family, items in data["rules"].items():
        for index, item in enumerate(items):
            options = {k: v for k, v in item.items() if k not in ("id", "pattern")}
            source = expand(item["pattern"], macros)
            flags = 0 if options.get("case") else re.IGNORECASE
            program = _checked(lang, family, index, source, flags)
            searched, program = _guarded(source, flags, program)
            rule = Rule(family, item["id"], searched, options, flags, ROLE_MARK in source, program, breaks(source, flags))
            rules.setdefault(family, []).append(rule)
            needs[rule] = requirement(source, flags)
    stops = {name: ("(?!)", 0) for name in schema()["names"]["stops"]}  # a group the file leaves out never ends a phrase
    stops.update({
        name: ("|".join(f"(?:{expand(p, macros)})" for p in patterns), re.IGNORECASE)
        for name, patterns in data.get("stops", {}).items() if patterns
    })
    patterns = {"duty_verb": (rf"(?:{macros['duty_verbs']})\b", re.IGNORECASE), "role_ref": (macros["role_ref"], re.IGNORECASE)}
    return Compiled(rules, Screen(needs, ROLE_MARK), Patterns.compiled(stops), Patterns.compiled(_list_patterns(data["lists"], macros)),
                    verbs, Patterns.compiled(patterns), {name: first_characters(*stop) for name, stop in stops.items()})


def _checked(lang: str, family: str, index: int, source: str, flags: int) -> Program:
    """A rule's compiled program; a macro it names that does not exist, or a pattern that is no regular
    expression, stops kg at the rule's line."""
    unknown = _UNKNOWN_MACRO.search(source)
    try:
        if unknown:
            raise re.error(f"no macro {unknown.group(0)}")
        return program(source, flags)
    except re.error as exc:
        where = rulesfile.line(lang, "rules", family, index, "pattern")
        raise KgError(f"rules.{family}[{index}].pattern: {exc}", rulesfile.path(lang), where) from None


def _guarded(source: str, flags: int, checked: Program) -> tuple[str, Program]:
    """The pattern behind a lookahead of the characters every match opens with ("(?=[sgc])(?:\\b(?:si occupa|...))"):
    the same matches, but Python's re enters the pattern only where one may start, instead of trying each of its
    alternatives at every position (it has no such scan of its own for a case-blind pattern or one opening on \\b)."""
    opening = first_characters(source, flags)
    if opening is None:
        return source, checked
    guarded = f"(?={opening})(?:{source})"
    try:
        return guarded, program(guarded, flags)
    except re.error:  # "(?i)..." cannot be wrapped: left as it is
        return source, checked


def _words(words) -> str:
    """Words of the rules file as alternatives, longest first; they are pattern text, so only plain words
    become a trie (kg/alternation.py), anything else stays a flat alternation sorted by length."""
    if all(_PLAIN.fullmatch(w) for w in words):
        return alternation(words)
    return "|".join(sorted(words, key=len, reverse=True))


def _list_patterns(lists: dict, macros: dict) -> dict[str, tuple[str, int]]:
    """Item separators, the conjunction (guarded when a list has no commas) and the strippers."""
    conjunction = expand(lists["conjunction"], macros)
    return {name: (source, re.IGNORECASE) for name, source in {
        "separator": expand(lists["separator"], macros),
        "conjunction": conjunction,
        "guarded": conjunction + "(?=" + expand(lists["guard"], macros) + ")",
        "unsplit": expand(lists.get("unsplit_after", "(?!)"), macros),
        **{name: expand(lists.get(name, "(?!)"), macros)  # optional: a verb or noun
           for name in ("verb_first", "nominal_head", "adjective", "action_noun", "gerund")},  # heading a list of objects
        "parallel": rf"\b(?:{lists.get('parallel', '(?!)')})\s",
        "leading": expand(lists["strip_leading"], macros),
        "trailing": expand(lists["strip_trailing"], macros),
    }.items()}
