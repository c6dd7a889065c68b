"""The build manifest: a build with nothing new returns at once and writes nothing; anything new, or any export
touched since, and the build runs in full and ends where a clean build ends, killed builds included."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner
from rdflib import Graph

import kg
from kg.cli import main
from kg.pipeline import manifest
from kg.pipeline.build import STEPS
from kg.resolve import curation
from tests.conftest import SAMPLE, write_article
from tests.edits import CORPUS, add, edit, remove, rename

UP_TO_DATE = "nothing changed since the last build"


def kg_build(source: Path, out: Path, *options: str):
    return CliRunner().invoke(main, ["build", str(source), "-o", str(out), *options])


def files(out: Path) -> dict[str, bytes]:
    return {p.relative_to(out).as_posix(): p.read_bytes() for p in sorted(out.rglob("*")) if p.is_file() and not p.name.startswith(".")}


def stamps(out: Path) -> dict[str, int]:
    return {p.relative_to(out).as_posix(): p.stat().st_mtime_ns for p in out.rglob("*") if p.is_file()}


def clean(source: Path, tmp_path: Path, monkeypatch) -> dict[str, bytes]:
    """The exports of a build of `source` with empty caches, into a folder beside `out` (the views link to the
    articles by a relative path, the same from both)."""
    monkeypatch.setenv("KG_CACHE_DIR", str(tmp_path / "clean-cache"))
    assert kg_build(source, tmp_path / "clean", "-q").exit_code == 0
    monkeypatch.setenv("KG_CACHE_DIR", str(tmp_path / "cache"))
    return files(tmp_path / "clean")


@pytest.fixture
def corpus(tmp_path, monkeypatch):
    monkeypatch.setenv("KG_CACHE_DIR", str(tmp_path / "cache"))
    source = tmp_path / "src"
    for article in SAMPLE.glob("*.md"):
        write_article(source, article.name, article.read_text(encoding="utf-8"))
    return source, tmp_path / "out"


def test_a_build_with_nothing_new_says_so_and_writes_nothing(corpus):
    source, out = corpus
    first = kg_build(source, out)
    assert first.exit_code == 0 and "written now" in first.stdout
    before = stamps(out)
    again = kg_build(source, out)
    assert again.exit_code == 0
    assert UP_TO_DATE in again.stdout
    assert again.stdout.split(";")[0] == first.stdout.split(";")[0]  # the same counts as the build that wrote them
    assert stamps(out) == before
    assert kg_build(source, out, "--check").exit_code == 0  # --check still compares every file


@pytest.mark.parametrize("change", ["article", "curation", "option", "export", "store"])
def test_anything_new_builds_in_full(corpus, change):
    source, out = corpus
    assert kg_build(source, out, "-q").exit_code == 0
    reference = files(out)
    options = []
    if change == "article":
        path = source / "account-manager.md"
        path.write_text(path.read_text(encoding="utf-8").replace("Chicago", "Boston"), encoding="utf-8")
    elif change == "curation":
        (source / "curation.yaml").write_text("remove:\n  - {kind: location, object: Chicago}\n", encoding="utf-8")
    elif change == "option":
        options = ["--min-confidence", "0.9"]
    elif change == "export":
        (out / "roles.csv").write_bytes(b"edited by hand\n")
    else:
        from kg.store.persisted import folder_for

        shutil.rmtree(folder_for(out / "careers.ttl"))
    result = kg_build(source, out, *options)
    assert result.exit_code == 0
    assert UP_TO_DATE not in result.stdout and "written now" in result.stdout
    if change in ("export", "store"):
        assert files(out) == reference
    if change == "article":
        assert "Boston" in (out / "careers.ttl").read_text(encoding="utf-8")


def test_an_article_is_hashed_again_when_its_stamp_changes(corpus):
    """Articles untouched for a while are recognised by size, mtime and inode, as git's index does; an edit
    that keeps the size still changes the mtime, and the article is read again."""
    source, out = corpus
    for path in source.glob("*.md"):
        os.utime(path, ns=(path.stat().st_atime_ns, path.stat().st_mtime_ns - 3600 * 10**9))
    assert kg_build(source, out, "-q").exit_code == 0
    assert UP_TO_DATE in kg_build(source, out).stdout  # from the stamps
    path = source / "account-manager.md"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("Chicago", "Kolkata"), encoding="utf-8")  # the same length
    assert path.stat().st_size == len(text.encode("utf-8"))
    result = kg_build(source, out)
    assert UP_TO_DATE not in result.stdout and "Chicago" not in (out / "careers.ttl").read_text(encoding="utf-8")


def test_a_build_for_an_export_folder_hashes_only_the_articles_whose_stamp_changed(corpus, monkeypatch):
    """The build's inputs take the keys the last build of `out` recorded with the stamps, as the no-change check does."""
    source, out = corpus
    for path in source.glob("*.md"):
        os.utime(path, ns=(path.stat().st_atime_ns, path.stat().st_mtime_ns - 3600 * 10**9))
    assert kg_build(source, out, "-q").exit_code == 0
    path = source / "account-manager.md"
    path.write_text(path.read_text(encoding="utf-8").replace("Chicago", "Kolkata"), encoding="utf-8")
    hashed, real = [], manifest.article_key
    monkeypatch.setattr(manifest, "article_key", lambda p, root: hashed.append(p.name) or real(p, root))
    built = kg.build(source, out=out)
    assert hashed == ["account-manager.md"] and len(built.inputs.keys) == len(list(source.glob("*.md")))
    hashed.clear()
    assert built.inputs.keys == manifest.inputs(sorted(source.glob("*.md")), source, manifest.options()).keys
    assert sorted(hashed) == sorted(p.name for p in source.glob("*.md"))  # without the stamps every article is hashed


