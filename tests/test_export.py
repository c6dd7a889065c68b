"""Every export format re-read by a real reader gives back the career graph, byte-identical run after run."""

from __future__ import annotations

import csv
import gc
import io
import os
import subprocess
import sys

import networkx as nx
import pytest
from rdflib import BNode, Dataset, Graph, URIRef
from rdflib.compare import isomorphic
from rdflib.namespace import RDF, SKOS

from kg.export import FORMATS
from kg.export.dataset import GENID, ONTOLOGY_GRAPH, named_graphs, skolemised
from kg.export.tables import FACT_COLUMNS
from kg.graph.index import frozen_heap, indexed
from kg.graph.namespaces import KG
from kg.graph.ontology import ontology, shapes
from kg.pipeline.build import EXPORTS, build, outputs
from tests.conftest import ROOT, write_article


@pytest.fixture(scope="module")
def graph(sample_build) -> Graph:
    return sample_build.graph


def export(name: str, graph: Graph) -> dict[str, bytes]:
    return FORMATS[name].files(graph)


@pytest.mark.parametrize("name, parser", [("ttl", "turtle"), ("nt", "nt"), ("jsonld", "json-ld")])
def test_triple_formats_parse_back_to_the_same_triples(graph, name, parser):
    data = next(iter(export(name, graph).values()))
    assert set(Graph().parse(data=data, format=parser)) == set(graph)


@pytest.mark.parametrize("name, parser", [("trig", "trig"), ("nq", "nquads")])
def test_quad_formats_hold_one_graph_per_article_whose_union_is_the_graph(graph, name, parser):
    dataset = Dataset()
    dataset.parse(data=next(iter(export(name, graph).values())), format=parser)
    names = {g.identifier for g in dataset.graphs() if len(g)}
    articles = set(graph.subjects(RDF.type, KG.Article))
    assert names == {ONTOLOGY_GRAPH} | {URIRef(f"https://w3id.org/careerkg/graph/article/{a.rsplit('/', 1)[-1]}") for a in articles}
    union = set()
    for name_ in names - {ONTOLOGY_GRAPH}:
        union |= set(dataset.graph(name_))
    assert union == set(graph)
    assert isomorphic(dataset.graph(ONTOLOGY_GRAPH), ontology() + shapes())


def test_an_article_graph_describes_every_node_it_uses(graph):
    for name, part in named_graphs(graph).items():
        if name == ONTOLOGY_GRAPH:
            continue
        for ev in part.subjects(RDF.type, KG.Evidence):
            subject, obj = part.value(ev, RDF.subject), part.value(ev, RDF.object)
            assert (subject, part.value(ev, RDF.predicate), obj) in part
            for node in (subject, obj):
                if isinstance(node, URIRef):
                    assert part.value(node, RDF.type) is not None and part.value(node, SKOS.prefLabel) is not None, node


def test_blank_nodes_are_skolemised_the_same_way_whatever_their_parse_order():
    text = "@prefix ex: <http://example.org/> . ex:s ex:p [ ex:q ( 1 2 ) ] ; ex:r [ ex:q 3 ] ."
    first, second = skolemised(Graph().parse(data=text, format="turtle")), skolemised(Graph().parse(data=text, format="turtle"))
    assert set(first) == set(second)
    assert not any(isinstance(term, BNode) for triple in first for term in triple)
    assert any(str(term).startswith(GENID) for triple in first for term in triple)
    unskolemised = Graph()
    for triple in first:
        unskolemised.add(tuple(BNode(str(t)) if str(t).startswith(GENID) else t for t in triple))
    assert isomorphic(unskolemised, Graph().parse(data=text, format="turtle"))


def test_turtle_exports_read_cleanly_in_rapper(sample_exports):
    for name in ("careers.ttl", "void.ttl"):
        run = subprocess.run(["rapper", "-i", "turtle", "-c", str(sample_exports / name)], capture_output=True, text=True)
        assert run.returncode == 0 and "warning" not in run.stderr.lower() and "error" not in run.stderr.lower(), run.stderr
    run = subprocess.run(["rapper", "-i", "trig", "-c", str(sample_exports / "careers.trig")], capture_output=True, text=True)
    assert run.returncode == 0 and "warning" not in run.stderr.lower(), run.stderr


