"""Extractor: rules per language (kg/rules/<lang>.yaml) turn an Article into Facts with Evidence."""

from kg.extract.engine import extract, rules_version

__all__ = ["extract", "rules_version"]
