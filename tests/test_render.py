"""The HTML views without a browser: what `kg build` writes, offline assets, escaping, determinism, `kg render`."""

from __future__ import annotations

import json
import os
import random
import re
import subprocess
import sys
from collections import Counter, defaultdict
from pathlib import Path

import pytest
from click.testing import CliRunner
from rdflib import Graph, Literal
from rdflib.namespace import PROV, RDF, SKOS

from kg import render
from kg.cli import main
from kg.graph.namespaces import KG, KGR, SCHEMA
from kg.pipeline.build import outputs
from kg.render import ladder, layout, skills
from kg.render.model import read
from kg.render.page import json_script

ROOT = Path(__file__).resolve().parent.parent
PAGES = ("index.html", "graph.html", "ladder.html", "skills.html")


@pytest.fixture(scope="module")
def views(sample_build) -> dict[str, bytes]:
    return render.outputs(sample_build.graph)


def embedded_model(html: bytes) -> dict:
    match = re.search(rb'<script type="application/json" id="kg-model">(.*?)</script>', html, re.S)
    return json.loads(match.group(1))


def test_build_writes_every_view_with_its_assets(sample_build, sample_exports, views):
    written = outputs(sample_build, sample_exports)
    for name in (*PAGES, "static/vis-network-9.1.9.min.js", "static/vis-network-9.1.9.min.css",
                 "static/vis-network-9.1.9.LICENSE-MIT.txt", "roles/account-manager.html", "roles/account-executive.html"):
        assert name in written and (sample_exports / name).read_bytes() == written[name]
    roles = read(sample_build.graph).of_type("Role")
    assert sorted(n for n in views if n.startswith("roles/")) == sorted(r.page for r in roles)
    assert re.search(rb'<span class="confidence"[^>]*>confidence 0\.\d+</span>', written["roles/account-manager.html"])


def test_registry_lists_every_view_in_help():
    result = CliRunner().invoke(main, ["render", "--help"])
    assert result.exit_code == 0
    for name, view in render.VIEWS.items():
        assert name in result.output and view.summary in result.output


def test_pages_load_nothing_from_the_network(views):
    for name, data in views.items():
        if name.endswith(".html"):
            html = data.decode("utf-8")
            assert not re.search(r'<(script|link)[^>]+(src|href)="(https?:)?//', html), name
            assert "Content-Security-Policy" in html and "script-src 'self'" in html
            assert not re.search(r"\son[a-z]+=", html), f"{name} has an inline event handler"
            assert not re.search(r"<script(?![^>]*(src=|type=\"application/json\"))", html), f"{name} has an inline script"


def test_pages_are_byte_identical_for_the_same_graph(sample_build, views, tmp_path):
    """Same Turtle, a fresh parse and another hash seed: the same bytes."""
    ttl = tmp_path / "careers.ttl"
    ttl.write_bytes(sample_build.graph.serialize(format="turtle", encoding="utf-8"))
    script = ("import sys, hashlib; from rdflib import Graph; from kg import render\n"
              "files = render.outputs(Graph().parse(sys.argv[1]))\n"
              "print(hashlib.sha256(b''.join(k.encode() + v for k, v in sorted(files.items()))).hexdigest())")
    digests = {subprocess.run([sys.executable, "-c", script, str(ttl)], capture_output=True, text=True, check=True,
                              env={**os.environ, "PYTHONHASHSEED": seed}).stdout for seed in ("1", "2")}
    assert len(digests) == 1
    assert render.outputs(Graph().parse(ttl)) == views


def test_json_in_script_cannot_close_the_element():
    text = json_script({"quote": "</script><!-- \u2028 & <b>"})
    assert "<" not in text and ">" not in text and "&" not in text and "\u2028" not in text
    assert json.loads(text) == {"quote": "</script><!-- \u2028 & <b>"}


def test_article_text_is_escaped_in_html(sample_build):
    graph = Graph()
    for triple in sample_build.graph:
        graph.add(triple)
    evidence = next(graph.subjects(RDF.predicate, KG.hasResponsibility))  # a fact every role page shows
    graph.set((evidence, KG.quote, Literal('<img src=x onerror=alert(1)> "quoted" </script>')))
    pages = {name: data for name, data in render.outputs(graph).items() if name.endswith(".html")}
    for name, data in pages.items():
        assert b"<img" not in data and data.count(b"</script>") == data.count(b"<script"), name
    assert any(b"&lt;img src=x onerror=alert(1)&gt; &#34;quoted&#34; &lt;/script&gt;" in d for d in pages.values())


