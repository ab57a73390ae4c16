"""Per-document values by document number: one table per snapshot, built from segment tables.

Each segment's packed values (:mod:`index.engine.meta`) are decoded once (cached by segment id in
memory and on disk, :mod:`index.engine.table_store`); a snapshot's :class:`DocTable` concatenates
them. Search derives facet codes and date orders from it (:mod:`index.search`), cached in
:attr:`DocTable.cache` for the life of the snapshot.
"""

from __future__ import annotations

import logging
import threading
from array import array
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from itertools import chain
from typing import Any

import numpy as np
import numpy.typing as npt

from index import fields
from index.engine.meta import SegmentTable, decode, encode_codes
from index.engine.table_store import TableStore

logger = logging.getLogger(__name__)


@dataclass
class DocTable:
    """Arrays indexed by a snapshot's document numbers."""

    ids: array[int]
    dates: array[int]
    seqs: array[int]
    codes: dict[str, tuple[npt.NDArray[np.int64], list[Any]]] = field(default_factory=dict)
    # keyword field name → (each document's value code, the value(s) of each code)
    spans: tuple[tuple[str, int, int], ...] = ()  # (segment id, first docnum, document count)
    cache: dict[str, Any] = field(default_factory=dict)  # derived arrays (search's, per snapshot)

    @property
    def id_array(self) -> npt.NDArray[np.int64]:
        """Article ids by document number (-1: no article)."""
        got: npt.NDArray[np.int64] | None = self.cache.get("id_array")
        if got is None:
            got = self.cache["id_array"] = np.frombuffer(self.ids, dtype=np.int64).copy()
        return got

    @property
    def date_array(self) -> npt.NDArray[np.int64]:
        """Date ordinals by document number (0: no article)."""
        got: npt.NDArray[np.int64] | None = self.cache.get("date_array")
        if got is None:
            got = self.cache["date_array"] = np.array(self.dates, dtype=np.int64)
        return got

    def docnums_of(self, article_ids: Iterable[int]) -> list[int]:
        """Document numbers of some article ids (ids absent from the index are skipped)."""
        pos: dict[int, int] | None = self.cache.get("pos")
        if pos is None:
            pos = self.cache["pos"] = {a: d for d, a in enumerate(self.ids)}
        return [pos[a] for a in article_ids if a in pos]


def _codes(parts: Sequence[SegmentTable], name: str) -> tuple[npt.NDArray[np.int64], list[Any]]:
    """One field's value codes over segments: each segment's codes shifted past the previous ones."""
    arrays: list[npt.NDArray[np.int64]] = []
    values: list[Any] = []
    for p in parts:
        raw, vals = p.codes.get(name) or encode_codes(p.column(name))
        arrays.append(np.frombuffer(raw, dtype=np.int32).astype(np.int64) + len(values))
        values.extend(vals)
    codes = np.concatenate(arrays).astype(np.int64) if arrays else np.zeros(0, dtype=np.int64)
    return codes, values


SegmentSource = tuple[str, Callable[[], Iterable[bytes]]]  # segment id, its packed values


class TableCache:
    """Segment tables cached by segment id; one :class:`DocTable` per list of segments."""

    def __init__(self, store: TableStore | None = None) -> None:
        self._store = store  # decoded tables on disk, shared by every process of the archive
        self._segments: dict[str, SegmentTable] = {}
        self._tables: dict[tuple[str, ...], DocTable] = {}
        self._lock = threading.Lock()

    def _segment(self, segid: str, values: Callable[[], Iterable[bytes]], live: set[str]) -> SegmentTable:
        seg = self._segments.get(segid)
        if seg is None:
            seg = self._store.load(segid) if self._store is not None else None
            if seg is None:
                seg = decode(values())
                if self._store is not None:
                    self._store.save(segid, seg)
                    self._store.prune(live)
            with self._lock:
                self._segments[segid] = seg
        return seg

    def table(self, segments: Sequence[SegmentSource]) -> DocTable:
        """The table of a snapshot's segments, in their order."""
        key = tuple(segid for segid, _ in segments)
        cached = self._tables.get(key)
        if cached is not None:
            return cached
        parts = [self._segment(segid, values, set(key)) for segid, values in segments]
        spans, base = [], 0
        for segid, part in zip(key, parts, strict=True):
            spans.append((segid, base, len(part.ids)))
            base += len(part.ids)
        table = DocTable(
            spans=tuple(spans),
            ids=array("q", chain.from_iterable(p.ids for p in parts)),
            dates=array("l", chain.from_iterable(p.dates for p in parts)),
            seqs=array("l", chain.from_iterable(p.seqs for p in parts)),
            codes={f.name: _codes(parts, f.name) for f in fields.KEYWORD_FIELDS},
        )
        with self._lock:
            while len(self._tables) >= 3:
                self._tables.pop(next(iter(self._tables)))
            self._tables[key] = table
            live = set(key) | {s for k in self._tables for s in k}
            self._segments = {k: v for k, v in self._segments.items() if k in live}
        return table


class TableBuilder:
    """A new segment's table, built while its documents are written (no decoding afterwards).

    Rows of added documents come first, then the live rows of merged segments in order: the
    numbering Whoosh gives the new segment. ``complete`` is False once a document came without
    its values (then the table is decoded from the segment on first use, as before).
    """

    def __init__(self) -> None:
        self.ids: array[int] = array("q")
        self.dates: array[int] = array("l")
        self.seqs: array[int] = array("l")
        self.columns: dict[str, list[Any]] = {f.name: [] for f in fields.KEYWORD_FIELDS}
        self.complete = True

    def add(self, article_id: int, date_ordinal: int, seq: int, keywords: dict[str, tuple[str, ...]]) -> None:
        """One added document's values."""
        self.ids.append(article_id)
        self.dates.append(date_ordinal)
        self.seqs.append(seq)
        for fld in fields.KEYWORD_FIELDS:
            values = keywords.get(fld.name, ())
            self.columns[fld.name].append(tuple(values) if fld.multi else (values[0] if values else None))

    def merge(self, table: SegmentTable | None, live: Sequence[int]) -> None:
        """A merged segment's live documents, in order."""
        if table is None:
            self.complete = False
            return
        sources = {name: table.column(name) for name in self.columns}
        for d in live:
            self.ids.append(table.ids[d])
            self.dates.append(table.dates[d])
            self.seqs.append(table.seqs[d])
            for name, col in self.columns.items():
                col.append(sources[name][d])

    def build(self) -> SegmentTable:
        """The finished table (with its facet codes)."""
        return SegmentTable(
            self.ids,
            self.dates,
            self.seqs,
            self.columns,
            {n: encode_codes(c) for n, c in self.columns.items()},
        )
