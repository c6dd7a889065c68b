"""The key reference of docs/LANGUAGES.md, written from kg/language/schema.yaml so that the page lists exactly the
keys kg checks and reads (tests/test_languages.py compares the two): `python -m kg.language.schema_reference`."""

from __future__ import annotations

import sys

from kg.language.schema import schema, spec_of

BEGIN = "<!-- keys: written by `python -m kg.language.schema_reference` from kg/language/schema.yaml; do not edit -->"
END = "<!-- /keys -->"


def reference() -> str:
    """Markdown: a table per section of a rules file, then the named types and name sets they use."""
    out = [BEGIN, ""]
    for section, spec in schema().items():
        if section in ("types", "names"):
            continue
        spec = spec_of(spec)
        out += [f"#### `{section}`{' (required)' if spec.get('required') else ''}", "", _sentence(spec.get("doc", "")), ""]
        rows = list(_rows(spec, ""))
        if rows:
            out += ["| key | type | required | meaning |", "|---|---|---|---|"]
            out += [f"| `{key}` | {kind} | {'yes' if required else ''} | {doc} |" for key, kind, required, doc in rows]
            out.append("")
    out += ["#### Types", ""] + [f"- `{name}`: {spec['doc']}" for name, spec in schema()["types"].items()] + [""]
    for name, spec in schema()["types"].items():
        rows = list(_rows(spec, "")) if spec["type"] == "list" else []
        if rows:  # a type with keys of its own (a token dict): its table once, not under every key of that type
            out += [f"#### Keys of `{name}`", "", "| key | type | required | meaning |", "|---|---|---|---|"]
            out += [f"| `{key}` | {kind} | {'yes' if required else ''} | {doc} |" for key, kind, required, doc in rows] + [""]
    for name, members in schema()["names"].items():
        out += [f"#### Names: {name}", ""] + [f"- `{member}`: {doc}" for member, doc in members.items()] + [""]
    return "\n".join(out + [END])


def _rows(spec: dict, prefix: str):
    """(key, type, required, meaning) of every key under a map, nested maps and lists of maps spelled out."""
    spec = spec_of(spec)
    if spec["type"] == "list" and spec_of(spec["items"])["type"] == "map":
        yield from _rows(spec["items"], prefix + "[]")
        return
    if "names" in spec:
        path = f"{prefix}.<{spec['key_is']}>".lstrip(".")
        yield path, _kind(spec["values"]), False, f"any of the {spec['names']} below: {spec_of(spec['values']).get('doc', '')}".rstrip(": ")
        yield from _rows(spec["values"], path)
        return
    for key, sub in spec.get("keys", {}).items():
        full = spec_of(sub)
        path = f"{prefix}.{key}".lstrip(".")
        nested = full["type"] == "map" and "keys" in full and "values" not in full
        yield path, "map" if nested else _kind(sub), bool(full.get("required")), full.get("doc", "")
        if (nested or full["type"] == "list") and sub["type"] not in schema()["types"]:  # a named type: under Types
            yield from _rows(full, path)
    if "values" in spec and "keys" in spec:
        yield f"{prefix}.<name>".lstrip("."), _kind(spec["values"]), False, spec_of(spec["values"]).get("doc", "")


def _kind(spec: dict) -> str:
    if spec["type"] in schema()["types"]:
        return spec["type"]
    spec = spec_of(spec)
    if spec["type"] == "choice":
        return " or ".join(f"`{v}`" for v in spec["of"]) if "of" in spec else f"one of the {spec['names']}"
    if spec["type"] == "list":
        items = spec_of(spec["items"])
        return f"list of `{items['names']}` names" if "names" in items else f"list of {_kind(items)}"
    if spec["type"] == "either":
        return " or ".join(_kind(alt) for alt in spec["of"])
    if spec["type"] == "pair":
        return "[" + ", ".join(_kind(item) for item in spec["items"]) + "]"
    if spec["type"] == "map" and "values" in spec:
        return f"map of {_kind(spec['values'])}"
    return spec["type"]


def _sentence(doc: str) -> str:
    return doc[:1].upper() + doc[1:] + ("." if doc and not doc.endswith(".") else "")


if __name__ == "__main__":
    sys.stdout.write(reference() + "\n")
