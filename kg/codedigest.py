"""What a version of kg is, for the caches keyed by it: the extraction cache (kg/pipeline/cache.py), the build
manifest (kg/pipeline/manifest.py) and the kept tables (kg/memo.py) each digest the files they depend on, by path
and bytes, so an edit of a rules file or a module invalidates exactly the entries made with the old one."""

from __future__ import annotations

from pathlib import Path


def add_files(digest, label: str, root: Path, suffixes: tuple[str, ...] = ()) -> None:
    """Feed `digest` the file `root`, or every file under the folder `root` in path order, each as `label`/its path
    and its bytes; only those ending in `suffixes` when given, never Python's compiled files."""
    if root.is_file():
        files, names = [root], [label]
    else:
        files = sorted(p for p in root.rglob("*") if p.is_file() and "__pycache__" not in p.parts and not p.name.endswith(".pyc"))
        names = [f"{label}/{p.relative_to(root).as_posix()}" for p in files]
    for path, name in zip(files, names):
        if not suffixes or path.name.endswith(suffixes):
            digest.update(name.encode() + b"\0" + path.read_bytes())
