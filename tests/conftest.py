"""Shared fixtures: the sample corpus built once per test session, and its exports in a temp folder."""

from __future__ import annotations

import datetime
import os
import shutil
import tempfile
from pathlib import Path

import pytest

import kg
from tests.servers import kg_reviewing

pytest_plugins = ["tests.chromium"]  # the `browser` and `tab` fixtures

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "source"
DATA = Path(__file__).resolve().parent / "data"
SAMPLE_GOLD = DATA / "sample-gold"  # ../shared/gold vendored, so the suite needs nothing beside the clone
REVIEW_DAY = datetime.date(2026, 3, 2)  # the date kg review writes on in tests: no test depends on the clock


def pytest_configure(config) -> None:
    """Tools that keep state keep it in a temp folder, never in the work tree (hypothesis writes .hypothesis/)."""
    from hypothesis.configuration import set_hypothesis_home_dir

    folder = tempfile.mkdtemp(prefix="kg-hypothesis-")
    set_hypothesis_home_dir(folder)
    config.add_cleanup(lambda: shutil.rmtree(folder, ignore_errors=True))


@pytest.fixture(scope="session", autouse=True)
def kg_cache(tmp_path_factory) -> Path:
    """kg's caches (extraction, persisted stores) in a temp folder, for this process and the kg processes it starts."""
    folder = tmp_path_factory.mktemp("kg-cache")
    os.environ["KG_CACHE_DIR"] = str(folder)
    return folder


@pytest.fixture(scope="session")
def sample_build() -> kg.Build:
    """The build of source/ (the two sample articles); tests must not mutate it."""
    return kg.build(SAMPLE)


@pytest.fixture(scope="session")
def sample_exports(sample_build, tmp_path_factory) -> Path:
    """A folder holding what `kg build` writes for the sample corpus."""
    out = tmp_path_factory.mktemp("exports")
    kg.write(sample_build, out)
    return out


@pytest.fixture(scope="session")
def sample_graph(sample_exports):
    """The sample graph loaded from its exports the way `kg query` and `kg paths` load it; do not mutate."""
    return kg.load_graph(sample_exports / "careers.ttl")


@pytest.fixture()
def sample_copy(tmp_path) -> Path:
    """The sample articles copied into a temp folder, for tests that write beside them (curation.yaml)."""
    for article in SAMPLE.glob("*.md"):
        shutil.copy(article, tmp_path)
    return tmp_path


@pytest.fixture()
def review_server(sample_copy):
    """`kg review` over `sample_copy` in a thread (tests.servers.kg_reviewing), dating decisions REVIEW_DAY."""
    with kg_reviewing(sample_copy, today=lambda: REVIEW_DAY) as server:
        yield server


def write_article(folder: Path, name: str, text: str) -> Path:
    """Write a test article (UTF-8) and return its path."""
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path
