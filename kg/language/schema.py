"""The shape of a rules file, kept as data in schema.yaml: checked here against the file's YAML nodes (they know
their line), so that a misspelt key is a one-line error instead of a rule that silently never applies; and
turned into the key table of docs/LANGUAGES.md (`python -m kg.language.schema` prints it)."""

from __future__ import annotations

import difflib
from functools import lru_cache
from importlib import resources
from pathlib import Path

import yaml

from kg import yamlfile
from kg.errors import KgError

_TAGS = {"text": "str", "pattern": "str", "flag": "bool"}
_READS = {"str": "text", "bool": "a flag (true/false)", "int": "a number", "float": "a number", "null": "empty"}


@lru_cache(maxsize=1)
def schema() -> dict:
    text = resources.files("kg.language").joinpath("schema.yaml").read_text(encoding="utf-8")
    return yamlfile.load(text)


def root() -> dict:
    """The schema of a whole rules file: a map of its sections."""
    return {"type": "map", "keys": {k: v for k, v in schema().items() if k not in ("types", "names")}}


def spec_of(spec: dict) -> dict:
    """A key's schema with a named type (`words`) spelled out; the key's own fields win."""
    named = schema()["types"].get(spec["type"])
    return {**spec_of(named), **{k: v for k, v in spec.items() if k != "type"}} if named else spec


def check(node: yaml.Node, path: Path | str) -> None:
    """Raise KgError at the first place where the file's YAML `node` leaves the schema."""
    _check(node, root(), "", path, 1)


def _check(node: yaml.Node, spec: dict, where: str, path, line: int) -> None:
    spec = spec_of(spec)
    kind = spec["type"]
    at = node.start_mark.line + 1
    if kind == "map":
        return _check_map(node, spec, where, path, line)
    if kind == "either":  # the alternative of the node's shape: a value, a list or a map
        shape = {yaml.MappingNode: ("map",), yaml.SequenceNode: ("list", "pair")}.get(type(node), ("scalar",))
        chosen = next((alt for alt in spec["of"]
                       if (spec_of(alt)["type"] if spec_of(alt)["type"] in ("map", "list", "pair") else "scalar") in shape), None)
        if chosen is None:
            raise KgError(f"{where} must be {_expected(spec)}, not {_reads(node)}", path, at)
        return _check(node, chosen, where, path, line)
    if kind in ("list", "pair"):
        if not isinstance(node, yaml.SequenceNode):
            raise KgError(f"{where} must be a list, not {_reads(node)}", path, at)
        items = spec["items"]
        if kind == "pair" and len(node.value) != len(items):
            raise KgError(f"{where} must be a list of {len(items)} items, not {len(node.value)}", path, at)
        for index, item in enumerate(node.value):
            _check(item, items[index] if kind == "pair" else items, f"{where}[{index}]", path, item.start_mark.line + 1)
        return None
    if not isinstance(node, yaml.ScalarNode):
        raise KgError(f"{where} must be {_expected(spec)}, not {_reads(node)}", path, at)
    tag = node.tag.rsplit(":", 1)[-1]
    if kind == "choice":
        if node.value not in _choices(spec):
            raise KgError(f"{where} must be {_expected(spec)}, not '{node.value}'{_near(node.value, _choices(spec))}", path, at)
    elif kind == "number" and tag not in ("int", "float"):
        raise KgError(f"{where} must be a number, not {_reads(node)}", path, at)
    elif kind in _TAGS and tag != _TAGS[kind]:
        hint = " (quote it)" if kind == "text" and tag != "null" else ""
        raise KgError(f"{where} must be {_expected(spec)}, not {_reads(node)}{hint}", path, at)
    return None  # a pattern is compiled where it is used (kg/extract/ruleset.py names the line of a bad one)


def _check_map(node: yaml.Node, spec: dict, where: str, path, line: int) -> None:
    if not isinstance(node, yaml.MappingNode):
        raise KgError(f"{where or 'a rules file'} must be a mapping of keys, not {_reads(node)}", path, node.start_mark.line + 1)
    fixed = spec.get("keys", {})
    named = schema()["names"][spec["names"]] if "names" in spec else None
    seen: set[str] = set()
    for key_node, value in node.value:
        key = str(key_node.value)
        key_line = key_node.start_mark.line + 1
        inside = f"{where}.{key}" if where else key
        if key in seen:
            raise KgError(f"{inside} is given twice", path, key_line)
        seen.add(key)
        if key in fixed:
            _check(value, fixed[key], inside, path, key_line)
        elif named is not None and key in named or named is None and "values" in spec:
            _check(value, spec["values"], inside, path, key_line)
        else:
            known = list(fixed) + list(named or [])
            raise KgError(f"unknown key '{key}' in {where or 'a rules file'}{_near(key, known)}", path, key_line)
    for key, sub in fixed.items():
        if sub.get("required") and key not in seen:
            raise KgError(f"{where or 'a rules file'} lacks the required key '{key}'", path, line)


def _near(word: str, known: list[str]) -> str:
    close = difflib.get_close_matches(word, known, n=1)
    return f" (did you mean '{close[0]}'?)" if close else ""


def _choices(spec: dict) -> list[str]:
    return [str(v) for v in spec.get("of") or schema()["names"][spec["names"]]]


def _expected(spec: dict) -> str:
    if spec["type"] == "choice":
        return "one of " + ", ".join(f"'{v}'" for v in _choices(spec))
    if spec["type"] == "either":
        return " or ".join(_expected(spec_of(alt)) for alt in spec["of"])
    return {"text": "text", "pattern": "a pattern (text)", "flag": "a flag (true/false)", "number": "a number",
            "list": "a list", "map": "a mapping"}.get(spec["type"], spec["type"])


def _reads(node: yaml.Node) -> str:
    if isinstance(node, yaml.MappingNode):
        return "a mapping"
    if isinstance(node, yaml.SequenceNode):
        return "a list"
    return f"'{node.value}', which YAML reads as {_READS.get(node.tag.rsplit(':', 1)[-1], 'something else')}"
