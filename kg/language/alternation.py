"""Literal alternatives as a trie-shaped pattern: "gestisce|gestiscono|gestire" -> "gesti(?:sc(?:e(?:...)".

Python's re enters every branch of a flat alternation at each position it tries (200 duty verbs, 200
attempts); a trie enters one branch per distinct next character. Each node tries its longer continuations
before ending, so the alternatives that match at a position are tried longest first, exactly as in a flat
alternation sorted by length: the matches are the same, found faster.
"""

from __future__ import annotations

import re
from collections.abc import Iterable


def alternation(words: Iterable[str]) -> str:
    """A pattern matching any of `words` (literal text), the longest first ("" for no words, as "|".join).
    Like a flat alternation it belongs inside a group: "(?:{macro})"."""
    root: dict = {}
    for word in words:
        node = root
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}
    return _node(root)


def _node(node: dict) -> str:
    branches = [re.escape(char) + _node(child) for char, child in sorted(node.items()) if char]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    return f"(?:{body})?" if "" in node else body
