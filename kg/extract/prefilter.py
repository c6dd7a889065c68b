"""Literals a rule's every match must contain, read off its parsed pattern, so that a sentence lacking
them skips the regular expression: most rules fit few sentences, and looking their literals up (Screen,
once per sentence for all rules) replaces scans that, for patterns such as "(?P<x>[^.;]+?) assumono", are
quadratic in the sentence.

A requirement is a list of alternatives sets: every match contains one string of each set. Strings are
compared in `caseless` form, which maps every pair of characters that IGNORECASE lets match to the same
character, so the test holds whatever the rule's flags are. Anything the analysis does not understand
adds no requirement: a rule without one always runs.
"""

from __future__ import annotations

import re
from collections.abc import Hashable
from re import _casefix, _parser
from re import _constants as c

Requirement = tuple[frozenset[str], ...]

_MAX_EXACT = 64  # alternatives kept while spelling out what a piece of pattern matches
_MAX_SET = 1024  # alternatives a requirement may test (a bit each: only the index grows)


def _case_classes() -> dict[int, str]:
    """Characters that IGNORECASE matches with another lower-case character (ı and i, ſ and s...) -> one
    representative; İ lower-cases to two characters in str.lower but matches "i"."""
    table: dict[int, str] = {}
    for key, others in _casefix._EXTRA_CASES.items():
        members = {key, *others}
        for member in members:
            members |= set(_casefix._EXTRA_CASES.get(member, ()))
        for member in members:
            table[member] = chr(min(members))
    return table


_CANONICAL = {code: char for code, char in _case_classes().items() if chr(code) != char}
_UNCANONICAL = re.compile("[" + "".join(map(chr, _CANONICAL)) + "]")
_DOTTED_I = "\u0130"


def caseless(text: str) -> str:
    """`text` with every character replaced by its IGNORECASE class: a literal matched in any case by a
    regular expression is a substring here of the caseless literal."""
    if text.isascii():
        return text.lower()
    lowered = (text.replace(_DOTTED_I, "i") if _DOTTED_I in text else text).lower()
    return lowered.translate(_CANONICAL) if _UNCANONICAL.search(lowered) else lowered


def requirement(pattern: str, flags: int = 0) -> Requirement:
    """What any match of `pattern` contains (see the module docstring); () when nothing is known."""
    try:
        parsed = _parser.parse(pattern, flags)
    except re.error:
        return ()
    _, needs = _sequence(list(parsed))
    useful = [s for s in needs if s and len(s) <= _MAX_SET and all(map(_selective, s))]
    return tuple(sorted(set(useful), key=lambda s: (_weakness(s), sorted(s))))


_NEGATED_RUN = re.compile(r"\(\?P<\w+>\[\^((?:\\.|[^\]\\])+)\]")  # "(?P<x>[^.;:]": the class, written


def breaks(pattern: str, flags: int = 0) -> str | None:
    """Where a match may start, for a pattern that opens on a capture of an unbounded run of a negated class
    ("(?P<x>[^.;:]+?) assumono"): at the search's start or right after a character of that class, since one
    character further back the run would take that character too and the match hold all the same. The class as a
    positive one, so a search tries those places alone instead of every one (which is quadratic in the sentence);
    None for any other pattern, or one whose capture a back-reference reads again."""
    written = _NEGATED_RUN.match(pattern)
    try:
        parsed = list(_parser.parse(pattern, flags))
    except re.error:
        return None
    if written is None or not parsed or parsed[0][0] is not c.SUBPATTERN or _refers_back(parsed):
        return None
    _, added, removed, body = parsed[0][1]
    body = list(body)
    if added or removed or not body or body[0][0] not in (c.MAX_REPEAT, c.MIN_REPEAT):
        return None
    low, high, run = body[0][1]
    run = list(run)
    if low < 1 or high is not c.MAXREPEAT or len(run) != 1 or run[0][0] is not c.IN or run[0][1][:1] != [(c.NEGATE, None)]:
        return None
    return f"[{written.group(1)}]"


_CATEGORIES = {c.CATEGORY_SPACE: r"\s", c.CATEGORY_NOT_SPACE: r"\S", c.CATEGORY_DIGIT: r"\d", c.CATEGORY_NOT_DIGIT: r"\D",
               c.CATEGORY_WORD: r"\w", c.CATEGORY_NOT_WORD: r"\W"}


def first_characters(pattern: str, flags: int = 0) -> str | None:
    """A class of the characters every match of `pattern` opens with ("[\\s,;]" for stops such as "\\s+which\\b|,\\s*so\\b"),
    to compile with the same flags; None when a match may be empty or its first character is not known. Put in a
    lookahead before the pattern it makes the engine turn away most positions with one test, instead of entering each
    of its alternatives there (Python's re has no such scan for a pattern that opens on an alternation)."""
    try:
        parsed = list(_parser.parse(pattern, flags))
    except re.error:
        return None
    found = _firsts(parsed)
    if found is None or found[1]:
        return None
    return "[" + "".join(sorted(found[0])) + "]"


