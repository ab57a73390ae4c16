"""Related stories by "more like this" over the archive's own index (BM25 over jieba words).

The article's words (as the archive segments a query) are weighed by a saturating tf times the
search index's idf; the :data:`QUERY_WORDS` best are scored by BM25 over every article's title and
body with the search's own ranking (:mod:`index.search.ranking`) on the engine's snapshot (an
``OR`` search is the fallback). The similarity of a hit is its score over the article's own score
(the article holds every word, so it scores highest): 1.0 means "as close as the article itself".
Costs one segmentation of one article, a few dozen posting look-ups (cached) and one BM25 pass.
"""

from __future__ import annotations

import logging
import math
import re
from collections import Counter
from collections.abc import Mapping
from typing import Any, Protocol

from index.models import ArticleRecord, SearchRequest, SearchResult

logger = logging.getLogger(__name__)

QUERY_WORDS = 10  # words in the OR query
CANDIDATE_WORDS = 40  # most frequent words whose document frequency is looked up
MIN_SIMILARITY = 0.15  # below this a hit is not shown as related
_SYNTAX = re.compile(r"[\"“”「」『』:：|()（）\-]")


class Searching(Protocol):
    """What "more like this" needs of an archive."""

    index: Any

    def article(self, article_id: int) -> ArticleRecord:
        """One article with its edits."""
        ...

    def search(self, request: SearchRequest) -> SearchResult:
        """Run a search."""
        ...

    def segment(self, text: str) -> list[str]:
        """Words of a text as the search cuts a query."""
        ...


def article_words(archive: Searching, rec: ArticleRecord) -> Counter[str]:
    """How often each word of two or more letters occurs in the title, subtitle and body."""
    text = _SYNTAX.sub(" ", f"{rec.title}\n{rec.subtitle}\n{rec.body}")
    return Counter(w.lower() for w in archive.segment(text) if len(w) > 1 and w.isalnum() and not w.isdigit())


def doc_frequencies(archive: Searching, words: list[str]) -> tuple[Mapping[str, int], int]:
    """Document frequency of each word in the search index (body field) and the document count.

    Read from the engine snapshot's term dictionary (:meth:`index.engine.base.Snapshot.doc_frequency`),
    so no postings are decoded for the candidate words that are not chosen. Falls back to no
    frequencies (every word weighs the same) when the index cannot say.
    """
    try:
        snapshot = archive.index.snapshot()
        if snapshot is None:
            return {}, 0
        df = {w: snapshot.doc_frequency("body", w) for w in words}
        return df, int(archive.index.doc_count())
    except Exception:
        logger.warning(
            "no document frequencies from the search index; words weigh by count only", exc_info=True
        )
        return {}, 0


def query_words(counts: Counter[str], df: Mapping[str, int], n_docs: int, k: int = QUERY_WORDS) -> list[str]:
    """The ``k`` most distinctive words: saturating tf times BM25's idf (tf alone without df)."""

    def weight(word: str) -> float:
        """The word's weight in this article."""
        tf = counts[word]
        sat = tf * 2.2 / (tf + 1.2)
        if not n_docs:
            return sat
        d = df.get(word, 0)
        return sat * math.log(1 + (n_docs - d + 0.5) / (d + 0.5))

    return sorted(counts, key=lambda w: (-weight(w), w))[:k]


def more_like_this(archive: Searching, article_id: int, limit: int = 10) -> list[tuple[int, float]]:
    """``(id, similarity)`` of the articles most like this one (itself left out), best first."""
    rec = archive.article(article_id)
    counts = article_words(archive, rec)
    if not counts:
        return []
    candidates = [w for w, _ in counts.most_common(CANDIDATE_WORDS)]
    df, n_docs = doc_frequencies(archive, candidates)
    words = query_words(Counter({w: counts[w] for w in candidates}), df, n_docs)
    try:
        scored = _ranked_by_engine(archive, words, limit + 1)
    except Exception:  # an engine without snapshots: the search's own OR query, with its facets
        logger.warning("ranking through the engine failed; using the search", exc_info=True)
        result = archive.search(SearchRequest(" OR ".join(words), sort="relevance", limit=limit + 1))
        scored = [(h.id, h.score) for h in result.hits]
    if not scored:
        return []
    own = next((s for i, s in scored if i == article_id), max(s for _, s in scored))
    if own <= 0:
        return []
    out = [(i, min(1.0, s / own)) for i, s in scored if i != article_id]
    return [(i, s) for i, s in out if s >= MIN_SIMILARITY][:limit]


def _ranked_by_engine(archive: Searching, words: list[str], top: int) -> list[tuple[int, float]]:
    """BM25 over the words in title and body of every live article, through the engine snapshot.

    The same scoring as the search's ranking (:func:`index.search.ranking.ranked`), without the
    exact-text matching and facet counting a search does first: "more like this" needs only order.
    """
    import numpy as np

    from index.search.ranking import ranked

    snapshot = archive.index.snapshot()
    if snapshot is None:
        return []
    live = np.ones(snapshot.total, dtype=np.bool_)
    dead = snapshot.deleted()
    if len(dead):
        live[dead] = False
    scoring = [(f, w) for w in words for f in ("title", "body")]
    ids = snapshot.table().id_array
    return [(int(ids[d]), float(s)) for d, s in ranked(snapshot, live, scoring, top)]
