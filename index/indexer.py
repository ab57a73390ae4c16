"""Keeps the Whoosh index in step with the catalog: per edition, per article, or rebuilt whole.

Every index change follows a catalog commit that set ``editions.indexed = 0``; the flag is cleared
after the index commit. An edition still flagged when an archive opens is indexed again, so a
crash between the two commits never leaves the index behind the catalog.
"""

from __future__ import annotations

import threading
from collections.abc import Iterable, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from typing import Any

from whoosh.index import LockError

from index import analysis
from index.catalog import Catalog
from index.errors import Cancelled
from index.models import ArticleRecord, CancelCheck, Progress
from index.search_index import Prepared, SearchIndex, document
from index.workers import edition_names, make_pool, prepare_records

TITLE_FIELDS = frozenset({"title", "kicker", "subtitle"})
PARALLEL_MIN_ARTICLES = 3000  # below this a reindex runs in-process (a pool costs ~1-2 s to start)


class Indexer:
    """Writes catalog articles into the search index (callers hold the catalog's write lock)."""

    def __init__(self, catalog: Catalog, search_index: SearchIndex, workers: int | None = None) -> None:
        self.catalog = catalog
        self.index = search_index
        self.workers = workers
        self._lexicon_loaded = False
        self._lock = threading.Lock()

    def ensure_lexicon(self) -> None:
        """Add every name the catalog knows to jieba (once per archive), before any segmentation."""
        if self._lexicon_loaded:
            return
        with self._lock:
            if not self._lexicon_loaded:
                analysis.add_words(self.catalog.lexicon())
                self._lexicon_loaded = True

    def documents(
        self, records: Sequence[ArticleRecord], prepared: Sequence[tuple[Prepared, Prepared]] | None = None
    ) -> list[dict[str, Any]]:
        """Whoosh documents; ready-made postings are used unless a title field was edited."""
        if prepared is None:
            analysis.add_words(edition_names(records))
            return [document(r) for r in records]
        docs = []
        for rec, prep in zip(records, prepared, strict=True):
            docs.append(document(rec) if rec.edited & TITLE_FIELDS else document(rec, prep))
        return docs

    def sync(self, edition_ids: Sequence[int]) -> int:
        """Index some editions again (delete and add their documents); returns articles indexed."""
        if not edition_ids:
            return 0
        self.ensure_lexicon()
        n = 0
        with self.index.writer() as w:
            SearchIndex.replace_editions(w, edition_ids)
            for batch in self.catalog.iter_articles(edition_ids):
                SearchIndex.add(w, self.documents(batch))
                n += len(batch)
        self.catalog.mark_indexed(list(edition_ids))
        return n

    def update_article(self, article_id: int, *, mark_indexed: bool = True) -> None:
        """Replace one article's document (after a librarian edit).

        Args:
            article_id: The article.
            mark_indexed: Clear its edition's stale flag afterwards (False if the edition was
                already stale before the edit: it is synced whole at the next opening).
        """
        self.ensure_lexicon()
        rec = self.catalog.articles([article_id])[0]
        try:
            with self.index.writer(timeout=2.0) as w:
                w.update_document(**self.documents([rec])[0])
        except LockError:  # a long import holds the writer: its end syncs stale editions
            return
        if mark_indexed:
            self.catalog.mark_indexed([rec.edition_id])

    def rebuild(self, progress: Progress | None = None, cancel: CancelCheck | None = None) -> int:
        """Replace the whole index by one built from the catalog (atomic at the commit).

        Raises:
            Cancelled: ``cancel()`` said so; the old index is left as it was.
        """
        total = self.catalog.article_count()
        self._lexicon_loaded = False
        self.ensure_lexicon()
        pool = make_pool(self.catalog.lexicon(), self.workers) if total >= PARALLEL_MIN_ARTICLES else None
        done = 0
        try:
            with self.index.writer(clear=True) as w:
                for records, prepared in self._prepared(self.catalog.iter_articles(batch=200), pool):
                    if cancel is not None and cancel():
                        raise Cancelled("Reindex cancelled; the index is as it was before")
                    SearchIndex.add(w, self.documents(records, prepared))
                    done += len(records)
                    if progress is not None:
                        progress(done, total, "indexing")
                if progress is not None:
                    progress(done, total, "writing the index")
        finally:
            if pool is not None:
                pool.shutdown(wait=True, cancel_futures=True)
        self.catalog.mark_indexed([e.id for e in self.catalog.editions()])
        return done

    @staticmethod
    def _prepared(
        batches: Iterable[list[ArticleRecord]], pool: ProcessPoolExecutor | None
    ) -> Iterable[tuple[list[ArticleRecord], list[tuple[Prepared, Prepared]] | None]]:
        if pool is None:
            for batch in batches:
                yield batch, None
            return
        window: list[tuple[list[ArticleRecord], Future[list[tuple[Prepared, Prepared]]]]] = []
        for batch in batches:
            window.append((batch, pool.submit(prepare_records, batch)))
            if len(window) > 6:
                first, fut = window.pop(0)
                yield first, fut.result()
        for batch, fut in window:
            yield batch, fut.result()
