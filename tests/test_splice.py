"""Exports rewritten in part after an edit (kg.export.blocks, kg.pipeline.spliced, kg.render.roles.touched), and
those made from the store (VoID, the views' Career model, the label index) or kept up to date from the change
(VoID's counts, the label index), are what a full write of the new graph gives, for random graphs and random edits."""

from __future__ import annotations

import subprocess
import sys
from collections import Counter

import pyoxigraph as ox
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rdflib import Literal, URIRef
from rdflib.namespace import PROV, RDF, SKOS, XSD

import kg
from kg import render
from kg.export import FORMATS, void
from kg.export.blocks import BlockIndex, Layout, splice, write
from kg.graph.index import GraphIndex
from kg.graph.labels import LABELS, label_map
from kg.graph.namespaces import KG, KGR, SCHEMA
from kg.pipeline import spliced, views
from kg.pipeline.build import stale
from kg.render import model
from kg.store.change import EVERYTHING, Change
from kg.store.labelindex import LabelIndex
from kg.store.persisted import to_store
from kg.store.terms import career_query
from tests.conftest import SAMPLE

_TYPE, _ARTICLE = ox.NamedNode(str(RDF.type)), ox.NamedNode(str(KG.Article))


def between(old: ox.Store, new: ox.Store) -> Change:
    """The change from the default graph of `old` to that of `new`, every triple of each looked up in the other:
    what kg.store.graphs.update reports for an edit, found here without a store of record."""
    default = ox.DefaultGraph()
    gone = [q for q in old.quads_for_pattern(None, None, None, default) if q not in new]
    came = [q for q in new.quads_for_pattern(None, None, None, default) if q not in old]
    subjects = {q.subject for q in gone + came}
    articles = {s for s in subjects if any(ox.Quad(s, _TYPE, _ARTICLE) in store for store in (old, new))}
    return Change(frozenset(s.value for s in subjects),
                  frozenset(q.object.value for q in gone + came if isinstance(q.object, ox.NamedNode)),
                  frozenset(s.value for s in articles), False,
                  frozenset(q.triple for q in came), frozenset(q.triple for q in gone))

_IRIS = [URIRef(i) for i in ("http://example.org/a", "http://example.org/a/b", "http://example.org/a-b", "http://example.org/é",
                             f"{KGR}role/x", f"{KGR}skill", f"{KG}Role", "https://schema.org/x")]
_PREDICATES = [RDF.type, SKOS.prefLabel, KG.requiresSkill, SCHEMA.name, URIRef("http://other.example/p")]
_LITERALS = st.one_of(
    st.text(max_size=12).map(Literal),
    st.tuples(st.text(max_size=8), st.sampled_from(["it", "en"])).map(lambda t: Literal(t[0], lang=t[1])),
    st.integers(-5, 5000).map(lambda n: Literal(n, datatype=XSD.integer)),
    st.sampled_from(["45000.0", "1.5"]).map(lambda d: Literal(d, datatype=XSD.decimal)),
)
_TRIPLES = st.sets(st.tuples(st.sampled_from(_IRIS), st.sampled_from(_PREDICATES), st.one_of(st.sampled_from(_IRIS), _LITERALS)),
                   max_size=25).map(lambda triples: {t for t in triples if isinstance(t[2], URIRef) == (t[1] == RDF.type)
                                                      or t[1] not in (RDF.type, SKOS.prefLabel)})
# (a literal class has no VoID partition IRI, and no build types a node with one or names one by an IRI)