def test_graph_view_holds_every_node_and_the_evidence_of_every_fact(views, sample_build):
    career = read(sample_build.graph)
    model = embedded_model(views["graph.html"])
    assert sorted(n["id"] for n in model["networks"][0]["nodes"]) == sorted(career.nodes)
    edges = model["networks"][0]["edges"]
    assert len(edges) == len(career.edges())
    for edge in edges:
        fact = model["panel"]["facts"][int(edge["id"][1:])]
        assert (fact["s"], fact["o"]) == (edge["from"], edge["to"])
    quotes = {e["quote"] for f in model["panel"]["facts"] for e in f["evidence"]}
    assert quotes == {e.quote for f in career.facts for e in f.evidence}


def test_ladder_puts_juniors_below(sample_build):
    career = read(sample_build.graph)
    model = ladder.model(career)
    level = {n["id"]: n["level"] for net in model["networks"] for n in net["nodes"]}
    steps = [f for f in career.edges() if ladder.is_step(f)]
    assert steps
    for fact in steps:
        assert level[fact.subject] < level[fact.object], fact
    assert all(net["options"]["layout"]["hierarchical"]["direction"] == "DU" for net in model["networks"])


def test_ladder_has_one_network_per_family():
    graph = Graph()
    for a, b in (("a", "b"), ("b", "c"), ("x", "y")):
        graph.add((KGR[f"role/{a}"], KG.promotesTo, KGR[f"role/{b}"]))
    for name in "abcxy":
        graph.add((KGR[f"role/{name}"], RDF.type, KG.Role))
    model = ladder.model(read(graph))
    assert [sorted(n["id"] for n in net["nodes"]) for net in model["networks"]] == [
        ["role/a", "role/b", "role/c"], ["role/x", "role/y"]]


def test_skills_view_marks_shared_skills(sample_build):
    career = read(sample_build.graph)
    model = skills.model(career)
    holders = skills.holders(career)
    nodes = {n["id"]: n for n in model["networks"][0]["nodes"]}
    for skill, roles in holders.items():
        assert nodes[skill]["size"] == 8 + 5 * len(roles)
        assert ("borderWidth" in nodes[skill]) == (len(roles) > 1)
    assert all(f.predicate == skills.REQUIRES for f in career.edges() if f.object in holders)


def test_kg_render_writes_one_view_from_the_turtle(sample_build, sample_exports, tmp_path):
    result = CliRunner().invoke(main, ["render", "ladder", "--graph", str(sample_exports / "careers.ttl"),
                                       "-o", str(tmp_path / "my-ladder.html")])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "my-ladder.html").read_bytes() == render.outputs(sample_build.graph, render.source_link("source", tmp_path))["ladder.html"]
    assert (tmp_path / "static" / "vis-network-9.1.9.min.js").is_file()
    result = CliRunner().invoke(main, ["render", "roles", "--graph", str(sample_exports / "careers.ttl"),
                                       "-o", str(tmp_path / "one.html")])
    assert result.exit_code == 2 and "give a folder" in result.output


def synthetic_graph(roles: int, skills_per_role: int, skill_count: int) -> Graph:
    """A career graph of roles, a promotion chain and required skills, every fact with one evidence."""
    rng = random.Random(5)
    graph = Graph()
    article = KGR["article/synthetic"]
    graph.add((article, RDF.type, KG.Article))
    graph.add((article, SCHEMA.name, Literal("Synthetic", lang="en")))

    def fact(s, p, o, n):
        graph.add((s, p, o))
        ev = KGR[f"evidence/synthetic/{n}"]
        for prop, value in ((RDF.subject, s), (RDF.predicate, p), (RDF.object, o), (PROV.wasDerivedFrom, article),
                            (KG.quote, Literal(f"Sentence number {n} says so.")), (KG.section, Literal("Synthetic"))):
            graph.add((ev, prop, value))
        graph.add((ev, RDF.type, KG.Evidence))

    for i in range(skill_count):
        graph.add((KGR[f"skill/s{i}"], RDF.type, KG.Skill))
        graph.add((KGR[f"skill/s{i}"], SKOS.prefLabel, Literal(f"skill {i}", lang="en")))
    n = 0
    for i in range(roles):
        role = KGR[f"role/r{i}"]
        graph.add((role, RDF.type, KG.Role))
        graph.add((role, SKOS.prefLabel, Literal(f"role {i}", lang="en")))
        if i % 10:
            fact(KGR[f"role/r{i - 1}"], KG.promotesTo, role, n := n + 1)
        for skill in rng.sample(range(skill_count), skills_per_role):
            fact(role, KG.requiresSkill, KGR[f"skill/s{skill}"], n := n + 1)
    return graph


