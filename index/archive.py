"""The service the GUI and the command line call: import, search, browse, edit, export.

* ``Archive(root)`` opens (or creates) ``root/catalog.sqlite`` (source of truth), ``root/index/``
  (derived, rebuildable, authenticated: :mod:`index.integrity`) and ``root/lock`` (the writer lock,
  :mod:`index.lockfile`): several programs may have an archive open; only changes take the lock.
  An unwritable folder (permission, read-only medium, full disk) opens read-only.
* Safe to call from several threads: SQLite connections and Whoosh searchers are per thread; writes
  are serialised by one lock. Long jobs take ``progress(done, total, message)`` and
  ``cancel() -> bool``; they never print. Each edition is imported in its own transaction.
* Every change is announced to the listeners registered with :meth:`Archive.subscribe` as one
  :class:`index.changes.Changes` (what was edited, removed, added), after it was committed.
* Opening checks the index against the catalog (:mod:`index.integrity.opening`) and repairs it.
"""

from __future__ import annotations

import datetime as dt
import logging
import shutil
import threading
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

from index import archive_ops, paths
from index.analysis import Analyzer
from index.archive_ops import gazetteer_resolver
from index.changes import ChangeListener, Changes, Notifier
from index.engine import WhooshEngine
from index.errors import ArchiveError
from index.i18n import _
from index.importer import Importer
from index.indexing import Indexer
from index.integrity import opening, session
from index.integrity.check import CheckReport
from index.integrity.check import check as check_archive
from index.models import (
    ArticleRecord,
    CancelCheck,
    EditionRecord,
    Hit,
    ImportReport,
    ParsedEdition,
    Progress,
    SearchRequest,
    SearchResult,
)
from index.search import SearchService
from index.search.plan import StreetResolver

if TYPE_CHECKING:
    from index.insight.collections import Collections
    from index.insight.results import Related
    from index.insight.service import Insight
    from index.insight.timeline import Timeline
    from index.removal import Removal

logger = logging.getLogger(__name__)

__all__ = ["Archive", "CancelCheck", "ChangeListener", "Changes", "Progress", "gazetteer_resolver"]


