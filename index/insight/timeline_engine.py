"""The fast path of :func:`index.insight.timeline.timeline`: counts from the search engine's table.

The engine's snapshot keeps every live document's facet values and date (the values the search
counts its facets from, librarian edits included), so counting a search's articles by value and
period needs no catalog read: ~20× faster than the SQL path at 20,000 articles, whose rows carry
the bodies. When the snapshot does not hold exactly the articles asked for (an index not yet in
step with the catalog), ``None`` sends the caller to the catalog.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
from collections import Counter
from collections.abc import Sequence
from typing import Any

import numpy as np

from index.fields import Kind
from index.insight.timeline import Timeline, facet_field, period_of, rows_of

logger = logging.getLogger(__name__)


def count_from_engine(
    engine: Any, ids: Sequence[int], by: str, per: str, catalog: Any = None
) -> Timeline | None:
    """The table for ``ids`` from the engine's current snapshot, or None if it cannot say exactly.

    With ``catalog``, every id must also be a catalog article (a search can return the id of a
    document the index still holds for an article gone from the catalog).
    """
    fld = facet_field(by)
    try:
        snapshot = engine.snapshot()
        if snapshot is None:
            return None
        table = snapshot.table()
        column = None if fld.kind is Kind.MONTH else table.columns.get(fld.name)
        if column is None and fld.kind is not Kind.MONTH:
            return None
        id_array = table.id_array
        live = np.ones(len(id_array), dtype=np.bool_)
        dead = snapshot.deleted()
        if len(dead):
            live[dead] = False
        wanted = np.fromiter(ids, dtype=np.int64, count=len(ids))
        docs = np.flatnonzero(live & np.isin(id_array, wanted))
    except Exception:
        logger.warning("counting through the engine failed; counting from the catalog", exc_info=True)
        return None
    distinct = len(np.unique(wanted))
    if len(docs) != distinct:
        return None
    if catalog is not None:
        known = (
            catalog.conn()
            .execute(
                "SELECT count(*) FROM articles WHERE id IN (SELECT value FROM json_each(?))",
                (json.dumps(list(ids)),),
            )
            .fetchone()[0]
        )
        if int(known) != distinct:
            logger.warning(
                "the index holds %d articles the catalog does not; counting from the catalog",
                distinct - int(known),
            )
            return None
    dates = table.dates
    periods: dict[int, str] = {}
    counts: Counter[tuple[str, str]] = Counter()
    for d in docs.tolist():
        ordinal = dates[d]
        period = periods.get(ordinal)
        if period is None:
            period = periods[ordinal] = period_of(dt.date.fromordinal(ordinal), per)
        if column is None:  # the month facet
            counts[period_of(dt.date.fromordinal(ordinal), "month"), period] += 1
            continue
        value = column[d]
        if value is None or value == "":
            continue
        for v in dict.fromkeys(value) if isinstance(value, tuple | list) else (value,):
            if v:
                counts[str(v), period] += 1
    return Timeline(by, per, rows_of(counts), len(docs))
