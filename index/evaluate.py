"""Evaluating a query on an index snapshot: set algebra over cached posting arrays, then BM25.

Whoosh's matchers walk every matching document in Python, several calls per document (a
one-word query over 6,600 of 20,000 documents took ~50 ms, a phrase ~1 s). Here each term's
posting list is decoded block by block into arrays (cached per segment, LRU by size), the query
tree becomes C-level set operations, phrases are checked against the catalog text, and only
relevance ranking loops over postings in Python (once per query term, not per matcher node).

Scoring is BM25 (k1 = 1.2, b = 0.75, Whoosh's idf) with each segment's average field length.
"""

from __future__ import annotations

import threading
from array import array
from bisect import bisect_left, bisect_right
from collections import Counter, OrderedDict
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from heapq import nlargest
from itertools import accumulate, repeat
from math import log
from typing import Any

from whoosh import query as wq

from index.facets import DocTable
from index.query import TEXT_FIELDS, TextPhrase
from index.whoosh_tuning import length_list

K1, B = 1.2, 0.75
SCORE_ALL = 5000  # results up to this size are ranked exactly (see Evaluator.ranked)
ALL: Any = object()  # "every document", kept symbolic until it must become a set
_NULL = type(wq.NullQuery)


@dataclass
class TermPostings:
    """One term's postings in one segment: local document numbers (ascending) and weights."""

    ids: array[int]
    weights: array[float]

    def weight_of(self, docnum: int) -> float:
        """The weight (count × field boost) of the term in a local document; 0 if absent."""
        i = bisect_left(self.ids, docnum)
        return self.weights[i] if i < len(self.ids) and self.ids[i] == docnum else 0.0

    def heaviest(self, n: int) -> list[int]:
        """Indexes of (at least) the ``n`` postings of highest weight (ties included)."""
        if len(self.weights) <= n:
            return list(range(len(self.weights)))
        counts = sorted(Counter(self.weights).items(), reverse=True)
        taken, floor = 0, 0.0
        for w, c in counts:
            taken += c
            floor = w
            if taken >= n:
                break
        return [i for i, w in enumerate(self.weights) if w >= floor]


def read_postings(reader: Any, fieldname: str, btext: bytes) -> TermPostings | None:
    """Decode a term's posting blocks into arrays (None if the segment lacks the term)."""
    terms = reader._terms
    if (fieldname, btext) not in terms:
        return None
    m = terms.matcher(fieldname, btext, reader.schema[fieldname].format, None)
    ids: array[int] = array("I")
    weights: array[float] = array("f")
    while m.is_active():
        if m._data is None:
            m._read_data()
        deltas, w = m._data[0], m._data[1]
        ids.extend(accumulate(deltas))
        if w is None or isinstance(w, float):
            weights.extend(repeat(1.0 if w is None else w, len(deltas)))
        else:
            weights.extend(w)
        m._next_block()
    return TermPostings(ids, weights)


class PostingCache:
    """Decoded posting lists by (segment id, field, term), least recently used first out.

    8 bytes per posting held (ids, weights): 6 M postings ≈ 48 MB at most.
    """

    def __init__(self, max_postings: int = 6_000_000) -> None:
        self.max_postings = max_postings
        self._items: OrderedDict[tuple[str, str, bytes], TermPostings | None] = OrderedDict()
        self._size = 0
        self._lock = threading.Lock()

    def get(self, reader: Any, fieldname: str, btext: bytes) -> TermPostings | None:
        key = (reader.segment().segment_id(), fieldname, btext)
        with self._lock:
            if key in self._items:
                self._items.move_to_end(key)
                return self._items[key]
        postings = read_postings(reader, fieldname, btext)
        with self._lock:
            if key in self._items:  # another thread decoded it meanwhile
                return self._items[key]
            self._items[key] = postings
            self._size += len(postings.ids) if postings else 0
            while self._size > self.max_postings and len(self._items) > 1:
                _, old = self._items.popitem(last=False)
                self._size -= len(old.ids) if old else 0
        return postings


