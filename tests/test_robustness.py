"""Bad input, interrupted and killed builds: one line per problem, the rest builds, exports stay whole."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner
from rdflib import Graph
from rdflib.namespace import SKOS

import kg
from kg.cli import main
from tests.conftest import SAMPLE, write_article
from tests.servers import default_sigint

GOOD = (SAMPLE / "account-manager.md").read_text(encoding="utf-8")


def build_folder(tmp_path: Path, name: str, content: bytes | None) -> tuple[int, str, Path]:
    """A folder with one good article and one bad one; run `kg build` on it."""
    folder = tmp_path / "src"
    folder.mkdir(exist_ok=True)
    (folder / "good.md").write_text(GOOD, encoding="utf-8")
    if content is not None:
        (folder / name).write_bytes(content)
    out = tmp_path / "out"
    result = CliRunner().invoke(main, ["build", str(folder), "-o", str(out), "-q"])
    return result.exit_code, result.stderr, out


CASES = [
    ("empty.md", b"", ":1: error: empty file"),
    ("binary.md", b"\x89PNG\r\n\x1a\n\x00\x00\x00", ":1: error: binary file, not a markdown article"),
    ("latin1.md", "---\ntitle: Caffè\n---\n".encode("cp1252"), ":2: error: not UTF-8 (byte 0xe8); looks like cp1252: convert it to UTF-8"),
    ("yaml.md", b"---\ntitle: [a\n---\n\nx\n", ":2: error: frontmatter is not valid YAML: expected ',' or ']', but got '<stream end>'"),
    ("list.md", b"---\n- a\n---\n\nx\n", ":2: error: frontmatter is not a mapping of keys to values"),
    ("notitle.md", b"---\ndescription: d\n---\n\nplain text\n", ":1: error: no title in the frontmatter and no '# heading' in the text"),
    ("listtitle.md", b"---\ntitle: [a, b]\n---\n\nx\n", ":2: error: title must be text, not a list or mapping"),
    ("lang.md", b"---\ntitle: Boulanger\nlang: fr\n---\n\nLe boulanger fait du pain.\n", ":3: error: no rules for language 'fr' (have: en, it)"),
    ("big.md", b"---\ntitle: Big\n---\n\n" + b"word " * 500_000, ":1: error: file is 2,500,020 bytes, over the 2,000,000-byte limit"),
]


@pytest.mark.parametrize(("name", "content", "message"), CASES, ids=[c[0] for c in CASES])
def test_bad_input_matrix(tmp_path, name, content, message):
    code, stderr, out = build_folder(tmp_path, name, content)
    assert code == 1
    lines = stderr.strip().splitlines()
    assert lines == [f"{tmp_path / 'src' / name}{message}"]
    assert "Traceback" not in stderr
    assert "account manager" in (out / "careers.ttl").read_text(encoding="utf-8")


def test_number_title_is_text(tmp_path):
    code, stderr, out = build_folder(tmp_path, "n.md", b"---\ntitle: 42\n---\n\nIl 42 si occupa di numeri.\n")
    assert code == 0, stderr


def test_directory_named_like_an_article(tmp_path):
    (tmp_path / "src").mkdir()
    (tmp_path / "src" / "x.md").mkdir()
    code, stderr, _ = build_folder(tmp_path, "unused.md", None)
    assert code == 1
    assert stderr.strip() == f"{tmp_path / 'src' / 'x.md'}:1: error: is a directory, not an article file"


def test_symlink_loop(tmp_path):
    (tmp_path / "src").mkdir()
    os.symlink(tmp_path / "src" / "loop.md", tmp_path / "src" / "loop.md")
    code, stderr, _ = build_folder(tmp_path, "unused.md", None)
    assert code == 1
    assert stderr.strip().startswith(f"{tmp_path / 'src' / 'loop.md'}:1: error: cannot open")


def test_hostile_and_odd_titles_make_valid_iris_and_labels(tmp_path):
    title = '"Quoted" <b>Sales</b> & Co 🚀'
    write_article(tmp_path, "odd.md", f"---\ntitle: '{title}'\nlang: en\n---\n\nThe sales & co manager is responsible for deals.\n")
    result = kg.build(tmp_path)
    assert result.errors == [] and result.violations == []
    out = tmp_path / "out"
    kg.write(result, out)
    g = Graph().parse(out / "careers.ttl")
    labels = {str(o) for o in g.objects(None, SKOS.altLabel)} | {str(o) for o in g.objects(None, SKOS.prefLabel)}
    assert title in labels  # nothing escaped twice: the label is the text itself
    assert all(" " not in str(s) and "<" not in str(s) for s in g.subjects())


def test_multiline_title_warns_and_strict_fails(tmp_path):
    write_article(tmp_path, "a.md", "---\ntitle: |\n  Loan\n  Officer\nlang: en\n---\n\nA loan officer is responsible for approving loans.\n")
    result = kg.build(tmp_path)
    assert [w.message for w in result.warnings] == ["the title spans several lines; they were joined"]
    assert result.articles[0].role == "loan officer"
    strict = CliRunner().invoke(main, ["build", str(tmp_path), "-o", str(tmp_path / "o"), "--strict"])
    assert strict.exit_code == 1
    assert f"{tmp_path / 'a.md'}:1: warning: the title spans several lines" in strict.stderr


def test_duplicate_titles_merge_with_a_warning(tmp_path):
    write_article(tmp_path, "a.md", "---\ntitle: Actuary\nlang: en\n---\n\nAn actuary is responsible for pricing.\n")
    write_article(tmp_path, "b.md", "---\ntitle: Actuaries\nlang: en\n---\n\nActuaries are responsible for reserving.\n")
    result = kg.build(tmp_path)
    assert len(result.resolution.roles) == 2 and len(set(result.resolution.roles.values())) == 1
    assert {w.message for w in result.warnings} == {"same role as a.md: merged into one node with both articles as sources",
                                                    "same role as b.md: merged into one node with both articles as sources"}


def test_deeply_nested_markdown(tmp_path):
    nested = "".join("  " * i + "- level\n" for i in range(60)) + "#" * 6 + " deep\n" + "> " * 50 + "quote\n"
    write_article(tmp_path, "deep.md", "---\ntitle: Deep Diver\nlang: en\n---\n\n" + nested)
    result = kg.build(tmp_path)
    assert result.errors == [] and result.violations == []


def _corpus(folder: Path, copies: int) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for i in range(copies):
        for article in SAMPLE.glob("*.md"):
            text = article.read_text(encoding="utf-8").replace("title: Account", f"title: Account{i}")
            (folder / f"{article.stem}-{i}.md").write_text(text, encoding="utf-8")


def test_ctrl_c_prints_one_line_and_exits_130(tmp_path):
    """SIGINT while the build reads an article: a FIFO holds the reader there, so no timing decides the moment.

    The child gets SIGINT's default disposition back (tests.servers.default_sigint): under a background job it
    is inherited ignored, and Python then never raises KeyboardInterrupt, rightly so for `kg build &`."""
    src = tmp_path / "src"
    _corpus(src, 3)
    os.mkfifo(src / "zz-blocking.md")  # sorted last: the build is past its imports and its first articles
    proc = subprocess.Popen([sys.executable, "-m", "kg", "build", str(src), "-o", str(tmp_path / "out")],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, stdin=subprocess.DEVNULL, text=True,
                            preexec_fn=default_sigint)
    with open(src / "zz-blocking.md", "w", encoding="utf-8"):  # returns once the build has opened it to read
        proc.send_signal(signal.SIGINT)
        _, stderr = proc.communicate(timeout=120)
    assert proc.returncode == 130
    assert stderr.strip() == "interrupted"


def test_sigkill_never_leaves_half_written_exports(tmp_path):
    """Kill real builds at several moments: the previous exports stay complete and parseable."""
    src, out = tmp_path / "src", tmp_path / "out"
    _corpus(src, 15)
    subprocess.run([sys.executable, "-m", "kg", "build", str(src), "-o", str(out), "-q"], check=True)
    reference = {p.relative_to(out): p.read_bytes() for p in out.rglob("*") if p.is_file()}
    (src / "account-manager-0.md").write_text(GOOD.replace("Chicago", "Boston"), encoding="utf-8")
    for delay in (0.3, 1.0, 2.0, 3.5, 5.0):
        proc = subprocess.Popen([sys.executable, "-m", "kg", "build", str(src), "-o", str(out), "-q"])
        time.sleep(delay)
        proc.kill()
        proc.wait()
        for relative in reference:
            path = out / relative
            assert path.is_file(), relative
            if path.suffix == ".ttl":
                Graph().parse(path, format="turtle")
    subprocess.run([sys.executable, "-m", "kg", "build", str(src), "-o", str(out), "-q"], check=True)
    assert not list(out.rglob(".*.tmp"))
    assert "Boston" in (out / "careers.ttl").read_text(encoding="utf-8")
