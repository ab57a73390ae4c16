"""The service the GUI and the command line call: import, search, browse, edit, export.

* ``Archive(root)`` opens (or creates) an archive folder: ``root/catalog.sqlite`` (source of truth),
  ``root/index/`` (Whoosh, derived, rebuildable), ``root/lock`` (one running instance: a second
  ``Archive(root)`` raises :class:`index.errors.ArchiveLocked` unless ``readonly=True``).
* Safe to call from several threads: SQLite connections and Whoosh searchers are per thread; writes
  are serialised by one lock.
* Long jobs take ``progress(done, total, message)`` and ``cancel() -> bool`` callbacks; they never
  print. A cancelled import leaves the archive as it was before the edition being imported.
* Every change is announced to the listeners registered with :meth:`Archive.subscribe` as one
  :class:`index.changes.Changes` (what was edited, removed, added), after it was committed.

Opening also repairs the index: editions whose index documents are stale (a crash between the
catalog commit and the index commit, or a missing/outdated index folder) are indexed again.
"""

from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

from index import paths
from index.analysis import Analyzer
from index.catalog import Catalog
from index.changes import ChangeListener, Changes, Notifier
from index.engine import WhooshEngine
from index.errors import ArchiveError
from index.importer import Importer
from index.indexing import Indexer
from index.lockfile import ArchiveLock
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
    from index.removal import Removal

__all__ = ["Archive", "CancelCheck", "ChangeListener", "Changes", "Progress", "gazetteer_resolver"]


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
        readonly: Open without the instance lock; nothing can be changed.
        street_resolver: Maps a street name as typed (alias, old name) to its facet name; default:
            the shipped gazetteer.
        workers: Processes for parsing and segmentation in large jobs (default: the cores, ≤ 4).
    """

    def __init__(
        self,
        root: Path,
        *,
        readonly: bool = False,
        street_resolver: StreetResolver | None = None,
        workers: int | None = None,
    ) -> None:
        self.root = Path(root)
        self.readonly = readonly
        self._lock: ArchiveLock | None = None
        self._import_lock = threading.Lock()
        self._notifier = Notifier()
        if not readonly:
            try:
                self.root.mkdir(parents=True, exist_ok=True)
            except OSError as exc:
                raise ArchiveError(
                    f"Cannot create the archive folder {self.root}: {exc.strerror or exc}"
                ) from exc
            self._lock = ArchiveLock(self.root / paths.LOCK_NAME)
        elif not (self.root / paths.CATALOG_NAME).is_file():
            raise ArchiveError(f"No archive at {self.root}")
        try:
            self.catalog = Catalog(self.root / paths.CATALOG_NAME, readonly=readonly)
            self.index = WhooshEngine(self.root / paths.INDEX_DIR_NAME, readonly=readonly)
            self.analyzer = Analyzer(self.catalog.lexicon)
            self.indexer = Indexer(self.catalog, self.index, self.analyzer, workers)
            self._search = SearchService(
                self.catalog, self.index, self.analyzer, street_resolver or gazetteer_resolver()
            )
            self.workers = workers
            if not readonly:
                with self.catalog.write_lock:
                    if self.index.created and self.catalog.article_count():
                        self.indexer.rebuild()  # a missing or outdated index: build it whole
                    else:
                        self.indexer.sync(self.catalog.pending_editions())
        except BaseException:
            self.close()
            raise

    def close(self) -> None:
        """Close the index and the catalog and release the instance lock."""
        for part in ("index", "catalog"):
            obj = getattr(self, part, None)
            if obj is not None:
                obj.close()
        if self._lock is not None:
            self._lock.release()
            self._lock = None

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
        if self.readonly:
            raise ArchiveError("The archive is open read-only")

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
        """One import at a time on a writable archive; stale editions are indexed afterwards."""
        self._writable()
        with self._import_lock:
            before = self._edition_hashes()
            try:
                yield Importer(self.catalog, self.indexer, self.workers)
            finally:
                self._sync_stale()
                self._notifier.notify(Changes.between_editions(before, self._edition_hashes()))

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

    # -- browse ----------------------------------------------------------------------------------
    def article(self, article_id: int) -> ArticleRecord:
        """One article with its edits applied; :class:`ArchiveError` if there is none."""
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
        with self.catalog.write_lock:
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
        self._writable()
        with self.catalog.write_lock:
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

        self._writable()
        with self._import_lock, self.catalog.write_lock:
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

        self._writable()
        with self._import_lock, self.catalog.write_lock:
            removal.restore(self.catalog, removed)
            self.indexer.sync(removed.touched_editions)
        self._notifier.notify(
            Changes(
                articles_added=frozenset(removed.article_ids), editions_added=frozenset(removed.edition_ids)
            )
        )

    # -- index -----------------------------------------------------------------------------------
    def reindex(self, *, progress: Progress | None = None, cancel: CancelCheck | None = None) -> int:
        """Rebuild the Whoosh index from the catalog; returns the number of articles indexed."""
        self._writable()
        with self.catalog.write_lock:
            n = self.indexer.rebuild(progress, cancel)
        self._notifier.notify(Changes(reindexed=True))
        return n

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
