"""kg review in a real browser (headless Chromium over the DevTools protocol, tests/chromium.py): a person
opens an article, accepts, rejects, renames and adds facts with mouse and keys, and `kg build` applies it.
KG_SCREENSHOTS=docs refreshes docs/review.png, the README's screenshot."""

from __future__ import annotations

import json

import kg
from kg.resolve import curation
from tests.chromium import needs_chromium, only_local, screenshot
from tests.conftest import REVIEW_DAY, write_article
from tests.servers import kg_reviewing

pytestmark = needs_chromium
ARTICLE = "account-manager"



def open_article(tab, server, slug: str = ARTICLE) -> None:
    tab.open(server.url, ready=False)
    tab.evaluate(f"location.hash = '#/a/{slug}'")
    tab.wait_for(f"document.documentElement.dataset.kgReady === {json.dumps(slug)}")


def text_point(tab, offset: int, after: bool = False) -> tuple[float, float]:
    """Where the character at `offset` of the article's text is drawn (its left edge, or its right one)."""
    return tuple(tab.evaluate(f"""(() => {{
        const spans = Array.from(document.querySelectorAll('#text [data-s]')).filter(s => +s.dataset.s <= {offset});
        const span = spans[spans.length - 1], at = {offset} - span.dataset.s;
        span.scrollIntoView({{block: 'center'}});
        const range = document.createRange();
        range.setStart(span.firstChild, at);
        range.setEnd(span.firstChild, at + 1);
        const box = range.getBoundingClientRect();
        return [{'box.right - 1' if after else 'box.left + 1'}, box.top + box.height / 2];
    }})()"""))


def click_fact(tab, label: str) -> None:
    """A click on the fact's card in the side panel."""
    x, y = tab.evaluate(f"""(() => {{
        const card = Array.from(document.querySelectorAll('#facts .fact')).find(c => c.querySelector('.label').textContent === {json.dumps(label)});
        card.scrollIntoView({{block: 'center'}});
        const box = card.querySelector('.label').getBoundingClientRect();
        return [box.left + 5, box.top + box.height / 2];
    }})()""")
    tab.click(x, y)


def selected(tab) -> str:
    return tab.evaluate("document.querySelector('#facts .fact.selected .label').textContent")


def saved(tab, count: int) -> None:
    tab.wait_for(f"document.documentElement.dataset.kgSaved === '{count}'")


def test_accept_reject_rename_and_add_from_a_selection(tab, review_server, sample_copy, tmp_path):
    open_article(tab, review_server)
    article = review_server.review.corpus.articles[ARTICLE]
    facts = {f.object: f for f in review_server.review.corpus.facts[ARTICLE]}

    # Accept: a click on the words of a fact in the text selects that fact; `a` accepts it.
    skill = facts["background finanziario o commerciale"]
    start = article.text.index("background finanziario", skill.evidence.start)
    tab.click(*text_point(tab, start + 3))
    assert selected(tab) == "background finanziario o commerciale"
    tab.press("a")
    saved(tab, 1)

    # Reject: a click on a fact selects its sentence in the text; `r` rejects it.
    click_fact(tab, "Atlanta")
    assert selected(tab) == "Atlanta"
    marked = tab.evaluate("Array.from(document.querySelectorAll('#text .sel')).map(s => s.textContent).join('')")
    assert marked == facts["Atlanta"].evidence.quote
    tab.press("r")
    saved(tab, 2)

    # Rename: `e`, type the new label over the old one, Enter.
    click_fact(tab, "upselling")
    tab.press("e")
    tab.wait_for("document.activeElement && document.activeElement.getAttribute('aria-label') === 'New label'")
    tab.type_text("vendita di servizi aggiuntivi (upselling)")
    tab.press("Enter")
    saved(tab, 3)

    # Add: drag over words of the article, `n`, a label, Enter.
    start = article.text.index("fidelizzazione")
    tab.drag(text_point(tab, start), text_point(tab, start + len("fidelizzazione") - 1, after=True))
    assert tab.evaluate("window.getSelection().toString()") == "fidelizzazione"
    tab.press("n")
    tab.wait_for("document.activeElement && document.activeElement.id === 'add-label'")
    assert tab.evaluate("document.getElementById('add-label').value") == "fidelizzazione"
    assert tab.evaluate("document.getElementById('add-kind').value") == "skill"
    tab.type_text("fidelizzazione dei clienti")
    tab.press("Enter")
    saved(tab, 4)

    assert selected(tab) == "fidelizzazione dei clienti"
    states = tab.evaluate("Object.fromEntries(Array.from(document.querySelectorAll('#facts .fact')).map(c => "
                          "[c.querySelector('.label').textContent, c.querySelector('.state').textContent]))")
    assert {label: states[label] for label in ("background finanziario o commerciale", "Atlanta",
                                               "vendita di servizi aggiuntivi (upselling)", "fidelizzazione dei clienti")} == {
        "background finanziario o commerciale": "accepted", "Atlanta": "rejected",
        "vendita di servizi aggiuntivi (upselling)": "renamed", "fidelizzazione dei clienti": "added"}
    assert tab.evaluate("document.getElementById('progress').textContent").startswith("4 of ")
    click_fact(tab, "vendita di servizi aggiuntivi (upselling)")
    tab.settle()
    assert tab.errors == [] and tab.dialogs == []
    assert {url.split("/")[2] for url in only_local(tab.requests)} == {review_server.url.split("/")[2]}  # nothing but this server
    screenshot(tab, "review_server.png", tmp_path)

    sentence = next(s.text for s in article.sentences if "fidelizzazione" in s.text)
    entry = {"article": ARTICLE, "kind": None, "date": REVIEW_DAY}
    assert curation.load(sample_copy / "curation.yaml") == {
        "remove": [{**entry, "kind": "location", "object": "Atlanta"}],
        "rename": [{**entry, "kind": "responsibility", "from": "upselling", "to": "vendita di servizi aggiuntivi (upselling)"}],
        "merge": [],
        "add": [{**entry, "kind": "skill", "object": "fidelizzazione dei clienti", "quote": sentence}],
        "reviewed": [{**entry, "kind": "skill", "object": "background finanziario o commerciale"}],
    }

    result = kg.build(sample_copy)
    assert result.errors == [] and result.violations == []
    rows = [{str(k): str(v) for k, v in row.asdict().items()} for row in kg.query(result.graph, "role-evidence", role="account manager")]
    curated = {(r["object"].rsplit("/", 1)[-1], r.get("curated")) for r in rows}
    assert ("background-finanziario-o-commerciale", "reviewed") in curated
    assert ("vendita-di-servizi-aggiuntivi-upselling", "renamed") in curated
    assert ("fidelizzazione-dei-clienti", "added") in curated
    assert not any(label == "atlanta" for label, _ in curated) and not any(label == "upselling" for label, _ in curated)
    assert next(r["quote"] for r in rows if r["object"].endswith("/fidelizzazione-dei-clienti")) == sentence


