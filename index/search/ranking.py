"""Ranking: BM25 over the query's jieba tokens (k1 = 1.2, b = 0.75, Whoosh's idf).

Matching is exact text (:mod:`index.search.evaluate`); the tokens only order the matches, so an
article where jieba sees the query as a whole word, in the title (boost 2) or often comes first;
matches without any such token (e.g. ``正恩`` inside ``金正恩``) get no score and follow in date
order: the gram match is the floor. Each segment's average field length is used.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from math import log

import numpy as np
import numpy.typing as npt

from index.engine import Snapshot

logger = logging.getLogger(__name__)

K1, B = 1.2, 0.75
RELEVANCE_WINDOW = 500  # documents ordered by score; the rest of a large result follows by date

Mask = npt.NDArray[np.bool_]


def ranked(
    snap: Snapshot, docs: Mask, scoring: Sequence[tuple[str, str]], top: int
) -> list[tuple[int, float]]:
    """The ``top`` documents of ``docs`` by BM25 over ``scoring`` (field, token), best first.

    Exact for any result size: every posting of every scoring term inside ``docs`` is scored at
    once, then the best are selected. Ties (and all ties at the cut) go by document number, newest
    imported first, so the order never depends on evaluation order.
    """
    if top <= 0:
        return []
    total = snap.total
    scores = np.zeros(total, dtype=np.float64)
    touched = np.zeros(total, dtype=np.bool_)
    for fieldname, text in scoring:
        lists = snap.postings(fieldname, text)
        df = sum(len(p.ids) for _, p in lists)
        if not df:
            continue
        idf = log(total / (df + 1)) + 1
        for st, p in lists:
            g = p.ids + st.base
            sel = docs[g]
            if not sel.any():
                continue
            g, w = g[sel], p.weights[sel]
            kb = K1 * B / st.average if st.average else 0.0
            length = st.lengths[p.ids[sel]] if st.lengths is not None else 0.0
            scores[g] += idf * (w * (K1 + 1) / (w + K1 * (1 - B) + kb * length))
            touched[g] = True
    cand = np.flatnonzero(touched)
    vals = scores[cand]
    if len(cand) > top:
        floor = np.partition(vals, len(vals) - top)[len(vals) - top]
        keep = vals >= floor
        cand, vals = cand[keep], vals[keep]
    order = np.lexsort((-cand, -vals))
    return list(zip(cand[order].tolist(), vals[order].tolist(), strict=True))
