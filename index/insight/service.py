"""One object over an archive for every insight feature (what :class:`index.archive.Archive` delegates to)."""

from __future__ import annotations

import logging
import threading
from typing import Any

from index.insight.calendar import MonthView, calendar_months
from index.insight.collections import Collections
from index.insight.morelike import more_like_this
from index.insight.results import Related, SyncReport
from index.insight.similar import FILE_NAME, Similarity
from index.insight.timeline import Timeline, timeline
from index.models import Progress, SearchRequest

logger = logging.getLogger(__name__)


class Insight:
    """Statistics over time, related articles and reprints, collections and the edition calendar.

    Args:
        archive: An open :class:`index.archive.Archive` (``root``, ``catalog``, ``search``, …).
    """

    def __init__(self, archive: Any) -> None:
        self.archive = archive
        self._lock = threading.Lock()
        self._similarity: Similarity | None = None
        self._collections: Collections | None = None
        self.last_sync: SyncReport | None = None  # of the latest import or removal (its reprints)
        self._unsubscribe: Any = None
        if not archive.readonly and hasattr(archive, "subscribe"):
            self._unsubscribe = archive.subscribe(self._changed)

    def _changed(self, changes: Any) -> None:
        """After an import, a removal or a restore: bring the reprint file up to date (on that thread)."""
        singles = set(getattr(changes, "articles_removed", ())) | set(getattr(changes, "articles_added", ()))
        if not (singles or getattr(changes, "editions_changed", False)):
            return
        try:
            if singles and not self.archive.readonly:
                self.similarity.redo_articles(singles)  # their editions' files did not change
            self.last_sync = self.sync()
        except Exception:
            logger.exception("the reprint file could not follow the change; it syncs at the next query")

    @property
    def similarity(self) -> Similarity:
        """The reprint file ``root/insight.sqlite`` with "more like this" through the search."""
        with self._lock:
            if self._similarity is None:
                a = self.archive
                self._similarity = Similarity(
                    a.root / FILE_NAME, a.catalog, lambda i, n: more_like_this(a, i, n)
                )
            return self._similarity

    @property
    def collections(self) -> Collections:
        """The archive's collections (专题)."""
        with self._lock:
            if self._collections is None:
                self._collections = Collections(self.archive.catalog)
            return self._collections

    def timeline(self, request: SearchRequest, by: str, per: str) -> Timeline:
        """Counts by a facet per month, quarter or year for a search (see :mod:`index.insight.timeline`)."""
        return timeline(self.archive, request, by, per)

    def related(self, article_id: int, limit: int = 10) -> list[Related]:
        """Reprints, then related stories, of an article (the reprint file is synced first if needed)."""
        return self.similarity.related(article_id, limit)

    def sync(self, progress: Progress | None = None) -> SyncReport:
        """Bring the reprint file up to date (after an import); names the reprints among new articles."""
        if self.archive.readonly:
            return SyncReport()
        return self.similarity.sync(progress)

    def reprint_lines(self, pairs: list[tuple[int, int]] | None = None) -> list[str]:
        """Readable lines for reprint pairs (default: those of the latest sync), for an import summary.

        Each: ``2025-06-01 《new title》 ← 2025-01-10 《older title》`` (the later printing first).
        """
        if pairs is None:
            pairs = (self.last_sync.reprints or []) if self.last_sync else []
        records = {r.id: r for r in self.archive.catalog.articles(sorted({i for p in pairs for i in p}))}
        lines = []
        for a, b in pairs:
            if a in records and b in records:
                new, old = sorted((records[a], records[b]), key=lambda r: (r.date, r.id), reverse=True)
                lines.append(
                    f"{new.date.isoformat()} 《{new.title}》 ← {old.date.isoformat()} 《{old.title}》"
                )
        return lines

    def calendar(self) -> list[MonthView]:
        """The edition calendar of the whole archive, month by month."""
        return calendar_months(self.archive.editions())

    def close(self) -> None:
        """Stop listening to the archive and close the reprint file."""
        if self._unsubscribe is not None:
            self._unsubscribe()
            self._unsubscribe = None
        with self._lock:
            if self._similarity is not None:
                self._similarity.close()
