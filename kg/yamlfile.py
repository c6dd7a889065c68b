"""YAML as kg reads it (its rules, lexicons and tables, gold files, curation): libyaml's parser where PyYAML was
built with it, which gives the same objects as yaml.safe_load some ten times faster, else PyYAML's own."""

from __future__ import annotations

import yaml

LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def load(text: str):
    """The Python data of one YAML document, as yaml.safe_load reads it."""
    return yaml.load(text, Loader=LOADER)
