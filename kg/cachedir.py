"""Where every kg cache lives (XDG Base Directory layout): the article cache and the persisted store."""

from __future__ import annotations

import os
from pathlib import Path


def cache_root() -> Path:
    """The folder every kg cache lives under (KG_CACHE_DIR moves it)."""
    if os.environ.get("KG_CACHE_DIR"):
        return Path(os.environ["KG_CACHE_DIR"])
    return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "kg"
