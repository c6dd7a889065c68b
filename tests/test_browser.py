"""The HTML views in a real browser: headless Debian Chromium driven over the DevTools protocol (tests/chromium.py).

Each page is opened from file:// with Chromium's own background traffic switched off, so every request
counted is the page's. Set KG_SCREENSHOTS=docs to refresh the screenshots the README shows.
"""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest
from rdflib import Literal

import kg
from kg import render
from kg.atomic import write_atomic
from kg.graph.namespaces import KG
from kg.render import graph as graph_view
from kg.render import ladder, skills
from kg.render.network import BIG
from tests.chromium import Tab, needs_chromium, only_local, screenshot
from tests.conftest import write_article
from tests.test_render import synthetic_graph

PAGES = ["index.html", "graph.html", "ladder.html", "skills.html", "roles/account-manager.html"]
NETWORK_VIEWS = {"graph.html": graph_view.model, "ladder.html": ladder.model, "skills.html": skills.model}
HOSTILE = "<img src=x onerror=alert(1)>"
HOSTILE_QUOTE = "</script><script>alert(2)</script><!-- \u2028 &amp;"

pytestmark = needs_chromium


def drawn_nodes(tab: Tab) -> list[str]:
    return tab.evaluate("Object.values(kgViews.networks).flatMap(v => v.network.body.nodeIndices)")


@pytest.mark.parametrize("name", PAGES)
def test_page_loads_offline_without_errors(tab, sample_exports, tmp_path, name):
    tab.open(sample_exports / name, ready=name in NETWORK_VIEWS)
    tab.settle()
    assert tab.errors == []
    assert only_local(tab.requests) == []
    assert tab.dialogs == []
    assert tab.evaluate("document.querySelectorAll('script[src^=http], link[href^=http]').length") == 0
    screenshot(tab, name.replace("/", "-").replace(".html", ".png"), tmp_path)


@pytest.mark.parametrize("name", sorted(NETWORK_VIEWS))
def test_nodes_drawn_are_the_model_nodes(tab, sample_build, sample_exports, name):
    tab.open(sample_exports / name, ready=True)
    model = NETWORK_VIEWS[name](render.model.read(sample_build.graph))
    expected = sorted(node["id"] for net in model["networks"] for node in net["nodes"])
    assert expected, f"{name} draws nothing for the sample corpus"
    assert sorted(drawn_nodes(tab)) == expected
    positions = tab.evaluate("Object.values(kgViews.networks).map(v => Object.keys(v.network.getPositions()).length)")
    assert sum(positions) == len(expected)


def test_clicking_a_node_shows_its_evidence(tab, sample_build, sample_exports):
    tab.open(sample_exports / "graph.html", ready=True)
    career = render.model.read(sample_build.graph)
    role = "role/account-manager"
    quote = next(f.evidence[0].quote for f in career.facts if f.subject == role and f.evidence)
    x, y = tab.evaluate(f"""(() => {{
        const v = kgViews.networks.graph, id = {json.dumps(role)};
        v.network.moveTo({{position: v.network.getPositions([id])[id], scale: 1.5}});
        const p = v.network.canvasToDOM(v.network.getPositions([id])[id]);
        const box = document.getElementById('graph').getBoundingClientRect();
        return [box.left + p.x, box.top + p.y];
    }})()""")
    tab.click(x, y)
    tab.settle(0.5)
    panel = tab.evaluate("document.getElementById('panel').innerText")
    assert panel.startswith(career.nodes[role].label)
    assert quote in panel
    assert tab.evaluate("document.querySelector('#panel a[href]').getAttribute('href')") == "roles/account-manager.html"


def test_search_focuses_a_node_by_label(tab, sample_exports):
    tab.open(sample_exports / "graph.html", ready=True)
    tab.evaluate("""(() => { const input = document.getElementById('search'); input.value = 'Account Executive';
        document.getElementById('search-form').requestSubmit(); })()""")
    assert tab.evaluate("kgViews.networks.graph.network.getSelectedNodes()") == ["role/account-executive"]
    assert tab.evaluate("document.querySelector('#panel h2').textContent") == "account executive"


@pytest.fixture(scope="module")
def hostile_exports(tmp_path_factory) -> Path:
    """A corpus whose title and sentences are markup: the views must show it as text and run nothing."""
    root = tmp_path_factory.mktemp("hostile")
    write_article(root / "source", "hostile.md", f"""---
title: "{HOSTILE}"
---

# {HOSTILE}

Un {HOSTILE} è responsabile della gestione dei clienti.

Le competenze richieste includono la capacità di negoziare.
""")
    result = kg.build(root / "source")
    assert not result.errors and not result.violations
    # The reader drops inline HTML from sentences; quotes from elsewhere (a curated graph) may still hold some.
    for evidence, quote in list(result.graph.subject_objects(KG.quote)):
        result.graph.set((evidence, KG.quote, Literal(f"{quote} {HOSTILE_QUOTE}")))
    for name, data in render.outputs(result.graph).items():
        write_atomic(root / "exports" / name, data)
    return root / "exports"


