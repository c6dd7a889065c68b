"""Two builds of one export folder never run at once: the second fails at once, with one line and exit 1.

The first build is this test process holding the lock (kg.pipeline.lock), the second a real `kg build`
process: no timing is involved."""

from __future__ import annotations

import os
import subprocess
import sys

from click.testing import CliRunner

from kg.cli import main
from kg.pipeline.cache import folder_for
from kg.pipeline.lock import LOCK, building
from tests.conftest import ROOT, write_article

ARTICLE = "---\ntitle: Paralegal\nlang: en\n---\n\nA good paralegal may be promoted to senior paralegal.\n"


def other_process_builds(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "kg", "build", *args], capture_output=True, text=True, cwd=ROOT,
                          env=os.environ, stdin=subprocess.DEVNULL, check=False)


def test_a_second_build_of_the_same_exports_fails_at_once_and_writes_nothing(tmp_path):
    source, out = tmp_path / "articles", tmp_path / "exports"
    write_article(source, "paralegal.md", ARTICLE)
    with building(out):
        second = other_process_builds(str(source), "-o", str(out), "-q")
        assert second.returncode == 1
        assert second.stderr == f"error: another kg build is writing {out} (it holds {out / LOCK}); run this one when it has finished\n"
        assert [p.name for p in out.iterdir()] == [LOCK]  # no export written
        assert not folder_for(source).exists()  # it failed before reading an article
        checked = other_process_builds(str(source), "-o", str(out), "--check")
        assert checked.returncode == 1 and "another kg build is writing" in checked.stderr
    first = CliRunner().invoke(main, ["build", str(source), "-o", str(out), "-q"])
    assert first.exit_code == 0, first.output
    assert (out / "careers.ttl").is_file()


def test_checks_run_side_by_side_and_a_check_writes_no_lock(tmp_path):
    source, out = tmp_path / "articles", tmp_path / "exports"
    write_article(source, "paralegal.md", ARTICLE)
    missing = CliRunner().invoke(main, ["build", str(source), "-o", str(out), "--check", "-q"])
    assert missing.exit_code == 3 and not out.exists()  # stale (nothing there), and nothing created
    assert CliRunner().invoke(main, ["build", str(source), "-o", str(out), "-q"]).exit_code == 0
    with building(out, check=True):
        assert CliRunner().invoke(main, ["build", str(source), "-o", str(out), "--check", "-q"]).exit_code == 0
        assert other_process_builds(str(source), "-o", str(out), "-q").returncode == 1