def test_jsonld_uses_the_published_context_and_readable_keys(graph, sample_exports):
    import json

    document = json.loads((sample_exports / "careers.jsonld").read_bytes())
    published = json.loads((sample_exports / "context.jsonld").read_bytes())
    assert document["@context"] == published["@context"]
    role = next(n for n in document["@graph"] if n["id"].endswith("/role/account-manager"))
    assert role["type"] == "Role" and role["prefLabel"]["it"] == "account manager"
    evidence = next(n for n in document["@graph"] if n.get("type") == "Evidence")
    assert isinstance(evidence["startOffset"], int) and evidence["predicate"] in published["@context"]


def test_graphml_reads_into_networkx_with_the_graph_counts(graph, sample_exports):
    network = nx.read_graphml(sample_exports / "careers.graphml")
    labelled = set(graph.subjects(SKOS.prefLabel))
    edges = [(s, o) for s, p, o in graph if s in labelled and o in labelled]
    assert network.number_of_nodes() == len(labelled) and network.number_of_edges() == len(edges)
    node = network.nodes["https://w3id.org/careerkg/id/role/account-manager"]
    assert node["type"] == "Role" and node["label_it"] == "account manager"
    assert {d["label"] for _, _, d in network.edges(data=True)} >= {"requiresSkill", "promotesTo"}


def test_csv_tables_open_in_a_spreadsheet_reader_with_the_graph_counts(graph, sample_exports):
    raw = (sample_exports / "facts.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf") and b"\r\n" in raw
    facts = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"))))
    assert len(facts) == len(set(graph.subjects(RDF.type, KG.Evidence)))
    assert all(row["quote"] and row["article"].endswith(".md") and int(row["line"]) > 0 for row in facts)
    roles = list(csv.DictReader(io.StringIO((sample_exports / "roles.csv").read_bytes().decode("utf-8-sig"))))
    assert len(roles) == len(set(graph.subjects(RDF.type, KG.Role)))
    assert sum(int(row["facts"]) for row in roles) == sum(1 for row in facts if "/role/" in row["subject"])


def test_csv_cells_never_run_as_formulas(tmp_path):
    from kg.export import tables

    write_article(tmp_path, "a.md", "---\ntitle: Analyst\nlang: en\n---\n\n=HYPERLINK(\"http://x\") analysts manage budgets.\n")
    rows = list(csv.reader(io.StringIO(tables.files(build(tmp_path).graph)["facts.csv"].decode("utf-8-sig"))))
    quotes = [row[FACT_COLUMNS.index("quote")] for row in rows[1:]]
    assert quotes and all(q.startswith("'=HYPERLINK") for q in quotes)
    assert not any(cell and cell[0] in "=+-@" for row in rows for cell in row)


def test_void_counts_the_graph_and_names_its_sources_and_licence(graph, sample_exports):
    from rdflib.namespace import DCAT, DCTERMS, VOID

    void = Graph().parse(sample_exports / "void.ttl", format="turtle")
    dataset = URIRef("https://w3id.org/careerkg/id/dataset")
    assert int(void.value(dataset, VOID.triples)) == len(graph)
    assert void.value(dataset, DCTERMS.license) is not None
    assert set(void.objects(dataset, DCTERMS.source)) == set(graph.subjects(RDF.type, KG.Article))
    assert URIRef(str(KG).rstrip("#") + "#") in set(void.objects(dataset, VOID.vocabulary))
    for url in void.objects(None, DCAT.downloadURL):
        assert (sample_exports / str(url).rsplit("/", 1)[-1]).is_file(), url


def test_kg_build_writes_the_common_set(sample_build):
    assert set(outputs(sample_build)) >= {f for name in EXPORTS for f in FORMATS[name].filenames}


