"""Each segment's searchable text, beside its gram file: the fast check of exact-text candidates.

The AND of a string's bigrams (:mod:`index.grams`) is a superset of the documents holding it; the
candidates are confirmed here instead of in the catalog (about five times faster: one ``mmap.find``
per candidate, no SQLite rows). A text file holds, for every document of a segment in document
order, its searchable text folded as :func:`index.grams.fold` does, as UTF-16-LE code units, and
the length of its headline (title, kicker, subtitle) at the start. A match must start on an even
byte offset (a code unit), so the check is exact, characters outside the BMP included.

Documents that a merge copies from older segments are taken from those segments' text files, in
the order Whoosh renumbers them. A segment whose text file is missing (an index written before
these files existed, or a merge from such a segment) has none; its candidates go to the catalog.
"""

from __future__ import annotations

import contextlib
import logging
import mmap
import os
import struct
from collections.abc import Sequence
from pathlib import Path
from typing import BinaryIO

import numpy as np
import numpy.typing as npt

from index.engine.segment_files import SegmentFiles

logger = logging.getLogger(__name__)

_MAGIC = b"PCTEXT1\0"
_HEAD = struct.Struct("<8sQQ")  # magic, number of documents, code units of text
SUFFIX = ".texts"
_CHUNK = 8 << 20  # bytes per copy when a merge writes older segments' texts

I64 = npt.NDArray[np.int64]
I32 = npt.NDArray[np.int32]


def encode(text: str) -> bytes:
    """A text as the file stores it: folded (:func:`index.grams.fold`), UTF-16-LE."""
    raw = text.encode("utf-16-le", "surrogatepass")
    units = np.frombuffer(raw, dtype="<u2")
    upper = (units >= 0x41) & (units <= 0x5A)  # A-Z; surrogate halves are >= 0xD800
    if not upper.any():
        return raw
    folded = units.copy()
    folded[upper] += 0x20
    return folded.tobytes()


class TextFile:
    """One segment's texts, read through ``mmap``."""

    def __init__(self, path: Path) -> None:
        with open(path, "rb") as fh:
            self._mm = mmap.mmap(fh.fileno(), 0, access=mmap.ACCESS_READ)
        magic, ndocs, units = _HEAD.unpack_from(self._mm, 0)
        if magic != _MAGIC:
            raise ValueError(f"{path}: not a text file")
        pos = _HEAD.size
        self.offsets = np.frombuffer(self._mm, dtype=np.int64, count=ndocs + 1, offset=pos)
        pos += 8 * (ndocs + 1)
        self.heads = np.frombuffer(self._mm, dtype=np.int32, count=ndocs, offset=pos)
        pos += 4 * ndocs + (4 * ndocs) % 8
        self._data = pos  # even: every field before it has a length divisible by 4
        if int(self.offsets[-1]) != units or len(self._mm) < pos + 2 * units:
            raise ValueError(f"{path}: truncated text file")
        self.docs = int(ndocs)

    def holding(self, docs: I64, text: str, *, headline_only: bool = False) -> npt.NDArray[np.bool_]:
        """Which of some local document numbers hold ``text`` (in the headline only, if asked)."""
        out = np.zeros(len(docs), dtype=np.bool_)
        sub = encode(text)  # the bytes a stored text holds where it holds ``text``
        if not len(docs) or not sub:
            return out
        starts = self._data + 2 * self.offsets[docs]
        if headline_only:
            ends = starts + 2 * self.heads[docs].astype(np.int64)
        else:
            ends = self._data + 2 * self.offsets[docs + 1]
        find = self._mm.find
        for k, (s, e) in enumerate(zip(starts.tolist(), ends.tolist(), strict=True)):
            i = find(sub, s, e)
            while i > 0 and i & 1:  # inside a code unit: look on
                i = find(sub, i + 1, e)
            if i >= 0:
                out[k] = True
        return out

    def copy_to(self, fh: BinaryIO, live: I64) -> None:
        """Write the bytes of some documents, in that order (runs of neighbours in one piece)."""
        if not len(live):
            return
        breaks = np.flatnonzero(np.diff(live) != 1) + 1
        firsts = live[np.concatenate(([0], breaks))]
        lasts = live[np.concatenate((breaks - 1, [len(live) - 1]))]
        starts = self._data + 2 * self.offsets[firsts]
        ends = self._data + 2 * self.offsets[lasts + 1]
        mm = self._mm
        for s, e in zip(starts.tolist(), ends.tolist(), strict=True):
            for pos in range(s, e, _CHUNK):  # bounded copies: no segment-sized buffer
                fh.write(mm[pos : min(e, pos + _CHUNK)])

    def close(self) -> None:
        """Release the mapping (arrays handed out must no longer be used)."""
        with contextlib.suppress(BufferError):
            self._mm.close()


