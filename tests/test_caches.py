"""Cache hygiene: no cache outlives the folder it serves, all of them stay under KG_CACHE_MAX_MB (the least
recently built go first, never the running build's own), and `kg cache info|clear` show and delete them.

Each test has a cache folder of its own: capping the session's would delete the stores other tests open."""

from __future__ import annotations

import os
import shutil
import subprocess
from dataclasses import replace

import pytest
from click.testing import CliRunner

import kg
from kg.cli import main
from kg.errors import KgError
from kg.pipeline import caches, manifest, views
from kg.pipeline.cache import ORIGIN, folder_for
from kg.store import graphs, persisted
from tests.conftest import write_article

ARTICLE = "---\ntitle: {title}\nlang: en\n---\n\nA good {role} may be promoted to senior {role}.\n{role}s need strong communication skills.\n"


@pytest.fixture(scope="module", autouse=True)
def loaded(tmp_path_factory):
    """The rules, lexicons and models loaded into this process first, with the session's cache folder: a test's own
    folder then holds only what its builds make, whatever ran before it (kg.memo keeps the loaded ones)."""
    kg.build(corpus(tmp_path_factory.mktemp("loaded"), "paralegal"))


@pytest.fixture(autouse=True)
def own_cache(tmp_path, monkeypatch):
    monkeypatch.setenv("KG_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.delenv("KG_CACHE_MAX_MB", raising=False)
    return tmp_path / "cache"


def corpus(folder, *roles: str):
    for role in roles:
        write_article(folder, f"{role}.md", ARTICLE.format(title=role.title(), role=role))
    return folder


def built(source, out, when: float):
    """Build `source` into `out`, its caches last used at `when` (seconds since the epoch): no clock involved."""
    kg.write(kg.build(source), out)
    turtle = out / "careers.ttl"
    for stamp in (folder_for(source) / ORIGIN, graphs.folder_for(turtle) / graphs.STAMP, persisted.folder_for(turtle) / persisted.STAMP,
                  views.folder(out) / caches.VIEWS):
        os.utime(stamp, (when, when))
    return folder_for(source), graphs.folder_for(turtle), persisted.folder_for(turtle), views.folder(out)


def test_the_article_cache_of_a_removed_source_folder_is_deleted_by_the_next_build(tmp_path):
    gone, kept = corpus(tmp_path / "gone", "paralegal"), corpus(tmp_path / "kept", "recruiter")
    kg.build(gone), kg.build(kept)
    assert folder_for(gone).is_dir()
    shutil.rmtree(gone)
    kg.build(kept)
    assert not folder_for(gone).exists() and folder_for(kept).is_dir()


def test_looking_for_caches_of_folders_gone_sizes_only_those(tmp_path, monkeypatch):
    """Every build looks for them: a stat of each entry of every cache (10,000 articles') only to find none is waste."""
    gone, kept = corpus(tmp_path / "gone", "paralegal", "auditor"), corpus(tmp_path / "kept", "recruiter")
    kg.build(gone), kg.build(kept)
    shutil.rmtree(gone)
    sized = []
    monkeypatch.setattr(caches, "KINDS", tuple(replace(kind, entries=lambda cache, seen, entries=kind.entries: sized.append(cache)
                                                       or entries(cache, seen)) for kind in caches.KINDS))
    found = caches.forget_gone()
    assert [c.folder for c in found] == [folder_for(gone)] and found[0].size > 0  # `kg cache clear` prints its size
    assert sized == [folder_for(gone)] and len(found[0].entries) == 2  # its two articles, none of the kept cache's
    assert not folder_for(gone).exists() and folder_for(kept).is_dir()


def test_over_the_cap_the_least_recently_built_go_first_entry_by_entry(tmp_path):
    old = built(corpus(tmp_path / "old", "paralegal", "recruiter"), tmp_path / "old-out", 1_000)
    mid = built(corpus(tmp_path / "mid", "auditor"), tmp_path / "mid-out", 2_000)
    new = built(corpus(tmp_path / "new", "actuary"), tmp_path / "new-out", 3_000)
    found = {c.folder: c for c in caches.caches()}
    assert [c.folder for c in caches.caches()] == [*old, *mid, *new]
    oldest_entry = found[old[0]].entries[0]
    total = sum(c.size for c in found.values())
    assert caches.cap(set(new), total - 1) == oldest_entry[1]  # one entry is enough
    assert not oldest_entry[2].exists() and len(list(old[0].glob("*.pickle"))) == 1
    caches.cap(set(new), sum(found[folder].size for folder in new) + found[mid[-1]].size)
    assert [c.folder for c in caches.caches()] == [mid[-1], *new]  # no emptied folder is left
    caches.cap(set(new), 0)
    assert [c.folder for c in caches.caches()] == list(new)  # never the build's own


def test_files_the_persisted_store_hard_links_from_the_store_of_record_count_once(tmp_path):
    _, record, store, _ = built(corpus(tmp_path / "source", "paralegal"), tmp_path / "out", 1_000)
    files = [path for path in (*record.rglob("*"), *store.rglob("*")) if path.is_file()]
    inodes = {path.stat().st_ino: path.stat().st_size for path in files}
    assert len(inodes) < len(files)  # the persisted store is a hard-link backup of the store of record
    assert sum(c.size for c in caches.caches() if c.folder in (record, store)) == sum(inodes.values())


def test_a_build_with_nothing_new_marks_its_caches_used(tmp_path):
    source, out = corpus(tmp_path / "source", "paralegal"), tmp_path / "out"
    folders = built(source, out, 1_000)
    assert {c.folder: c.used for c in caches.caches()} == dict.fromkeys(folders, 1_000)
    result = CliRunner().invoke(main, ["build", str(source), "-o", str(out)])
    assert "nothing changed since the last build" in result.stdout
    assert all(c.used > 1_000 for c in caches.caches()) and {c.folder for c in caches.caches()} == set(folders)


def test_the_manifest_marks_the_stamps_the_caches_are_dated_by():
    assert manifest.USED == {"articles": ORIGIN, "store": persisted.STAMP, "graphs": graphs.STAMP, "views": caches.VIEWS}


def test_a_build_that_writes_keeps_the_caches_under_kg_cache_max_mb(tmp_path, monkeypatch):
    other, *_ = built(corpus(tmp_path / "other", "paralegal"), tmp_path / "other-out", 1_000)
    monkeypatch.setenv("KG_CACHE_MAX_MB", "0")
    source = corpus(tmp_path / "source", "recruiter")
    kg.write(kg.build(source), tmp_path / "out")
    turtle = tmp_path / "out" / "careers.ttl"
    assert {c.folder for c in caches.caches()} == {folder_for(source), graphs.folder_for(turtle), persisted.folder_for(turtle),
                                                   views.folder(tmp_path / "out")}
    monkeypatch.setenv("KG_CACHE_MAX_MB", "lots")
    with pytest.raises(KgError, match="KG_CACHE_MAX_MB must be a number of megabytes, got 'lots'"):
        kg.write(kg.build(source), tmp_path / "out")


def test_what_a_killed_build_left_half_made_is_deleted(own_cache, tmp_path):
    finished = subprocess.Popen(["true"])  # a process that has ended: its pid names no running build
    finished.wait()
    leftover = own_cache / f".store-out-0123abcd.{finished.pid}.tmp"
    alive = own_cache / f".store-out-0123abcd.{os.getpid()}.tmp"
    for folder in (leftover, alive):
        folder.mkdir(parents=True)
    caches.forget_gone()
    assert not leftover.exists() and alive.is_dir()  # a build still running keeps its half-made store


def test_kg_cache_info_and_clear(tmp_path, own_cache):
    gone_source, gone_out = corpus(tmp_path / "gone", "paralegal"), tmp_path / "gone-out"
    built(gone_source, gone_out, 1_000)
    kept_source, kept_out = corpus(tmp_path / "kept", "recruiter", "auditor"), tmp_path / "kept-out"
    built(kept_source, kept_out, 2_000)
    shutil.rmtree(gone_source), shutil.rmtree(gone_out)
    info = CliRunner().invoke(main, ["cache", "info"]).output.splitlines()
    assert info[0].startswith(f"{own_cache}: 8 caches, ") and info[0].endswith("; 4 of them for folders that are gone (kg cache clear deletes them)")
    assert [line.split()[:3] + line.split()[-2:] for line in info[1:]] == [
        ["articles", "1", "article", str(gone_source), "(gone)"], ["graphs", "1", "store", str(gone_out), "(gone)"],
        ["store", "1", "store", str(gone_out), "(gone)"], ["views", "1", "model", str(gone_out), "(gone)"],
        ["articles", "2", "articles", "kB", str(kept_source)], ["graphs", "1", "store", "kB", str(kept_out)],
        ["store", "1", "store", "kB", str(kept_out)], ["views", "1", "model", "kB", str(kept_out)]]
    cleared = CliRunner().invoke(main, ["cache", "clear"])
    assert cleared.output.splitlines()[-1].startswith("cleared 4 caches, ")
    assert {c.serves for c in caches.caches()} == {kept_source, kept_out}
    assert CliRunner().invoke(main, ["cache", "clear", str(kept_out)]).output.splitlines()[-1].startswith("cleared 3 caches, ")
    assert [c.serves for c in caches.caches()] == [kept_source]
    assert CliRunner().invoke(main, ["cache", "clear", str(kept_out)]).output == "nothing to clear\n"
    both = CliRunner().invoke(main, ["cache", "clear", "--all", str(kept_source)])
    assert both.exit_code == 2 and both.output == "error: give a FOLDER or --all, not both\n"
    CliRunner().invoke(main, ["cache", "clear", "--all"])
    assert caches.caches() == [] and not list(own_cache.iterdir())