@pytest.mark.parametrize("name", ["index.html", "graph.html", "skills.html"])
def test_hostile_text_stays_inert(tab, hostile_exports, name):
    tab.open(hostile_exports / name, ready=name in NETWORK_VIEWS)
    if name in NETWORK_VIEWS:
        tab.evaluate("Object.keys(kgViews.model.panel.nodes).forEach(id => kgViews.showNode(id))")
    tab.settle(0.5)
    assert tab.dialogs == []
    assert tab.errors == []
    assert tab.evaluate("document.querySelectorAll('img').length") == 0
    assert tab.evaluate("document.querySelectorAll('script:not([src]):not([type=\"application/json\"])').length") == 0


def test_hostile_title_shows_literally(tab, hostile_exports):
    tab.open(hostile_exports / "index.html", ready=False)
    assert HOSTILE in tab.evaluate("document.body.innerText")
    pages = list((hostile_exports / "roles").glob("*.html"))
    assert pages
    tab.open(pages[0], ready=False)
    tab.settle()
    assert tab.dialogs == [] and tab.errors == []
    assert HOSTILE_QUOTE in tab.evaluate("document.body.innerText")


LINKS = ["[click](javascript:alert(11))", '<a href="javascript:alert(12)">raw</a>', "<javascript:alert(13)>",
         "[x](JaVaScRiPt:alert(14))", "[y](data:text/html,<script>alert(15)</script>)", "[z](vbscript:msgbox(16))"]
# What a page may link to: its own folder tree, nothing that runs code.
EVERY_LINK = """Array.from(document.querySelectorAll('[href],[src],[action],[formaction],[srcdoc]'))
    .map(e => e.href || e.src || e.action || e.getAttribute('formaction') || 'srcdoc')"""
HANDLERS = "Array.from(document.querySelectorAll('*')).flatMap(e => e.getAttributeNames()).filter(n => n.startsWith('on'))"


@pytest.fixture(scope="module")
def linked_exports(tmp_path_factory) -> Path:
    """Articles whose markdown links run code (javascript:, data:, vbscript:, raw <a>), a file named like a
    javascript: URL, and a graph whose article path is one: no view may turn any of them into a live link."""
    root = tmp_path_factory.mktemp("links")
    write_article(root / "source", "javascript:alert(1).md", f"""---
title: "Account Manager {HOSTILE}"
---

An account manager is responsible for {LINKS[0]} client accounts and {LINKS[1]} renewals.

An account manager can be promoted to account director {LINKS[2]}.

Le competenze richieste includono {LINKS[3]} la negoziazione {LINKS[4]} {LINKS[5]}.
""")
    write_article(root / "source", "account-director.md", f"""---
title: Account Director
---

An account director is responsible for key accounts {LINKS[0]}.
""")
    result = kg.build(root / "source")
    assert not result.errors and not result.violations
    for article, path in list(result.graph.subject_objects(KG.sourcePath)):
        if str(path) == "account-director.md":  # a careers.ttl from elsewhere, rendered with `kg render --graph`
            result.graph.set((article, KG.sourcePath, Literal("javascript:alert(17)//")))
    for name, data in render.outputs(result.graph).items():
        write_atomic(root / "exports" / name, data)
    return root / "exports"


def test_markdown_links_never_become_live_script_links(tab, linked_exports):
    pages = sorted(p.relative_to(linked_exports).as_posix() for p in linked_exports.rglob("*.html"))
    assert len([p for p in pages if p.startswith("roles/")]) >= 2 and "ladder.html" in pages
    for name in pages:
        tab.open(linked_exports / name, ready=name in NETWORK_VIEWS)
        if name in NETWORK_VIEWS:  # every panel the page can show, with its evidence links
            tab.evaluate("""(() => { const m = kgViews.model.panel; Object.keys(m.nodes).forEach(id => kgViews.showNode(id));
                m.facts.forEach((f, i) => kgViews.showEdge('f' + i)); })()""")
        tab.settle(0.3)
        assert tab.dialogs == [] and tab.errors == [], name
        links = tab.evaluate(EVERY_LINK)
        assert links and all(url.startswith("file:///") for url in links), (name, links)
        assert tab.evaluate(HANDLERS) == [], name
        assert tab.evaluate("document.querySelectorAll('script:not([src]):not([type=\\'application/json\\']), iframe, object, embed').length") == 0
    tab.open(linked_exports / "index.html", ready=False)
    hrefs = tab.evaluate("Array.from(document.querySelectorAll('a')).map(a => a.getAttribute('href'))")
    assert "../source/javascript:alert(1).md" in hrefs and "../source/javascript:alert(17)//" in hrefs


def test_big_graph_opens_fast_with_physics_off(tab, tmp_path):
    """2,000 nodes: the layout is computed in Python, so the page draws without a physics run."""
    graph = synthetic_graph(roles=200, skills_per_role=12, skill_count=1800)
    started = time.monotonic()
    render.write(graph, "graph", tmp_path)
    rendered = time.monotonic() - started
    model = graph_view.model(render.model.read(graph))
    assert len(model["networks"][0]["nodes"]) == 2000 > BIG
    assert model["networks"][0]["options"]["physics"]["enabled"] is False
    ready_ms = tab.open(tmp_path / "graph.html", ready=True)
    tab.settle()
    assert tab.errors == [] and only_local(tab.requests) == []
    assert len(drawn_nodes(tab)) == 2000
    screenshot(tab, "graph-2000-nodes.png", tmp_path)
    print(f"\n2,000-node graph.html: rendered in {rendered:.2f} s, drawn {ready_ms:.0f} ms after navigation")
    assert ready_ms < 10_000