class Archive:
    """One archive folder. See the module docstring for the contract.

    Args:
        root: The archive folder (created if missing, unless ``readonly``).
        readonly: Open without ever writing; also chosen when the folder cannot be written.
        street_resolver: Maps a street name as typed (alias, old name) to its facet name; default:
            the shipped gazetteer.
        workers: Processes for parsing and segmentation in large jobs (default: the cores, ≤ 4).
        progress: Called while opening rebuilds the index (``progress(done, total, message)``).
    """

    def __init__(
        self,
        root: Path,
        *,
        readonly: bool = False,
        street_resolver: StreetResolver | None = None,
        workers: int | None = None,
        progress: Progress | None = None,
    ) -> None:
        self.root = Path(root)
        reason = session.OPENED_READ_ONLY if readonly else session.unwritable(self.root)
        self.notice = ""  # what a user should know about this opening (shown by the CLI and viewer)
        self.repair = ""  # what opening did to the index
        self._import_lock = threading.Lock()
        self._notifier = Notifier()
        self._temp_index: Path | None = None
        self.workers = workers
        if not reason:
            try:
                self.root.mkdir(parents=True, exist_ok=True)
            except OSError as exc:
                raise ArchiveError(
                    _("Cannot create the archive folder {folder}: {reason}").format(
                        folder=self.root, reason=exc.strerror or exc
                    )
                ) from exc
        elif not (self.root / paths.CATALOG_NAME).is_file():
            raise ArchiveError(_("No archive at {folder}").format(folder=self.root))
        try:
            self.catalog, reason = session.open_catalog(self.root, reason)
            self._guard = session.WriteGuard(self.root, self.catalog, reason)
            self.index = WhooshEngine(self.root / paths.INDEX_DIR_NAME, readonly=self.readonly)
            self.analyzer = Analyzer(self.catalog.lexicon)
            self.indexer = Indexer(self.catalog, self.index, self.analyzer, workers)
            opened = opening.open_index(
                self.root, self.catalog, self.index, self.indexer, self._guard, progress
            )
            self.index, self.indexer = opened.index, opened.indexer
            self.notice, self.repair, self._temp_index = opened.notice, opened.repair, opened.temp_folder
            self._resolver = street_resolver or gazetteer_resolver()
            self._search = SearchService(self.catalog, self.index, self.analyzer, self._resolver)
        except BaseException:
            self.close()
            raise

    @property
    def readonly(self) -> bool:
        """True when nothing can be changed (see :attr:`readonly_reason`)."""
        return bool(self._guard.readonly_reason)

    @property
    def readonly_reason(self) -> str:
        """Why the archive is read-only ("" if it is not)."""
        return self._guard.readonly_reason

    def close(self) -> None:
        """Close the index and the catalog (a temporary index is deleted)."""
        for part in ("_insight", "index", "catalog"):
            obj = getattr(self, part, None)
            if obj is not None:
                obj.close()
        if self._temp_index is not None:
            shutil.rmtree(self._temp_index, ignore_errors=True)
        if getattr(self, "_guard", None) is not None:
            self._guard.release()

    def busy(self) -> str | None:
        """Who is changing the archive if another program is (``process 123: import``), else None."""
        return self._guard.busy()

    def __enter__(self) -> Archive:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- change notification -------------------------------------------------------------------
    def subscribe(self, listener: ChangeListener) -> Callable[[], None]:
        """Call ``listener(changes)`` after every committed change; returns the unsubscribe call.

        Listeners run on the thread that made the change (a worker, in the viewer), after the
        catalog and the index committed; an exception in one is logged and does not undo anything.
        """
        return self._notifier.subscribe(listener)

    def _writable(self) -> None:
        self._guard.check()

    # -- import ------------------------------------------------------------------------------
    def import_paths(
        self,
        paths: Sequence[Path],
        *,
        date: dt.date | None = None,
        progress: Progress | None = None,
        cancel: CancelCheck | None = None,
    ) -> ImportReport:
        """Import files or folders (recursively ``*.txt``). Per-file errors go to the report."""
        with self._importer() as importer:
            return importer.run(paths, date, progress, cancel)

    def import_editions(
        self,
        editions: Sequence[ParsedEdition],
        *,
        progress: Progress | None = None,
        cancel: CancelCheck | None = None,
    ) -> ImportReport:
        """Import editions already parsed (e.g. by :meth:`parse_file` for a preview); same rules."""
        with self._importer() as importer:
            return importer.run_parsed(editions, progress, cancel)

    @contextmanager
    def _importer(self) -> Iterator[Importer]:
        """One import at a time, under the writer lock; stale editions are indexed afterwards."""
        with self._guard.writing("import"), self._import_lock:
            before = self._edition_hashes()
            try:
                yield Importer(self.catalog, self.indexer, self.workers)
            except BaseException:
                try:  # best effort: the original error matters, and the next opening repairs
                    self._sync_stale()
                except Exception as exc:
                    logger.info("indexing stale editions after a failed import: %r", exc)
                raise
            finally:
                if self.catalog.db.damaged is None:
                    self._notifier.notify(Changes.between_editions(before, self._edition_hashes()))
            if self.catalog.db.damaged is not None:  # the files after it were refused too
                raise self.catalog.db.damaged
            self._sync_stale()

    def _edition_hashes(self) -> dict[int, str]:
        """Edition id → hash of its source file: what an import compares to name its changes."""
        return {e.id: e.sha256 for e in self.catalog.editions()}

    def _sync_stale(self) -> None:
        """Index editions left stale (an edit made while an import held the index writer)."""
        with self.catalog.write_lock:
            self.indexer.sync(self.catalog.pending_editions())

    def is_empty(self) -> bool:
        """True when the archive holds no edition and no article."""
        return self.catalog.article_count() == 0 and not self.catalog.editions()

    # -- search --------------------------------------------------------------------------------
    def search(self, request: SearchRequest) -> SearchResult:
        """Search (query syntax: :mod:`index.search.syntax`). Raises :class:`BadQuery` on nonsense."""
        return self._search.search(request)

    def hits(self, ids: Sequence[int], terms: Sequence[str] = ()) -> list[Hit]:
        """Result rows (with highlighted snippets) for a slice of ``SearchResult.ids``."""
        return self._search.hits(ids, terms)

    def segment(self, text: str) -> list[str]:
        """How the query text is segmented (for the hint under the search bar)."""
        return self._search.segment(text)

    def warm_up(self) -> None:
        """Load the segmenter, index tables and facet arrays now (the viewer, while opening)."""
        self._search.warm_up()

    # -- browse ----------------------------------------------------------------------------------
    def article(self, article_id: int) -> ArticleRecord:
        """One article with its edits applied; :class:`ArchiveError` if there is none."""
        found = self.catalog.articles([article_id])
        if not found:
            raise ArchiveError(_("No article with id {id}").format(id=article_id))
        return found[0]

    def editions(self) -> list[EditionRecord]:
        """All editions, oldest first."""
        return self.catalog.editions()

    def edition_articles(self, edition_id: int) -> list[ArticleRecord]:
        """An edition's articles in reading order."""
        return self.catalog.edition_articles(edition_id)

    def facet_values(self, facet: str) -> list[str]:
        """Every known value of a facet (for edit forms): street, topic, reporter, section."""
        return archive_ops.known_facet_values(self.catalog, facet)

    def stats(self) -> dict[str, dict[str, int]]:
        """Counts by street, topic, reporter, month; plus totals under ``"total"``."""
        return self.catalog.stats()

    # -- librarian edits -------------------------------------------------------------------------
    def edit_article(self, article_id: int, **changes: object) -> ArticleRecord:
        """Store a correction (fields in ``models.EDITABLE_FIELDS``), update the index at once."""
        self._writable()
        if not changes:
            return self.article(article_id)
        with self._guard.writing("edit"), self.catalog.write_lock:
            stale = set(self.catalog.pending_editions())
            self.catalog.set_edit(article_id, dict(changes))
            rec = self.article(article_id)
            self.catalog.add_lexicon(rec.reporters, "person")
            self.catalog.add_lexicon(rec.streets, "street")
            self.indexer.update_article(article_id, mark_indexed=rec.edition_id not in stale)
        self._notifier.notify(Changes(articles_edited=frozenset({article_id})))
        return self.article(article_id)

    def revert_edit(self, article_id: int, field: str) -> ArticleRecord:
        """Drop the librarian's correction of one field; the parsed value applies again."""
        with self._guard.writing("edit"), self.catalog.write_lock:
            stale = set(self.catalog.pending_editions())
            eid = self.catalog.remove_edit(article_id, field)
            self.indexer.update_article(article_id, mark_indexed=eid not in stale)
        self._notifier.notify(Changes(articles_edited=frozenset({article_id})))
        return self.article(article_id)

    # -- removal -------------------------------------------------------------------------------
    def remove_editions(self, edition_ids: Sequence[int]) -> Removal:
        """Remove whole editions and their articles (catalog and index); returns what :meth:`restore` needs."""
        return self._remove(editions=edition_ids)

    def remove_articles(self, article_ids: Sequence[int]) -> Removal:
        """Remove single articles (catalog and index); returns what :meth:`restore` needs."""
        return self._remove(articles=article_ids)

    def _remove(self, *, editions: Sequence[int] = (), articles: Sequence[int] = ()) -> Removal:
        from index import removal

        with self._guard.writing("remove"), self._import_lock, self.catalog.write_lock:
            done = removal.remove(self.catalog, editions=editions, articles=articles)
            self.indexer.sync(done.touched_editions)
        self._notifier.notify(
            Changes(
                articles_removed=frozenset(done.article_ids), editions_removed=frozenset(done.edition_ids)
            )
        )
        return done

    def restore(self, removed: Removal) -> None:
        """Undo a removal: the editions and articles come back with their ids, edits and index."""
        from index import removal

        with self._guard.writing("restore"), self._import_lock, self.catalog.write_lock:
            removal.restore(self.catalog, removed)
            self.indexer.sync(removed.touched_editions)
        self._notifier.notify(
            Changes(
                articles_added=frozenset(removed.article_ids), editions_added=frozenset(removed.edition_ids)
            )
        )

    # -- index -----------------------------------------------------------------------------------
    def reindex(self, *, progress: Progress | None = None, cancel: CancelCheck | None = None) -> int:
        """Rebuild the Whoosh index from the catalog; returns the number of articles indexed.

        If the old index is too damaged to be replaced in place, the index folder is emptied and
        built anew: reindex always recovers while the catalog can be read.
        """
        with self._guard.writing("reindex"), self.catalog.write_lock:
            try:
                n = self.indexer.rebuild(progress, cancel)
            except Exception as exc:
                if not opening.index_trouble(exc):
                    raise  # cancelled, or the catalog's or the disk's problem: not the index's
                logger.warning("reindex over the old index failed (%r): building it anew", exc)
                self.index, self.indexer = opening.fresh_index(
                    self.root, self.catalog, self.index, self.indexer
                )
                self._search = SearchService(self.catalog, self.index, self.analyzer, self._resolver)
                n = self.indexer.rebuild(progress, cancel)
        self._notifier.notify(Changes(reindexed=True))
        return n

    # -- integrity -------------------------------------------------------------------------------
    def check(self) -> CheckReport:
        """SQLite ``integrity_check`` of the catalog plus the index's authenticity and consistency."""
        return check_archive(self.catalog, self.index)

    def backup(self, target: Path) -> Path:
        """A consistent copy of the catalog (SQLite online backup); restoring = putting it in place."""
        return self.catalog.backup(Path(target))

    # -- export ----------------------------------------------------------------------------------
    def export(
        self,
        ids: Iterable[int],
        fmt: str,
        out: Path,
        *,
        progress: Progress | None = None,
        cancel: CancelCheck | None = None,
    ) -> Path:
        """Write the articles to one file (docx, pdf, md, csv, json, txt) with citation lines."""
        return archive_ops.export_articles(self.catalog, ids, fmt, out, progress=progress, cancel=cancel)

    @staticmethod
    def parse_file(path: Path, *, date: dt.date | None = None) -> ParsedEdition:
        """Read, parse and enrich one file without touching any archive."""
        return archive_ops.parse_file(path, date=date)

    # -- insight (issue 12: index/insight) -----------------------------------------------------
    _insight_lock = threading.Lock()

    @property
    def insight(self) -> Insight:
        """Statistics over time, reprints and related articles, collections, the edition calendar.

        Made on first use; from then on a writable archive's ``root/insight.sqlite`` follows every
        import and removal (``insight.last_sync.reprints`` names the reprints an import brought).
        """
        with self._insight_lock:
            found: Insight | None = getattr(self, "_insight", None)
            if found is None:
                from index.insight.service import Insight

                found = self._insight = Insight(self)
            return found

    def timeline(self, request: SearchRequest, by: str, per: str) -> Timeline:
        """Counts by a facet (street, topic, …) per month, quarter or year for a search's articles."""
        return self.insight.timeline(request, by, per)

    def related(self, article_id: int, limit: int = 10) -> list[Related]:
        """Reprints of an article in other editions, then related stories, ``limit`` in all."""
        return self.insight.related(article_id, limit)

    @property
    def collections(self) -> Collections:
        """The archive's collections (专题) with a note per article."""
        return self.insight.collections
