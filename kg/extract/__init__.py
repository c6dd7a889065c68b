"""Extractor: rules per language (kg/rules/<lang>.yaml) turn an Article into Facts with Evidence, each with a
confidence (kg/extract/confidence.py)."""

from kg.extract import engine
from kg.extract.confidence import scored
from kg.extract.engine import rules_version
from kg.read.article import Article


def extract(article: Article) -> list:
    """All facts of one article, in document order, without duplicates, each with its confidence."""
    return scored(engine.extract(article))


__all__ = ["extract", "rules_version"]
