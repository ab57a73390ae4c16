"""Evaluating a plan on a snapshot: boolean masks over document numbers.

Keyword terms come from the engine's postings; exact text (:class:`Text`) from its gram postings:
the AND of the string's bigrams (its character alone for one character), exact as it stands for
one or two characters, confirmed against the engine's stored text for longer strings (the catalog
text for segments that store none). Parts of an AND
are evaluated cheap first, so the text checks only see the documents the rest allows.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from typing import Any

import numpy as np
import numpy.typing as npt

from index import grams
from index.engine import DocTable, Snapshot
from index.search import sorting
from index.search.tree import And, AndNot, DayRange, Every, Nothing, Or, Plan, Term, Text

logger = logging.getLogger(__name__)

ALL: Any = object()  # "every document", kept symbolic until it must become a mask
Mask = npt.NDArray[np.bool_]
Verify = Callable[[Sequence[int], str], set[int]]


class Evaluator:
    """Evaluates plans on one snapshot (global document numbers).

    Args:
        snap: The snapshot.
        table: Its document table.
        verify: Those of some article ids whose whole text holds a string.
        verify_headline: Those whose headline (title, kicker, subtitle) holds a string.
    """

    def __init__(self, snap: Snapshot, table: DocTable, verify: Verify, verify_headline: Verify) -> None:
        self.snap = snap
        self.total = snap.total
        self.table = table
        self.verify = verify
        self.verify_headline = verify_headline

    def docnums(self, plan: Plan) -> Mask:
        """Every live document matching ``plan``, as a mask over document numbers."""
        matched = self._docs(plan, None)
        found: Mask = self._all() if matched is ALL else matched
        dead = self.snap.deleted()
        if len(dead):
            found[dead] = False
        return found

    def _empty(self) -> Mask:
        return np.zeros(self.total, dtype=np.bool_)

    def _all(self) -> Mask:
        return np.ones(self.total, dtype=np.bool_)

    def term(self, fieldname: str, text: str) -> Mask:
        """Documents holding a term."""
        out = self._empty()
        for st, p in self.snap.postings(fieldname, text):
            out[p.ids + st.base] = True
        return out

    def text(self, node: Text, within: Mask | None) -> Mask:
        """Documents whose text (or headline) holds ``node.text`` exactly."""
        lists = sorted((self.snap.gram_docs(k) for k in grams.query_keys(node.text)), key=len)
        out: Mask | None = None if within is None else within.copy()
        for docs in lists:
            m = self._empty()
            m[docs] = True
            out = m if out is None else (out & m)
            if not out.any():
                return out
        assert out is not None
        if grams.exact_by_keys(node.text) and not node.headline_only:
            return out
        res = self._empty()
        for field in ("title",) if node.headline_only else ("title", "body"):
            for tok in node.certain:
                for st, p in self.snap.postings(field, tok):
                    res[p.ids + st.base] = True
        res &= out
        out &= ~res
        held, docs = self.snap.texts_holding(np.flatnonzero(out), node.text, headline_only=node.headline_only)
        res[held] = True
        if not len(docs):
            return res
        ids = self.table.id_array[docs]  # segments without stored text: the catalog decides
        check = self.verify_headline if node.headline_only else self.verify
        found = check(ids.tolist(), node.text)
        if found:
            res[docs[np.isin(ids, np.fromiter(found, dtype=np.int64, count=len(found)))]] = True
        return res

    def _docs(self, q: Plan, within: Mask | None) -> Any:
        """Documents matching ``q`` (a fresh mask the caller may change, or :data:`ALL`); only
        those in ``within`` matter (the caller intersects)."""
        if isinstance(q, Term):
            return self.term(q.field, q.text)
        if isinstance(q, Text):
            return self.text(q, within)
        if isinstance(q, Or):
            parts = [self._docs(c, within) for c in q.parts]
            if any(p is ALL for p in parts):
                return ALL
            out = parts[0]
            for p in parts[1:]:
                out |= p
            return out
        if isinstance(q, And):
            acc: Any = ALL if within is None else within.copy()
            for kid in sorted(q.parts, key=_cost):
                part = self._docs(kid, None if acc is ALL else acc)
                if part is not ALL:
                    acc = part if acc is ALL else (acc & part)
            return acc
        if isinstance(q, AndNot):
            keep = self._docs(q.base, within)
            drop = self._docs(q.drop, None if keep is ALL else keep)
            if drop is ALL:
                return self._empty()
            keep = self._all() if keep is ALL else keep
            keep &= ~drop
            return keep
        if isinstance(q, Every):
            return ALL
        if isinstance(q, DayRange):
            return sorting.day_range(self.table, q.start, q.end)
        if isinstance(q, Nothing):
            return self._empty()
        raise TypeError(f"cannot evaluate {q!r}")


def _cost(q: Plan) -> int:
    """Evaluation order inside an AND: filters first, text checks (catalog reads) last."""
    if isinstance(q, Text):
        return 2 + len(q.text)
    if isinstance(q, (Or, And)):
        return max(_cost(p) for p in q.parts)
    if isinstance(q, AndNot):
        return max(_cost(q.base), _cost(q.drop))
    return 0
