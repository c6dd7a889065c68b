"""Per-article cache of what reading and extraction found, so a rebuild only re-reads changed articles.

An entry is keyed by the article's path and bytes; it holds the code version (the reader, the extractor with
its confidence data, and the lexicons) and the version of its language's rules, and is used only while both
still match: editing kg/rules/it.yaml re-extracts the Italian articles and nothing else (en.yaml, which Italian
borrows role names from, re-extracts both). Entries of articles that are gone are pruned on every build.

Caches live in the user's cache folder (`$KG_CACHE_DIR`, else `$XDG_CACHE_HOME/kg`, else `~/.cache/kg`), one
subfolder per source folder (and per export folder for kg.store): not beside the articles, where a corpus
directly under /tmp left /tmp/.kg-cache, and not in the export folder, which people commit and publish.
"""

from __future__ import annotations

import hashlib
import json
import os
import pickle
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path

from kg.atomic import write_atomic
from kg.cachedir import cache_folder
from kg.codedigest import add_files
from kg.extract.facts import Fact
from kg.extract.ruleset import rules_version
from kg.pipeline.manifest import article_key
from kg.read.article import Article

ORIGIN = "kg-origin.json"  # the source folder a cache serves, rewritten by every build (kg.pipeline.caches reads it)

# What reading and extraction depend on besides an article's bytes and its language's rules file: every .py,
# .yaml and model of these packages, kg/extract/confidence.yaml among them (a refit changes every confidence).
_CODE = ("kg.read", "kg.language", "kg.extract", "kg.lexicon")
_CODE_FILES = (".py", ".yaml", ".json.gz")  # code, rules and lexicons, the language layer's trained models


def folder_for(root: Path) -> Path:
    """The cache folder of the articles under `root`."""
    return cache_folder("articles", root)


@lru_cache(maxsize=1)
def code_version() -> str:
    """Digest of the code, rules, lexicons and models extraction runs: a new release invalidates every entry."""
    digest = hashlib.sha256()
    for package in _CODE:
        add_files(digest, package, Path(str(resources.files(package))), _CODE_FILES)
    return digest.hexdigest()[:16]


@dataclass
class Entry:
    code: str
    rules: str
    article: Article
    facts: list[Fact]


class ArticleCache:
    """Extracted (article, facts) pairs on disk, one pickle per article, written atomically."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.used: set[str] = set()

    key = staticmethod(article_key)

    def _file(self, key: str) -> Path:
        return self.folder / f"{key}.pickle"

    def get(self, key: str) -> tuple[Article, list[Fact]] | None:
        self.used.add(key)
        try:
            entry = pickle.loads(self._file(key).read_bytes())
        except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError):
            return None
        if not isinstance(entry, Entry) or entry.code != code_version() or entry.rules != rules_version(entry.article.lang):
            return None
        return entry.article, entry.facts

    def put(self, key: str, article: Article, facts: list[Fact]) -> None:
        self.used.add(key)
        entry = Entry(code_version(), rules_version(article.lang), article, facts)
        temp = self.folder / f".{key}.{os.getpid()}.tmp"
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            temp.write_bytes(pickle.dumps(entry, protocol=pickle.HIGHEST_PROTOCOL))
            os.replace(temp, self._file(key))
        except OSError:  # a read-only place: the build goes on without a cache
            temp.unlink(missing_ok=True)

    def claim(self, root: Path) -> None:
        """Record that a build of the articles under `root` uses this cache now: which folder it serves (a cache
        whose folder is gone is deleted) and when it was last used (the least recently used go first)."""
        try:
            write_atomic(self.folder / ORIGIN, json.dumps({"folder": str(root.resolve())}).encode("utf-8"))
        except OSError:  # a read-only place: the build goes on without a cache
            pass

    def prune(self) -> None:
        """Delete the entries of articles this build did not see (removed or edited since)."""
        for file in self.folder.glob("*.pickle") if self.folder.is_dir() else ():
            if file.stem not in self.used:
                file.unlink(missing_ok=True)
