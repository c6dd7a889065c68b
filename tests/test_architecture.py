"""The layout is the data flow: stage contracts (import-linter), lint (ruff), and an `import kg` that loads nothing."""

from __future__ import annotations

import importlib
import subprocess
import sys
from pathlib import Path

import kg

ROOT = Path(__file__).resolve().parents[1]
HEAVY = ("rdflib", "pyoxigraph", "networkx", "kg.extract", "kg.pipeline", "kg.read", "yaml", "click")


def run(*command: str) -> subprocess.CompletedProcess:
    return subprocess.run(command, cwd=ROOT, capture_output=True, text=True, stdin=subprocess.DEVNULL, check=False)


def test_stages_import_only_earlier_stages():
    result = run(sys.executable, "-c", "import sys; from importlinter.cli import lint_imports; sys.exit(lint_imports(no_cache=True))")
    assert "Contracts: 1 kept, 0 broken." in result.stdout, result.stdout[-3000:]
    assert result.returncode == 0


def test_ruff_finds_nothing():
    result = run(sys.executable, "-m", "ruff", "check", "--no-cache", "kg", "tests", "bench", "scripts")
    assert result.returncode == 0, result.stdout[-3000:]


def test_import_kg_loads_no_stage_and_no_heavy_library():
    result = run(sys.executable, "-X", "importtime", "-c", "import kg")
    loaded = {line.split("|")[-1].strip() for line in result.stderr.splitlines() if "|" in line}
    assert "kg" in loaded
    assert not {name for name in loaded if name.split(".")[0] in HEAVY or name.startswith(HEAVY)}, sorted(loaded)


def test_public_api_names_resolve_lazily():
    assert sorted(kg.__all__) == sorted(dir(kg))
    for name in kg.__all__:
        assert getattr(kg, name) is not None
    assert kg.paths.ladder.__module__ == "kg.paths.career"
    importlib.import_module("kg.evaluate")  # submodules named like API functions do not replace them
    importlib.import_module("kg.query.formats")
    assert callable(kg.query) and callable(kg.evaluate)


def test_kg_help_lists_every_command_without_loading_one():
    result = run(sys.executable, "-X", "importtime", "-m", "kg", "--help")
    assert result.returncode == 0
    loaded = {line.split("|")[-1].strip() for line in result.stderr.splitlines() if "|" in line}
    assert not {name for name in loaded if name.startswith(("rdflib", "pyoxigraph", "kg.pipeline", "kg.cli.build"))}
    from kg.cli import COMMANDS
    for name in COMMANDS:
        assert name in result.stdout


def test_command_summaries_are_the_commands_own():
    import click

    from kg.cli import COMMANDS, main

    ctx = click.Context(main)
    for name, (_, _, summary) in COMMANDS.items():
        assert main.get_command(ctx, name).get_short_help_str(limit=500) == summary
