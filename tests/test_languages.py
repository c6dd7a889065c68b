"""Languages are data: a third language is one rules file in a folder that KG_RULES_DIR names, a rules file is
checked against kg/language/schema.yaml (a bad key is one line at its file and line), docs/LANGUAGES.md lists
exactly the schema's keys, and the engine's code names no language."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest
from click.testing import CliRunner

import kg
from kg.cli import main
from kg.errors import KgError
from kg.language.schema import schema, spec_of
from kg.language.schema_reference import BEGIN, END, reference
from tests.conftest import DATA, ROOT, write_article

SPANISH = DATA / "languages" / "es.yaml"
ARTICLE = """---
title: Analista de riesgos
lang: es
---

# Analista de riesgos

El analista de riesgos es un profesional de la banca. Es responsable de la evaluación de las solicitudes de crédito.

Analiza la cartera de préstamos y prepara informes mensuales para la dirección.

Necesita conocimiento de Excel, SQL y Python. Suele tener una licenciatura en economía.
"""


def rules_folder(tmp_path: Path, monkeypatch, text: str, code: str) -> Path:
    """A folder holding one rules file, named by KG_RULES_DIR for this test."""
    folder = tmp_path / "rules"
    folder.mkdir()
    (folder / f"{code}.yaml").write_text(text, encoding="utf-8")
    monkeypatch.setenv("KG_RULES_DIR", str(folder))
    return folder / f"{code}.yaml"


def test_a_third_language_is_one_rules_file(tmp_path, monkeypatch):
    rules_folder(tmp_path, monkeypatch, SPANISH.read_text(encoding="utf-8"), "es")
    write_article(tmp_path / "articles", "analista.md", ARTICLE)
    build = kg.build(tmp_path / "articles")
    assert not build.errors and [a.lang for a in build.articles] == ["es"]
    facts = {(f.kind, f.object, f.evidence.rule) for facts in build.facts.values() for f in facts}
    assert facts >= {
        ("responsibility", "evaluación de las solicitudes de crédito", "es.responsibility.responsable_de"),
        ("responsibility", "analizar la cartera de préstamos", "es.responsibility.verbo_inicial"),  # conjugated from the table
        ("responsibility", "preparar informes mensuales para la dirección", "es.responsibility.verbo_inicial"),
        ("skill", "Excel", "es.skill.conocimiento_de"),
        ("skill", "SQL", "es.skill.conocimiento_de"),
        ("skill", "Python", "es.skill.conocimiento_de"),
        ("qualification", "licenciatura en economía", "es.qualification.titulo"),
    }
    assert {f.subject for facts in build.facts.values() for f in facts} == {"analista de riesgos"}  # head first, made singular


def _line_of(text: str, start: str) -> int:
    return next(number for number, line in enumerate(text.splitlines(), 1) if line.startswith(start))


@pytest.mark.parametrize("old, new, at, message", [
    ("  stopwords:", "  stopword:", "  stopword:", "unknown key 'stopword' in language (did you mean 'stopwords'?)"),
    ("rules:\n", "rule:\n", "rule:", "unknown key 'rule' in a rules file (did you mean 'rules'?)"),
    ("  skill:\n    - id: conocimiento_de", "  skills:\n    - id: conocimiento_de", "  skills:",
     "unknown key 'skills' in rules (did you mean 'skill'?)"),
    ("    - id: titulo\n", "    - id: titulo\n      require_rol: true\n", "      require_rol:",
     "unknown key 'require_rol' in rules.qualification[0] (did you mean 'require_role'?)"),
    ("  head_position: first\n", "", "language:", "language lacks the required key 'head_position'"),
    ("  head_position: first", "  head_position: front", "  head_position:",
     "language.head_position must be one of 'first', 'last', not 'front' (did you mean 'first'?)"),
    ("  decimal_mark: \",\"", "  decimal_mark: [\",\"]", "  decimal_mark:", "language.decimal_mark must be one of ',', '.', not a list"),
    ("  code: xx", "  code: es", "  code:", "language.code is 'es' in a file named xx.yaml"),
    ("  head_position: first", "  head_position: first\n  borrows: [zz]", "  borrows:",
     "language.borrows names 'zz', which is no other language (have: en, it, xx)"),
    ("{art}\\\\s+)?(?:{role})\\\\s+es", "{articulo}\\\\s+)?(?:{role})\\\\s+es", "      pattern: \"^(?:{articulo}",
     "rules.definition[0].pattern: no macro {articulo}"),
])
def test_a_bad_rules_file_is_one_line_naming_its_file_and_line(tmp_path, monkeypatch, old, new, at, message):
    text = SPANISH.read_text(encoding="utf-8").replace("code: es", "code: xx")
    assert old in text
    text = text.replace(old, new, 1)
    path = rules_folder(tmp_path, monkeypatch, text, "xx")
    write_article(tmp_path / "articles", "a.md", ARTICLE.replace("lang: es", "lang: xx"))
    expected = f"{path}:{_line_of(text, at)}: error: {message}"
    if "no macro" not in message:  # the file's keys are checked before any article is read
        result = CliRunner().invoke(main, ["build", str(tmp_path / "articles"), "-o", str(tmp_path / "out"), "-q"])
        assert (result.exit_code, result.output.strip()) == (2, expected)
    else:  # a pattern is compiled with its language's rules: the article of that language fails
        assert [str(e) for e in kg.build(tmp_path / "articles").errors] == [expected]


def test_a_language_given_twice_is_an_error(tmp_path, monkeypatch):
    path = rules_folder(tmp_path, monkeypatch, (ROOT / "kg/rules/en.yaml").read_text(encoding="utf-8"), "en")
    with pytest.raises(KgError, match=f"^{path}:1: error: language 'en' has a rules file already"):
        kg.build(ROOT / "source")


def _keys(spec: dict, path: str):
    """Every key path of the schema with its spec."""
    spec = spec_of(spec)
    for key, sub in spec.get("keys", {}).items():
        yield f"{path}.{key}".lstrip("."), spec_of(sub)
        yield from _keys(sub, f"{path}.{key}")
    if spec["type"] == "list":
        yield from _keys(spec["items"], path + "[]")
    if "values" in spec:
        yield from _keys(spec["values"], path + ".<name>")


def test_every_key_of_the_schema_says_what_it_means():
    sections = {k: v for k, v in schema().items() if k not in ("types", "names")}
    undocumented = [path for section, spec in sections.items() for path, sub in [(section, spec_of(spec)), *_keys(spec, section)]
                    if not sub.get("doc")]
    assert not undocumented


def test_languages_md_lists_every_key_of_the_schema():
    page = (ROOT / "docs" / "LANGUAGES.md").read_text(encoding="utf-8")
    assert BEGIN in page and END in page
    written = page[page.index(BEGIN): page.index(END) + len(END)]
    assert written == reference(), "docs/LANGUAGES.md is stale: paste `python -m kg.language.schema_reference` over its key table"
    for section in schema():
        if section not in ("types", "names"):
            assert f"#### `{section}`" in written
            for path, _ in _keys(schema()[section], ""):
                assert f"{path.split('.')[-1]}` |" in written, path  # a row of the key's table


def test_the_engine_names_no_language():
    """No language code in the code of the stages that read and extract: what differs is in the rules files."""
    codes = {p.stem for p in (ROOT / "kg" / "rules").glob("*.yaml")}
    found = []
    for package in ("read", "language", "extract"):
        for source in (ROOT / "kg" / package).glob("*.py"):
            for node in ast.walk(ast.parse(source.read_text(encoding="utf-8"))):
                if isinstance(node, ast.Constant) and node.value in codes:
                    found.append(f"{source.relative_to(ROOT)}:{node.lineno}: {node.value!r}")
    assert not found
