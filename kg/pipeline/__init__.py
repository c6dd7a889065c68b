"""The build: read -> extract -> resolve -> graph -> store -> SHACL, with the per-article cache (`cache`), and
where commands get a built graph from (`source`)."""