def test_keys_move_between_facts_and_change_a_type(tab, review_server, sample_copy):
    open_article(tab, review_server)
    first = selected(tab)
    tab.press("j")
    second = selected(tab)
    tab.press("ArrowDown")
    tab.press("k")
    assert selected(tab) == second != first
    tab.press("ArrowUp")
    assert selected(tab) == first
    click_fact(tab, "assistenza tecnica")
    tab.press("t")
    tab.wait_for("document.activeElement && document.activeElement.getAttribute('aria-label') === 'New type'")
    tab.press("s")  # the type list is a list box: a letter goes to the first type it starts
    assert tab.evaluate("document.activeElement.value") == "skill"
    tab.press("Enter")
    saved(tab, 1)
    assert selected(tab) == "assistenza tecnica"
    assert tab.evaluate("document.querySelector('#facts .fact.selected').closest('.group').dataset.kind") == "skill"
    written = curation.load(sample_copy / "curation.yaml")
    assert [(e["kind"], e["object"]) for e in written["remove"]] == [("responsibility", "assistenza tecnica")]
    assert [(e["kind"], e["object"], e["date"]) for e in written["add"]] == [("skill", "assistenza tecnica", REVIEW_DAY)]
    tab.press("Escape")
    tab.wait_for("document.documentElement.dataset.kgReady === 'home'")
    rows = tab.evaluate("Array.from(document.querySelectorAll('#articles tbody tr')).map(r => r.innerText)")
    assert len(rows) == 2 and any("Account Manager" in r for r in rows)
    tab.press("/")
    tab.type_text("executive")
    assert tab.evaluate("document.querySelectorAll('#articles tbody tr').length") == 1
    assert tab.errors == []


HOSTILE = "<img src=x onerror=alert(1)>"


def test_hostile_article_text_stays_inert(tab, tmp_path):
    write_article(tmp_path, "hostile.md", f"""---
title: "{HOSTILE}"
---

Un account manager è responsabile della gestione &lt;img src=x onerror=alert(2)&gt; dei clienti.

Le competenze richieste includono &lt;script&gt;alert(3)&lt;/script&gt; la capacità di negoziare.
""")
    with kg_reviewing(tmp_path, today=lambda: REVIEW_DAY) as server:
        assert "<img src=x onerror=alert(2)>" in server.review.corpus.articles["hostile"].text
        tab.open(server.url, ready=False)
        tab.wait_for("document.documentElement.dataset.kgReady === 'home'")
        open_article(tab, server, "hostile")
        tab.evaluate("document.querySelectorAll('#facts .fact').forEach((c, i) => c.click())")
        tab.settle(0.5)
        assert tab.dialogs == [] and tab.errors == []
        assert tab.evaluate("document.querySelectorAll('img, iframe, object, embed').length") == 0
        assert tab.evaluate("document.querySelectorAll('script').length") == 1  # review.js only
        body = tab.evaluate("document.body.innerText")
        assert HOSTILE in body and "<img src=x onerror=alert(2)>" in body and "<script>alert(3)</script>" in body