def _written(out) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in out.iterdir() if p.is_file()}


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(old=_TRIPLES, removed=st.sets(st.integers(0, 30), max_size=6), added=_TRIPLES)
def test_a_spliced_file_is_the_full_write_of_the_new_graph(tmp_path_factory, old, removed, added):
    out = tmp_path_factory.mktemp("spliced")
    ordered = sorted(old)
    new = {t for i, t in enumerate(ordered) if i not in removed} | added
    before, after = GraphIndex(old), GraphIndex(new)
    _, indexes = spliced.write_changed(out, EVERYTHING, lambda: before, to_store(old), "v", {})
    store = to_store(new)
    change = between(to_store(old), store)
    assert set(change.subjects) == {str(s) for s, _, _ in set(old) ^ new}
    spliced.write_changed(out, change, lambda: after, store, "v", indexes)
    assert _written(out) == _full(after)


def _full(graph: GraphIndex) -> dict[str, bytes]:
    """What kg.pipeline.spliced writes, as the formats write it whole."""
    return {name: data for fmt in spliced.WRITTEN for name, data in FORMATS[fmt].files(graph).items()}


@settings(max_examples=60, deadline=None)
@given(triples=_TRIPLES)
def test_void_from_sparql_aggregates_on_the_store_is_void_from_the_graph(triples):
    assert void.from_store(to_store(triples)) == FORMATS["void"].files(GraphIndex(triples))


@settings(max_examples=80, deadline=None)
@given(old=_TRIPLES, removed=st.sets(st.integers(0, 30), max_size=6), added=_TRIPLES)
def test_counts_and_labels_kept_from_the_change_are_those_of_the_new_graph(old, removed, added):
    """VoID's counts and the label index of the graph before an edit, brought up to date from the change alone,
    equal those of the new graph counted whole; the views' Career model from the store is the one from its index,
    and the old one brought up to date from the change is the new one.
    Labels are text: no build writes a number as a label, and the store gives a decimal its canonical form."""
    old, added = _text_labels(old), _text_labels(added)
    new = {t for i, t in enumerate(sorted(old)) if i not in removed} | added
    store = to_store(new)
    change = between(to_store(old), store)
    assert void.updated(void.counted(to_store(old)), store, change) == void.counts(GraphIndex(new))
    labels = LabelIndex.of_store(to_store(old))
    labels.update(store, change.subjects)
    assert labels.winners() == LabelIndex.of_store(store).winners() == _label_indexes(GraphIndex(new))
    assert model.from_store(store) == model.read(GraphIndex(new))
    kept, fresh = model.updated(model.from_store(to_store(old)), store, change), model.from_store(store)
    assert kept == fresh
    linked = Counter(node for f in fresh.facts if not f.literal for node in (f.subject, f.object))
    assert kept.degrees() == fresh.degrees() == dict(linked)  # kept by the degree table's triggers


def _text_labels(triples: set) -> set:
    return {t for t in triples if t[1] not in LABELS or not (isinstance(t[2], Literal) and t[2].datatype)}


def _label_indexes(index: GraphIndex) -> dict[str, dict[str, str]]:
    """The label index as kg.graph.labels.label_map makes it of each class's instances (Evidence left out)."""
    return {str(c): {key: str(node) for key, node in label_map(nodes, index.objects).items()}
            for c, nodes in index.instances.items() if c != KG.Evidence}


def test_an_index_of_another_version_or_file_is_not_used(tmp_path):
    graph = GraphIndex({(_IRIS[0], RDF.type, _IRIS[1])})
    _, indexes = spliced.write_changed(tmp_path, EVERYTHING, lambda: graph, to_store(graph.triples()), "v1", {})
    spliced.record(tmp_path, indexes)
    every = {fmt.filename for fmt in spliced.FILES} | {spliced.VOID}
    assert set(spliced.indexes(tmp_path, "v1")) == every
    assert spliced.indexes(tmp_path, "v2") == {}
    (tmp_path / "careers.ttl").write_bytes((tmp_path / "careers.ttl").read_bytes() + b"# edited by hand\n")
    assert set(spliced.indexes(tmp_path, "v1")) == every - {"careers.ttl"}
    assert BlockIndex.load(tmp_path / "nothing.pickle", "v1", tmp_path / "careers.ttl") is None