def _firsts(items) -> tuple[set[str], bool] | None:
    """(class members a match of the sequence may open with, whether it may match nothing); None when unknown."""
    members: set[str] = set()
    for op, av in items:
        if op is c.LITERAL:
            return members | {re.escape(chr(av))}, False
        if op is c.CATEGORY and av in _CATEGORIES:
            return members | {_CATEGORIES[av]}, False
        if op is c.IN:
            inside = _class_members(av)
            return (members | inside, False) if inside is not None else None
        if op in (c.AT, c.ASSERT, c.ASSERT_NOT):
            continue  # zero width: the first character comes after it
        if op is c.SUBPATTERN:
            if av[1] or av[2]:
                return None  # flags of its own: the class would be read with other flags
            found = _firsts(list(av[3]))
        elif op is c.BRANCH:
            alternatives = [_firsts(list(alternative)) for alternative in av[1]]
            if any(a is None for a in alternatives):
                return None
            found = set().union(*(a[0] for a in alternatives)), any(a[1] for a in alternatives)
        elif op in (c.MAX_REPEAT, c.MIN_REPEAT, c.POSSESSIVE_REPEAT):
            found = _firsts(list(av[2]))
            found = found and (found[0], found[1] or av[0] == 0)
        else:
            return None
        if found is None:
            return None
        members |= found[0]
        if not found[1]:
            return members, False
    return members, True


def _class_members(items) -> set[str] | None:
    members: set[str] = set()
    for op, av in items:
        if op is c.LITERAL:
            members.add(re.escape(chr(av)))
        elif op is c.RANGE:
            members.add(f"{re.escape(chr(av[0]))}-{re.escape(chr(av[1]))}")
        elif op is c.CATEGORY and av in _CATEGORIES:
            members.add(_CATEGORIES[av])
        else:
            return None  # a negated class, or one of another kind
    return members


def _refers_back(node) -> bool:
    """Whether a parsed pattern (or any piece of it) holds a back-reference or a test on a group."""
    if isinstance(node, _parser.SubPattern):
        node = list(node)
    if not isinstance(node, (list, tuple)):
        return False
    if len(node) == 2 and (node[0] is c.GROUPREF or node[0] is c.GROUPREF_EXISTS):
        return True
    return any(_refers_back(value) for value in node)


def _weakness(alternatives: frozenset[str]) -> tuple:
    """Sort key: sets of selective literals first, the longer their shortest literal and the fewer the better."""
    return (not all(map(_selective, alternatives)), -min(map(len, alternatives)), len(alternatives))


def _selective(literal: str) -> bool:
    """Worth testing: most sentences hold "a", "di" or "in", few hold "ᚠ", "(" or "responsab"."""
    return len(literal) >= 3 or (literal != "" and not any(ch.isascii() and ch.isalnum() for ch in literal))


class Screen:
    """The requirements of a language's rules as bit masks over their literals, so that one pass over a
    sentence tells every rule whether it may match.

    A literal without white space lies inside one white-space-delimited chunk of the text, and chunks
    repeat across sentences: what each chunk contains is worked out once. Literals holding white space
    are looked for in the whole text; those holding `marker` (the role mark) in the masked text.
    """

    def __init__(self, needs: dict[Hashable, Requirement], marker: str) -> None:
        literals = sorted({s for requirement in needs.values() for alternatives in requirement for s in alternatives})
        bit = {literal: 1 << index for index, literal in enumerate(literals)}
        self._free = frozenset(rule for rule, requirement in needs.items() if not requirement)
        self._by_first: dict[int, list[tuple[Hashable, tuple[int, ...]]]] = {}  # a literal of a rule's first set -> (rule, the other sets' masks)
        for rule, requirement in needs.items():
            if requirement:
                _, *rest = (sum(bit[s] for s in alternatives) for alternatives in requirement)
                for literal in requirement[0]:
                    self._by_first.setdefault(bit[literal], []).append((rule, tuple(rest)))
        self.marker = marker
        self._marked = [(s, bit[s]) for s in literals if marker in s]
        self._spaced = [(s, bit[s]) for s in literals if marker not in s and s != "".join(s.split())]
        self._by_start: dict[str, list[tuple[str, int]]] = {}  # literals without white space by their first 3 characters
        for s in literals:
            if marker not in s and s == "".join(s.split()):
                self._by_start.setdefault(s[:3], []).append((s, bit[s]))
        self._key_sizes = sorted({len(key) for key in self._by_start})
        self._chunks: dict[str, int] = {}

    def literals(self, text: str) -> int:
        """Bits of the literals without the marker in `text`: they do not depend on the role's names."""
        text = caseless(text)
        mask = 0
        chunks = self._chunks
        for chunk in text.split():
            bits = chunks.get(chunk)
            if bits is None:
                bits = chunks[chunk] = self._contained(chunk)
            mask |= bits
        for s, b in self._spaced:
            if s in text:
                mask |= b
        return mask

    def admitted(self, literals: int, masked: str) -> frozenset:
        """The rules that may match a text holding `literals`, or `masked` (the same text with the role's
        names overwritten by the marker) for those that name the role."""
        found = literals
        if self.marker in masked:
            masked = caseless(masked)
            for s, b in self._marked:
                if s in masked:
                    found |= b
        admitted = set(self._free)
        left = found
        while left:  # only the rules one of whose first literals the text holds are tested
            lowest = left & -left
            left ^= lowest
            for rule, rest in self._by_first.get(lowest, ()):
                if rule not in admitted and all(found & m for m in rest):
                    admitted.add(rule)
        return frozenset(admitted)

    def _contained(self, chunk: str) -> int:
        """Bits of the literals inside one chunk: at each position, those starting with what is there."""
        bits = 0
        for start in range(len(chunk)):
            for size in self._key_sizes:
                for s, b in self._by_start.get(chunk[start : start + size], ()):
                    if chunk.startswith(s, start):
                        bits |= b
        return bits


