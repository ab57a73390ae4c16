"""The service the GUI and the command line call: import, search, browse, edit, export.

* ``Archive(root)`` opens (or creates) an archive folder: ``root/catalog.sqlite`` (source of truth),
  ``root/index/`` (Whoosh, derived, rebuildable, authenticated: :mod:`index.integrity`) and
  ``root/lock`` (the writer lock, :mod:`index.lockfile`). Several programs may have an archive
  open; only import, edit, revert and reindex take the writer lock, and a second writer is
  refused with :class:`index.errors.ArchiveLocked` while searches and exports go on.
* A folder that cannot be written (no permission, a read-only mount, a CD) opens read-only:
  search, read and export work, changes raise :class:`index.errors.ReadOnlyArchive`.
* Safe to call from several threads: SQLite connections and Whoosh searchers are per thread; writes
  are serialised by one lock.
* Long jobs take ``progress(done, total, message)`` and ``cancel() -> bool`` callbacks; they never
  print. Each edition is imported in its own catalog transaction: a crash or a cancel keeps the
  editions completed before it and nothing of the one in progress.

Opening checks the index against the catalog (:mod:`index.integrity.opening`): editions left stale
by a crash are indexed again, and an index that is not authentic or was built from another state
of the catalog is rebuilt (read-only: built in a temporary folder, with :attr:`Archive.notice`).
"""

from __future__ import annotations

import datetime as dt
import errno
import logging
import os
import shutil
import threading
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

from index import paths
from index.catalog import Catalog
from index.catalog.failures import disk_full_message
from index.errors import ArchiveError, Cancelled, DiskFull, ReadOnlyArchive
from index.importer import Importer
from index.indexer import Indexer
from index.integrity import leftovers, opening
from index.integrity.check import CheckReport
from index.integrity.check import check as check_archive
from index.integrity.storage import IndexUntrusted
from index.lockfile import WriterLock
from index.models import (
    ArticleRecord,
    EditionRecord,
    Hit,
    ImportReport,
    ParsedEdition,
    SearchRequest,
    SearchResult,
)
from index.query import StreetResolver
from index.search import SearchService
from index.search_index import SearchIndex

logger = logging.getLogger(__name__)

Progress = Callable[[int, int, str], None]
CancelCheck = Callable[[], bool]


def _unwritable(root: Path) -> str:
    """Why the archive folder cannot be written ("" if it can, or does not exist yet)."""
    probe = root
    while not probe.exists() and probe.parent != probe:
        probe = probe.parent
    if not os.access(probe, os.W_OK):
        if not probe.is_dir():
            return f"{probe} is not a folder"
        if hasattr(os, "statvfs") and os.statvfs(probe).f_flag & os.ST_RDONLY:
            return f"{probe} is on a read-only medium"
        return f"no permission to write in {probe}"
    catalog = root / paths.CATALOG_NAME
    if catalog.exists() and not os.access(catalog, os.W_OK):
        return f"no permission to write {catalog}"
    return ""


