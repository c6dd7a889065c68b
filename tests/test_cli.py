"""The CLI only wires: errors map to exit statuses in one place, tables name nodes, views link their articles."""

from __future__ import annotations

import re
from pathlib import Path

from click.testing import CliRunner

from kg.cli import main
from tests.conftest import SAMPLE
from tests.servers import free_port


def test_query_table_names_nodes_by_label(sample_exports):
    result = CliRunner().invoke(main, ["query", "promotion-ladder", "--param", "role=account manager",
                                       "--graph", str(sample_exports / "careers.ttl")])
    assert result.exit_code == 0, result.output
    assert "direttore dei conti" in result.output
    assert "kgr:role/" not in result.output
    machine = CliRunner().invoke(main, ["query", "promotion-ladder", "--param", "role=account manager", "--format", "csv",
                                        "--graph", str(sample_exports / "careers.ttl")])
    assert "https://w3id.org/careerkg/id/role/" in machine.output  # the machine formats keep IRIs


def test_not_found_is_exit_2_and_one_line(sample_exports):
    result = CliRunner().invoke(main, ["paths", "ladder", "astronaut", "--graph", str(sample_exports / "careers.ttl")])
    assert result.exit_code == 2
    assert result.output.strip().splitlines() == [result.output.strip()] and "no role called 'astronaut'" in result.output


def test_a_store_that_cannot_be_reached_is_exit_1(sample_exports, tmp_path):
    result = CliRunner().invoke(main, ["push", "--endpoint", f"http://127.0.0.1:{free_port()}/store",
                                       "--graph", str(sample_exports / "careers.ttl"), "--state", str(tmp_path / "s.json")])
    assert result.exit_code == 1 and "cannot reach the store" in result.output


def test_views_written_elsewhere_link_the_articles_from_there(sample_exports, tmp_path):
    out = tmp_path / "deep" / "views"
    result = CliRunner().invoke(main, ["render", "roles", "-o", str(out), "--graph", str(sample_exports / "careers.ttl"),
                                       "--articles", str(SAMPLE)])
    assert result.exit_code == 0, result.output
    page = (out / "roles" / "account-manager.html").read_text(encoding="utf-8")
    links = set(re.findall(r'href="([^"]+\.md)"', page))
    assert links
    for link in links:
        assert (out / "roles" / link).resolve().is_file() or (out / link).resolve().is_file(), link
    assert all(Path(link).name in {p.name for p in SAMPLE.glob("*.md")} for link in links)


def test_the_kg_command_exits_with_the_status_of_the_error():
    """`kg` runs click without standalone mode (for its Ctrl-C line): the status of a KgError must still reach the shell."""
    import subprocess
    import sys

    result = subprocess.run([sys.executable, "-m", "kg", "query", "no-such-question"], capture_output=True, text=True, check=False)
    assert result.returncode == 2 and "no question called" in result.stderr


def test_build_says_how_many_files_an_edit_wrote(tmp_path, monkeypatch):
    """A rebuild after a one-article edit rewrites a few files: the summary tells them apart from the files the
    exports hold."""
    from tests.conftest import write_article

    monkeypatch.setenv("KG_CACHE_DIR", str(tmp_path / "cache"))
    source, out = tmp_path / "source", tmp_path / "exports"
    write_article(source, "baker.md", "---\ntitle: Baker\nlang: en\n---\n\nBakers bake bread and clean the ovens.\n")
    write_article(source, "nurse.md", "---\ntitle: Nurse\nlang: en\n---\n\nNurses give medicines.\n")
    first = CliRunner().invoke(main, ["build", str(source), "--out", str(out)])
    held, fresh = map(int, re.search(r"holds (\d+) files, (\d+) of them written now", first.output).groups())
    assert first.exit_code == 0 and held == fresh > 0
    write_article(source, "nurse.md", "---\ntitle: Nurse\nlang: en\n---\n\nNurses give medicines and check wounds.\n")
    second = CliRunner().invoke(main, ["build", str(source), "--out", str(out)])
    held2, fresh2 = map(int, re.search(r"holds (\d+) files, (\d+) of them written now", second.output).groups())
    assert second.exit_code == 0 and 0 < fresh2 < held2
