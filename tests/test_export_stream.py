"""The streaming writers (N-Triples, N-Quads from an Oxigraph store, sorted on disk) write the bytes the
in-memory writers write, under any hash seed, whatever the size of their sorting runs."""

from __future__ import annotations

import io
import os
import subprocess
import sys

import pytest

import kg
from bench.corpus import write_corpus
from kg.export import FORMATS, lines
from kg.export.lines import SortedLines
from tests.conftest import ROOT

STREAMING = [name for name, fmt in FORMATS.items() if fmt.stream]


def streamed(name: str, store) -> bytes:
    out = io.BytesIO()
    FORMATS[name].stream(store, out)
    return out.getvalue()


def test_nt_and_nq_stream():
    assert STREAMING == ["nt", "nq"]


@pytest.mark.parametrize("name", STREAMING)
def test_a_streamed_export_is_the_in_memory_one_on_the_sample(sample_build, name):
    assert streamed(name, sample_build.store) == next(iter(FORMATS[name].files(sample_build.index).values()))


@pytest.mark.parametrize("name", STREAMING)
def test_a_streamed_export_spilled_in_many_runs_is_the_in_memory_one(tmp_path, monkeypatch, name):
    """A generated corpus sharing roles, skills and places across articles (descriptions repeated per graph)."""
    result = kg.build(write_corpus(tmp_path / "articles", 12))
    monkeypatch.setattr(lines, "RUN", 97)  # dozens of runs merged
    data = streamed(name, result.store)
    assert data.count(b"\n") > 20 * 97
    assert data == next(iter(FORMATS[name].files(result.index).values()))


def test_a_line_separator_inside_a_literal_stays_inside_its_line(tmp_path):
    """N-Triples escapes only quotes, backslashes, CR and LF: U+2028 and a form feed stay as they are, in one line."""
    from rdflib import Literal, URIRef

    from kg.export.ntriples import of_triples
    from kg.store.persisted import to_store

    triples = [(URIRef("https://example.org/a"), URIRef("https://example.org/says"), Literal(text)) for text in ("x\u2028y", "z\x0cw")]
    data = of_triples(triples)
    assert data.count(b"\n") == 2
    assert streamed("nt", to_store(triples)) == data


def test_sorted_lines_drop_repeats_across_runs():
    sorter = SortedLines(run=3)
    for line in [b"c\n", b"a\n", b"b\n", b"a\n", b"\xc3\xa8\n", b"b\n", b"z\n"]:
        sorter.add(line)
    out = io.BytesIO()
    sorter.write(out)
    assert out.getvalue() == b"a\nb\nc\nz\n\xc3\xa8\n"


@pytest.mark.parametrize("name", STREAMING)
def test_kg_export_streams_the_same_bytes_under_any_hash_seed(sample_build, sample_exports, name):
    expected = next(iter(FORMATS[name].files(sample_build.index).values()))
    for seed in ("0", "4242"):
        run = subprocess.run([sys.executable, "-m", "kg", "export", "-f", name, "--graph", str(sample_exports / "careers.ttl")],
                             env={**os.environ, "PYTHONHASHSEED": seed}, capture_output=True, check=True, cwd=ROOT)
        assert run.stdout == expected, seed
