"""Stage 3, resolve: facts of every article become nodes with stable IRIs (`resolution`), after the editors'
corrections in curation.yaml are applied (`curation`)."""