def gazetteer_resolver() -> StreetResolver | None:
    """Street names → facet names from the shipped gazetteer (aliases, old names); None if absent."""
    try:
        from index.ingest.enrich import default_gazetteer

        canonical = default_gazetteer().canonical
    except (ImportError, ArchiveError):
        return None

    def resolve(name: str) -> str | None:
        name = name.strip()
        return (
            canonical.get(name) or canonical.get(name + "街道") or canonical.get(name.removesuffix("办事处"))
        )

    return resolve


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
        self.readonly_reason = "opened read-only" if readonly else _unwritable(self.root)
        self.readonly = bool(self.readonly_reason)
        self.notice = ""  # what a user should know about this opening (shown by the CLI and viewer)
        self.repair = ""  # what opening did to the index
        self._import_lock = threading.Lock()
        self._writer = WriterLock(self.root / paths.LOCK_NAME)
        self._temp_index: Path | None = None
        if not self.readonly:
            try:
                self.root.mkdir(parents=True, exist_ok=True)
            except OSError as exc:
                raise ArchiveError(
                    f"Cannot create the archive folder {self.root}: {exc.strerror or exc}"
                ) from exc
        elif not (self.root / paths.CATALOG_NAME).is_file():
            raise ArchiveError(f"No archive at {self.root}")
        try:
            self.catalog = self._open_catalog()
            self.index = SearchIndex(self.root / paths.INDEX_DIR_NAME, readonly=self.readonly)
            self.indexer = Indexer(self.catalog, self.index, workers)
            self._open_index(progress)
            self._resolver = street_resolver or gazetteer_resolver()
            self._search = SearchService(self.catalog, self.index, self.indexer, self._resolver)
            self.workers = workers
        except BaseException:
            self.close()
            raise

    def _open_catalog(self) -> Catalog:
        """The catalog; on a full disk it is opened read-only (reading needs no free space)."""
        path = self.root / paths.CATALOG_NAME
        try:
            return Catalog(path, readonly=self.readonly)
        except DiskFull:
            if self.readonly or not path.is_file():
                raise
        self.readonly, self.readonly_reason = True, f"the disk holding {self.root} is full"
        return Catalog(path, readonly=True, immutable=True)

    def _open_index(self, progress: Progress | None) -> None:
        """Check the index against the catalog; repair it, or explain why it cannot be."""
        if self.readonly:
            verdict = opening.judge(self.catalog, self.index)
            if not verdict.consistent and self.catalog.article_count():
                self.index.close()
                self.index, self.notice = opening.temporary_index(self.catalog, verdict.reason, progress)
                self._temp_index = self.index.folder
                self.indexer = Indexer(self.catalog, self.index, self.indexer.workers)
            elif self.readonly_reason != "opened read-only":
                self.notice = f"只读 — {self.readonly_reason}: searching and reading only"
            return
        self.index.storage.state_provider = self.catalog.state
        busy = self._writer.busy()
        if busy:
            self.notice = (
                f"Another program is changing this archive ({busy}); results show what it has committed"
            )
            return
        with self._writer.held("opening"), self.catalog.write_lock:
            leftovers.clean_index_folder(self.index.folder, set(self.index.storage.list()))
            leftovers.clean_parts(self.root)
            leftovers.clean_temporary_indexes()
            try:
                self.repair = opening.reconcile(self.catalog, self.index, self.indexer, progress)
            except OSError as exc:  # a full disk: reading still works; the next opening repairs
                if exc.errno != errno.ENOSPC:
                    raise
                logger.info("repairing the index of %s: %s", self.root, exc)
                self.notice = (
                    f"The index could not be brought up to date: no space left on the disk holding "
                    f"{self.root}. Searching shows what was indexed before; free some space and open again."
                )

    def close(self) -> None:
        """Close the catalog and the index (a temporary index is deleted)."""
        for part in ("index", "catalog"):
            obj = getattr(self, part, None)
            if obj is not None:
                obj.close()
        if self._temp_index is not None:
            shutil.rmtree(self._temp_index, ignore_errors=True)
            self._temp_index = None
        self._writer.release()

    def __enter__(self) -> Archive:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _writable(self) -> None:
        if self.readonly:
            raise ReadOnlyArchive(
                f"The archive at {self.root} is read-only ({self.readonly_reason}); nothing can be changed"
            )
        if self.catalog.db.damaged is not None:
            raise self.catalog.db.damaged

    @contextmanager
    def _writing(self, what: str) -> Iterator[None]:
        """The writer lock around one change (refused when read-only or another program writes)."""
        self._writable()
        with self._writer.held(what):
            try:
                yield
            except OSError as exc:
                if exc.errno != errno.ENOSPC:
                    raise
                logger.info("%s: %s", what, exc)
                raise DiskFull(
                    disk_full_message(self.index.folder)
                    + " Editions imported before it are kept; their search entries are completed at the "
                    "next opening with space."
                ) from exc

    def busy(self) -> str | None:
        """Who is changing the archive if another program is (``process 123: import``), else None."""
        return None if self.readonly else self._writer.busy()

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
        with self._writing("import"), self._import_lock:
            try:
                yield Importer(self.catalog, self.indexer, self.workers)
            except BaseException:
                try:  # best effort: the original error matters, and the next opening repairs
                    self._sync_stale()
                except Exception as exc:
                    logger.info("indexing stale editions after a failed import: %r", exc)
                raise
            if self.catalog.db.damaged is not None:  # the files after it were refused too
                raise self.catalog.db.damaged
            self._sync_stale()

    def _sync_stale(self) -> None:
        """Index editions left stale (an edit made while an import held the index writer)."""
        with self.catalog.write_lock:
            self.indexer.sync(self.catalog.pending_editions())

    def is_empty(self) -> bool:
        return self.catalog.article_count() == 0 and not self.catalog.editions()

    # -- search --------------------------------------------------------------------------------
    def search(self, request: SearchRequest) -> SearchResult:
        """Search (query syntax: :mod:`index.query_syntax`). Raises :class:`BadQuery` on nonsense."""
        return self._search.search(request)

    def hits(self, ids: Sequence[int], terms: Sequence[str] = ()) -> list[Hit]:
        """Result rows (with highlighted snippets) for a slice of ``SearchResult.ids``."""
        return self._search.hits(ids, terms)

    def segment(self, text: str) -> list[str]:
        """How the query text is segmented (for the hint under the search bar)."""
        return self._search.segment(text)

    # -- browse ----------------------------------------------------------------------------------
    def article(self, article_id: int) -> ArticleRecord:
        found = self.catalog.articles([article_id])
        if not found:
            raise ArchiveError(f"No article with id {article_id}")
        return found[0]

    def editions(self) -> list[EditionRecord]:
        """All editions, oldest first."""
        return self.catalog.editions()

    def edition_articles(self, edition_id: int) -> list[ArticleRecord]:
        """An edition's articles in reading order."""
        return self.catalog.edition_articles(edition_id)

    def facet_values(self, facet: str) -> list[str]:
        """Every known value of a facet (for edit forms): street, topic, reporter, section."""
        values = set(self.catalog.facet_values(facet))
        try:
            if facet == "street":
                from index.ingest.enrich import default_gazetteer

                values.update(default_gazetteer().official)
            elif facet == "topic":
                from index.ingest.enrich import default_taxonomy

                values.update(default_taxonomy().names)
        except (ImportError, ArchiveError):
            pass
        return sorted(values)

    def stats(self) -> dict[str, dict[str, int]]:
        """Counts by street, topic, reporter, month; plus totals under ``"total"``."""
        return self.catalog.stats()

    # -- librarian edits -------------------------------------------------------------------------
    def edit_article(self, article_id: int, **changes: object) -> ArticleRecord:
        """Store a correction (fields in ``models.EDITABLE_FIELDS``), update the index at once."""
        self._writable()
        if not changes:
            return self.article(article_id)
        with self._writing("edit"), self.catalog.write_lock:
            stale = set(self.catalog.pending_editions())
            self.catalog.set_edit(article_id, dict(changes))
            rec = self.article(article_id)
            self.catalog.add_lexicon(rec.reporters, "person")
            self.catalog.add_lexicon(rec.streets, "street")
            self.indexer.update_article(article_id, mark_indexed=rec.edition_id not in stale)
        return self.article(article_id)

    def revert_edit(self, article_id: int, field: str) -> ArticleRecord:
        """Drop the correction of one field (the parsed value shows again)."""
        with self._writing("edit"), self.catalog.write_lock:
            stale = set(self.catalog.pending_editions())
            eid = self.catalog.remove_edit(article_id, field)
            self.indexer.update_article(article_id, mark_indexed=eid not in stale)
        return self.article(article_id)

    # -- index -----------------------------------------------------------------------------------
    def reindex(self, *, progress: Progress | None = None, cancel: CancelCheck | None = None) -> int:
        """Rebuild the Whoosh index from the catalog; returns the number of articles indexed.

        If the old index is too damaged to be replaced in place, the index folder is emptied and
        built anew: reindex always recovers while the catalog can be read.
        """
        with self._writing("reindex"), self.catalog.write_lock:
            try:
                return self.indexer.rebuild(progress, cancel)
            except Cancelled:
                raise
            except Exception as exc:
                if isinstance(exc, ArchiveError) and not isinstance(exc, IndexUntrusted):
                    raise  # the catalog's problem (damaged, disk full), not the index's
                if isinstance(exc, OSError) and exc.errno == errno.ENOSPC:
                    raise DiskFull(disk_full_message(self.index.folder)) from exc
                logger.warning("reindex over the old index failed (%r): building it anew", exc)
                self._fresh_index()
                return self.indexer.rebuild(progress, cancel)

    def _fresh_index(self) -> None:
        """Replace the index by an empty one in an emptied folder (the caller holds the locks)."""
        self.index.close()
        self.index.storage.reset()
        self.index = SearchIndex(self.root / paths.INDEX_DIR_NAME)
        self.index.storage.state_provider = self.catalog.state
        self.indexer = Indexer(self.catalog, self.index, self.workers)
        self._search = SearchService(self.catalog, self.index, self.indexer, self._resolver)

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
        from index.export import write_export

        wanted = list(ids)
        records = self.catalog.articles(wanted)
        missing = sorted(set(wanted) - {r.id for r in records})
        if missing:
            raise ArchiveError(f"No article with id {', '.join(map(str, missing))}")
        if not records:
            raise ArchiveError("Nothing to export: no article ids given")
        written: Path = write_export(records, fmt, Path(out), progress=progress, cancel=cancel)
        return written

    @staticmethod
    def parse_file(path: Path, *, date: dt.date | None = None) -> ParsedEdition:
        """Read, parse and enrich one file without touching any archive."""
        from index.ingest.pipeline import parse_path

        return parse_path(Path(path), date=date)
