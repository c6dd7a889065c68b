"""kg review's server: a change needs the session's token, only this server's own pages may talk to it, and
decisions sent at once from many tabs all land in curation.yaml."""

from __future__ import annotations

import http.client
import json
import signal
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor

import pytest

import kg
from kg.language.profile import fold
from kg.resolve import curation
from tests.conftest import REVIEW_DAY, write_article
from tests.servers import free_port, kg_reviewing, running

BEFORE = "# kept as it is\nremove:\n  - {kind: location, object: Atlanta}   # by hand\n"



def ask(server, method: str, path: str, body=None, headers: dict | None = None) -> tuple[int, str]:
    port = server.server_address[1]
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    data = json.dumps(body).encode() if isinstance(body, (dict, list)) else body
    connection.request(method, path, body=data, headers={"Host": f"127.0.0.1:{port}", **(headers or {})})
    response = connection.getresponse()
    text = response.read().decode("utf-8")
    connection.close()
    return response.status, text


def post(server, body, **headers) -> tuple[int, str]:
    return ask(server, "POST", "/api/decisions", body, {"Content-Type": "application/json", "X-KG-Token": server.token, **headers})


REJECT = {"action": "reject", "article": "account-manager", "kind": "location", "subject": "account manager", "object": "Chicago"}


def test_a_change_without_the_token_is_refused_and_changes_nothing(review_server, sample_copy):
    path = sample_copy / "curation.yaml"
    path.write_text(BEFORE, encoding="utf-8")
    before = path.read_bytes()
    json_type = {"Content-Type": "application/json"}
    for method, headers in [("POST", json_type), ("POST", {**json_type, "X-KG-Token": "guess"}),
                            ("POST", {**json_type, "X-KG-Token": ""}), ("PUT", json_type), ("DELETE", {}),
                            ("POST", {"Content-Type": "application/x-www-form-urlencoded"}),  # what a cross-site form sends
                            ("POST", {"Content-Type": "text/plain"})]:
        status, text = ask(review_server, method, "/api/decisions", REJECT, headers)
        assert status == 403, (method, headers, text)
        assert path.read_bytes() == before
    assert post(review_server, REJECT)[0] == 200  # the same request with the token is taken
    assert path.read_bytes() != before and "Chicago" in path.read_text(encoding="utf-8")


def test_no_file_is_made_by_a_refused_change(review_server, sample_copy):
    assert ask(review_server, "POST", "/api/decisions", REJECT, {"Content-Type": "application/json"})[0] == 403
    assert not (sample_copy / "curation.yaml").exists()


@pytest.mark.parametrize("headers", [
    {"Host": "evil.example"},  # DNS rebinding: a name of the attacker's that points at 127.0.0.1
    {"Host": "evil.example:7071"},
    {"Origin": "http://evil.example"},
    {"Origin": "null"},
    {"Sec-Fetch-Site": "cross-site"},
])
def test_only_this_servers_own_pages_may_talk_to_it(review_server, sample_copy, headers):
    for method, path, body in [("GET", "/api/articles", None), ("GET", "/", None), ("POST", "/api/decisions", REJECT)]:
        sent = {"Content-Type": "application/json", "X-KG-Token": review_server.token, **headers} if method == "POST" else headers
        status, _ = ask(review_server, method, path, body, sent)
        assert status == 403, (method, path, headers)
    assert not (sample_copy / "curation.yaml").exists()
    port = review_server.server_address[1]
    assert ask(review_server, "GET", "/api/articles", headers={"Origin": f"http://127.0.0.1:{port}"})[0] == 200
    assert ask(review_server, "GET", "/api/articles", headers={"Host": f"localhost:{port}"})[0] == 200


def test_the_page_carries_the_token_and_a_strict_policy(review_server):
    port = review_server.server_address[1]
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    connection.request("GET", "/")
    response = connection.getresponse()
    page = response.read().decode()
    assert f'<meta name="kg-token" content="{review_server.token}">' in page
    policy = response.headers["Content-Security-Policy"]
    assert "script-src 'self'" in policy and "connect-src 'self'" in policy and "frame-ancestors 'none'" in policy
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert "Access-Control-Allow-Origin" not in response.headers  # never granted: no cross-site preflight passes
    assert "http" not in page.replace("http-equiv", "")  # no CDN, no remote asset
    for name in ("review.js", "review.css"):
        status, text = ask(review_server, "GET", f"/static/{name}")
        assert status == 200 and "http://" not in text and "https://" not in text
    assert ask(review_server, "GET", "/static/../review_server.py")[0] == 404
    assert ask(review_server, "GET", "/static/index.html/..%2f..%2fserver.py")[0] == 404


