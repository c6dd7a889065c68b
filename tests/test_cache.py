"""The extraction cache: a rebuild after an edit, an addition, a removal, a rule change or a refitted confidence
gives exactly the graph a clean build gives, and re-extracts only what changed."""

from __future__ import annotations

import importlib
import shutil
from importlib import resources
from pathlib import Path

import pytest

import kg
from kg.pipeline.cache import code_version, folder_for
from kg.pipeline.executors import PARALLEL_FROM
from tests.conftest import write_article

build_module = importlib.import_module("kg.pipeline.build")  # the module: `kg.build` is also the function
cache_module = importlib.import_module("kg.pipeline.cache")

ARTICLES = {
    "it/contabile.md": "---\ntitle: Contabile\nlang: it\n---\n\nCon l'esperienza il contabile può diventare responsabile amministrativo.\n"
                       "Servono ottime capacità di ascolto e una buona conoscenza dell'inglese.\n",
    "en/paralegal.md": "---\ntitle: Paralegal\nlang: en\n---\n\nA good paralegal may be promoted to senior paralegal.\n"
                       "Paralegals need strong communication skills.\n",
    "en/recruiter.md": "---\ntitle: Recruiter\nlang: en\n---\n\nThe recruiter reports to the talent acquisition manager.\n",
}


def ntriples(result: kg.Build) -> list[str]:
    return sorted(result.graph.serialize(format="nt").splitlines())


@pytest.fixture
def corpus(tmp_path):
    source = tmp_path / "articles"
    for name, text in ARTICLES.items():
        write_article(source, name, text)
    return source


@pytest.fixture
def extractions(monkeypatch):
    """The articles actually read and extracted (not taken from the cache), by file name."""
    seen: list[str] = []
    original = build_module._read_and_extract

    def counting(job):
        seen.append(job[0].name)
        return original(job)

    monkeypatch.setattr(build_module, "_read_and_extract", counting)
    return seen


def clean_build(source) -> list[str]:
    shutil.rmtree(folder_for(source), ignore_errors=True)
    return ntriples(kg.build(source))


def test_an_unchanged_corpus_is_read_from_the_cache(corpus, extractions):
    first = ntriples(kg.build(corpus))
    assert len(extractions) == 3
    assert ntriples(kg.build(corpus)) == first
    assert len(extractions) == 3


def test_an_edited_article_is_the_only_one_read_again(corpus, extractions):
    kg.build(corpus)
    write_article(corpus, "en/recruiter.md", ARTICLES["en/recruiter.md"].replace("talent acquisition manager", "hr director"))
    incremental = ntriples(kg.build(corpus))
    assert extractions[3:] == ["recruiter.md"]
    assert incremental == clean_build(corpus)
    assert any("hr-director" in line for line in incremental)


def test_an_added_article_joins_and_a_removed_one_leaves(corpus, extractions):
    kg.build(corpus)
    write_article(corpus, "it/ottico.md", "---\ntitle: Ottico\nlang: it\n---\n\nL'ottico risponde al direttore sanitario.\n")
    (corpus / "en/paralegal.md").unlink()
    incremental = ntriples(kg.build(corpus))
    assert extractions[3:] == ["ottico.md"]
    assert incremental == clean_build(corpus)
    assert not any("paralegal" in line for line in incremental)
    assert len(list(folder_for(corpus).glob("*.pickle"))) == 3  # the removed article's entry is pruned


def test_a_changed_rule_file_re_extracts_the_articles_of_its_language_only(corpus, extractions, monkeypatch):
    kg.build(corpus)
    version = cache_module.rules_version
    monkeypatch.setattr(cache_module, "rules_version", lambda lang: version(lang) + ("-edited" if lang == "it" else ""))
    incremental = ntriples(kg.build(corpus))
    assert extractions[3:] == ["contabile.md"]
    assert incremental == clean_build(corpus)


def test_a_corrupt_entry_is_read_again(corpus, extractions):
    first = ntriples(kg.build(corpus))
    for entry in folder_for(corpus).glob("*.pickle"):
        entry.write_bytes(b"not a pickle")
    assert ntriples(kg.build(corpus)) == first
    assert len(extractions) == 6


def test_many_articles_are_extracted_in_parallel_in_a_stable_order(tmp_path):
    source = tmp_path / "many"
    for index in range(PARALLEL_FROM * 2 + 3):
        write_article(source, f"a{index:03d}.md", f"---\ntitle: Analyst {index}\nlang: en\n---\n\nAnalyst {index} reports to the head of unit {index}.\n")
    parallel = kg.build(source)
    assert [a.path.name for a in parallel.articles] == sorted(p.name for p in source.glob("*.md"))
    assert ntriples(parallel) == clean_build(source)


def test_a_changed_confidence_file_re_extracts_every_article(corpus, extractions, monkeypatch, tmp_path):
    """The confidence of a fact is computed at extraction, so kg/extract/confidence.yaml is part of the code version."""
    kg.build(corpus)
    real = resources.files
    shadow = tmp_path / "extract"
    shutil.copytree(Path(str(real("kg.extract"))), shadow, ignore=shutil.ignore_patterns("__pycache__"))
    with (shadow / "confidence.yaml").open("a", encoding="utf-8") as data:
        data.write("# refitted\n")
    monkeypatch.setattr(resources, "files", lambda package: shadow if package == "kg.extract" else real(package))
    code_version.cache_clear()
    try:
        kg.build(corpus)
    finally:
        code_version.cache_clear()
    assert sorted(extractions[3:]) == sorted(extractions[:3])
