"""Benchmarks of kg at corpus sizes editors reach: `python -m bench` (see bench/RESULTS.md)."""