def test_the_manifest_digests_the_curation_file_the_build_reads():
    assert manifest.CURATION == curation.FILENAME  # kept apart so the check does not import the stages


def test_a_failed_article_fails_again_without_a_build(corpus):
    source, out = corpus
    (source / "broken.md").write_bytes(b"")
    first = kg_build(source, out)
    again = kg_build(source, out)
    assert first.exit_code == again.exit_code == 1
    assert UP_TO_DATE in again.stdout
    assert "broken.md:1: error: empty file" in again.stderr


def test_the_python_api_builds_and_writes_as_before(corpus):
    """kg.build always builds (a Build to work with); kg.write records the manifest the command reads."""
    source, out = corpus
    result = kg.build(source)
    assert result.inputs and len(result.index) > 0
    kg.write(result, out)
    assert UP_TO_DATE in kg_build(source, out).stdout
    assert len(kg.build(source).index) == len(result.index)


_HELD_WRITE = """
import sys
import kg
from kg.pipeline.build import write

source, out, fifo, at = sys.argv[1:]

def tick(done, total):
    if done == int(at):
        open(fifo, encoding="utf-8").read()  # held here until the test, having opened the FIFO, kills this process

write(kg.build(source), out, progress=tick)
"""


@pytest.mark.parametrize("at", [1, STEPS - 1, STEPS])  # after the views, the spliced exports (VoID among them), the store
def test_a_build_killed_while_writing_is_never_taken_for_done(corpus, tmp_path, monkeypatch, at):
    """kill -9 after `at` of the export parts were written (a FIFO holds the build there: no timing): the next
    build of the source as it was runs in full and ends byte-identical to a clean build; so does the next
    build of the edited source."""
    source, out = corpus
    assert kg_build(source, out, "-q").exit_code == 0
    original = files(out)
    article = source / "account-manager.md"
    text = article.read_text(encoding="utf-8")
    article.write_text(text.replace("Chicago", "Boston"), encoding="utf-8")
    fifo = tmp_path / "hold"
    os.mkfifo(fifo)
    process = subprocess.Popen([sys.executable, "-c", _HELD_WRITE, str(source), str(out), str(fifo), str(at)],
                               cwd=Path(__file__).parent.parent)
    with open(fifo, "w", encoding="utf-8"):  # returns once the build holds at the FIFO
        process.send_signal(signal.SIGKILL)
        process.wait()
    assert files(out) != original  # the killed build did replace some exports
    graph = kg.load_graph(out / "careers.ttl")  # the store while it matches careers.ttl, else the file: never a mix
    assert sorted(graph.serialize(format="nt").splitlines()) == sorted(Graph().parse(out / "careers.ttl").serialize(format="nt").splitlines())
    article.write_text(text, encoding="utf-8")  # back to what the manifest recorded
    result = kg_build(source, out)
    assert result.exit_code == 0 and UP_TO_DATE not in result.stdout
    assert files(out) == original
    article.write_text(text.replace("Chicago", "Boston"), encoding="utf-8")
    assert kg_build(source, out, "-q").exit_code == 0
    assert files(out) == clean(source, tmp_path, monkeypatch)


def _merge(source: Path) -> None:
    """Two articles come to name one role: one node, both articles its sources."""
    path = source / "en" / "sales-development-representative.md"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("title: Sales Development Representative", "title: Financial Analyst", 1), encoding="utf-8")




@pytest.mark.parametrize("change", [edit, add, remove, rename, _merge], ids=lambda c: c.__name__.strip("_"))
def test_a_rebuild_after_a_change_is_a_clean_build(corpus, tmp_path, monkeypatch, change):
    """Edit, add, remove, rename an article, and two articles coming to name one role: the rebuild, with every
    cache warm, writes byte for byte what a build with empty caches writes."""
    source, out = corpus
    for name in ("financial-analyst.md", "loan-officers.md", "sales-development-representative.md"):
        write_article(source, f"en/{name}", (CORPUS / name).read_text(encoding="utf-8"))
    assert kg_build(source, out, "-q").exit_code == 0
    before = files(out)
    change(source)
    if change is remove:  # the removed role's page is all that is stale in roles/: --check sees it too
        check = kg_build(source, out, "--check")
        assert check.exit_code == 3 and "roles/loan-officer.html" in check.stderr
    result = kg_build(source, out)
    assert result.exit_code == 0 and UP_TO_DATE not in result.stdout
    after = files(out)
    assert after != before
    assert after == clean(source, tmp_path, monkeypatch)
    if change is _merge:
        assert "same role as en/financial-analyst.md" in result.stderr


def test_the_role_table_an_edit_starts_from_is_the_one_the_recorded_role_iris_give(corpus):
    """An edit takes the last build's role table from the role IRI each article's state recorded, not by making it
    again from every role: the same table, aliases moving roles included (two articles of one role, one naming it
    by an alias the other declares)."""
    from kg.pipeline.incremental import recorded_table
    from kg.pipeline.state import FILE, State
    from kg.resolve.resolution import role_table
    from kg.store import graphs

    source, out = corpus
    for name in ("financial-analyst.md", "loan-officers.md", "sales-development-representative.md"):
        write_article(source, f"en/{name}", (CORPUS / name).read_text(encoding="utf-8"))
    _merge(source)
    kg.write(kg.build(source, out=out), out)
    state = State.open(graphs.folder_for(out / "careers.ttl") / FILE)
    try:
        heads = state.heads()
    finally:
        state.close()
    assert len(heads) > 2 and any(head.aliases for head in heads.values())
    assert recorded_table(heads) == role_table([(h.slug, h.role, h.aliases) for h in heads.values()])
