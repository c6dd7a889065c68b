"""The named questions: SPARQL files whose grlc-style `#+` header says what they answer and what they take.

    #+ summary: one line
    #+ params:
    #+   role: {class: kg:Role, meaning: "the role, by any of its labels"}
    #+   skill: {class: kg:Skill, meaning: "...", optional: true}
    #+ example: kg query NAME --param role="account manager"
    #+ pages-by: {variable: role, class: kg:Role}

`pages-by` says the answer is sorted first by that variable's IRI (as a string) and every row's value is an
instance of the class (or of one of a list of classes: `class: [kg:Role, kg:Regulation]`): a page is then cut from the class's first nodes in that order (kg.query.keyset)
instead of from the whole sorted answer. `then: {variable: role, via: kg:inIndustry}` says the rows of one node
are sorted next by ?role's IRI, every ?role a subject of kg:inIndustry with that node as object: a node with
many rows is then asked for a few of them at a time too. `pages-by: ladder` says the answer is promotion-ladder.rq's (its rows in
its order): a page is cut from the ladder's walk (kg.query.ladder).

The body stays plain SPARQL (its own PREFIX lines, parameters as ordinary variables) so it runs unchanged
in GraphDB or Fuseki; kg binds each parameter to an RDF term, never into the text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path

import yaml
from rdflib import URIRef

from kg.errors import KgError
from kg.graph.namespaces import PREFIXES


@dataclass(frozen=True)
class Param:
    name: str
    type_: URIRef  # the class whose instances the value is looked up among
    meaning: str
    optional: bool


@dataclass(frozen=True)
class Then:
    name: str  # the variable the rows of one node are sorted by next (its IRI)
    via: URIRef  # every row's value of it is a subject of this property, the node its object


@dataclass(frozen=True)
class PagesBy:
    name: str
    types: tuple[URIRef, ...]  # every row's value of the variable is an instance of one of these
    then: Then | None = None  # a second level: the rows of one node can be many


@dataclass(frozen=True)
class Question:
    name: str
    summary: str
    params: tuple[Param, ...]
    example: str
    text: str  # the SPARQL, header included (comments are valid SPARQL)
    source: str  # where it was read from, for error messages
    pages_by: PagesBy | None = None  # the variable the answer is sorted by first, and its classes
    pager: str | None = None  # `pages-by: NAME`: a page is cut by the pager of that name (kg.query.PAGERS)


def parse(text: str, name: str, source: str) -> Question:
    """A question from the text of a .rq file; a file without a header is a question without parameters."""
    numbered = [(n, line[2:]) for n, line in enumerate(text.splitlines(), 1) if line.startswith("#+")]
    try:
        meta = yaml.safe_load("\n".join(line for _, line in numbered)) or {}
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        line = numbered[mark.line][0] if mark and mark.line < len(numbered) else 1
        raise KgError(f"bad #+ header: {getattr(error, 'problem', None) or error}", source, line) from error
    params = tuple(_param(key, spec or {}, text, source) for key, spec in (meta.get("params") or {}).items())
    keyed = meta.get("pages-by")
    pages_by = _pages_by(keyed, text, source) if isinstance(keyed, dict) else None
    return Question(name, str(meta.get("summary", "")), params, str(meta.get("example", "")), text, source, pages_by,
                    keyed if isinstance(keyed, str) else None)


def _param(key: str, spec: dict, text: str, source: str) -> Param:
    return Param(key, _class(key, spec.get("class"), text, source), str(spec.get("meaning", "")),
                 bool(spec.get("optional", False)))


def _pages_by(spec: dict, text: str, source: str) -> PagesBy:
    key, named, then = str(spec.get("variable", "")), spec.get("class"), spec.get("then")
    then = Then(str(then.get("variable", "")), _class(str(then.get("variable", "")), then.get("via"), text, source)) if isinstance(then, dict) else None
    return PagesBy(key, tuple(_class(key, each, text, source) for each in (named if isinstance(named, list) else [named])), then)


def _class(key: str, named: object, text: str, source: str) -> URIRef:
    """The class IRI a header names for a variable of the query (kg:Role), or a one-line error."""
    if not re.search(rf"[?$]{re.escape(key)}\b", text):
        raise KgError(f"parameter {key!r} is not a variable of the query", source)
    prefix, _, local = str(named or "").partition(":")
    if prefix not in PREFIXES or not local:
        raise KgError(f"parameter {key!r} needs a class such as kg:Role", source)
    return PREFIXES[prefix][local]


@lru_cache(maxsize=None)
def questions() -> dict[str, Question]:
    """Every named question shipped in kg/queries, by name (the file name without .rq)."""
    folder = resources.files("kg.queries")
    found = {}
    for entry in sorted(folder.iterdir(), key=lambda e: e.name):
        if entry.name.endswith(".rq"):
            name = entry.name[:-3]
            found[name] = parse(entry.read_text(encoding="utf-8"), name, f"kg/queries/{entry.name}")
    return found


def from_file(path: Path) -> Question:
    """A question from any .rq file the user points at."""
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as error:
        raise KgError(f"cannot read {path}: {error.strerror}", path) from error
    return parse(text, path.stem, str(path))
