"""Gram postings (:mod:`index.grams`) per index segment, beside the segment's Whoosh files.

Whoosh's writer costs ~2 µs of Python per posting; an article has ~1,700 gram keys, so grams do
not go through it. Instead :class:`GramBuilder` collects each new document's sorted keys as one
numpy array and, at the commit, sorts all ``(key << 22) | docnum`` values of the segment at once;
documents that a merge copies from older segments are taken from those segments' gram files and
renumbered the way Whoosh renumbers them (live documents in order). The file holds the distinct
keys, their byte offsets and the document numbers as varint-coded gaps (~1.2 bytes a posting);
it is read through ``mmap``. Deleted documents keep their grams here: search drops them with
Whoosh's deletion sets, as for every other posting.
"""

from __future__ import annotations

import contextlib
import logging
import mmap
import os
import struct
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt

from index.engine.segment_files import SegmentFiles

logger = logging.getLogger(__name__)

DOC_BITS = 22  # documents per segment < 4 M
_DOC_MASK = (1 << DOC_BITS) - 1
_MAGIC = b"PCGRAM1\0"
_HEAD = struct.Struct("<8sQQ")  # magic, number of keys, bytes of postings
SUFFIX = ".grams"

I64 = npt.NDArray[np.int64]


def _varint(
    v: npt.NDArray[np.int32] | I64,
) -> tuple[npt.NDArray[np.uint8], npt.NDArray[np.signedinteger[Any]]]:
    """Varint bytes of non-negative values below 2**35 and each value's first byte offset.

    Byte counts are ``uint8`` and bytes are built per byte position over the values that have
    one: every temporary is as small as it can be (large fresh arrays cost more than the work).
    """
    n = np.ones(len(v), dtype=np.uint8)
    for bits in (7, 14, 21, 28):
        n += v >= (1 << bits)
    ends: Any = np.cumsum(n, dtype=np.int32 if 5 * len(v) < 2**31 else np.int64)  # byte offsets
    starts = ends - n
    out = np.empty(int(ends[-1]) if len(ends) else 0, dtype=np.uint8)
    more = n > 1
    first = (v & 0x7F).astype(np.uint8)
    first[more] |= 0x80
    out[starts] = first
    idx = np.flatnonzero(more)
    k = 1
    while len(idx):
        byte = ((v[idx] >> (7 * k)) & 0x7F).astype(np.uint8)
        cont = n[idx] > k + 1
        byte[cont] |= 0x80
        out[starts[idx] + k] = byte
        idx = idx[cont]
        k += 1
    return out, starts


def _unvarint(b: npt.NDArray[np.uint8]) -> I64:
    """Values of varint bytes (a value ends on a byte without the high bit; its last byte holds
    its highest bits), built from the last byte back: one pass per byte of the longest value."""
    if not len(b):
        return np.zeros(0, dtype=np.int64)
    more = (b & 0x80) != 0
    if not more.any():  # every value in one byte: the common case
        return b.astype(np.int64)
    ends = np.flatnonzero(~more)
    vals = (b[ends] & 0x7F).astype(np.int64)
    nbytes = np.diff(ends, prepend=-1)
    idx = np.flatnonzero(nbytes > 1)
    k = 1
    while len(idx):
        vals[idx] = (vals[idx] << 7) | (b[ends[idx] - k] & 0x7F)
        idx = idx[nbytes[idx] > k + 1]
        k += 1
    return vals


def write(path: Path, packed: npt.NDArray[np.uint64]) -> None:
    """Write sorted ``(key << DOC_BITS) | docnum`` values as a gram file (atomically)."""
    keys_all = packed >> np.uint64(DOC_BITS)
    docs = (packed & np.uint64(_DOC_MASK)).astype(np.int32)
    head = np.empty(len(packed), dtype=np.bool_)  # the first posting of each key
    gaps = np.empty(len(packed), dtype=np.int32)
    if len(packed):
        head[0] = True
        np.not_equal(keys_all[1:], keys_all[:-1], out=head[1:])
        gaps[0] = docs[0]
        np.subtract(docs[1:], docs[:-1], out=gaps[1:])
        gaps[head] = docs[head]
    del docs
    data, starts = _varint(gaps)
    keys = keys_all[head].astype(np.int64)
    offsets = np.concatenate((starts[head], [len(data)])).astype(np.int64)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    with open(tmp, "wb") as fh:
        fh.write(_HEAD.pack(_MAGIC, len(keys), len(data)))
        fh.write(keys.tobytes())
        fh.write(offsets.tobytes())
        fh.write(data.tobytes())
    os.replace(tmp, path)


