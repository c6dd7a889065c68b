"""`kg cache info` and `kg cache clear`: the caches kg keeps in the user's cache folder, shown or deleted."""

from __future__ import annotations

from pathlib import Path

import click

from kg.cachedir import cache_root
from kg.cli.common import USAGE, fail
from kg.pipeline import caches
from kg.pipeline.caches import Cache

WHAT = {"articles": ("article", "articles"), "store": ("store", "stores"), "graphs": ("store", "stores"), "views": ("model", "models"), "compiled": ("table", "tables")}  # kind -> what one entry is, one and many


def _size(count: int) -> str:
    for unit in ("B", "kB", "MB"):
        if count < 1000:
            return f"{count:.0f} {unit}" if unit == "B" else f"{count:.1f} {unit}"
        count /= 1000
    return f"{count:.1f} GB"


def _line(cache: Cache) -> str:
    one, many = WHAT[cache.kind]
    entries = f"{len(cache.entries)} {one if len(cache.entries) == 1 else many}"
    serves = f"{cache.serves}{'  (gone)' if cache.gone else ''}" if cache.serves else "kg's own" if cache.kind == "compiled" else "folder unknown"
    return f"{cache.kind:8}  {entries:>14}  {_size(cache.size):>9}  {serves}"


@click.group("cache")
def cache_command() -> None:
    """Show or clear kg's caches: the extracted articles of each source folder, the store of each export folder."""


@cache_command.command("info")
def info_command() -> None:
    """Where the caches are, how many entries and bytes each holds, and which serve folders that are gone."""
    found = caches.caches()
    total, gone = sum(c.size for c in found), [c for c in found if c.gone]
    click.echo(f"{cache_root()}: {len(found)} caches, {_size(total)} of {_size(caches.max_bytes())} (KG_CACHE_MAX_MB)"
               f"{f'; {len(gone)} of them for folders that are gone (kg cache clear deletes them)' if gone else ''}")
    for cache in found:
        click.echo(_line(cache))


@cache_command.command("clear")
@click.argument("folder", type=click.Path(path_type=Path), required=False)
@click.option("--all", "everything", is_flag=True, help="Delete every kg cache.")
def clear_command(folder: Path | None, everything: bool) -> None:
    """Delete the caches of FOLDER (a source or export folder), every cache with --all, else those of folders that are gone."""
    if folder is not None and everything:
        fail("error: give a FOLDER or --all, not both", USAGE)
    gone = caches.forget_gone()  # never worth keeping, whatever was asked
    if everything:
        chosen = gone + caches.caches()
    elif folder is not None:
        chosen = [c for c in gone + caches.caches() if c.serves == folder.resolve()]
    else:
        chosen = gone
    for cache in chosen:
        caches.delete(cache)
        click.echo(f"deleted {_line(cache)}")
    count = f"{len(chosen)} cache{'' if len(chosen) == 1 else 's'}"
    click.echo(f"cleared {count}, {_size(sum(c.size for c in chosen))}" if chosen else "nothing to clear")
