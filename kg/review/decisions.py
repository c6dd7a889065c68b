"""A reviewer's decision on one fact, as an edit of the text of curation.yaml.

`edit(text, decision, today)` is a pure function: the server calls it under its lock, the tests call it
alone. The file stays as a person left it: comments, layout and every other entry are kept; the entries the
decision supersedes (earlier decisions on the same fact in the same article) go; each new entry is one line
with its date, at the end of its section. A decision is written as the documented format says: accept ->
`reviewed`, reject -> `remove`, a new label -> `rename`, a new fact -> `add` with its quote, a new type ->
`remove` plus `add`. An editor's own `add` is edited in place of being curated again. Should a line edit
not give exactly the intended entries (a layout this module does not foresee), the whole file is written
from its entries instead: nothing is lost but comments.
"""

from __future__ import annotations

import datetime
from collections import Counter, defaultdict
from dataclasses import dataclass

import yaml

from kg.errors import KgError, NotFound
from kg.language.profile import fold
from kg.resolve import curation

ACTIONS = ("accept", "reject", "rename", "retype", "add")
HEADER = ("# Editors' corrections to the extracted facts, applied by `kg build` (format: kg/resolve/curation.py).\n"
          "# `kg review` writes here too: one line per decision, with its date.\n")
_KEY_ORDER = ("article", "role", "kind", "object", "from", "to", "into", "labels", "quote", "date", "note")


class NoSuchFact(NotFound):
    """The decision names a fact the article does not have."""


@dataclass(frozen=True)
class Decision:
    """What a person decided about one fact of one article."""

    action: str  # one of ACTIONS
    article: str  # the article's slug
    kind: str  # the fact's kind (mapping.yaml)
    object: str  # the fact's label as the extractor wrote it, or as its `add` entry has it
    subject: str  # the fact's subject label
    article_role: str  # the article's role: a subject other than it is written as `role`
    label: str = ""  # rename: the new label; add and retype: the label of the fact made
    new_kind: str = ""  # retype: the kind the fact becomes
    quote: str = ""  # add and retype: the sentence of the article that states the fact
    added: bool = False  # the fact is an editor's addition (an `add` entry), not the extractor's

    def __post_init__(self):
        if self.action not in ACTIONS:
            raise KgError(f"unknown action '{self.action}' (use {', '.join(ACTIONS)})")


def edit(text: str, decision: Decision, today: datetime.date) -> str:
    """The text of curation.yaml after `decision`, made on `today`; the same text when nothing changes."""
    if not text.strip():
        text = dump({section: [] for section in curation.SECTIONS})  # a new file shows every section, in order
    data = curation.parse(text, curation.FILENAME)
    drops, appends = _plan(data, decision, today)
    if Counter(_gist(data[s][i], s) for s, i in drops) == Counter(_gist(e, s) for s, e in appends):
        return text  # the file already says this (a fact accepted twice)
    expected = _applied(data, drops, appends)
    edited = _edit_lines(text, drops, appends, expected)
    try:
        if curation.parse(edited, curation.FILENAME) == expected:
            return edited
    except KgError:
        pass
    return dump(expected)


def dump(data: dict[str, list[dict]]) -> str:
    """A whole curation file from its entries: sections in the documented order, one entry a line."""
    return HEADER + "".join(_section_text(section, data[section]) for section in curation.SECTIONS if section in data)


def entry_line(entry: dict, indent: str = "  ") -> str:
    """One entry as one line of YAML (`  - {kind: skill, object: ..., date: 2026-03-02}`)."""
    ordered = {key: entry[key] for key in sorted(entry, key=lambda k: (_KEY_ORDER.index(k) if k in _KEY_ORDER else 99, k))}
    flow = yaml.safe_dump(ordered, default_flow_style=True, allow_unicode=True, sort_keys=False, width=1 << 30)
    return f"{indent}- {flow.strip()}\n"


# --- what the decision means for the entries -------------------------------------------------------------

def _plan(data: dict[str, list[dict]], d: Decision, today: datetime.date) -> tuple[list[tuple[str, int]], list[tuple[str, dict]]]:
    """(entries to drop as (section, index), entries to append as (section, entry))."""
    scope = {"article": d.article, **({"role": d.subject} if fold(d.subject) != fold(d.article_role) else {})}

    def about(*sections: str) -> list[tuple[str, int]]:
        return [(s, i) for s in sections for i, e in enumerate(data.get(s, [])) if _about(s, e, d)]

    if d.action == "add":
        label = _label(d.label)
        new = {**scope, "kind": d.kind, "object": label, "quote": d.quote, "date": today}
        same = [e for e in data.get("add", []) if _same_add(e, new)]
        return ([], []) if same else ([], [("add", new)])
    if d.added:
        mine = about("add")
        if not mine:
            raise NoSuchFact(f"no fact '{d.object}' ({d.kind}) was added to {d.article}")
        if d.action == "accept":
            return [], []
        if d.action == "reject":
            return mine, []
        first = data["add"][mine[0][1]]
        kind = d.new_kind if d.action == "retype" else first["kind"]
        label = _label(d.label) if d.action == "rename" else str(first["object"])
        new = {**{k: v for k, v in first.items() if k not in ("date", "kind", "object")}, "kind": kind, "object": label, "date": today}
        return mine, [("add", new)]
    decided = about(*curation.DECISIONS)
    fact = {**scope, "kind": d.kind, "object": d.object, "date": today}
    if d.action == "reject":
        return decided, [("remove", fact)]
    if d.action == "rename" and fold(_label(d.label)) != fold(d.object):
        rename = {**scope, "kind": d.kind, "from": d.object, "to": _label(d.label), "date": today}
        return decided, [("rename", rename)]
    if d.action in ("accept", "rename"):  # a rename back to the extracted label accepts it
        keep_rename = d.action == "accept"
        return [(s, i) for s, i in decided if not (keep_rename and s == "rename")], [("reviewed", fact)]
    if d.new_kind == d.kind or not d.new_kind:
        raise KgError("a new type must differ from the fact's type")
    moved = {**scope, "kind": d.new_kind, "object": _label(d.label or d.object), "quote": d.quote, "date": today}
    return decided, [("remove", fact)] + ([] if any(_same_add(e, moved) for e in data.get("add", [])) else [("add", moved)])


