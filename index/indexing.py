"""Keeps the engine in step with the catalog; the one owner of writer → add → commit → mark indexed.

Every index change follows a catalog commit that set ``editions.indexed = 0``; the flag is cleared
after the index commit. An edition still flagged when an archive opens is indexed again, so a
crash between the two commits never leaves the index behind the catalog. The importer feeds
editions through an :class:`IndexBatch` and never touches a writer.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Sequence
from concurrent.futures import Future, ProcessPoolExecutor

from index.analysis import Analyzer
from index.catalog import Catalog
from index.documents import PreparedArticle, index_doc, prepare_record
from index.engine import Engine, EngineWriter, IndexDoc, LockError
from index.errors import Cancelled
from index.i18n import _
from index.models import ArticleRecord, CancelCheck, Progress
from index.workers import edition_names, make_pool, prepare_records

logger = logging.getLogger(__name__)

TITLE_FIELDS = frozenset({"title", "kicker", "subtitle"})
PARALLEL_MIN_ARTICLES = 3000  # below this a reindex runs in-process (a pool costs ~1-2 s to start)


class IndexBatch:
    """Editions added to one open writer, committed in bulk; the flags are cleared per commit."""

    def __init__(self, indexer: Indexer) -> None:
        self._indexer = indexer
        self._writer: EngineWriter | None = None
        self._pending: list[int] = []
        self.in_writer = 0

    def add_edition(
        self,
        edition_id: int,
        records: Sequence[ArticleRecord],
        prepared: Sequence[PreparedArticle] | None,
        *,
        replace: bool,
    ) -> None:
        """Index one stored edition (``replace``: its old documents are deleted first)."""
        docs = self._indexer.documents(records, prepared)
        if self._writer is None:
            self._writer = self._indexer.engine.writer()
        if replace:
            self._writer.delete_editions([edition_id])
        self._writer.add(docs)
        self._pending.append(edition_id)
        self.in_writer += len(docs)

    def commit(self) -> None:
        """Commit what was added and clear those editions' stale flags."""
        if self._writer is None:
            return
        writer, self._writer = self._writer, None
        try:
            writer.commit()
        except BaseException:
            writer.cancel()
            raise
        self._indexer.catalog.mark_indexed(self._pending)
        self._pending, self.in_writer = [], 0

    def cancel(self) -> None:
        """Drop what was not committed (its editions stay flagged and are indexed later)."""
        if self._writer is not None:
            self._writer.cancel()
            self._writer = None
        self._pending, self.in_writer = [], 0


class Indexer:
    """Writes catalog articles into the engine (callers hold the catalog's write lock)."""

    def __init__(
        self, catalog: Catalog, engine: Engine, analyzer: Analyzer, workers: int | None = None
    ) -> None:
        self.catalog = catalog
        self.engine = engine
        self.analyzer = analyzer
        self.workers = workers

    def documents(
        self, records: Sequence[ArticleRecord], prepared: Sequence[PreparedArticle] | None = None
    ) -> list[IndexDoc]:
        """Engine documents; ready-made postings are used unless a title field was edited."""
        if prepared is None or len(prepared) != len(records):
            self.analyzer.add_words(edition_names(records))
            return [index_doc(r, prepare_record(self.analyzer, r)) for r in records]
        return [
            index_doc(r, prepare_record(self.analyzer, r) if r.edited & TITLE_FIELDS else p)
            for r, p in zip(records, prepared, strict=True)
        ]

    def batch(self) -> IndexBatch:
        """A batch for a long import."""
        return IndexBatch(self)

    def sync(self, edition_ids: Sequence[int]) -> int:
        """Index some editions again (delete and add their documents); returns articles indexed."""
        if not edition_ids:
            return 0
        n = 0
        w = self.engine.writer()
        try:
            w.delete_editions(edition_ids)
            for batch in self.catalog.iter_articles(edition_ids):
                w.add(self.documents(batch))
                n += len(batch)
            w.commit()
        except BaseException:
            w.cancel()
            raise
        self.catalog.mark_indexed(list(edition_ids))
        return n

    def update_article(self, article_id: int, *, mark_indexed: bool = True) -> None:
        """Replace one article's document (after a librarian edit).

        Args:
            article_id: The article.
            mark_indexed: Clear its edition's stale flag afterwards (False if the edition was
                already stale before the edit: it is synced whole at the next opening).
        """
        rec = self.catalog.articles([article_id])[0]
        try:
            w = self.engine.writer(timeout=2.0)
        except LockError:  # a long import holds the writer: its end syncs stale editions
            logger.info("index busy: article %s is indexed when the import ends", article_id)
            return
        try:
            w.replace(self.documents([rec])[0])
            w.commit()
        except BaseException:
            w.cancel()
            raise
        if mark_indexed:
            self.catalog.mark_indexed([rec.edition_id])

    def rebuild(self, progress: Progress | None = None, cancel: CancelCheck | None = None) -> int:
        """Replace the whole index by one built from the catalog (atomic at the commit).

        Raises:
            Cancelled: ``cancel()`` said so; the old index is left as it was.
        """
        total = self.catalog.article_count()
        self.analyzer.add_words(self.catalog.lexicon())
        pool = make_pool(self.analyzer, self.workers) if total >= PARALLEL_MIN_ARTICLES else None
        done = 0
        w = self.engine.writer(clear=True)
        try:
            for records, prepared in self._prepared(self.catalog.iter_articles(batch=200), pool):
                if cancel is not None and cancel():
                    raise Cancelled(_("Reindex cancelled; the index is as it was before"))
                w.add(self.documents(records, prepared))
                done += len(records)
                if progress is not None:
                    progress(done, total, _("indexing"))
            if progress is not None:
                progress(done, total, _("writing the index"))
            w.commit()
        except BaseException:
            w.cancel()
            raise
        finally:
            if pool is not None:
                pool.shutdown(wait=True, cancel_futures=True)
        self.catalog.mark_indexed([e.id for e in self.catalog.editions()])
        return done

    def _prepared(
        self, batches: Iterable[list[ArticleRecord]], pool: ProcessPoolExecutor | None
    ) -> Iterable[tuple[list[ArticleRecord], list[PreparedArticle] | None]]:
        if pool is None:
            for batch in batches:
                yield batch, None
            return
        window: list[tuple[list[ArticleRecord], Future[list[PreparedArticle]]]] = []
        for batch in batches:
            window.append((batch, pool.submit(prepare_records, batch)))
            if len(window) > 6:
                first, fut = window.pop(0)
                yield first, fut.result()
        for batch, fut in window:
            yield batch, fut.result()
