"""The main job: a folder of articles in, a validated career graph out, exports written atomically."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from rdflib import Graph

from kg import render
from kg.article import Article
from kg.atomic import write_atomic
from kg import curation
from kg.errors import KgError
from kg.export import FORMATS
from kg.extract import extract
from kg.facts import Fact
from kg.mapper import to_graph
from kg.reader import read_article
from kg.resolve import Resolution, resolve
from kg.validate import Violation, validate

EXPORTS = ("ttl", "trig", "jsonld", "graphml", "csv", "void")  # what `kg build` writes; `kg export` offers every registered format


@dataclass
class Build:
    """What a build made: the graph, the articles and their facts, and what went wrong."""

    graph: Graph
    articles: list[Article]
    facts: dict[str, list[Fact]]
    resolution: Resolution
    errors: list[KgError] = field(default_factory=list)
    warnings: list[KgError] = field(default_factory=list)
    violations: list[Violation] = field(default_factory=list)

    @property
    def fact_count(self) -> int:
        return sum(len(f) for f in self.facts.values())

    def summary(self) -> str:
        return (
            f"{len(self.articles)} articles, {self.fact_count} facts, {len(self.resolution.nodes)} nodes, "
            f"{len(self.graph)} triples; {len(self.errors)} failed, {len(self.warnings)} warnings, "
            f"{len(self.violations)} SHACL violations"
        )


def discover(source: Path) -> tuple[list[Path], list[KgError]]:
    """Markdown files under `source`, recursively, in a stable order; a file is also accepted alone."""
    if source.is_file():
        return [source], []
    if not source.is_dir():
        raise KgError(f"no such folder of articles: {source}")
    paths, errors = [], []
    for path in sorted(source.rglob("*.md")):
        try:
            path.resolve(strict=True)
        except (OSError, RuntimeError) as exc:
            errors.append(KgError(f"cannot open: {getattr(exc, 'strerror', None) or 'symlink loop'}", path))
            continue
        paths.append(path)
    return paths, errors


def build(
    source: Path | str = "source",
    progress: Callable[[int, int], None] | None = None,
    strict: bool = False,
    curate: bool = True,
) -> Build:
    """Read, extract, resolve, map and validate every article under `source`; bad articles are reported, not fatal.

    Warnings (an article with no facts, two articles about one role, a title on several lines) are kept
    in `Build.warnings`; with `strict` they fail their article like errors do. The editors' corrections in
    `<source>/curation.yaml` are applied unless `curate` is false.
    """
    source = Path(source)
    paths, errors = discover(source)
    root = source if source.is_dir() else source.parent
    extracted: list[tuple[Article, list[Fact]]] = []
    warnings: list[KgError] = []
    for index, path in enumerate(paths):
        try:
            article = read_article(path, root)
            extracted.append((article, extract(article)))
        except KgError as error:
            errors.append(error)
        if progress:
            progress(index + 1, len(paths))
    for article, facts in extracted:
        warnings += [KgError(w, source_path(root, article), 1, "warning") for w in _doubts(article, facts, extracted)]
    try:
        if curate:
            extracted = curation.apply(curation.load(root / curation.FILENAME), extracted)
    except KgError as error:
        errors.append(error)
    if strict:
        failed = {str(w.path) for w in warnings}
        errors += warnings
        warnings = []
        extracted = [(a, f) for a, f in extracted if str(source_path(root, a)) not in failed]
    resolution = resolve(extracted)
    graph = to_graph(resolution)
    return Build(
        graph=graph,
        articles=resolution.articles,
        facts={a.slug: f for a, f in extracted},
        resolution=resolution,
        errors=sorted(errors, key=lambda e: (str(e.path), e.line)),
        warnings=sorted(warnings, key=lambda e: (str(e.path), e.message)),
        violations=validate(graph),
    )


def source_path(root: Path, article: Article) -> Path:
    return root / article.path


def _doubts(article: Article, facts: list[Fact], extracted: list[tuple[Article, list[Fact]]]) -> list[str]:
    """What deserves an editor's look without stopping the build."""
    doubts = list(article.warnings)
    if not any(f.kind != "definition" for f in facts):
        doubts.append("no facts found in this article; check its language and phrasing")
    twins = sorted(a.path.as_posix() for a, _ in extracted if a.role == article.role and a is not article)
    if twins:
        doubts.append(f"same role as {', '.join(twins)}: merged into one node with both articles as sources")
    return doubts


def outputs(result: Build) -> dict[str, bytes]:
    """File name -> bytes of every export `kg build` writes: the formats, then the HTML views."""
    files = {name: data for fmt in EXPORTS for name, data in FORMATS[fmt].files(result.graph).items()}
    files.update(render.outputs(result.graph))
    return files


def write(result: Build, out: Path | str = "exports") -> list[Path]:
    """Write the exports atomically; refuses a graph that violates the shapes."""
    if result.violations:
        raise KgError(f"the graph violates {len(result.violations)} SHACL constraints; nothing written")
    out = Path(out)
    for leftover in out.rglob(".*.tmp") if out.is_dir() else ():  # from a build killed mid-write
        leftover.unlink(missing_ok=True)
    written = []
    for name, data in outputs(result).items():
        if not (out / name).is_file() or (out / name).read_bytes() != data:
            write_atomic(out / name, data)
        written.append(out / name)
    return written


def stale(result: Build, out: Path | str = "exports") -> list[str]:
    """Export files that differ from what this build would write."""
    out = Path(out)
    return [name for name, data in outputs(result).items() if not (out / name).is_file() or (out / name).read_bytes() != data]