def _about(section: str, entry: dict, d: Decision) -> bool:
    """Whether an entry is a decision on this fact of this article (not a broader rule that also covers it)."""
    return (str(entry.get("article", "")) == d.article and entry["kind"] == d.kind
            and fold(str(entry[curation.LABEL[section]])) == fold(d.object)
            and ("role" not in entry or fold(str(entry["role"])) == fold(d.subject)))


def _same_add(entry: dict, new: dict) -> bool:
    return (str(entry["article"]) == new["article"] and entry["kind"] == new["kind"]
            and fold(str(entry["object"])) == fold(new["object"]) and fold(str(entry.get("role", ""))) == fold(new.get("role", "")))


def _label(text: str) -> str:
    label = " ".join(str(text).split())
    if not label:
        raise KgError("a label cannot be empty")
    if len(label) > 300:
        raise KgError("a label is at most 300 characters")
    return label


def _gist(entry: dict, section: str) -> tuple:
    return section, tuple(sorted((k, fold(str(v))) for k, v in entry.items() if k not in curation.COMMON))


def _applied(data: dict[str, list[dict]], drops: list[tuple[str, int]], appends: list[tuple[str, dict]]) -> dict[str, list[dict]]:
    out = {section: [e for i, e in enumerate(entries) if (section, i) not in set(drops)] for section, entries in data.items()}
    for section, entry in appends:
        out.setdefault(section, []).append(entry)
    return out


# --- the edit, line by line ------------------------------------------------------------------------------

def _edit_lines(text: str, drops: list[tuple[str, int]], appends: list[tuple[str, dict]], expected: dict) -> str:
    lines = text.splitlines(keepends=True)
    if lines and not lines[-1].endswith(("\n", "\r")):
        lines[-1] += "\n"
    root = yaml.compose(text, Loader=curation.LOADER)
    keys = [(key.value, key.start_mark.line, value) for key, value in root.value] if root is not None else []
    deleted: set[int] = set()
    inserts: dict[int, list[str]] = defaultdict(list)  # line number -> text put before it
    new_entries = defaultdict(list)
    for section, entry in appends:
        new_entries[section].append(entry)
    spans = {}
    for n, (name, start, value) in enumerate(keys):
        end = _trimmed(lines, start + 1, keys[n + 1][1] if n + 1 < len(keys) else len(lines))
        spans[name] = (start, end, value)
    for name, (start, end, value) in spans.items():
        dropped = sorted(i for s, i in drops if s == name)
        if not dropped and not new_entries[name]:
            continue
        if not isinstance(value, yaml.SequenceNode) or value.flow_style or not value.value:
            deleted.update(range(start, end))  # `remove: []`, `remove:`: written anew
            inserts[start].append(_section_text(name, expected[name]))
            continue
        items = value.value
        if len(dropped) == len(items) and not new_entries[name]:
            deleted.update(range(start, end))  # the last entry gone: `remove: []`, not an empty key
            inserts[start].append(_section_text(name, []))
            continue
        firsts = [item.start_mark.line for item in items] + [end]
        for i in dropped:
            deleted.update(range(firsts[i], _trimmed(lines, firsts[i], firsts[i + 1])))
        indent = lines[firsts[0]][: len(lines[firsts[0]]) - len(lines[firsts[0]].lstrip())]
        inserts[end] += [entry_line(e, indent) for e in new_entries[name]]
    order = list(curation.SECTIONS)
    for name in order:
        if name in spans or not new_entries[name]:
            continue
        later = [spans[s][0] for s in order[order.index(name) + 1:] if s in spans]
        block = _section_text(name, new_entries[name])
        if later:
            at = above = min(later)
            while above > 0 and lines[above - 1].lstrip().startswith("#"):
                above -= 1
            at = above if above > 0 else at  # a comment over the next section stays with it, the file's header on top
            inserts[at].append(block + "\n")
        else:
            inserts[len(lines)].append(("\n" if lines and lines[-1].strip() else "") + block)
    out = []
    for number in range(len(lines) + 1):
        out += inserts.get(number, [])
        if number < len(lines) and number not in deleted:
            out.append(lines[number])
    return "".join(out)


def _trimmed(lines: list[str], start: int, end: int) -> int:
    """`end` moved up past blank and comment-only lines: a comment belongs to what follows it."""
    while end > start and (not lines[end - 1].strip() or lines[end - 1].lstrip().startswith("#")):
        end -= 1
    return end


def _section_text(section: str, entries: list[dict]) -> str:
    if not entries:
        return f"{section}: []\n"
    return f"{section}:\n" + "".join(entry_line(e) for e in entries)