def test_a_splice_whose_blocks_are_unchanged_leaves_the_file_alone(tmp_path):
    """Blocks rendered anew as the file holds them: nothing is written (an edit's untouched exports are not copied);
    one block that differs, one that goes or one that comes: the file is written again."""
    layout, path = Layout(b"head\n", b"foot\n", b",\n"), tmp_path / "file"
    blocks = {"a": b"A", "b": b"B", "c": b"C"}
    index = write(path, layout, "v", sorted(blocks), blocks.get)
    assert splice(path, index, layout, ["a", "c", "d"], blocks.get) is index and path.read_bytes() == b"head\nA,\nB,\nCfoot\n"
    for changed in ({**blocks, "b": b"b"}, {"a": b"A", "c": b"C"}, {**blocks, "d": b"D"}):
        spliced_index = splice(path, index, layout, ["b", "d"], changed.get)
        assert spliced_index is not index and path.read_bytes() == b"head\n" + b",\n".join(v for _, v in sorted(changed.items())) + b"foot\n"
        index = write(path, layout, "v", sorted(blocks), blocks.get)


def _facts(sample: GraphIndex) -> list[tuple]:
    return sorted(sample.triples())


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_spliced_exports_and_the_touched_role_pages_are_a_full_write_of_an_edited_sample(sample_build, tmp_path_factory, data):
    """Random edits of the sample graph: triples removed, labels renamed, facts added between its nodes. The
    spliced files (TriG's article graphs among them) are the full write of the new graph; the role pages
    `touched` leaves out are byte for byte the new graph's, the others rendered as a full render does."""
    triples = _facts(sample_build.index)
    nodes = sorted({s for s, p, o in triples if p == SKOS.prefLabel})
    structure = (RDF.subject, RDF.predicate, RDF.object)  # an evidence without them fails SHACL: no build writes it
    gone = set(data.draw(st.lists(st.sampled_from([t for t in triples if t[1] not in structure]), max_size=8)))
    renamed = {(node, SKOS.prefLabel, Literal(data.draw(st.text(min_size=1, max_size=6)), lang="en"))
               for node in data.draw(st.lists(st.sampled_from(nodes), max_size=2, unique=True))}
    gone |= {t for t in triples if t[1] == SKOS.prefLabel and t[2].language == "en" and t[0] in {r[0] for r in renamed}}
    linked = {(s, KG.requiresSkill, o) for s, o in data.draw(st.lists(st.tuples(st.sampled_from(nodes), st.sampled_from(nodes)), max_size=3))}
    old, new = set(triples), (set(triples) - gone) | renamed | linked
    change = between(to_store(old), to_store(new))
    out = tmp_path_factory.mktemp("spliced")
    _, indexes = spliced.write_changed(out, EVERYTHING, lambda: GraphIndex(old), to_store(old), "v", {})
    spliced.write_changed(out, change, lambda: GraphIndex(new), to_store(new), "v", indexes)
    assert _written(out) == _full(GraphIndex(new))
    assert model.updated(model.from_store(to_store(old)), to_store(new), change) == model.from_store(to_store(new))
    before, after = render.outputs(GraphIndex(old)), render.outputs(GraphIndex(new))
    kept = model.updated(model.from_store(to_store(old)), to_store(new), change)  # with its delta: pages left alone
    for partial in (render.outputs(GraphIndex(new), change=change), render.outputs(to_store(new), change=change),
                    render.outputs(to_store(new), change=change, career=kept)):
        assert set(partial) == set(after)
        for name, data_ in partial.items():
            assert (before[name] if data_ is None else data_) == after[name], name


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data(), big=st.sampled_from([2, 10, 40]))
def test_network_pages_left_alone_are_those_a_full_render_of_the_edited_graph_gives(sample_build, monkeypatch, data, big):
    """The network pages and index.html an edit leaves alone (their `alters` says nothing they show changed) are byte
    for byte what a full render of the new graph gives, with networks small and large (BIG, LIMIT and EDGES made small,
    so that panels carry only the links among the nodes drawn, and graph.html draws only the most connected)."""
    from kg.render import network

    monkeypatch.setattr(network, "BIG", big)
    monkeypatch.setattr(network, "LIMIT", big + 5)
    monkeypatch.setattr(network, "EDGES", 3 * big)
    triples = _facts(sample_build.index)
    old = set(triples)
    quotes = sorted(t for t in triples if t[1] == KG.quote)
    nodes = sorted({s for s, p, o in triples if p == SKOS.prefLabel})
    articles = sorted({s for s, p, o in triples if p == RDF.type and o == KG.Article})
    edits = data.draw(st.lists(st.sampled_from(["quote", "label", "title", "link", "unlink", "definition"]), min_size=1, max_size=2))
    new = set(old)
    for kind in edits:
        if kind == "quote":  # an evidence's wording: its fact's evidence changes, no link comes or goes
            ev, p, o = data.draw(st.sampled_from(quotes))
            new = (new - {(ev, p, o)}) | {(ev, p, Literal(str(o) + " (edited)", datatype=o.datatype))}
        elif kind == "label":
            node = data.draw(st.sampled_from(nodes))
            new = {t for t in new if not (t[0] == node and t[1] == SKOS.prefLabel and t[2].language == "en")}
            new.add((node, SKOS.prefLabel, Literal("Relabelled", lang="en")))
        elif kind == "title":
            article = data.draw(st.sampled_from(articles))
            new = {t for t in new if not (t[0] == article and t[1] == SCHEMA.name)} | {(article, SCHEMA.name, Literal("Retitled"))}
        elif kind == "link":
            new.add((data.draw(st.sampled_from(nodes)), data.draw(st.sampled_from([KG.requiresSkill, KG.promotesTo, KG.relatedRole])),
                     data.draw(st.sampled_from(nodes))))
        elif kind == "unlink":
            new.discard(data.draw(st.sampled_from([t for t in triples if t[1] in (KG.requiresSkill, KG.promotesTo, KG.inIndustry)])))
        else:
            node = data.draw(st.sampled_from(nodes))
            new.add((node, SKOS.definition, Literal("Made up.", lang="en")))
    change = between(to_store(old), to_store(new))
    before, after = render.outputs(GraphIndex(old)), render.outputs(GraphIndex(new))
    kept = model.updated(model.from_store(to_store(old)), to_store(new), change)
    partial = render.outputs(to_store(new), change=change, career=kept)
    assert set(partial) == set(after)
    for name, data_ in partial.items():
        assert (before[name] if data_ is None else data_) == after[name], name


