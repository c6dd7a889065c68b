"""A bounded load test of `kg serve` on loopback: every named question, many clients at once, zero errors.

The server runs as `kg serve` configures it (two query workers, default limits but time); the count and the
concurrency are fixed so the figures printed (p50, p99, requests per second) compare run to run. Speed is
measured in bench/, not asserted here.
"""

from __future__ import annotations

import json
import shlex
import statistics
import time
import urllib.error
import urllib.parse
import urllib.request
from concurrent.futures import ThreadPoolExecutor

import pytest

from kg.query import questions
from tests.servers import kg_serving

REQUESTS = 200
CLIENTS = 20


@pytest.fixture(scope="module")
def server(sample_build, sample_exports):
    # The defaults of `kg serve`, but for the per-query time limit: a slow or loaded machine (CI, two cores
    # shared with other work) must not turn a slow answer into a 503 and fail a test about errors.
    with kg_serving(sample_build.graph, sample_exports, time_limit=3600) as url:
        yield url


def example_url(question) -> str:
    """/api/<name>?... with the parameters of the question's own example, answered as JSON or Turtle."""
    words = shlex.split(question.example)
    params = dict(words[i + 1].split("=", 1) for i, word in enumerate(words) if word == "--param")
    params["format"] = "ttl" if "--format ttl" in question.example else "json"
    return f"/api/{question.name}?{urllib.parse.urlencode(params)}"


def test_named_questions_under_concurrent_load(server):
    urls = [example_url(q) for q in questions().values()]

    def ask(index: int) -> tuple[float, int, int]:
        started = time.perf_counter()
        try:
            with urllib.request.urlopen(server + urls[index % len(urls)], timeout=60) as reply:
                body = reply.read()
                if reply.headers["Content-Type"].startswith("application/sparql-results+json"):
                    json.loads(body)
                return time.perf_counter() - started, reply.status, len(body)
        except urllib.error.HTTPError as error:  # counted, so a failure lists every error, not the first
            return time.perf_counter() - started, error.code, 0

    started = time.perf_counter()
    with ThreadPoolExecutor(CLIENTS) as clients:
        answers = list(clients.map(ask, range(REQUESTS)))
    elapsed = time.perf_counter() - started
    latencies = sorted(seconds for seconds, _, _ in answers)
    errors = [(urls[i % len(urls)], status) for i, (_, status, _) in enumerate(answers) if status != 200]
    assert errors == []
    assert all(size > 0 for _, _, size in answers)
    p50, p99 = statistics.median(latencies), latencies[int(0.99 * (REQUESTS - 1))]
    print(f"\nload: {REQUESTS} named questions ({len(urls)} kinds), {CLIENTS} clients: 0 errors, "
          f"p50 {p50 * 1000:.0f} ms, p99 {p99 * 1000:.0f} ms, {REQUESTS / elapsed:.0f} requests/s")