class GramFile:
    """One segment's gram postings, read through ``mmap``."""

    def __init__(self, path: Path) -> None:
        with open(path, "rb") as fh:
            self._mm = mmap.mmap(fh.fileno(), 0, access=mmap.ACCESS_READ)
        magic, nkeys, nbytes = _HEAD.unpack_from(self._mm, 0)
        if magic != _MAGIC:
            raise ValueError(f"{path}: not a gram file")
        pos = _HEAD.size
        self.keys = np.frombuffer(self._mm, dtype=np.int64, count=nkeys, offset=pos)
        pos += 8 * nkeys
        self.offsets = np.frombuffer(self._mm, dtype=np.int64, count=nkeys + 1, offset=pos)
        pos += 8 * (nkeys + 1)
        self.data = np.frombuffer(self._mm, dtype=np.uint8, count=nbytes, offset=pos)

    def docs(self, key: int) -> I64:
        """Local document numbers holding ``key`` (ascending)."""
        i = int(np.searchsorted(self.keys, key))
        if i >= len(self.keys) or int(self.keys[i]) != key:
            return np.zeros(0, dtype=np.int64)
        return np.cumsum(_unvarint(self.data[self.offsets[i] : self.offsets[i + 1]]))

    def packed(self) -> npt.NDArray[np.uint64]:
        """Every posting as ``(key << DOC_BITS) | docnum`` (for merges)."""
        data = np.asarray(self.data)
        gaps = _unvarint(data)
        # values per key: the value starts inside each key's byte range
        first = np.concatenate(([True], (data[:-1] & 0x80) == 0)) if len(data) else np.zeros(0, np.bool_)
        per_key = np.diff(np.searchsorted(np.flatnonzero(first), self.offsets))
        keys = np.repeat(np.asarray(self.keys), per_key)
        total = np.cumsum(gaps)
        before = np.concatenate(([0], total))[np.cumsum(per_key) - per_key]  # sum before each key
        docs = total - np.repeat(before, per_key)
        packed: npt.NDArray[np.uint64] = (keys.astype(np.uint64) << np.uint64(DOC_BITS)) | docs.astype(
            np.uint64
        )
        return packed

    def close(self) -> None:
        """Release the mapping (arrays handed out must no longer be used)."""
        with contextlib.suppress(BufferError):
            self._mm.close()


class GramStore(SegmentFiles[GramFile]):
    """The gram files of an index folder, opened on demand and cached by segment id."""

    def __init__(self, folder: Path) -> None:
        super().__init__(
            folder,
            SUFFIX,
            GramFile,
            "segment %s has no gram file: exact text is not found in it",
            logging.WARNING,
        )


class GramBuilder:
    """Collects a new segment's gram postings: added documents and documents merged in."""

    def __init__(self, store: GramStore) -> None:
        self.store = store
        self._parts: list[npt.NDArray[np.uint64]] = []

    def add(self, docnum: int, keys: I64 | None) -> None:
        """The sorted distinct keys of a new document."""
        if keys is not None and len(keys):
            self._parts.append((keys.view(np.uint64) << np.uint64(DOC_BITS)) | np.uint64(docnum))

    def merge(self, segment_id: str, base: int, live: Sequence[int]) -> None:
        """A segment copied in: its live documents become ``base``, ``base + 1``… in order."""
        gf = self.store.get(segment_id)
        if gf is None or not live:
            return
        packed = gf.packed()
        old = (packed & np.uint64(_DOC_MASK)).astype(np.int64)
        live_arr = np.asarray(live, dtype=np.int64)
        size = max(int(old.max()) if len(old) else 0, int(live_arr.max())) + 1
        remap = np.full(size, -1, dtype=np.int64)
        remap[live_arr] = base + np.arange(len(live_arr), dtype=np.int64)
        new = remap[old]
        keep = new >= 0
        keys = packed[keep] >> np.uint64(DOC_BITS)
        self._parts.append((keys << np.uint64(DOC_BITS)) | new[keep].astype(np.uint64))

    def write(self, segment_id: str) -> None:
        """Write the collected postings as the gram file of the new segment."""
        self.store.folder.mkdir(parents=True, exist_ok=True)
        packed = np.concatenate(self._parts) if self._parts else np.zeros(0, dtype=np.uint64)
        packed.sort()
        write(self.store.path(segment_id), packed)
        self._parts = []
