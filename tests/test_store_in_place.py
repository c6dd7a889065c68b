"""The store of record updated in place (kg.store.graphs): after any change, and after a build killed at any
point, it holds what a build with empty caches makes, quad for quad; the Change says what moved."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pyoxigraph as ox
import pytest
from click.testing import CliRunner

import kg
from kg.cli import main
from kg.pipeline.build import write
from kg.store import graphs
from kg.store.persisted import folder_for, oxigraph_of
from tests.conftest import SAMPLE, write_article
from tests.edits import CORPUS, add, edit, remove, rename

HRBP = "---\ntitle: Human Resources Business Partner\nlang: en\n---\n\nThe human resources business partner{alias} advises leaders.\n"
ALIAS = ", also known as HR partner,"


def kg_build(source: Path, out: Path, cache: Path, monkeypatch) -> None:
    monkeypatch.setenv("KG_CACHE_DIR", str(cache))
    assert CliRunner().invoke(main, ["build", str(source), "-o", str(out), "-q"]).exit_code == 0


def quads(folder: Path) -> list[str]:
    """Every quad of a store, sorted N-Quads lines, and the names of its bookkeeping graphs (the store closed again
    before the next build opens it), but the record of whether its exports were written and the generation it
    shares with the per-article state."""
    store = ox.Store.read_only(str(folder))
    try:
        names = [str(g) for g in store.named_graphs() if not any(f"/state/{k}/" in str(g) for k in ("written", "generation"))]
        return sorted([str(quad) for quad in store] + names)
    finally:
        del store


def career(folder: Path) -> set[str]:
    """The career graph of a store, triples as N-Triples text: the union of its graphs."""
    store = ox.Store.read_only(str(folder))
    try:
        return {str(quad.triple) for quad in store}
    finally:
        del store


def record(out: Path) -> Path:
    return graphs.folder_for(out / "careers.ttl")


def clean(source: Path, tmp_path: Path, monkeypatch) -> list[str]:
    """The store of record of a build of `source` with empty caches."""
    kg_build(source, tmp_path / "clean", tmp_path / "clean-cache", monkeypatch)
    found = quads(record(tmp_path / "clean"))
    monkeypatch.setenv("KG_CACHE_DIR", str(tmp_path / "cache"))
    return found


@pytest.fixture
def corpus(tmp_path):
    source = tmp_path / "src"
    for article in SAMPLE.glob("*.md"):
        write_article(source, article.name, article.read_text(encoding="utf-8"))
    for name in ("financial-analyst.md", "loan-officers.md", "sales-development-representative.md"):
        write_article(source, f"en/{name}", (CORPUS / name).read_text(encoding="utf-8"))
    write_article(source, "hr/a.md", HRBP.format(alias=""))
    write_article(source, "hr/b.md", "---\ntitle: HR Partner\nlang: en\n---\n\nThe HR partner reports to the HR director.\n")
    return source, tmp_path / "out"


def _alias(source: Path) -> None:
    """An alias declared in one article moves the role of another: two roles merge into one node."""
    (source / "hr" / "a.md").write_text(HRBP.format(alias=ALIAS), encoding="utf-8")


@pytest.mark.parametrize("change", [edit, add, remove, rename, _alias], ids=lambda c: c.__name__.strip("_"))
def test_an_update_in_place_ends_where_a_clean_build_ends(corpus, tmp_path, monkeypatch, change):
    source, out = corpus
    kg_build(source, out, tmp_path / "cache", monkeypatch)
    before, triples = quads(record(out)), career(record(out))
    change(source)
    result = kg.build(source, out=out)  # the shapes checked on the nodes that changed only
    assert result.violations == []
    assert result.totals is not None  # the edit path: only the articles it touched were read and resolved
    write(result, out)
    assert not result.change.full
    after = quads(record(out))
    assert after != before
    assert after == clean(source, tmp_path, monkeypatch)
    reader = ox.Store.read_only(str(folder_for(out / "careers.ttl")))  # what kg query opens: the same quads
    assert sorted(str(q) for q in reader) == sorted(str(q) for q in ox.Store.read_only(str(record(out))))
    moved = {t.split(" ")[0][1:-1] for t in triples ^ career(record(out))}
    assert moved <= result.change.subjects  # every subject whose triples moved is named
    assert result.change.articles


def test_removing_the_alias_splits_the_roles_again(corpus, tmp_path, monkeypatch):
    source, out = corpus
    _alias(source)
    kg_build(source, out, tmp_path / "cache", monkeypatch)
    merged = quads(record(out))
    assert not any("/role/hr-partner>" in line for line in merged)
    (source / "hr" / "a.md").write_text(HRBP.format(alias=""), encoding="utf-8")
    result = kg.build(source)
    write(result, out)
    assert not result.change.full and "https://w3id.org/careerkg/id/role/hr-partner" in result.change.subjects
    assert quads(record(out)) == clean(source, tmp_path, monkeypatch)


def test_a_first_build_and_a_new_code_load_afresh(corpus, tmp_path, monkeypatch):
    source, out = corpus
    monkeypatch.setenv("KG_CACHE_DIR", str(tmp_path / "cache"))
    result = kg.build(source)
    write(result, out)
    assert result.change.full
    again = kg.build(source)
    write(again, out)
    assert not again.change.full and again.change.subjects == frozenset()  # the exports of the last were written
    again.context = "another code"
    write(again, out)
    assert again.change.full


def test_a_full_build_lets_its_in_memory_store_go_before_rocksdb_loads(corpus, tmp_path, monkeypatch):
    """One copy of the graph alive at a time (the peak memory of a full build): the build's in-memory store is
    written out and let go before the store of record loads; the writers then read the store of record."""
    source, out = corpus
    monkeypatch.setenv("KG_CACHE_DIR", str(tmp_path / "cache"))
    result = kg.build(source)
    triples = len(result.index)
    held = []
    afresh = graphs._afresh

    def watched(folder, found, context, let_go, generation):
        def gone():
            let_go()
            held.append(result.store)
        return afresh(folder, found, context, gone, generation)

    monkeypatch.setattr(graphs, "_afresh", watched)
    write(result, out)
    assert held == [None]
    assert len(list(result.store.quads_for_pattern(None, None, None, None))) == triples  # each triple once
    assert len(result.graph) == triples  # the Graph over the store the build now holds: the published one
    assert quads(record(out)) == clean(source, tmp_path, monkeypatch)


_KILLED = """
import sys
import kg
from kg.pipeline.build import write

