"""`kg build --scheduler`: extraction on a real Dask cluster (a LocalCluster in this process, no network)
gives the same graph and exports as the local cores, and uses the article cache the same way."""

from __future__ import annotations

import shutil
import subprocess
import sys
from types import SimpleNamespace

import pytest
from click.testing import CliRunner

import kg
from kg.cli import main
from kg.errors import RemoteFailed
from kg.pipeline import executors
from kg.pipeline.build import outputs
from kg.pipeline.cache import folder_for
from tests.conftest import DATA, ROOT, SAMPLE

distributed = pytest.importorskip("distributed")


LOOPBACK = {"dashboard_address": "127.0.0.1:0", "worker_dashboard_address": "127.0.0.1:0"}  # their HTTP servers too (default: all interfaces)


@pytest.fixture(scope="module")
def scheduler():
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=False, **LOOPBACK) as cluster:
        yield cluster.scheduler_address


@pytest.fixture
def corpus(tmp_path):
    """Sixteen articles in two languages, plus the two samples: several batches, some errors-free order to keep."""
    source = tmp_path / "articles"
    for lang in ("it", "en"):
        shutil.copytree(DATA / "corpus" / lang, source / lang, ignore=shutil.ignore_patterns("*.yaml"))
    for path in SAMPLE.glob("*.md"):
        shutil.copy(path, source / path.name)
    (source / "broken.md").write_text("---\ntitle: [unclosed\n---\n", encoding="utf-8")
    return source


def local(source) -> dict[str, bytes]:
    shutil.rmtree(folder_for(source), ignore_errors=True)
    return outputs(kg.build(source))


def test_a_cluster_builds_byte_identical_exports(corpus, scheduler, monkeypatch):
    monkeypatch.setattr(executors, "BATCH", 3)  # several batches, gathered back in path order
    expected = local(corpus)
    shutil.rmtree(folder_for(corpus), ignore_errors=True)
    seen = []
    result = kg.build(corpus, scheduler=scheduler, progress=lambda done, total: seen.append((done, total)))
    assert outputs(result) == expected
    assert [str(e) for e in result.errors] == [str(e) for e in kg.build(corpus).errors] != []
    assert seen[-1] == (len(seen), len(seen)) and len(seen) == len(list(corpus.rglob("*.md")))


def test_only_cache_misses_go_to_the_cluster(corpus, scheduler, monkeypatch):
    kg.build(corpus)
    edited = corpus / "en" / sorted(p.name for p in (corpus / "en").glob("*.md"))[0]
    edited.write_text(edited.read_text(encoding="utf-8") + "\nEdited.\n", encoding="utf-8")
    sent = []
    original = executors.DaskCluster.imap

    def recording(self, function, jobs, chunksize=1):
        sent.extend(path.name for path, _ in jobs)
        return original(self, function, jobs, chunksize)

    monkeypatch.setattr(executors.DaskCluster, "imap", recording)
    result = kg.build(corpus, scheduler=scheduler)
    assert sent == ["broken.md", edited.name]  # in path order: the failed article (errors are not cached), the edit
    monkeypatch.undo()
    assert outputs(result) == local(corpus)


def test_an_unreachable_scheduler_is_one_line(corpus, monkeypatch):
    monkeypatch.setattr(executors, "CONNECT_TIMEOUT", "1s")
    result = CliRunner().invoke(main, ["build", str(corpus), "-o", str(corpus.parent / "out"), "--scheduler", "tcp://127.0.0.1:9"])
    assert result.exit_code == 1
    assert result.output.startswith("error: cannot reach the Dask scheduler at tcp://127.0.0.1:9")
    assert len(result.output.strip().splitlines()) == 1 and "Traceback" not in result.output


def test_a_scheduler_without_workers_is_one_line(corpus, monkeypatch):
    monkeypatch.setattr(executors, "CONNECT_TIMEOUT", "1s")
    with distributed.LocalCluster(n_workers=0, processes=False, **LOOPBACK) as cluster:
        with pytest.raises(kg.KgError, match=f"^error: the Dask scheduler at {cluster.scheduler_address} has no workers$"):
            kg.build(corpus, scheduler=cluster.scheduler_address)


def test_without_dask_the_option_says_what_to_install(corpus, monkeypatch):
    monkeypatch.setitem(sys.modules, "distributed", None)  # as if it were not installed
    result = CliRunner().invoke(main, ["build", str(corpus), "-o", str(corpus.parent / "out"), "--scheduler", "tcp://127.0.0.1:9"])
    assert result.exit_code == 2
    assert result.output == "error: --scheduler needs Dask distributed: pip install 'kg[distributed]'\n"


def test_workers_running_other_code_are_refused(corpus, scheduler, monkeypatch):
    real = executors.fingerprint

    def on_workers_another(dask_worker=None):  # Client.run passes the worker it runs on
        return real() if dask_worker is None else ("another code version", {})

    monkeypatch.setattr(executors, "fingerprint", on_workers_another)
    with pytest.raises(kg.KgError, match="run another kg"):
        kg.build(corpus, scheduler=scheduler)


def _lost(job):
    worker = SimpleNamespace(address="tcp://127.0.0.1:1")  # the scheduler's WorkerState, as far as the message reads it
    raise distributed.KilledWorker("extract-batch", worker, 3)  # what a task whose workers all died raises


def test_a_cluster_that_loses_the_work_is_one_line(scheduler):
    with executors.DaskCluster(scheduler) as cluster, pytest.raises(RemoteFailed) as failed:
        list(cluster.imap(_lost, ["a.md"]))
    assert str(failed.value).startswith(f"error: the Dask cluster at {scheduler} lost the extraction: ")
    assert "\n" not in str(failed.value)


def test_kg_build_on_worker_processes_over_loopback_matches_the_committed_exports():
    """Worker processes pickle every Article, Fact and KgError across TCP, as a real cluster does."""
    with distributed.LocalCluster(n_workers=1, threads_per_worker=1, processes=True, host="127.0.0.1", **LOOPBACK) as cluster:
        run = subprocess.run([sys.executable, "-m", "kg", "build", str(SAMPLE), "-o", str(ROOT / "exports"), "--check",
                              "--scheduler", cluster.scheduler_address], capture_output=True, text=True, cwd=ROOT)
    assert run.returncode == 0, run.stderr
    assert run.stdout == f"up to date: {ROOT / 'exports'} matches {SAMPLE}\n"