class Evaluator:
    """Evaluates one query on one searcher's snapshot (global document numbers)."""

    def __init__(
        self,
        searcher: Any,
        table: DocTable,
        cache: PostingCache,
        verify: Callable[[Sequence[int], str], set[int]],
    ) -> None:
        self.leaves = [(r, b) for r, b in searcher.reader().leaf_readers() if r.segment() is not None]
        self.total = sum(r.doc_count_all() for r, _ in self.leaves)
        self.table = table
        self.cache = cache
        self.verify = verify
        self.scoring: dict[tuple[str, str], None] = {}

    # -- matching ----------------------------------------------------------------------------
    def docnums(self, q: wq.Query) -> set[int]:
        """Every live document matching ``q``."""
        matched = self._docs(q, True)
        found: set[int] = self._all() if matched is ALL else matched
        deleted = self._deleted()
        return found - deleted if deleted else found

    def _deleted(self) -> set[int]:
        out: set[int] = set()
        for r, base in self.leaves:
            if r.has_deletions():
                out.update(base + d for d in r.deleted_docs_set)
        return out

    def _postings(self, reader: Any, fieldname: str, text: str) -> TermPostings | None:
        return self.cache.get(reader, fieldname, reader._text_to_bytes(fieldname, text))

    def term(self, fieldname: str, text: str) -> set[int]:
        out: set[int] = set()
        for reader, base in self.leaves:
            p = self._postings(reader, fieldname, text)
            if p is not None:
                out.update(p.ids if base == 0 else map(base.__add__, p.ids))
        return out

    def _docs(self, q: wq.Query, positive: bool, within: set[int] | None = None) -> Any:
        """Documents matching ``q``; only those in ``within`` matter (the caller intersects)."""
        if isinstance(q, wq.Term):
            if positive and q.fieldname in TEXT_FIELDS:
                self.scoring[(q.fieldname, q.text)] = None
            return self.term(q.fieldname, q.text)
        if isinstance(q, wq.Or):
            parts = [self._docs(c, positive, within) for c in q.subqueries]
            return ALL if any(p is ALL for p in parts) else set().union(*parts)
        if isinstance(q, wq.And):
            # cheap parts first: the phrase checks then only see documents the rest allows
            kids = sorted(q.subqueries, key=_has_phrase)
            acc: Any = ALL if within is None else within
            for kid in kids:
                part = self._docs(kid, positive, None if acc is ALL else acc)
                if part is not ALL:
                    acc = part if acc is ALL else (acc & part if len(acc) <= len(part) else part & acc)
            return acc
        if isinstance(q, wq.AndMaybe):
            self._collect_terms(q.b, positive)
            return self._docs(q.a, positive, within)
        if isinstance(q, wq.AndNot):
            keep = self._docs(q.a, positive, within)
            drop = self._docs(q.b, not positive, None if keep is ALL else keep)
            if drop is ALL:
                return set()
            return (self._all() if keep is ALL else keep) - drop
        if isinstance(q, wq.Not):
            drop = self._docs(q.query, not positive, within)
            return set() if drop is ALL else self._all() - drop
        if isinstance(q, wq.Every):
            return ALL
        if isinstance(q, wq.NumericRange) and q.fieldname == "day":
            return self.table.day_range(q.start, q.end)
        if isinstance(q, TextPhrase):
            candidates = self._docs(q.pieces, positive, within)
            if candidates is ALL:
                candidates = self._all()
            if within is not None:
                candidates &= within
            ids = self.table.ids
            found = self.verify([ids[d] for d in candidates], q.text)
            return {d for d in candidates if ids[d] in found}
        if isinstance(q, _NULL):
            return set()
        raise TypeError(f"cannot evaluate {q!r}")

    def _all(self) -> set[int]:
        return set(range(self.total))

    def _collect_terms(self, q: wq.Query, positive: bool) -> None:
        if positive:
            for fieldname, text in q.iter_all_terms():
                if fieldname in TEXT_FIELDS:
                    self.scoring[(fieldname, text)] = None

    # -- ranking -----------------------------------------------------------------------------
    def _term_lists(self) -> list[tuple[float, list[tuple[int, TermPostings, _Norm]]]]:
        """Per scoring term: its idf and, per segment, (docbase, postings, BM25 tf part)."""
        out = []
        for fieldname, text in self.scoring:
            lists = []
            for reader, base in self.leaves:
                p = self._postings(reader, fieldname, text)
                if p is not None:
                    n = reader.doc_count_all()
                    avg = reader.field_length(fieldname) / n if n else 0.0
                    lists.append((base, p, _Norm(length_list(reader, fieldname), avg)))
            df = sum(len(p.ids) for _, p, _ in lists)
            if df:
                out.append((log(self.total / (df + 1)) + 1, lists))
        return out

    def ranked(self, docs: set[int], top: int) -> list[tuple[int, float]]:
        """The ``top`` documents of ``docs`` by BM25 over the query's text terms, best first.

        Exact for up to :data:`SCORE_ALL` documents. Above, only the documents among each term's
        ``2 × top`` postings of highest count (inside ``docs``) are scored: in practice the head
        of a very large result, at a cost of ~``top`` per term instead of the result size.
        """
        terms = self._term_lists()
        scores: dict[int, float] = {}
        get = scores.get
        if len(docs) <= SCORE_ALL:  # exact: walk every posting of every term
            for idf, lists in terms:
                for base, p, norm in lists:
                    f = norm.of
                    for d, w in zip(p.ids, p.weights, strict=True):
                        g = d + base
                        if g in docs:
                            scores[g] = get(g, 0.0) + idf * f(d, w)
            return _top(scores, top)
        candidates: set[int] = set()
        for _, lists in terms:  # each term's heaviest postings in the result, over all segments
            heavy = [
                (p.weights[i], g)
                for base, p, _norm in lists
                for i in p.heaviest(2 * top)
                if (g := p.ids[i] + base) in docs
            ]
            candidates.update(g for _, g in nlargest(2 * top, heavy))
        bases = sorted(base for _, base in self.leaves)
        by_segment: dict[int, list[int]] = {}
        for g in candidates:
            by_segment.setdefault(bases[bisect_right(bases, g) - 1], []).append(g)
        for idf, lists in terms:
            for base, p, norm in lists:
                f = norm.of
                for g in by_segment.get(base, ()):
                    w = p.weight_of(g - base)
                    if w:
                        scores[g] = get(g, 0.0) + idf * f(g - base, w)
        return _top(scores, top)


class _Norm:
    """BM25's term-frequency part for one field of one segment."""

    def __init__(self, lengths: list[int | None] | None, avg: float) -> None:
        self.lengths = lengths
        self.k = K1 * (1 - B)
        self.kb = K1 * B / avg if avg else 0.0

    def of(self, docnum: int, weight: float) -> float:
        length = (self.lengths[docnum] or 0) if self.lengths is not None else 0
        return weight * (K1 + 1) / (weight + self.k + self.kb * length)


def _top(scores: dict[int, float], n: int) -> list[tuple[int, float]]:
    """The ``n`` best (document, score) pairs, best first; ties (and all ties at the cut) by
    document number, newest imported first, so the order never depends on evaluation order."""
    if len(scores) > n:
        floor = nlargest(n, scores.values())[-1]
        scores = {d: v for d, v in scores.items() if v >= floor}
    return sorted(scores.items(), key=lambda kv: (-kv[1], -kv[0]))


def _has_phrase(q: wq.Query) -> bool:
    return isinstance(q, TextPhrase) or any(_has_phrase(c) for c in q.children())