write(kg.build(sys.argv[1]), sys.argv[2])
"""


@pytest.mark.parametrize("point", ["update", "updated", "swap"])
def test_a_build_killed_leaves_the_store_as_before_or_after(corpus, tmp_path, monkeypatch, point):
    """kill -9 at a known point (KG_TEST_HALT: the build kills itself there, no timing): the store of record is
    the one before or the one after, and the next build ends where a clean build ends."""
    source, out = corpus
    kg_build(source, out, tmp_path / "cache", monkeypatch)
    if point == "swap":  # the path that loads afresh: another context
        (source / "curation.yaml").write_text("remove:\n  - {kind: location, object: Chicago}\n", encoding="utf-8")
    before = quads(record(out))
    edit(source)
    run = subprocess.run([sys.executable, "-c", _KILLED, str(source), str(out)], cwd=Path(__file__).parent.parent,
                         env={**os.environ, "KG_TEST_HALT": point})
    assert run.returncode == -9
    expected = clean(source, tmp_path, monkeypatch)
    assert quads(record(out)) == (expected if point == "updated" else before)
    result = kg.build(source)
    write(result, out)
    assert result.change.full == (point != "update")  # once the store moved, the exports lag it: consumers redo all
    assert quads(record(out)) == expected


def test_an_edit_moving_a_shared_nodes_preferred_label_ends_where_a_clean_build_ends(corpus, tmp_path, monkeypatch):
    """With the alias, hr/b.md's role is hr/a.md's node, and its shorter label wins a tie of votes; b renamed
    takes its votes back: the node's description is redone from the vote sums, reading only b."""
    source, out = corpus
    _alias(source)
    kg_build(source, out, tmp_path / "cache", monkeypatch)
    pref = "/role/human-resources-business-partner> <http://www.w3.org/2004/02/skos/core#prefLabel>"
    assert any(pref in q and '"hr partner"' in q for q in quads(record(out)))
    (source / "hr" / "b.md").write_text("---\ntitle: HR Partner Lead\nlang: en\n---\n\nThe HR partner lead reports to the HR director.\n",
                                        encoding="utf-8")
    result = kg.build(source, out=out)
    assert result.totals is not None and [a.slug for a in result.articles] == ["hr-b"]
    write(result, out)
    after = quads(record(out))
    assert any(pref in q and '"human resources business partner"' in q for q in after)
    assert after == clean(source, tmp_path, monkeypatch)


def test_an_edit_keeps_the_warnings_that_compare_articles(corpus, tmp_path, monkeypatch):
    """Two articles about one role are told apart from the per-article state, not from reading both again."""
    source, out = corpus
    kg_build(source, out, tmp_path / "cache", monkeypatch)
    write_article(source, "hr/d.md", HRBP.format(alias=""))
    edited = kg.build(source, out=out)
    assert edited.totals is not None
    monkeypatch.setenv("KG_CACHE_DIR", str(tmp_path / "other-cache"))
    full = kg.build(source)
    assert [str(w) for w in edited.warnings] == [str(w) for w in full.warnings]
    assert any("same role as hr/a.md" in str(w) for w in edited.warnings)
    assert edited.summary() == full.summary()


_KILLED_EDIT = """
import sys
import kg
from kg.pipeline.build import write

write(kg.build(sys.argv[1], out=sys.argv[2]), sys.argv[2])
"""


