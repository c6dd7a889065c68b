"""`kg build` and `kg eval`."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from kg.cli.common import OK, SHACL, SOME_FAILED, STALE, fail
from kg.pipeline import manifest
from kg.pipeline.discover import discover, root_of
from kg.pipeline.lock import building


@click.command("build")
@click.argument("source", type=click.Path(path_type=Path), default=Path("source"))
@click.option("-o", "--out", type=click.Path(path_type=Path), default=Path("exports"), show_default=True,
              help="Folder the exports are written to.")
@click.option("--check", is_flag=True, help="Write nothing; exit 3 if the exports differ from what SOURCE builds now.")
@click.option("--strict", is_flag=True, help="Treat warnings (no facts found, duplicate role, multi-line title) as failures.")
@click.option("--min-confidence", type=click.FloatRange(0, 1), default=0.0, show_default=True,
              help="Leave out facts whose confidence is under this (0 keeps every fact).")
@click.option("--scheduler", metavar="ADDRESS",
              help="Extract on this Dask distributed scheduler (tcp://host:8786) instead of the local cores; needs kg[distributed].")
@click.option("-q", "--quiet", is_flag=True, help="Print errors only.")
def build_command(source: Path, out: Path, check: bool, strict: bool, min_confidence: float, scheduler: str | None, quiet: bool) -> None:
    """Build the career graph from the markdown articles under SOURCE (default: source/)."""
    with building(out, check):  # one build per export folder: a second one fails at once (kg/pipeline/lock.py)
        if check or not _done(source, out, strict, min_confidence, quiet):
            _build(source, out, check, strict, min_confidence, scheduler, quiet)


def _done(source: Path, out: Path, strict: bool, min_confidence: float, quiet: bool) -> bool:
    """Whether `out` is already the build of `source` as it is now (kg/pipeline/manifest.py); if so, say what
    that build said and exit with its status."""
    paths, errors = discover(source) if source.exists() else ([], [None])
    last = None if errors else manifest.done(out, paths, root_of(source), manifest.options(strict, True, min_confidence))
    if last is None:
        return False
    for line in last.errors + ([] if quiet else last.warnings):
        click.echo(line, err=True)
    if not quiet:
        click.echo(f"{last.summary}; nothing changed since the last build: {out} is up to date")
    sys.exit(SOME_FAILED if last.errors else OK)


def _build(source: Path, out: Path, check: bool, strict: bool, min_confidence: float, scheduler: str | None, quiet: bool) -> None:
    from kg.pipeline.build import build, stale, write  # noqa: PLC0415 (~1 s of imports a build with nothing to do skips)
    from kg.progress import progress_bar  # noqa: PLC0415 (rich)

    with progress_bar("Reading articles", quiet) as tick:
        result = build(source, progress=tick, strict=strict, min_confidence=min_confidence, scheduler=scheduler, out=out)
    for problem in result.errors + ([] if quiet else result.warnings):
        click.echo(str(problem), err=True)
    if result.violations:
        click.echo(f"error: the graph violates {len(result.violations)} SHACL constraints; nothing written:", err=True)
        for violation in result.violations:
            click.echo(f"  {violation}", err=True)
        sys.exit(SHACL)
    if check:
        changed = stale(result, out)
        if changed:
            fail(f"stale: {', '.join(str(out / n) for n in changed)} differ from what {source} builds now; run kg build", STALE)
        if not quiet:
            click.echo(f"up to date: {out} matches {source}")
    else:
        before = _stamps(out)
        with progress_bar("Writing exports", quiet) as tick:
            written = write(result, out, progress=tick)
        if not quiet:
            rewritten = sum(1 for path in written if before.get(path) != _stamp(path))
            click.echo(f"{result.summary()}; {out} holds {len(written)} files, {rewritten} of them written now")
    sys.exit(SOME_FAILED if result.errors else OK)


@click.command("eval")
@click.argument("gold_dir", type=click.Path(path_type=Path))
@click.option("--source", type=click.Path(path_type=Path), default=Path("source"), show_default=True,
              help="Folder of the articles the gold files describe.")
@click.option("--raw", is_flag=True, help="Score the extractor alone, leaving SOURCE/curation.yaml out.")
@click.option("--min-confidence", type=click.FloatRange(0, 1), default=0.0, show_default=True,
              help="Score only the facts whose confidence is at least this.")
@click.option("--json", "as_json", is_flag=True, help="Print the report as JSON.")
def eval_command(gold_dir: Path, source: Path, raw: bool, min_confidence: float, as_json: bool) -> None:
    """Score extraction against gold YAML files: precision and recall per fact type, misses and extras.

    When SOURCE has a curation.yaml, the curated graph is scored with the raw one beside it."""
    from kg.evaluate import evaluate, format_table  # noqa: PLC0415 (the stages: see _build)

    report = evaluate(gold_dir, source, curate=not raw, min_confidence=min_confidence)
    click.echo(report.to_json() if as_json else format_table(report))


def _stamps(out: Path) -> dict[Path, tuple[int, int] | None]:
    """Each export file's (mtime, size) before a write, to tell the user how many the write changed."""
    return {path: _stamp(path) for path in Path(out).rglob("*") if path.is_file()} if Path(out).is_dir() else {}


def _stamp(path: Path) -> tuple[int, int] | None:
    try:
        stat = path.stat()
    except OSError:
        return None
    return stat.st_mtime_ns, stat.st_size
