"""The bench modules that read their arguments by hand answer --help with their usage instead of running."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


@pytest.mark.parametrize(("module", "usage"), [("bench", "python -m bench [SIZE"), ("bench.scaling", "python -m bench.scaling SOURCE"),
                                               ("bench.splice", "python -m bench.splice [COPIES")])
def test_help_prints_the_usage_and_runs_nothing(module, usage, tmp_path):
    done = subprocess.run([sys.executable, "-m", module, "--help"], cwd=ROOT, capture_output=True, text=True, check=True,
                          env={"PATH": "/usr/bin:/bin", "KG_CACHE_DIR": str(tmp_path), "PYTHONPATH": str(ROOT)})
    assert usage in done.stdout
    assert not list(tmp_path.iterdir())  # no corpus generated, no cache made