def test_an_edit_of_a_quote_leaves_the_network_pages_alone(sample_build, monkeypatch):
    """The delta is precise enough to matter: in networks too big for their panels to carry more than their links
    (BIG made small, as a corpus of thousands of articles is), an evidence's wording changed on a fact no network
    draws (a literal fact: a definition) leaves graph.html, ladder.html, skills.html and index.html as written."""
    from kg.render import network

    monkeypatch.setattr(network, "BIG", 2)
    triples = set(sample_build.index.triples())
    literal = {(s, p, o) for s, p, o in triples if p == RDF.object and isinstance(o, Literal)}
    ev = min(s for s, p, o in literal)
    quote = next(t for t in triples if t[0] == ev and t[1] == KG.quote)
    new = (triples - {quote}) | {(ev, KG.quote, Literal(str(quote[2]) + " (edited)", datatype=quote[2].datatype))}
    change = between(to_store(triples), to_store(new))
    kept = model.updated(model.from_store(to_store(triples)), to_store(new), change)
    partial = render.outputs(to_store(new), change=change, career=kept)
    assert kept.delta.facts and not kept.delta.links and not kept.delta.nodes
    assert [name for name in ("index.html", "graph.html", "ladder.html", "skills.html") if partial[name] is not None] == []


def test_an_article_renamed_rewrites_the_pages_its_evidence_is_on_and_no_other(sample_build):
    """An article's title shows only in the evidences derived from it: the role pages rendered after renaming it are
    those of the roles its evidences are about (not every role near the role it describes), and every page is the
    new graph's."""
    from kg.render import roles

    triples = set(sample_build.index.triples())
    article = min(s for s, p, o in triples if p == RDF.type and o == KG.Article)
    new = {t for t in triples if not (t[0] == article and t[1] == SCHEMA.name)} | {(article, SCHEMA.name, Literal("Renamed"))}
    change = between(to_store(triples), to_store(new))
    evidenced = {o for ev, p, src in new if p == PROV.wasDerivedFrom and src == article
                 for s, q, o in new if s == ev and q in (RDF.subject, RDF.object)}
    pages = roles.touched(GraphIndex(new), change)
    assert pages == {model.node_id(node) for node in evidenced if (node, RDF.type, KG.Role) in new}
    before, after = render.outputs(GraphIndex(triples)), render.outputs(GraphIndex(new))
    partial = render.outputs(to_store(new), change=change)
    assert {name: before[name] if data is None else data for name, data in partial.items()} == after
    assert any(before[name] != after[name] for name in after if name.startswith("roles/"))


