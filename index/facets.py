"""Facets: exact counts over a whole result set from per-searcher arrays (docnum → values).

Whoosh's ``groupedby`` took 650–1,050 ms per query (stack-notes). Here each index segment's
``meta`` column is decoded once into plain arrays (cached by segment id, so a new edition only
decodes its new small segment); a searcher's :class:`DocTable` concatenates them. A result is a
boolean mask over document numbers; each facet keeps one small integer code per document (the
code of its value, or of its tuple of values), so counting is ``numpy.bincount`` over the codes
of the result, then one step per distinct code present.
"""

from __future__ import annotations

import datetime as dt
import threading
from array import array
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from itertools import chain
from typing import TYPE_CHECKING, Any, ClassVar

import numpy as np
import numpy.typing as npt
from whoosh.searching import Searcher

from index.models import FacetCount

if TYPE_CHECKING:
    from index.table_store import TableStore

_SEP, _VSEP = "\x1f", "\x1e"
_MASK = (1 << 20) - 1

Mask = npt.NDArray[np.bool_]


@dataclass(frozen=True)
class SegmentTable:
    """Decoded per-document values of one index segment (deleted documents included)."""

    ids: array[int]
    dates: array[int]  # date ordinals
    seqs: array[int]
    street: list[tuple[str, ...]]
    topic: list[tuple[str, ...]]
    reporter: list[tuple[str, ...]]
    section: list[str | None]


def decode_segment(column: Iterable[bytes]) -> SegmentTable:
    """Decode a segment's ``meta`` column (see :func:`index.search_index.encode_meta`)."""
    ids, dates, seqs = array("q"), array("l"), array("l")
    street: list[tuple[str, ...]] = []
    topic: list[tuple[str, ...]] = []
    reporter: list[tuple[str, ...]] = []
    cols = (street, topic, reporter)
    section: list[str | None] = []
    interned: dict[str, tuple[str, ...]] = {}
    for raw in column:
        if not raw:
            ids.append(-1)
            dates.append(0)
            seqs.append(0)
            section.append(None)
            for c in cols:
                c.append(())
            continue
        parts = raw.decode("utf-8").split(_SEP)
        ids.append(int(parts[0]))
        dates.append(int(parts[1]))
        seqs.append(int(parts[2]))
        for c, text in zip(cols, parts[3:6], strict=True):
            tup = interned.get(text)
            if tup is None:
                tup = interned[text] = tuple(text.split(_VSEP)) if text else ()
            c.append(tup)
        section.append(parts[6] or None)
    return SegmentTable(ids, dates, seqs, street, topic, reporter, section)


@dataclass
class DocTable:
    """Arrays indexed by a searcher's document numbers; built once per searcher generation."""

    ids: array[int]
    dates: array[int]
    seqs: array[int]
    columns: dict[str, list[Any]]
    spans: tuple[tuple[str, int, int], ...] = ()  # (segment id, first docnum, document count)
    shared: dict[tuple[str, str], Any] = field(default_factory=dict)  # per-segment caches
    _lazy: dict[str, Any] = field(default_factory=dict)

    @property
    def id_array(self) -> npt.NDArray[np.int64]:
        """Article ids by document number (-1: no article)."""
        got: npt.NDArray[np.int64] | None = self._lazy.get("id_array")
        if got is None:
            got = self._lazy["id_array"] = np.frombuffer(self.ids, dtype=np.int64).copy()
        return got

    @property
    def date_array(self) -> npt.NDArray[np.int64]:
        """Date ordinals by document number (0: no article)."""
        got: npt.NDArray[np.int64] | None = self._lazy.get("date_array")
        if got is None:
            got = self._lazy["date_array"] = np.array(self.dates, dtype=np.int64)
        return got

    def date_order(self, newest_first: bool) -> npt.NDArray[np.int64]:
        """Every document number in date order (newest or oldest first, then reading order;
        documents of equal date and place in ascending document number)."""
        name = "order_desc" if newest_first else "order_asc"
        order: npt.NDArray[np.int64] | None = self._lazy.get(name)
        if order is None:
            seqs = np.minimum(np.array(self.seqs, dtype=np.int64), _MASK)
            keys = (self.date_array << 20) | (_MASK - seqs if newest_first else seqs)
            if newest_first:
                keys = -keys
            order = self._lazy[name] = np.argsort(keys, kind="stable")
        return order

    def day_range(self, start: int | None, end: int | None) -> Mask:
        """Documents dated from ``start`` to ``end`` (``YYYYMMDD`` numbers, inclusive, None = open)."""
        dates = self.date_array
        out = np.ones(len(dates), dtype=np.bool_)
        if start is not None:
            out &= dates >= _ordinal(start)
        if end is not None:
            out &= dates <= _ordinal(end)
        return out

    def in_date_order(self, docnums: Mask, newest_first: bool) -> npt.NDArray[np.int64]:
        """The documents of a mask sorted by date (see :meth:`date_order`)."""
        order = self.date_order(newest_first)
        if int(docnums.sum()) * 16 > len(order):
            return order[docnums[order]]
        docs = np.flatnonzero(docnums)
        rank: npt.NDArray[np.int64] | None = self._lazy.get(f"rank_{newest_first}")
        if rank is None:
            rank = np.empty(len(order), dtype=np.int64)
            rank[order] = np.arange(len(order))
            self._lazy[f"rank_{newest_first}"] = rank
        return docs[np.argsort(rank[docs], kind="stable")]

    def docnums_of(self, article_ids: Iterable[int]) -> list[int]:
        """Document numbers of some article ids (ids absent from the index are skipped)."""
        pos: dict[int, int] | None = self._lazy.get("pos")
        if pos is None:
            pos = self._lazy["pos"] = {a: d for d, a in enumerate(self.ids)}
        return [pos[a] for a in article_ids if a in pos]


