"""Where every kg cache lives (XDG Base Directory layout): the article caches and the persisted stores.

One folder per kind and per folder it serves, named `<kind>-<folder name>-<digest of its absolute path>`, so
two folders called `source` never share a cache and a person can still tell which is which.
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path


def cache_root() -> Path:
    """The folder every kg cache lives under (KG_CACHE_DIR moves it)."""
    if os.environ.get("KG_CACHE_DIR"):
        return Path(os.environ["KG_CACHE_DIR"])
    return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "kg"


def cache_folder(kind: str, serves: Path) -> Path:
    """The cache of `kind` ("articles", "store") for the folder `serves`."""
    serves = serves.resolve()
    return cache_root() / f"{kind}-{serves.name}-{hashlib.sha256(str(serves).encode()).hexdigest()[:8]}"
