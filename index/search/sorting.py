"""Date order and date ranges over a snapshot's :class:`index.engine.DocTable` (cached per table)."""

from __future__ import annotations

import datetime as dt
import logging

import numpy as np
import numpy.typing as npt

from index.engine import DocTable

logger = logging.getLogger(__name__)

_MASK = (1 << 20) - 1
Mask = npt.NDArray[np.bool_]
Order = npt.NDArray[np.int64]


def date_order(table: DocTable, newest_first: bool) -> Order:
    """Every document number in date order (newest or oldest first, then reading order; documents
    of equal date and place in ascending document number)."""
    name = "order_desc" if newest_first else "order_asc"
    order: Order | None = table.cache.get(name)
    if order is None:
        seqs = np.minimum(np.array(table.seqs, dtype=np.int64), _MASK)
        keys = (table.date_array << 20) | (_MASK - seqs if newest_first else seqs)
        if newest_first:
            keys = -keys
        order = table.cache[name] = np.argsort(keys, kind="stable")
    return order


def in_date_order(table: DocTable, docnums: Mask, newest_first: bool) -> Order:
    """The documents of a mask sorted by date (see :func:`date_order`)."""
    order = date_order(table, newest_first)
    if int(docnums.sum()) * 16 > len(order):
        return order[docnums[order]]
    docs = np.flatnonzero(docnums)
    key = f"rank_{newest_first}"
    rank: Order | None = table.cache.get(key)
    if rank is None:
        rank = np.empty(len(order), dtype=np.int64)
        rank[order] = np.arange(len(order))
        table.cache[key] = rank
    return docs[np.argsort(rank[docs], kind="stable")]


def day_range(table: DocTable, start: dt.date | None, end: dt.date | None) -> Mask:
    """Documents dated from ``start`` to ``end`` (inclusive, None = open)."""
    dates = table.date_array
    out = np.ones(len(dates), dtype=np.bool_)
    if start is not None:
        out &= dates >= start.toordinal()
    if end is not None:
        out &= dates <= end.toordinal()
    return out
