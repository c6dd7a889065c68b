"""Exports as a header, blocks in the order of their keys, and a footer, so an edit rewrites only its blocks.

A block is the text of one key (a Turtle subject, a JSON-LD node object, a TriG graph) that depends on that
key's neighbourhood alone, and blocks sit in the order of their keys, whatever the rest of the graph holds.
Writing a file records its block index (key -> where its block is); given the previous file and its index,
`splice` writes the new file by copying the byte ranges of unchanged blocks from the old one
(os.copy_file_range: no Python string per triple) and rendering only the keys an edit touched. A full write
and a splice give the same bytes.
"""

from __future__ import annotations

import hashlib
import os
import pickle
from array import array
from bisect import bisect_left
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO, Callable, Iterable

from kg.atomic import atomic_file, write_atomic

Render = Callable[[str], "bytes | None"]  # a key's block in the new graph, None when the key has none any more


@dataclass(frozen=True)
class Layout:
    """What surrounds the blocks: fixed for a format (it must not depend on what an edit touched)."""

    header: bytes
    footer: bytes
    separator: bytes = b""  # between two blocks (JSON's ",\n")

    def digest(self) -> str:
        return hashlib.sha256(b"\0".join((self.header, self.footer, self.separator))).hexdigest()


@dataclass
class BlockIndex:
    """Where each block of a written file is: `keys` sorted, block i at bytes starts[i]:ends[i]."""

    version: str  # the layout and the code that rendered the blocks: another version cannot be spliced
    keys: list[str]
    starts: array
    ends: array
    stamp: tuple = ()  # size, mtime_ns and inode of the file it indexes
    notes: dict = field(default_factory=dict)  # what a format needs beside the index to splice the next edit

    def save(self, path: Path) -> None:
        write_atomic(path, pickle.dumps(self, protocol=pickle.HIGHEST_PROTOCOL))

    @staticmethod
    def load(path: Path, version: str, of: Path) -> "BlockIndex | None":
        """The index saved at `path` when it is of this `version` and `of` is still the file it indexes; else None."""
        try:
            index = pickle.loads(path.read_bytes())
            return index if index.version == version and index.stamp == stamp(of) else None
        except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError, TypeError, ValueError):  # another kg's
            return None


def stamp(path: Path) -> tuple:
    info = os.stat(path)
    return info.st_size, info.st_mtime_ns, info.st_ino


class _Writer:
    """Blocks written one after the other, with the separator between two; records where each one went."""

    def __init__(self, out: BinaryIO, layout: Layout, version: str) -> None:
        self.out, self.layout = out, layout
        self.index = BlockIndex(version, [], array("q"), array("q"))
        out.write(layout.header)
        self.offset = len(layout.header)

    def _gap(self) -> None:
        if self.index.keys:
            self.out.write(self.layout.separator)
            self.offset += len(self.layout.separator)

    def block(self, key: str, data: bytes) -> None:
        self._gap()
        self.out.write(data)
        self.index.keys.append(key)
        self.index.starts.append(self.offset)
        self.offset += len(data)
        self.index.ends.append(self.offset)

    def run(self, old: BinaryIO, index: BlockIndex, first: int, last: int) -> None:
        """Blocks first..last-1 of the old file, copied as one byte range (their separators included)."""
        if first >= last:
            return
        self._gap()
        start, end = index.starts[first], index.ends[last - 1]
        _copy(old, self.out, start, end - start)
        shift = self.offset - start
        self.index.keys.extend(index.keys[first:last])
        self.index.starts.frombytes(_shifted(index.starts, first, last, shift))
        self.index.ends.frombytes(_shifted(index.ends, first, last, shift))
        self.offset += end - start

    def close(self) -> None:
        self.out.write(self.layout.footer)


def _shifted(offsets: array, first: int, last: int, shift: int) -> bytes:
    """offsets[first:last], each plus `shift`, as the bytes of an array("q"): in numpy, not a Python int a block
    (300,000 blocks in a file of 10,000 articles)."""
    import numpy  # noqa: PLC0415 (only a splice needs it)

    return (numpy.frombuffer(offsets, dtype=numpy.int64, count=last - first, offset=first * offsets.itemsize) + shift).tobytes()


def write(path: Path, layout: Layout, version: str, keys: Iterable[str], render: Render) -> BlockIndex:
    """The whole file, atomically: every key's block, `keys` given in sorted order."""
    with atomic_file(path) as out:
        index = write_to(out, layout, version, keys, render)
    index.stamp = stamp(path)
    return index


def write_to(out: BinaryIO, layout: Layout, version: str, keys: Iterable[str], render: Render) -> BlockIndex:
    """`write` into an open file (or a BytesIO: `kg export` and `kg build --check` want the bytes)."""
    writer = _Writer(out, layout, f"{version}:{layout.digest()}")
    for key in keys:
        data = render(key)
        if data is not None:
            writer.block(key, data)
    writer.close()
    return writer.index


def splice(path: Path, old: BlockIndex, layout: Layout, changed: Iterable[str], render: Render) -> BlockIndex:
    """The file at `path` (indexed by `old`) rewritten with the blocks of the `changed` keys rendered anew, every
    other block copied: the bytes `write` gives for the new graph when every key whose block differs is in `changed`.
    When each of those blocks is the one the file holds, the file is left alone (`old` is its index still)."""
    blocks = {key: render(key) for key in sorted(set(changed))}
    if _holds(path, old, blocks):
        return old
    with open(path, "rb") as source, atomic_file(path) as out:
        writer = _Writer(out, layout, old.version)
        done = 0  # old blocks before this one are written or replaced
        for key, data in blocks.items():
            position = bisect_left(old.keys, key, lo=done)
            writer.run(source, old, done, position)
            done = position + (position < len(old.keys) and old.keys[position] == key)
            if data is not None:
                writer.block(key, data)
        writer.run(source, old, done, len(old.keys))
        writer.close()
    writer.index.stamp = stamp(path)
    return writer.index


def _holds(path: Path, index: BlockIndex, blocks: dict[str, bytes | None]) -> bool:
    """Whether the file at `path` (indexed by `index`) already holds these blocks, and no block of a key given None."""
    with open(path, "rb") as source:
        for key, data in blocks.items():
            position = bisect_left(index.keys, key)
            there = position < len(index.keys) and index.keys[position] == key
            if data is None and there or data is not None and not there:
                return False
            if there and os.pread(source.fileno(), index.ends[position] - index.starts[position], index.starts[position]) != data:
                return False
    return True


def _copy(source: BinaryIO, out: BinaryIO, offset: int, length: int) -> None:
    """`length` bytes of `source` from `offset` appended to `out`, in the kernel where it can."""
    out.flush()
    try:
        while length:
            copied = os.copy_file_range(source.fileno(), out.fileno(), length, offset)
            if not copied:
                raise OSError("copy_file_range copied nothing")
            offset, length = offset + copied, length - copied
        return
    except (OSError, AttributeError):  # another file system, or no copy_file_range (not Linux)
        pass
    source.seek(offset)
    buffer = bytearray(1 << 20)
    while length:
        read = source.readinto(memoryview(buffer)[:min(length, len(buffer))])
        if not read:
            raise OSError(f"{source.name} ends before its block index says")
        out.write(memoryview(buffer)[:read])
        offset, length = offset + read, length - read
