"""Edits an editor makes to a corpus (the sample plus tests/data/corpus/en), for the tests that check an
incremental build ends where a clean build ends (tests/test_manifest.py, tests/test_store_in_place.py)."""

from __future__ import annotations

from pathlib import Path

from tests.conftest import DATA, write_article

CORPUS = DATA / "corpus" / "en"


def edit(source: Path) -> None:
    path = source / "account-manager.md"
    path.write_text(path.read_text(encoding="utf-8").replace("Chicago", "Boston"), encoding="utf-8")


def add(source: Path) -> None:
    write_article(source, "en/medical-coder.md", (CORPUS / "medical-coder.md").read_text(encoding="utf-8"))


def remove(source: Path) -> None:
    (source / "en" / "loan-officers.md").unlink()


def rename(source: Path) -> None:
    (source / "en" / "loan-officers.md").rename(source / "en" / "mortgage-loan-officers.md")