def test_a_decision_answers_the_article_as_it_now_stands(review_server, sample_copy):
    status, text = post(review_server, REJECT)
    assert status == 200
    article = json.loads(text)
    chicago = next(f for f in article["facts"] if f["object"] == "Chicago")
    assert (chicago["state"], chicago["in_graph"], chicago["date"]) == ("rejected", False, "2026-03-02")
    assert all(0 < f["confidence"] <= 1 for f in article["facts"])  # the extractor's, shown beside each fact
    assert len({f["confidence"] for f in article["facts"]}) > 1
    assert article["counts"]["reviewed"] == 1
    home = json.loads(ask(review_server, "GET", "/api/articles")[1])
    assert home["totals"]["reviewed"] == 1 and home["totals"]["open"] == home["totals"]["facts"] - 1
    assert curation.load(sample_copy / "curation.yaml")["remove"] == [
        {"article": "account-manager", "kind": "location", "object": "Chicago", "date": REVIEW_DAY}]


@pytest.mark.parametrize("body, status", [
    ({**REJECT, "object": "Narnia"}, 404),
    ({**REJECT, "article": "nobody"}, 404),
    ({**REJECT, "action": "dance"}, 400),
    ({**REJECT, "action": "retype", "new_kind": "salary"}, 400),
    ({"action": "add", "article": "account-manager", "kind": "skill", "start": 5, "end": 1}, 400),
    ({"action": "add", "article": "account-manager", "kind": "salary", "start": 0, "end": 7}, 400),
    (b"{not json", 400),
    ([1, 2], 400),
])
def test_bad_decisions_are_refused_and_change_nothing(review_server, sample_copy, body, status):
    assert post(review_server, body)[0] == status
    assert not (sample_copy / "curation.yaml").exists()


def test_a_broken_curation_file_stops_decisions_until_fixed(review_server, sample_copy):
    (sample_copy / "curation.yaml").write_text("remove:\n  - {kind: nonsense, object: x}\n", encoding="utf-8")
    before = (sample_copy / "curation.yaml").read_bytes()
    status, text = post(review_server, REJECT)
    assert status == 409 and "curation.yaml:2" in text and "unknown fact kind 'nonsense'" in text
    assert (sample_copy / "curation.yaml").read_bytes() == before
    assert ask(review_server, "GET", "/api/articles")[0] == 409


def test_decisions_sent_at_once_all_land(review_server, sample_copy):
    """Many tabs, one file: every decision is read, edited and written under one lock."""
    corpus = review_server.review.corpus
    requests = {}
    for slug, found in sorted(corpus.facts.items()):
        for f in found:
            key = (slug, f.kind, fold(f.subject), fold(f.object))
            action = "accept" if len(requests) % 2 else "reject"
            requests.setdefault(key, {"action": action, "article": slug, "kind": f.kind, "subject": f.subject, "object": f.object})
    unique = set(requests)
    requests = list(requests.values())
    with ThreadPoolExecutor(16) as pool:
        statuses = list(pool.map(lambda r: post(review_server, r)[0], requests))
    assert set(statuses) == {200}
    written = curation.load(sample_copy / "curation.yaml")
    assert len(written["remove"]) + len(written["reviewed"]) == len(unique) > 40
    decided = {(e["article"], e["kind"], fold(e.get("role", corpus.articles[e["article"]].role)), fold(e["object"]))
               for section in ("remove", "reviewed") for e in written[section]}
    assert decided == unique
    home = json.loads(ask(review_server, "GET", "/api/articles")[1])
    assert home["totals"]["reviewed"] == len(unique) and home["totals"]["open"] == home["totals"]["facts"] - len(unique)


def test_hostile_article_text_is_data(tmp_path):
    write_article(tmp_path, "hostile.md", """---
title: "<img src=x onerror=alert(1)>"
---

Un account manager è responsabile della gestione &lt;script&gt;alert(2)&lt;/script&gt; dei clienti.
""")
    with kg_reviewing(tmp_path, today=lambda: REVIEW_DAY) as server:
        status, text = ask(server, "GET", "/api/articles/hostile")
        article = json.loads(text)
        assert article["title"] == "<img src=x onerror=alert(1)>" and "<script>alert(2)</script>" in article["text"]
        status, page = ask(server, "GET", "/")
        assert "alert" not in page  # article text reaches the page only as JSON, put in with textContent


def test_kg_review_cli_prints_its_address_and_stops_on_ctrl_c(sample_copy):
    port = free_port()
    args = [sys.executable, "-m", "kg", "review", str(sample_copy), "--port", str(port), "--no-browser"]
    with running(args, port) as process:
        process.send_signal(signal.SIGINT)
        assert process.wait(30) == 0
    help_text = subprocess.run([sys.executable, "-m", "kg", "review", "--help"], capture_output=True, text=True, check=True).stdout
    assert "--port" in help_text and "--no-browser" in help_text and "curation.yaml" in help_text


def test_the_build_applies_what_the_page_decided(review_server, sample_copy):
    post(review_server, REJECT)
    post(review_server, {**REJECT, "action": "rename", "object": "upselling", "kind": "responsibility", "label": "vendita aggiuntiva"})
    result = kg.build(sample_copy)
    assert result.errors == [] and result.violations == []
    facts = {(f.kind, f.object, f.evidence.curated) for f in result.facts["account-manager"]}
    assert ("responsibility", "vendita aggiuntiva", "renamed") in facts
    assert not any(kind == "location" and label == "Chicago" for kind, label, _ in facts)