def test_exports_are_byte_identical_across_hash_seeds(tmp_path):
    folders = []
    for seed in ("0", "1", "4242"):
        out = tmp_path / seed
        env = {**os.environ, "PYTHONHASHSEED": seed, "KG_CACHE_DIR": str(tmp_path / f"cache-{seed}")}  # each run extracts anew
        code = ("import sys, kg; from kg.export import FORMATS; from kg.atomic import write_atomic; "
                "r = kg.build(sys.argv[1]); kg.write(r, sys.argv[2]); "
                "[write_atomic(__import__('pathlib').Path(sys.argv[2]) / n, d) for f in ('nt', 'nq') for n, d in FORMATS[f].files(r.graph).items()]")
        subprocess.run([sys.executable, "-c", code, str(ROOT / "source"), str(out)], env=env, check=True, cwd=ROOT)
        folders.append(out)
    names = sorted(str(p.relative_to(folders[0])) for p in folders[0].rglob("*") if p.is_file())
    assert len(names) >= 10
    for other in folders[1:]:
        assert sorted(str(p.relative_to(other)) for p in other.rglob("*") if p.is_file()) == names
        for name in names:
            assert (other / name).read_bytes() == (folders[0] / name).read_bytes(), name


def test_kg_export_cli_writes_each_format(tmp_path, sample_exports):
    from click.testing import CliRunner

    from kg.cli import main

    graph_file = str(sample_exports / "careers.ttl")
    result = CliRunner().invoke(main, ["export", "-f", "nt", "--graph", graph_file])
    assert result.exit_code == 0 and len(Graph().parse(data=result.output, format="nt")) == len(Graph().parse(graph_file))
    result = CliRunner().invoke(main, ["export", "-f", "csv", "-o", str(tmp_path / "tables"), "--graph", graph_file])
    assert result.exit_code == 0 and (tmp_path / "tables" / "facts.csv").is_file()
    result = CliRunner().invoke(main, ["export", "-f", "csv", "--graph", graph_file])
    assert result.exit_code == 2 and "-o FOLDER" in result.output


def test_an_index_holds_the_graph_and_writes_the_same_bytes(graph):
    """`kg build` indexes the graph once for every writer: the index must be the graph, and change nothing."""
    index = indexed(graph)
    assert indexed(index) is index
    assert len(index) == len(graph) and set(index.triples()) == set(graph)
    assert sorted(index.of_type(KG.Role)) == sorted(graph.subjects(RDF.type, KG.Role))
    role = next(iter(index.of_type(KG.Role)))
    assert sorted(index.objects(role, SKOS.prefLabel)) == sorted(graph.objects(role, SKOS.prefLabel))
    assert index.value(role, KG.noSuchProperty) is None
    for name, fmt in FORMATS.items():
        assert fmt.files(index) == fmt.files(graph), name


def test_writers_leave_the_garbage_collector_as_they_found_it(graph):
    assert gc.get_freeze_count() == 0
    with frozen_heap():
        frozen = gc.get_freeze_count()
        with frozen_heap():
            assert gc.get_freeze_count() == frozen
        assert gc.get_freeze_count() == frozen > 0
    FORMATS["csv"].files(graph)
    assert gc.get_freeze_count() == 0 and gc.isenabled()


def test_every_command_opens_the_graph_through_one_loader_and_writes_the_same_bytes(sample_exports):
    """`kg export`, `kg render` and `kg push` open the persisted Oxigraph store (as `kg query` does): every format
    and view written from it is byte for byte what `kg build` wrote and what an rdflib parse of the Turtle gives."""
    from kg import render
    from kg.pipeline.source import career_graph
    from kg.store.careerstore import CareerStore

    turtle = sample_exports / "careers.ttl"
    graph, parsed = career_graph(turtle), Graph().parse(turtle, format="turtle")
    assert isinstance(graph.store, CareerStore)
    for name, fmt in FORMATS.items():
        files = fmt.files(graph)
        assert files == fmt.files(parsed), name
        for filename, data in files.items():
            assert not (sample_exports / filename).is_file() or (sample_exports / filename).read_bytes() == data, filename
    link = render.source_link(ROOT / "source", sample_exports)
    assert render.outputs(graph, link) == render.outputs(parsed, link)


@pytest.mark.parametrize("name", ["trig", "nq", "nt", "jsonld"])
def test_kg_export_from_the_store_is_what_kg_build_wrote(sample_build, sample_exports, tmp_path, name):
    from click.testing import CliRunner

    from kg.cli import main

    result = CliRunner().invoke(main, ["export", "-f", name, "-o", str(tmp_path / f"out.{name}"), "--graph", str(sample_exports / "careers.ttl")])
    assert result.exit_code == 0, result.output
    assert (tmp_path / f"out.{name}").read_bytes() == next(iter(FORMATS[name].files(sample_build.index).values()))