def _sequence(items: list) -> tuple[set[str] | None, list[frozenset[str]]]:
    """(every string the sequence can match, or None when too many or unknown; the sets it needs)."""
    needs: list[frozenset[str]] = []
    exact: set[str] | None = {""}
    run: set[str] = {""}  # strings of the current stretch of spelled-out pieces
    for op, av in items:
        piece, piece_needs = _node(op, av)
        needs += piece_needs
        if piece is not None and len(run) * len(piece) <= _MAX_EXACT:
            run = {a + b for a in run for b in piece}
            exact = {a + b for a in exact for b in piece} if exact is not None and len(exact) * len(piece) <= _MAX_EXACT else None
            continue
        needs.append(frozenset(run))
        exact = None
        run = set(piece) if piece is not None else {""}
    needs.append(frozenset(run))
    return exact, needs


def _node(op, av) -> tuple[set[str] | None, list[frozenset[str]]]:
    if op is c.LITERAL:
        return {caseless(chr(av))}, []
    if op is c.IN:
        chars = _class_chars(av)
        return ({caseless(ch) for ch in chars} if chars is not None else None), []
    if op in (c.AT, c.ASSERT, c.ASSERT_NOT):
        return {""}, []  # zero width: adds nothing to what is matched
    if op is c.SUBPATTERN:
        return _sequence(list(av[-1]))
    if op is c.ATOMIC_GROUP:
        return _sequence(list(av))
    if op is c.BRANCH:
        return _branch([_sequence(list(alt)) for alt in av[1]])
    if op in (c.MAX_REPEAT, c.MIN_REPEAT, c.POSSESSIVE_REPEAT):
        low, high, body = av
        exact, needs = _sequence(list(body))
        if low == 0:
            return (exact | {""} if exact is not None and high == 1 else None), []
        if exact is not None and low == high and len(exact) ** low <= _MAX_EXACT:
            spelled = {""}
            for _ in range(low):
                spelled = {a + b for a in spelled for b in exact}
            return spelled, needs
        return None, needs + ([frozenset(exact)] if exact is not None else [])
    return None, []  # any character, a category, a back-reference: nothing known


def _branch(alternatives) -> tuple[set[str] | None, list[frozenset[str]]]:
    """Alternatives: spelled out when each is; otherwise each one contributes one set it needs."""
    if all(exact is not None for exact, _ in alternatives):
        union = set().union(*(exact for exact, _ in alternatives))
        if len(union) <= _MAX_EXACT:
            return union, []
    chosen: set[str] = set()
    for exact, needs in alternatives:
        options = [s for s in needs if s and "" not in s] + ([frozenset(exact)] if exact and "" not in exact else [])
        if not options:
            return None, []
        chosen |= min(options, key=_weakness)
    return None, [frozenset(chosen)]


def _class_chars(items) -> set[str] | None:
    """The characters of a small positive class ([ae], [0-3]); None for categories and negations."""
    chars: set[str] = set()
    for op, av in items:
        if op is c.LITERAL:
            chars.add(chr(av))
        elif op is c.RANGE and av[1] - av[0] < 16:
            chars.update(chr(code) for code in range(av[0], av[1] + 1))
        else:
            return None
    return chars
