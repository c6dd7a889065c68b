"""Stage 1, read: a markdown article becomes an Article (frontmatter, blocks with heading paths, sentences,
list items, character offsets). Entry point: `kg.read.reader.read_article`."""