def _ordinal(day: int) -> int:
    return dt.date(day // 10000, day // 100 % 100, day % 100).toordinal()


class TableCache:
    """Per-segment tables cached by segment id; one :class:`DocTable` per searcher generation."""

    def __init__(self, store: TableStore | None = None) -> None:
        self._store = store  # decoded tables on disk, shared by every process of the archive
        self._segments: dict[str, SegmentTable] = {}
        self._tables: dict[tuple[str, ...], DocTable] = {}
        self._shared: dict[tuple[str, str], Any] = {}
        self._lock = threading.Lock()

    def table(self, searcher: Searcher) -> DocTable:
        leaves = [(r, b) for r, b in searcher.reader().leaf_readers() if r.segment() is not None]
        key = tuple(r.segment().segment_id() for r, _ in leaves)
        cached = self._tables.get(key)
        if cached is not None:
            return cached
        parts = []
        for reader, _base in leaves:
            segid = reader.segment().segment_id()
            seg = self._segments.get(segid)
            if seg is None:
                seg = self._store.load(segid) if self._store is not None else None
                if seg is None:
                    seg = decode_segment(reader.column_reader("meta", translate=False))
                    if self._store is not None:
                        self._store.save(segid, seg)
                        self._store.prune(set(key))
                with self._lock:
                    self._segments[segid] = seg
            parts.append(seg)
        spans = tuple(
            (reader.segment().segment_id(), base, len(part.ids))
            for (reader, base), part in zip(leaves, parts, strict=True)
        )
        table = DocTable(
            spans=spans,
            shared=self._shared,
            ids=array("q", chain.from_iterable(p.ids for p in parts)),
            dates=array("l", chain.from_iterable(p.dates for p in parts)),
            seqs=array("l", chain.from_iterable(p.seqs for p in parts)),
            columns={
                name: list(chain.from_iterable(getattr(p, name) for p in parts))
                for name in ("street", "topic", "reporter", "section")
            },
        )
        with self._lock:
            while len(self._tables) >= 3:
                self._tables.pop(next(iter(self._tables)))
            self._tables[key] = table
            live = set(key) | {s for k in self._tables for s in k}
            self._segments = {k: v for k, v in self._segments.items() if k in live}
            for k in [k for k in self._shared if k[0] not in live]:
                del self._shared[k]
        return table


class Facet:
    """One facet: a name (also the index field filtering on it) and exact counts."""

    name: ClassVar[str]
    multi: ClassVar[bool] = True
    by_value: ClassVar[bool] = False  # order by value instead of by count

    def values(self, table: DocTable) -> Sequence[Any]:
        return table.columns[self.name]

    def encoded(self, table: DocTable) -> tuple[npt.NDArray[np.int64], list[Any]]:
        """Each document's value (or tuple of values) as a small integer code, and the values."""
        key = f"codes:{self.name}"
        got: tuple[npt.NDArray[np.int64], list[Any]] | None = table._lazy.get(key)
        if got is None:
            index: dict[Any, int] = {}
            codes = np.array([index.setdefault(v, len(index)) for v in self.values(table)], dtype=np.int64)
            got = table._lazy[key] = (codes, list(index))
        return got

    def counter(self, table: DocTable, docnums: Mask) -> Counter[Any]:
        """Exact counts of each value over the documents of a mask."""
        codes, values = self.encoded(table)
        by_code = np.bincount(codes[docnums], minlength=len(values))
        present = np.flatnonzero(by_code)
        out: Counter[Any] = Counter()
        if self.multi:
            for code, n in zip(present.tolist(), by_code[present].tolist(), strict=True):
                for v in values[code]:
                    out[v] += n
        else:
            for code, n in zip(present.tolist(), by_code[present].tolist(), strict=True):
                if values[code]:
                    out[values[code]] += n
        return out

    def ordered(self, counter: Counter[Any]) -> tuple[FacetCount, ...]:
        if self.by_value:
            items = sorted(counter.items())
        else:
            items = sorted(counter.items(), key=lambda kv: (-kv[1], kv[0]))
        return tuple(FacetCount(v, n) for v, n in items if n > 0)

    def count(self, table: DocTable, docnums: Mask) -> tuple[FacetCount, ...]:
        """Exact counts of each value over the documents of a mask, ordered for display."""
        return self.ordered(self.counter(table, docnums))


def count_facets(
    table: DocTable, docnums: Mask, facets: Sequence[Facet] | None = None
) -> dict[str, tuple[FacetCount, ...]]:
    """Every facet's exact counts over the documents of a mask."""
    chosen = FACETS if facets is None else facets
    return {f.name: f.count(table, docnums) for f in chosen}


class StreetFacet(Facet):
    name = "street"


class TopicFacet(Facet):
    name = "topic"


class ReporterFacet(Facet):
    name = "reporter"


class SectionFacet(Facet):
    name = "section"
    multi = False


class MonthFacet(Facet):
    """Months ``YYYY-MM`` in calendar order."""

    name = "month"
    multi = False
    by_value = True

    def values(self, table: DocTable) -> Sequence[Any]:
        months: list[str] | None = table._lazy.get("month")
        if months is None:
            names: dict[int, str] = {}
            months = []
            for d in table.dates:
                m = names.get(d)
                if m is None:
                    m = names[d] = dt.date.fromordinal(d).strftime("%Y-%m") if d > 0 else ""
                months.append(m)
            table._lazy["month"] = months
        return months


FACETS: tuple[Facet, ...] = (StreetFacet(), TopicFacet(), ReporterFacet(), SectionFacet(), MonthFacet())
