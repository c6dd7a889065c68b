"""Extraction rules, one YAML file per language: adding `xx.yaml` adds language `xx`."""
