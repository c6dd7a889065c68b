"""`kg review`: a local page where a person reads an article beside its facts and accepts, rejects or fixes them.

model.py makes what the page shows from the articles, their facts as extracted and curation.yaml;
decisions.py turns one decision into an edit of curation.yaml; server.py serves the page and its JSON on
loopback and writes each decision at once. `kg build` then applies the decisions to the graph.
"""
