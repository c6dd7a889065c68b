"""Regular expressions whose compiled form outlives the process that compiled it.

`re.compile` spends nearly all its time in Python (re._parser, re._compiler) turning the pattern into a list of
integers, which it hands to the C engine with the group names (`_sre.compile`): ~1 s for the rules and lexicons
of the two languages, paid again by every `kg build` of one edited article, every test process, every `kg eval`.
That list is a function of the pattern, its flags and Python's version alone, so what `program` returns is kept
on disk with the rest of a compiled rules file or lexicon (kg/memo.py, whose key holds Python's version), and
`rebuilt` hands it to the engine as re.compile would: the same Pattern, in microseconds. Should a Python
refuse it, the pattern is compiled the usual way.
"""

from __future__ import annotations

import _sre
import re
from array import array
from re import _compiler, _parser

from kg.memo import remembered

Program = tuple[int, array, int, dict, tuple]  # flags, code, groups - 1, group index, index group: _sre.compile's arguments
_CODE = next(kind for kind in "IL" if array(kind).itemsize == _sre.CODESIZE)  # the engine's code unit, packed


def program(source: str, flags: int = 0) -> Program:
    """What re.compile(source, flags) hands the engine; re.error for a bad pattern, as re.compile."""
    flags = int(flags)
    parsed = _parser.parse(source, flags)
    code = _compiler._code(parsed, flags)
    groupindex = dict(parsed.state.groupdict)
    indexgroup = [None] * parsed.state.groups
    for name, index in groupindex.items():
        indexgroup[index] = name
    return flags | parsed.state.flags, array(_CODE, code), parsed.state.groups - 1, groupindex, tuple(indexgroup)


def rebuilt(source: str, flags: int, kept: Program | None) -> re.Pattern:
    """The pattern re.compile(source, flags) gives, from its kept program when there is one."""
    if kept is not None:
        full, code, groups, groupindex, indexgroup = kept
        try:
            return _sre.compile(source, full, code.tolist(), groups, groupindex, indexgroup)
        except (TypeError, ValueError, RuntimeError):  # another engine's code: compile it anew
            pass
    return re.compile(source, flags)


def compiled(source: str, flags: int = 0) -> tuple[re.Pattern, Program]:
    """The pattern and its program, compiled once (re.error for a bad pattern)."""
    kept = program(source, flags)
    return rebuilt(source, flags, kept), kept


def kept(name: str, source: str, flags: int = 0) -> re.Pattern:
    """re.compile(source, flags) for a pattern a process makes once (a language's duty verbs joined to its list
    separators): its program is kept on disk under `name`, keyed by the source itself, so it is never stale."""
    return rebuilt(source, flags, remembered(f"pattern-{name}", [source, str(int(flags))], lambda: program(source, flags)))