Piece = tuple[I64, I32, "bytes | tuple[TextFile, I64]"]  # lengths, heads, bytes or (file, its docs)


def write(path: Path, pieces: Sequence[Piece]) -> None:
    """Write a segment's texts from pieces in document order, atomically."""
    lengths = np.concatenate([p[0] for p in pieces]) if pieces else np.zeros(0, dtype=np.int64)
    heads = np.concatenate([p[1] for p in pieces]) if pieces else np.zeros(0, dtype=np.int32)
    offsets = np.zeros(len(lengths) + 1, dtype=np.int64)
    np.cumsum(lengths, out=offsets[1:])
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    with open(tmp, "wb") as fh:
        fh.write(_HEAD.pack(_MAGIC, len(lengths), int(offsets[-1])))
        fh.write(offsets.tobytes())
        fh.write(heads.astype(np.int32).tobytes())
        fh.write(b"\0" * ((4 * len(lengths)) % 8))
        start = fh.tell()
        for _lengths, _heads, data in pieces:
            if isinstance(data, bytes):
                fh.write(data)
            else:
                data[0].copy_to(fh, data[1])
        if fh.tell() - start != 2 * int(offsets[-1]):
            raise ValueError("text lengths do not match the bytes")
    os.replace(tmp, path)


class TextStore(SegmentFiles[TextFile]):
    """The text files of an index folder, opened on demand and cached by segment id."""

    def __init__(self, folder: Path) -> None:
        super().__init__(
            folder,
            SUFFIX,
            TextFile,
            "segment %s has no text file: its candidates are checked in the catalog",
            logging.INFO,
        )


class TextBuilder:
    """Collects a new segment's texts: added documents and documents merged in.

    Pieces are kept by first document number and put in order at :meth:`write`; if any document
    has no text (a merge from a segment without a text file), the segment gets no file.
    """

    def __init__(self, store: TextStore) -> None:
        self.store = store
        self.complete = True
        self._pieces: list[tuple[int, I64, I32, bytes | tuple[TextFile, I64]]] = []
        self._doc: list[int] = []
        self._len: list[int] = []
        self._head: list[int] = []
        self._bytes: list[bytes] = []

    def add(self, docnum: int, text: str | None, head: int) -> None:
        """A new document's searchable text and the length of its headline (None: unknown)."""
        if text is None:
            self.complete = False
            return
        data = encode(text)
        self._doc.append(docnum)
        self._len.append(len(data) // 2)
        self._head.append(len(text[:head].encode("utf-16-le", "surrogatepass")) // 2 if head else 0)
        self._bytes.append(data)

    def merge(self, segment_id: str, base: int, live: Sequence[int]) -> None:
        """A segment copied in: its live documents become ``base``, ``base + 1``… in order."""
        if not live:
            return
        tf = self.store.get(segment_id)
        if tf is None:
            self.complete = False
            return
        self._flush()
        idx = np.asarray(live, dtype=np.int64)
        lengths = tf.offsets[idx + 1] - tf.offsets[idx]
        self._pieces.append((base, lengths, tf.heads[idx].astype(np.int32), (tf, idx)))

    def _flush(self) -> None:
        if not self._doc:
            return
        first = self._doc[0]
        if self._doc != list(range(first, first + len(self._doc))):
            raise ValueError("documents were added out of order")
        self._pieces.append(
            (
                first,
                np.array(self._len, dtype=np.int64),
                np.array(self._head, dtype=np.int32),
                b"".join(self._bytes),
            )
        )
        self._doc, self._len, self._head, self._bytes = [], [], [], []

    def write(self, segment_id: str, docs: int) -> None:
        """Write the texts of a new segment of ``docs`` documents (nothing if some are missing)."""
        self._flush()
        pieces = sorted(self._pieces, key=lambda p: p[0])
        self._pieces = []
        covered = 0
        for first, lengths, _heads, _blob in pieces:
            if first != covered:
                self.complete = False
            covered = first + len(lengths)
        if not self.complete or covered != docs:
            logger.info("segment %s gets no text file (some documents came without text)", segment_id)
            return
        self.store.folder.mkdir(parents=True, exist_ok=True)
        write(self.store.path(segment_id), [p[1:] for p in pieces])
