"""Bringing the index in line with the catalog when an archive opens.

The index is trusted only when every file is authentic (:mod:`index.engine.auth`) and the
catalog state it records is in the catalog's history (:mod:`index.catalog.generation`); then the
editions flagged stale are indexed again. Otherwise it is rebuilt from the catalog, which is the
source of truth: a restored older catalog, a replaced or deleted one, or an index from elsewhere
never shows articles the catalog does not hold.
"""

from __future__ import annotations

import errno
import logging
import os
import tempfile
from dataclasses import dataclass
from pathlib import Path

from index import paths
from index.analysis import Analyzer
from index.catalog import Catalog
from index.engine import WhooshEngine
from index.engine.auth import IndexUntrusted
from index.errors import ArchiveError, Cancelled
from index.indexing import Indexer
from index.integrity import leftovers
from index.integrity.leftovers import TEMP_PREFIX
from index.integrity.session import OPENED_READ_ONLY, WriteGuard
from index.models import Progress

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Verdict:
    """Whether an open index can serve the catalog as it is, and if not why."""

    consistent: bool
    reason: str = ""


def judge(catalog: Catalog, index: WhooshEngine) -> Verdict:
    """Compare the index's recorded catalog state with the catalog (reads only)."""
    if index.ix is None or index.created:
        return Verdict(False, index.problem or "there is no index yet")
    recorded = index.storage.catalog_state
    if recorded is None:
        return Verdict(False, "the index does not say which catalog it was built from")
    now = catalog.state()
    if now is None:
        return Verdict(False, "the catalog is from an older version and has no generation")
    if recorded.catalog_id != now.catalog_id:
        return Verdict(False, "the index was built from another catalog (the catalog was replaced)")
    if not catalog.descends_from(recorded):
        return Verdict(
            False,
            f"the catalog is not the one the index was built from (generation {now.generation}, "
            f"index built at {recorded.generation}: an older copy was restored, or a copy was changed elsewhere)",
        )
    return Verdict(True)


def reconcile(
    catalog: Catalog, index: WhooshEngine, indexer: Indexer, progress: Progress | None = None
) -> str:
    """Make a writable index match the catalog; returns what was done ("" if nothing was needed).

    The caller holds the archive's writer lock.
    """
    verdict = judge(catalog, index)
    if verdict.consistent:
        pending = catalog.pending_editions()
        if pending:
            indexer.sync(pending)
            return f"indexed {len(pending)} edition(s) again"
        return ""
    if index.created and not catalog.article_count():
        index.storage.seal()  # a new, empty index of an empty catalog
        return ""
    logger.info("rebuilding the index of %s: %s", catalog.path.parent, verdict.reason)
    n = indexer.rebuild(progress)
    return f"rebuilt the index ({n} articles): {verdict.reason}"


def temporary_folder() -> Path:
    """A new folder for an index that cannot live in the archive (read-only media)."""
    base = paths.cache_dir()
    base.mkdir(parents=True, exist_ok=True)
    return Path(tempfile.mkdtemp(prefix=f"{TEMP_PREFIX}{os.getpid()}-", dir=base))


def temporary_index(
    catalog: Catalog, analyzer: Analyzer, reason: str, progress: Progress | None = None
) -> tuple[WhooshEngine, str]:
    """An index of a read-only catalog built in a temporary folder; returns it and the notice."""
    folder = temporary_folder()
    logger.info("read-only archive %s: index built in %s (%s)", catalog.path.parent, folder, reason)
    index = WhooshEngine(folder)
    index.storage.state_provider = catalog.state
    n = Indexer(catalog, index, analyzer).rebuild(progress)
    notice = (
        f"只读 — the archive's search index could not be used ({reason}); searching the catalog "
        f"through a temporary index of its {n} articles"
    )
    return index, notice


@dataclass
class Opened:
    """The index an archive uses after opening, and what opening did or could not do."""

    index: WhooshEngine
    indexer: Indexer
    notice: str = ""
    repair: str = ""
    temp_folder: Path | None = None


def open_index(
    root: Path,
    catalog: Catalog,
    index: WhooshEngine,
    indexer: Indexer,
    guard: WriteGuard,
    progress: Progress | None = None,
) -> Opened:
    """Check a freshly opened index against the catalog; repair it, or explain why it cannot be.

    Writable: under the writer lock, left-overs of killed processes are removed and the index is
    reconciled (:func:`reconcile`); another program writing means no repair, only a notice.
    Read-only: an index that cannot serve the catalog is replaced by a temporary one.
    """
    leftovers.clean_unfinished_exports()
    if guard.readonly_reason:
        verdict = judge(catalog, index)
        if not verdict.consistent and catalog.article_count():
            index.close()
            temp, notice = temporary_index(catalog, indexer.analyzer, verdict.reason, progress)
            return Opened(
                temp, Indexer(catalog, temp, indexer.analyzer, indexer.workers), notice, "", temp.folder
            )
        notice = ""
        if guard.readonly_reason != OPENED_READ_ONLY:
            notice = f"只读 — {guard.readonly_reason}: searching and reading only"
        return Opened(index, indexer, notice)
    index.storage.state_provider = catalog.state
    busy = guard.busy()
    if busy:
        return Opened(
            index,
            indexer,
            f"Another program is changing this archive ({busy}); results show what it has committed",
        )
    with guard.lock.held("opening"), catalog.write_lock:
        leftovers.clean_index_folder(index.folder, set(index.storage.list()))
        leftovers.clean_parts(root)
        leftovers.clean_temporary_indexes()
        try:
            return Opened(index, indexer, repair=reconcile(catalog, index, indexer, progress))
        except OSError as exc:  # a full disk: reading still works; the next opening repairs
            if exc.errno != errno.ENOSPC:
                raise
            logger.info("repairing the index of %s: %s", root, exc)
            return Opened(
                index,
                indexer,
                f"The index could not be brought up to date: no space left on the disk holding {root}. "
                "Searching shows what was indexed before; free some space and open again.",
            )


def fresh_index(
    root: Path, catalog: Catalog, index: WhooshEngine, indexer: Indexer
) -> tuple[WhooshEngine, Indexer]:
    """An empty index in an emptied index folder, replacing ``index`` (the caller holds the locks)."""
    index.close()
    index.storage.reset()
    new = WhooshEngine(root / paths.INDEX_DIR_NAME)
    new.storage.state_provider = catalog.state
    return new, Indexer(catalog, new, indexer.analyzer, indexer.workers)


def index_trouble(exc: BaseException) -> bool:
    """True when a failed rebuild is the old index's fault (so emptying its folder helps)."""
    if isinstance(exc, Cancelled):
        return False
    if isinstance(exc, OSError) and exc.errno == errno.ENOSPC:
        return False
    return isinstance(exc, IndexUntrusted) or not isinstance(exc, ArchiveError)
