"""Where a language's rules file is and how it is read: kg/rules/<lang>.yaml, plus every <lang>.yaml in the
folders that KG_RULES_DIR names (a language of one's own without touching the package). A file is parsed
once and checked against kg/language/schema.yaml, so that a bad key stops kg at its file and line."""

from __future__ import annotations

import os
from functools import lru_cache
from importlib import resources
from pathlib import Path

import yaml

from kg import yamlfile
from kg.errors import KgError
from kg.language import schema
from kg.memo import remembered

ENV = "KG_RULES_DIR"  # folders (os.pathsep between them) of extra rules files, one language each


def folders() -> tuple[str, ...]:
    """The extra folders KG_RULES_DIR names now (tests set and unset it)."""
    return tuple(f for f in os.environ.get(ENV, "").split(os.pathsep) if f.strip())


def files() -> dict[str, Path]:
    """Language code -> its rules file, codes sorted."""
    return _files(folders())


@lru_cache(maxsize=None)
def _files(extra: tuple[str, ...]) -> dict[str, Path]:
    found = {p.name[:-5]: Path(str(p)) for p in resources.files("kg.rules").iterdir() if p.name.endswith(".yaml")}
    for folder in map(Path, extra):
        if not folder.is_dir():
            raise KgError(f"{ENV} names no folder", folder)
        for path in sorted(folder.glob("*.yaml")):
            if path.stem in found:
                raise KgError(f"language '{path.stem}' has a rules file already: {found[path.stem]}", path)
            found[path.stem] = path
    return dict(sorted(found.items()))


def path(lang: str) -> Path:
    try:
        return files()[lang]
    except KeyError:
        raise KgError(f"no rules for language '{lang}' (have: {', '.join(files())})") from None


def text(lang: str) -> str:
    return _load(path(lang))[0]


def data(lang: str) -> dict:
    """The rules file as Python data, checked."""
    return _load(path(lang))[1]


def line(lang: str, *keys: str | int) -> int:
    """The line of the value at `keys` (map keys, list indexes) in a language's rules file."""
    return _line(_node(path(lang)), *keys)


@lru_cache(maxsize=None)
def _load(location: Path) -> tuple[str, dict]:
    """The file's text and its data, checked; parsed and checked once per version of the file and of kg's code,
    then unpickled by later processes (kg/memo.py): composing and checking both rules files cost a start ~0.15 s."""
    text = location.read_text(encoding="utf-8")
    data = remembered(f"rules-{location.stem}", [text], lambda: _checked(text, location))
    if data["language"]["code"] != location.stem:
        raise KgError(f"language.code is '{data['language']['code']}' in a file named {location.name}", location,
                      _line(_node(location), "language", "code"))
    for index, code in enumerate(data["language"].get("borrows", [])):
        if code == location.stem or code not in files():
            raise KgError(f"language.borrows names '{code}', which is no other language (have: {', '.join(files())})", location,
                          _line(_node(location), "language", "borrows", index))
    return text, data


def _checked(text: str, location: Path) -> dict:
    """The file's data, after its YAML nodes passed the schema (they know their lines: an error names one)."""
    return yamlfile.LOADER("").construct_document(_node(location, text))


@lru_cache(maxsize=None)
def _node(location: Path, text: str | None = None) -> yaml.Node:
    """The file's YAML nodes, checked against the schema; parsed again only to name a line."""
    loader = yamlfile.LOADER(location.read_text(encoding="utf-8") if text is None else text)
    try:
        node = loader.get_single_node()
        if node is None:
            raise KgError("empty rules file", location)
        schema.check(node, location)
        return node
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        raise KgError(f"rules file is not valid YAML: {getattr(exc, 'problem', exc)}", location, mark.line + 1 if mark else 1) from None
    finally:
        loader.dispose()


def _line(node: yaml.Node, *keys: str | int) -> int:
    for key in keys:
        node = node.value[key] if isinstance(key, int) else next(value for name, value in node.value if name.value == key)
    return node.start_mark.line + 1
