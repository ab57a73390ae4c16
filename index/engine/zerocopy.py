"""Whoosh read-path memory fix: open index sub-files over the mmap without copying them.

Whoosh maps each segment file and hands every sub-file (postings, terms, columns) to
``BufferFile(memoryview)``, which wraps it in ``io.BytesIO(buf)``. ``BytesIO`` copies a memoryview,
so opening a searcher copied the whole postings file into the heap: 216 MB of a 100,000-article
index (``tracemalloc``: ``structfile.py:351``), most of the viewer's 1 GB peak after a search. Here
the sub-file is read through :class:`ViewIO`, a read-only file object over the memoryview, so
the pages stay in the OS page cache, shared and evictable. :func:`install` swaps the class in
Whoosh's compound storage; :class:`index.engine.whoosh_engine.WhooshEngine` calls it when it opens
an index (nothing happens at import time).
"""

from __future__ import annotations

import io
import logging
from typing import Any

from whoosh.filedb import compound, structfile

logger = logging.getLogger(__name__)


class ViewIO(io.RawIOBase):
    """A read-only, seekable file over a buffer; reads return ``bytes`` copies of small slices."""

    def __init__(self, buf: Any) -> None:
        super().__init__()
        self._buf = memoryview(buf)
        self._pos = 0

    def readable(self) -> bool:
        """Always readable."""
        return True

    def seekable(self) -> bool:
        """Always seekable."""
        return True

    def tell(self) -> int:
        """The position."""
        return self._pos

    def seek(self, pos: int, whence: int = io.SEEK_SET) -> int:
        """Move the position."""
        base = {io.SEEK_SET: 0, io.SEEK_CUR: self._pos, io.SEEK_END: len(self._buf)}[whence]
        self._pos = max(0, base + pos)
        return self._pos

    def read(self, size: int | None = -1) -> bytes:
        """Up to ``size`` bytes (all the rest for -1)."""
        start = self._pos
        end = len(self._buf) if size is None or size < 0 else min(len(self._buf), start + size)
        self._pos = max(start, end)
        return bytes(self._buf[start:end])

    def readinto(self, b: Any) -> int:
        """Fill ``b``; returns the bytes read."""
        data = self.read(len(b))
        b[: len(data)] = data
        return len(data)

    def readline(self, size: int | None = -1) -> bytes:
        """Bytes up to and including the next newline."""
        buf, start = self._buf, self._pos
        limit = len(buf) if size is None or size < 0 else min(len(buf), start + size)
        end = start
        while end < limit and buf[end] != 0x0A:
            end += 1
        return self.read(min(end + 1, limit) - start)


class ZeroCopyBufferFile(structfile.BufferFile):  # type: ignore[misc]
    """``BufferFile`` whose file object reads the buffer in place instead of a ``BytesIO`` copy."""

    def __init__(self, buf: Any, name: str | None = None, onclose: Any = None) -> None:
        super().__init__(b"", name=name, onclose=onclose)
        self._buf = buf
        self.file = ViewIO(buf)


def install() -> None:
    """Make Whoosh's compound (segment) storage open sub-files without copying (idempotent)."""
    if compound.BufferFile is not ZeroCopyBufferFile:
        compound.BufferFile = ZeroCopyBufferFile
        logger.debug("zero-copy segment reads installed")


def installed() -> bool:
    """True once :func:`install` ran in this process."""
    return compound.BufferFile is ZeroCopyBufferFile