def test_a_node_described_through_another_is_rewritten_in_every_graph_that_describes_it(sample_build, tmp_path):
    """A data source is in an article's graph only because a salary figure it describes links to it:
    renaming it must rewrite those graphs too (kg.export.dataset.ArticleGraphs.touched walks back along such links)."""
    triples = set(sample_build.index.triples())
    linked = sorted({o for _, p, o in triples if p == KG.salarySource})
    assert linked
    new = {t for t in triples if not (t[0] in linked and t[1] == SKOS.prefLabel)}
    new |= {(node, SKOS.prefLabel, Literal(f"renamed {i}", lang="en")) for i, node in enumerate(linked)}
    _, indexes = spliced.write_changed(tmp_path, EVERYTHING, lambda: GraphIndex(triples), to_store(triples), "v", {})
    spliced.write_changed(tmp_path, between(to_store(triples), to_store(new)), lambda: GraphIndex(new), to_store(new), "v", indexes)
    assert _written(tmp_path) == _full(GraphIndex(new))


def _sample_copy(tmp_path, monkeypatch):
    """The sample articles copied into a source folder of the test's own, with a cache of its own, and an out folder."""
    source = tmp_path / "src"
    source.mkdir()
    for article in SAMPLE.glob("*.md"):
        (source / article.name).write_bytes(article.read_bytes())
    monkeypatch.setenv("KG_CACHE_DIR", str(tmp_path / "cache"))
    return source, tmp_path / "out"


