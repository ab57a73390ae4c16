"""Bringing the index in line with the catalog when an archive opens.

The index is trusted only when every file is authentic (:mod:`index.integrity.storage`) and the
catalog state it records is in the catalog's history (:mod:`index.catalog.generation`); then the
editions flagged stale are indexed again. Otherwise it is rebuilt from the catalog, which is the
source of truth: a restored older catalog, a replaced or deleted one, or an index from elsewhere
never shows articles the catalog does not hold.
"""

from __future__ import annotations

import logging
import os
import tempfile
from dataclasses import dataclass
from pathlib import Path

from index import paths
from index.catalog import Catalog
from index.indexer import Indexer, Progress
from index.search_index import SearchIndex

logger = logging.getLogger(__name__)

TEMP_PREFIX = "ro-index-"


@dataclass(frozen=True)
class Verdict:
    """Whether an open index can serve the catalog as it is, and if not why."""

    consistent: bool
    reason: str = ""


def judge(catalog: Catalog, index: SearchIndex) -> Verdict:
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
    catalog: Catalog, index: SearchIndex, indexer: Indexer, progress: Progress | None = None
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
    catalog: Catalog, reason: str, progress: Progress | None = None
) -> tuple[SearchIndex, str]:
    """An index of a read-only catalog built in a temporary folder; returns it and the notice."""
    folder = temporary_folder()
    logger.info("read-only archive %s: index built in %s (%s)", catalog.path.parent, folder, reason)
    index = SearchIndex(folder)
    index.storage.state_provider = catalog.state
    n = Indexer(catalog, index).rebuild(progress)
    notice = (
        f"只读 — the archive's search index could not be used ({reason}); searching the catalog "
        f"through a temporary index of its {n} articles"
    )
    return index, notice