def test_big_networks_start_without_physics_on_a_fixed_layout():
    graph = synthetic_graph(roles=120, skills_per_role=10, skill_count=1000)
    first = render.graph.model(read(graph))["networks"][0]
    assert len(first["nodes"]) > render.network.BIG
    assert first["options"]["physics"]["enabled"] is False
    assert all(isinstance(n["x"], int) and isinstance(n["y"], int) for n in first["nodes"])
    assert render.graph.model(read(graph))["networks"][0] == first


def test_vendored_vis_network_keeps_its_licence():
    static = ROOT / "kg" / "render" / "static"
    assert b"@version 9.1.9" in (static / "vis-network-9.1.9.min.js").read_bytes()[:400]
    assert "MIT License" in (static / "vis-network-9.1.9.LICENSE-MIT.txt").read_text()


def test_a_big_ladder_family_is_placed_in_rows_juniors_below():
    """vis-network's hierarchical layout freezes the page on hundreds of roles: a big family comes placed."""
    graph = Graph()
    count = ladder.PLACED_FROM + 50
    roles = [KGR[f"role/r{i:03d}"] for i in range(count)]
    for i, role in enumerate(roles):
        graph.add((role, RDF.type, KG.Role))
        graph.add((role, SKOS.prefLabel, Literal(f"role {i}", lang="en")))
        if i:
            graph.add((roles[(i - 1) // 3], KG.promotesTo, role))
    [net] = ladder.model(read(graph))["networks"]
    assert net["options"]["layout"]["hierarchical"]["enabled"] is False
    assert net["options"]["physics"]["enabled"] is False
    nodes = {n["id"]: n for n in net["nodes"]}
    assert len(nodes) == count and len({(n["x"], n["y"]) for n in nodes.values()}) == count
    for edge in net["edges"]:
        assert nodes[edge["from"]]["y"] > nodes[edge["to"]]["y"], edge
    rows = Counter(n["y"] for n in nodes.values())
    assert max(rows.values()) <= ladder.WIDTH < count // 3


def test_shared_skills_get_their_dark_border():
    """pyvis took `color` for its own argument and dropped it; the border the page promises is drawn."""
    career = read(synthetic_graph(roles=4, skills_per_role=3, skill_count=4))
    nodes = {n["id"]: n for n in skills.model(career)["networks"][0]["nodes"]}
    shared = [skill for skill, roles in skills.holders(career).items() if len(roles) > 1]
    assert shared and all(nodes[skill]["color"] == skills.SHARED["color"] for skill in shared)
    assert all("color" not in nodes[skill] for skill in set(skills.holders(career)) - set(shared))


def test_article_links_lead_from_any_export_folder_to_the_sources(tmp_path):
    import re

    import kg
    src = tmp_path / "articles"
    src.mkdir()
    (src / "a.md").write_text((ROOT / "source" / "account-manager.md").read_text(encoding="utf-8"), encoding="utf-8")
    out = tmp_path / "site" / "careers"
    kg.write(kg.build(src), out)
    index_links = re.findall(r'href="([^"]+\.md)"', (out / "index.html").read_text(encoding="utf-8"))
    role_links = re.findall(r'href="([^"]+\.md)"', (out / "roles" / "account-manager.html").read_text(encoding="utf-8"))
    assert index_links and role_links
    assert all((out / link).resolve() == src / "a.md" for link in index_links)
    assert all((out / "roles" / link).resolve() == src / "a.md" for link in role_links)



def test_a_big_view_draws_the_most_connected_nodes_and_carries_only_their_evidence(sample_build, monkeypatch):
    from kg.render import graph, network

    career = read(sample_build.index)
    assert 'id="capped"' not in render.outputs(sample_build.index)["graph.html"].decode()  # the sample is drawn whole
    monkeypatch.setattr(network, "LIMIT", 12)
    monkeypatch.setattr(network, "BIG", 10)
    model = graph.model(career)
    drawn = {node["id"] for node in model["networks"][0]["nodes"]}
    assert len(drawn) == 12 and model["hidden"] == len(career.nodes) - 12
    degree = Counter(n for f in career.facts if not f.literal for n in (f.subject, f.object))
    assert min(degree[n] for n in drawn) >= max(degree[n] for n in set(career.nodes) - drawn)
    assert model["panel"]["facts"] and all({f["s"], f["o"]} <= drawn for f in model["panel"]["facts"])
    assert f'id="capped">{len(career.nodes) - 12} of the least connected' in render.outputs(sample_build.index)["graph.html"].decode()
    monkeypatch.setattr(network, "EDGES", 5)
    monkeypatch.setattr(network, "QUOTES", 1)
    model = graph.model(career)
    assert len(model["networks"][0]["edges"]) <= 5 < len(model["networks"][0]["nodes"]) * 2
    quotes = {(f.subject, f.predicate, f.object): len(f.evidence) for f in career.facts}
    assert all(len(f["evidence"]) == min(1, quotes[f["s"], f["p"], f["o"]]) and len(f["evidence"]) + f["more"] == quotes[f["s"], f["p"], f["o"]]
               for f in model["panel"]["facts"])


def test_a_layout_is_laid_out_once_and_kept_for_the_same_nodes_and_edges(monkeypatch):
    """kg.render.layout keeps the last few layouts in the memo it is given (the Career's, kept from build to build):
    the same nodes and edges give the same places without laying them out again; the oldest are let go."""
    nodes = [f"n{i}" for i in range(30)]
    edges = [(nodes[i], nodes[(i * 7) % 30]) for i in range(30)]
    memo: dict = {}
    placed = layout.positions(nodes, edges, memo)
    assert placed == layout.positions(nodes, edges)
    monkeypatch.setattr(layout, "_positions", lambda *args: pytest.fail("laid out again"))
    assert layout.positions(nodes, edges, memo) == placed
    monkeypatch.undo()
    for more in range(layout.MEMO):
        layout.positions(nodes, edges[:more], memo)
    assert len(memo) == layout.MEMO and placed not in memo.values()


def _capped_over_every_fact(career, node_ids, keep):
    """network.capped as it was: every fact scanned for the links among `node_ids`."""
    from kg.render import network

    members = set(node_ids)
    links = defaultdict(Counter)
    for fact in career.facts:
        if not fact.literal and fact.subject in members and fact.object in members and (keep is None or fact.predicate in keep):
            links[fact.subject][fact.object] += 1
            links[fact.object][fact.subject] += 1
    degree = {node: sum(counter.values()) for node, counter in links.items()}
    if len(node_ids) <= network.LIMIT and sum(degree.values()) <= 2 * network.EDGES:
        return node_ids, 0
    chosen, edges = set(), 0
    for node in sorted(members, key=lambda i: (-degree.get(i, 0), i)):
        added = sum(n for other, n in links[node].items() if other in chosen) if node in links else 0
        if len(chosen) == network.LIMIT or edges + added > network.EDGES:
            break
        chosen.add(node)
        edges += added
    return [i for i in node_ids if i in chosen], len(members) - len(chosen)


@pytest.mark.parametrize("limit, edges", [(10, 10_000), (40, 25), (200, 60), (500, 10_000)])
def test_the_nodes_a_network_draws_are_those_counted_over_every_fact(monkeypatch, limit, edges):
    """capped counts degrees in the Career's table and reads the links of the nodes it takes, or counts the links a
    view holds: the same nodes as counting every fact, for each view's nodes and links (all; roles and skills by
    `requires skill`; a ladder's family)."""
    from kg.render import network

    monkeypatch.setattr(network, "LIMIT", limit)
    monkeypatch.setattr(network, "EDGES", edges)
    career = read(synthetic_graph(roles=90, skills_per_role=4, skill_count=60))
    needs = skills.holders(career)
    family = sorted({n for pair in career.links(ladder.STEPS) for n in pair})
    for node_ids, keep in ((list(career.nodes), None), (sorted({r for rs in needs.values() for r in rs}) + list(needs), skills._REQUIRES),
                           (family, ladder.STEPS)):
        expected = _capped_over_every_fact(career, node_ids, keep)
        assert network.capped(career, node_ids, keep) == expected
        if keep is not None:  # skills.html and ladder.html count the links they read
            assert network.capped(career, node_ids, keep, network.Links(career.links(keep))) == expected