@pytest.mark.parametrize("point", ["update", "adopt", "state"])
def test_an_edit_killed_leaves_a_state_the_next_build_can_trust(corpus, tmp_path, monkeypatch, point):
    """kill -9 while an edit changes its checkpoint (the store of record untouched), between the two renames that
    swap it in (no store: the next build loads afresh), or, on the full path, between the store and the per-article
    state (their generations differ: the next build takes the full path): the next build ends where a clean build
    ends."""
    source, out = corpus
    kg_build(source, out, tmp_path / "cache", monkeypatch)
    before = quads(record(out))
    edit(source)
    script = _KILLED if point == "state" else _KILLED_EDIT  # kg.build without `out` takes the full path
    run = subprocess.run([sys.executable, "-c", script, str(source), str(out)], cwd=Path(__file__).parent.parent,
                         env={**os.environ, "KG_TEST_HALT": point})
    assert run.returncode == -9
    if point == "update":
        assert quads(record(out)) == before
    if point == "adopt":
        assert not record(out).exists()
    expected = clean(source, tmp_path, monkeypatch)
    result = kg.build(source, out=out)
    assert (result.totals is not None) == (point == "update")
    write(result, out)
    assert quads(record(out)) == expected


def test_builds_in_one_process_keep_no_store_of_record_open(corpus, tmp_path, monkeypatch):
    """A notebook builds again and again: two edits in one process with the garbage collector off, each earlier
    Build still referenced; no handle on the store of record is left open, so each edit takes the edit path."""
    import gc

    source, out = corpus
    monkeypatch.setenv("KG_CACHE_DIR", str(tmp_path / "cache"))
    kept = []
    gc.disable()
    try:
        for change in (None, edit, add):
            if change is not None:
                change(source)
            kept.append(kg.build(source, out=out))
            write(kept[-1], out)
    finally:
        gc.enable()
    assert [k.totals is not None for k in kept] == [False, True, True]
    assert quads(record(out)) == clean(source, tmp_path, monkeypatch)


def test_a_triple_two_articles_state_is_held_once_and_is_the_others_again_when_one_goes(corpus, tmp_path, monkeypatch):
    """Two articles about one role state the same facts: the store holds each such triple once, in a graph of its
    own beside the articles' (the union of its graphs is the career graph, no triple in it twice); one article
    removed, the triples are the other's alone again, in its graph; each step ends where a clean build ends."""
    source, out = corpus
    kg_build(source, out, tmp_path / "cache", monkeypatch)
    write_article(source, "hr/d.md", HRBP.format(alias=""))
    result = kg.build(source, out=out)
    assert result.totals is not None  # the edit path
    write(result, out)
    twice = quads(record(out))
    shared = [q for q in twice if " " in q and "/graph/shared/" in q]  # quads, not graph names
    assert shared and len([q for q in twice if "/graph/state/holds/" in q]) == 2 * len(shared)
    assert len([q for q in twice if " " in q]) == len(career(record(out))) == result.triple_count
    assert twice == clean(source, tmp_path, monkeypatch)
    (source / "hr" / "d.md").unlink()
    result = kg.build(source, out=out)
    assert result.totals is not None
    write(result, out)
    once = quads(record(out))
    assert not any("/graph/shared/" in q or "/graph/state/holds/" in q for q in once)
    assert {q.rsplit(" ", 2)[0] for q in shared} <= {q.rsplit(" ", 2)[0] for q in once}  # in hr/a.md's graph now
    assert once == clean(source, tmp_path, monkeypatch)


def test_a_store_of_the_layout_before_is_not_read_and_is_made_again(corpus, tmp_path, monkeypatch):
    """A store of record and its published checkpoint as builds before this layout left them (the career graph as
    the default graph beside named graphs holding the same triples, the bookkeeping in a `state` graph): questions
    read careers.ttl instead (the union of those graphs would count each triple twice), and the next build makes the
    store of record afresh, no traceback, ending where a clean build ends."""
    source, out = corpus
    kg_build(source, out, tmp_path / "cache", monkeypatch)
    triples = len(career(record(out)))
    for folder in (record(out), folder_for(out / "careers.ttl")):
        store = ox.Store(str(folder))
        old = [quad for quad in store]
        store.clear()
        state = ox.NamedNode("https://w3id.org/careerkg/graph/state")
        store.extend([ox.Quad(*q.triple) for q in old] + old + [ox.Quad(state, ox.NamedNode(f"{state.value}#context"), ox.Literal("x"), state)])
        del store
    stamp = folder_for(out / "careers.ttl") / "kg-stamp.json"
    stamp.write_text(json.dumps({k: v for k, v in json.loads(stamp.read_text(encoding="utf-8")).items() if k != "layout"}), encoding="utf-8")
    graph = kg.load_graph(out / "careers.ttl")
    assert oxigraph_of(graph) is None and len(graph) == triples  # the Turtle, parsed
    edit(source)
    result = kg.build(source, out=out)
    assert result.totals is None  # not the edit path: the store records no generation of this layout
    write(result, out)
    assert result.change.full
    assert quads(record(out)) == clean(source, tmp_path, monkeypatch)
    assert oxigraph_of(kg.load_graph(out / "careers.ttl")) is not None
