"""The reader's output: an article as sentences that remember where they came from."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path


@dataclass(frozen=True)
class Link:
    """A markdown link; `target` keeps the slug so related articles can be found."""

    text: str
    target: str
    start: int
    end: int


@dataclass(frozen=True)
class Block:
    """A paragraph, list item, blockquote paragraph or heading, as plain text."""

    kind: str  # heading | paragraph | item | quote | description
    text: str
    section: tuple[str, ...]
    line: int
    start: int  # offset of the block in Article.text
    depth: int = 0  # items: list nesting depth; headings: level (BOLD_LEVEL for a bold line read as one)
    lead: str = ""  # for list items: the paragraph that introduces the list
    links: tuple[Link, ...] = ()
    label: str = ""  # for list items: the bold words that open them ("**Negotiation**: you haggle ...")


BOLD_LEVEL = 7  # below every markdown heading: a bold-only line heads what follows until the next heading


@dataclass(frozen=True)
class Sentence:
    """One sentence with its character span in Article.text and its block."""

    text: str
    start: int
    end: int
    block: Block

    @property
    def section(self) -> tuple[str, ...]:
        return self.block.section

    @property
    def line(self) -> int:
        return self.block.line


@dataclass
class Article:
    """A career article about one role."""

    path: Path
    slug: str
    title: str
    role: str  # singular, lower-case label of the role
    aliases: tuple[str, ...]  # other names the title gives ("SDR" in "Sales Development Representative (SDR)")
    lang: str
    description: str
    keywords: tuple[str, ...]
    text: str  # plain text of the body, blocks joined by blank lines; offsets point here
    blocks: list[Block] = field(default_factory=list)
    sentences: list[Sentence] = field(default_factory=list)
    digest: str = ""
    warnings: list[str] = field(default_factory=list)  # doubts about the input that --strict makes fatal

    @property
    def links(self) -> list[Link]:
        return [link for block in self.blocks for link in block.links]