def test_kg_build_splices_after_an_edit_and_writes_what_a_clean_build_writes(tmp_path, monkeypatch):
    """The build's own path: one article edited, every block file (Turtle, TriG, JSON-LD, GraphML, CSV) spliced, one role page rendered
    out of the sample's many from the views' Career kept by the last build, and every export byte for byte a clean
    build's, under another hash seed too."""
    source, out = _sample_copy(tmp_path, monkeypatch)
    kg.write(kg.build(source), out)
    article = source / "account-manager.md"
    article.write_text(article.read_text(encoding="utf-8").replace("Chicago", "Boston"), encoding="utf-8")
    spliced_files, pages = [], []
    splice, outputs = spliced.splice, render.outputs
    monkeypatch.setattr(spliced, "splice", lambda path, *rest: spliced_files.append(path.name) or splice(path, *rest))
    monkeypatch.setattr(render, "outputs", lambda *args: pages.append(outputs(*args)) or pages[-1])
    for whole in ("read", "from_store"):  # the views' Career is the last build's, brought up to date
        monkeypatch.setattr(views, whole, lambda *args: pytest.fail("an edit read the views' Career whole"))
    edited = kg.build(source)
    kg.write(edited, out)
    assert sorted(spliced_files) == sorted(fmt.filename for fmt in spliced.FILES)
    assert stale(edited, out) == []  # `kg build --check` compares with full writes
    rendered = [name for name, data in pages[0].items() if name.startswith("roles/") and data is not None]
    assert 0 < len(rendered) < len([name for name in pages[0] if name.startswith("roles/")])
    clean = tmp_path / "clean"
    code = "import sys, kg; kg.write(kg.build(sys.argv[1]), sys.argv[2])"
    subprocess.run([sys.executable, "-c", code, str(source), str(clean)], check=True,
                   env={"KG_CACHE_DIR": str(tmp_path / "cache2"), "PYTHONHASHSEED": "7", "PATH": "/usr/bin:/bin"})
    written = {p.relative_to(out): p.read_bytes() for p in out.rglob("*") if p.is_file()}
    assert written == {p.relative_to(clean): p.read_bytes() for p in clean.rglob("*") if p.is_file()}


def test_the_views_career_kept_is_the_last_writes_only(tmp_path, monkeypatch):
    """The Career a write keeps is the one its views were rendered from; once careers.ttl is written again by anything
    else (an earlier build's Career would be stale), or for another version or link, it is not used."""
    source, out = _sample_copy(tmp_path, monkeypatch)
    built = kg.build(source, out=out)
    kg.write(built, out)
    version, link = built.inputs.context, render.source_link(source, out)
    assert views.kept(out, version, link) == model.from_store(built.store, link)
    assert views.kept(out, "another", link) is None and views.kept(out, version, "../elsewhere/") is None
    (out / "careers.ttl").write_bytes((out / "careers.ttl").read_bytes())
    assert views.kept(out, version, link) is None


def test_an_edit_rewrites_the_kept_careers_rows_only_once_its_exports_are_written(tmp_path, monkeypatch):
    """The kept Career is one sqlite file, a row per node, article and fact: an edit changes the rows of what it
    touched in a transaction that only the end of its write commits. A write that fails after its views leaves the
    file as the last write kept it, and lets it go; an edit that ends keeps the new graph's Career, the one a full
    read of its store gives."""
    from kg.render.facts import Table

    source, out = _sample_copy(tmp_path, monkeypatch)
    kg.write(kg.build(source, out=out), out)
    path = views.folder(out) / views.FILE

    def rows() -> tuple:
        table = Table.open(path)
        try:
            return table.every(), table.objects("node"), table.objects("article"), table.meta()
        finally:
            table.close()

    before = rows()
    article = source / "account-manager.md"
    article.write_text(article.read_text(encoding="utf-8").replace("Chicago", "Boston"), encoding="utf-8")
    write_changed = spliced.write_changed
    monkeypatch.setattr(spliced, "write_changed", lambda *args: pytest.fail("stopped after the views"))
    edited = kg.build(source, out=out)
    with pytest.raises(pytest.fail.Exception):
        kg.write(edited, out)
    assert rows() == before
    assert career_query(edited.store, "ASK { ?s ?p ?o }")  # kept, read-only: the next build in this process opens it
    table = Table.open(path)
    table.begin()  # not locked by the failed write any more
    table.close()
    monkeypatch.setattr(spliced, "write_changed", write_changed)
    kg.write(kg.build(source, out=out), out)  # the failed write left the exports unrecorded: written whole
    before = rows()
    article.write_text(article.read_text(encoding="utf-8").replace("Boston", "Denver"), encoding="utf-8")
    edited = kg.build(source, out=out)
    kg.write(edited, out)
    assert not edited.change.full and rows() != before
    assert views.kept(out, edited.inputs.context, render.source_link(source, out)) == model.from_store(
        edited.store, render.source_link(source, out))
