"""Facets: exact counts over a whole result, one generic :class:`Facet` per registry entry.

Every facet of :mod:`index.fields` is counted the same way: each document's value (or tuple of
values) gets a small integer code once per snapshot table, and a result (a boolean mask) is
counted with ``numpy.bincount`` over the codes, then one step per distinct code present. The
month facet's values are derived from the edition dates.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections import Counter
from collections.abc import Sequence
from typing import Any

import numpy as np
import numpy.typing as npt

from index import fields
from index.engine import DocTable
from index.models import FacetCount

logger = logging.getLogger(__name__)

Mask = npt.NDArray[np.bool_]


class Facet:
    """Counts of one registry field over results."""

    def __init__(self, fld: fields.Field) -> None:
        self.field = fld
        self.name = fld.name
        self.multi = fld.multi
        self.by_value = fld.by_value

    def values(self, table: DocTable) -> Sequence[Any]:
        """Each document's value(s)."""
        if self.field.kind is fields.Kind.MONTH:
            return _months(table)
        codes, values = table.codes[self.name]
        return [values[c] for c in codes.tolist()]

    def encoded(self, table: DocTable) -> tuple[npt.NDArray[np.int64], list[Any]]:
        """Each document's value (or tuple of values) as a small integer code, and the values."""
        if self.name in table.codes:  # decoded with the segment tables
            return table.codes[self.name]
        key = f"codes:{self.name}"
        got: tuple[npt.NDArray[np.int64], list[Any]] | None = table.cache.get(key)
        if got is None:
            if self.field.kind is fields.Kind.MONTH:
                got = _month_codes(table)
            else:
                index: dict[Any, int] = {}
                values = self.values(table)
                codes = np.array([index.setdefault(v, len(index)) for v in values], dtype=np.int64)
                got = (codes, list(index))
            table.cache[key] = got
        return got

    def _expanded(self, table: DocTable) -> tuple[npt.NDArray[np.int64], npt.NDArray[np.int64], list[Any]]:
        """Codes → values as flat pairs ``(code, value number)`` and the distinct values."""
        key = f"pairs:{self.name}"
        got: tuple[npt.NDArray[np.int64], npt.NDArray[np.int64], list[Any]] | None = table.cache.get(key)
        if got is None:
            _codes, values = self.encoded(table)
            index: dict[Any, int] = {}
            pair_codes: list[int] = []
            pair_values: list[int] = []
            for code, value in enumerate(values):
                for v in value if self.multi else ((value,) if value else ()):
                    pair_codes.append(code)
                    pair_values.append(index.setdefault(v, len(index)))
            got = (np.array(pair_codes, dtype=np.int64), np.array(pair_values, dtype=np.int64), list(index))
            table.cache[key] = got
        return got

    def counter(self, table: DocTable, docnums: Mask) -> Counter[Any]:
        """Exact counts of each value over the documents of a mask (a few numpy steps)."""
        codes, values = self.encoded(table)
        by_code = np.bincount(codes[docnums], minlength=len(values))
        pair_codes, pair_values, names = self._expanded(table)
        counts = np.bincount(pair_values, weights=by_code[pair_codes], minlength=len(names))
        present = np.flatnonzero(counts)
        return Counter(
            dict(
                zip(
                    [names[i] for i in present.tolist()],
                    counts[present].astype(np.int64).tolist(),
                    strict=True,
                )
            )
        )

    def ordered(self, counter: Counter[Any]) -> tuple[FacetCount, ...]:
        """Counts for display: by value (months) or by count."""
        if self.by_value:
            items = sorted(counter.items())
        else:
            items = sorted(counter.items(), key=lambda kv: (-kv[1], kv[0]))
        return tuple(FacetCount(v, n) for v, n in items if n > 0)

    def count(self, table: DocTable, docnums: Mask) -> tuple[FacetCount, ...]:
        """Exact counts of each value over the documents of a mask, ordered for display."""
        return self.ordered(self.counter(table, docnums))


def _months(table: DocTable) -> list[str]:
    months: list[str] | None = table.cache.get("month")
    if months is None:
        names: dict[int, str] = {}
        months = []
        for d in table.dates:
            m = names.get(d)
            if m is None:
                m = names[d] = dt.date.fromordinal(d).strftime("%Y-%m") if d > 0 else ""
            months.append(m)
        table.cache["month"] = months
    return months


def _month_codes(table: DocTable) -> tuple[npt.NDArray[np.int64], list[Any]]:
    """Month codes from the date ordinals in a few numpy steps (one string per distinct date)."""
    days, inverse = np.unique(table.date_array, return_inverse=True)
    index: dict[str, int] = {}
    per_day = np.array(
        [
            index.setdefault(dt.date.fromordinal(d).strftime("%Y-%m") if d > 0 else "", len(index))
            for d in days.tolist()
        ],
        dtype=np.int64,
    )
    return per_day[inverse.reshape(-1)], list(index)


FACETS: tuple[Facet, ...] = tuple(Facet(f) for f in fields.FACETS)


def count_facets(
    table: DocTable, docnums: Mask, facets: Sequence[Facet] | None = None
) -> dict[str, tuple[FacetCount, ...]]:
    """Every facet's exact counts over the documents of a mask."""
    chosen = FACETS if facets is None else facets
    return {f.name: f.count(table, docnums) for f in chosen}
