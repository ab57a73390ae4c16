"""What an open archive may do: read-only or not (and why), the writer lock, full-disk reporting.

:class:`WriteGuard` is the one gate of every change (import, edit, revert, remove, restore,
reindex): it refuses on a read-only or damaged archive, takes the writer lock (refusing when
another program writes) and turns a full disk into :class:`index.errors.DiskFull`.
"""

from __future__ import annotations

import errno
import logging
import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from index import paths
from index.catalog import Catalog
from index.catalog.failures import disk_full_message
from index.errors import DiskFull, ReadOnlyArchive
from index.i18n import _
from index.lockfile import WriterLock

logger = logging.getLogger(__name__)

OPENED_READ_ONLY = "opened read-only"


def unwritable(root: Path) -> str:
    """Why the archive folder cannot be written ("" if it can, or can be created)."""
    probe = root
    while not probe.exists() and probe.parent != probe:
        probe = probe.parent
    if not os.access(probe, os.W_OK):
        if not probe.is_dir():
            return _("{path} is not a folder").format(path=probe)
        if hasattr(os, "statvfs") and os.statvfs(probe).f_flag & os.ST_RDONLY:
            return _("{path} is on a read-only medium").format(path=probe)
        return _("no permission to write in {path}").format(path=probe)
    catalog = root / paths.CATALOG_NAME
    if catalog.exists() and not os.access(catalog, os.W_OK):
        return _("no permission to write {path}").format(path=catalog)
    return ""


def open_catalog(root: Path, readonly_reason: str) -> tuple[Catalog, str]:
    """The catalog and why it is read-only ("" if writable); a full disk opens it read-only."""
    path = root / paths.CATALOG_NAME
    try:
        return Catalog(path, readonly=bool(readonly_reason)), readonly_reason
    except DiskFull:
        if readonly_reason or not path.is_file():
            raise
    logger.info("disk full: %s opened read-only", path)
    return Catalog(path, readonly=True, immutable=True), _("the disk holding {folder} is full").format(
        folder=root
    )


class WriteGuard:
    """The gate of every change to one archive (see the module docstring)."""

    def __init__(self, root: Path, catalog: Catalog, readonly_reason: str) -> None:
        self.root = root
        self.catalog = catalog
        self.readonly_reason = readonly_reason
        self.lock = WriterLock(root / paths.LOCK_NAME)

    def check(self) -> None:
        """Refuse when nothing may be changed (read-only, or the catalog is damaged)."""
        if self.readonly_reason:
            raise ReadOnlyArchive(
                _("The archive at {folder} is read-only ({reason}); nothing can be changed").format(
                    folder=self.root,
                    reason=_("opened read-only")
                    if self.readonly_reason == OPENED_READ_ONLY
                    else self.readonly_reason,
                )
            )
        if self.catalog.db.damaged is not None:
            raise self.catalog.db.damaged

    @contextmanager
    def writing(self, what: str) -> Iterator[None]:
        """Hold the writer lock for one change (``what``: import, edit…, named to other programs)."""
        self.check()
        with self.lock.held(what):
            try:
                yield
            except OSError as exc:
                if exc.errno != errno.ENOSPC:
                    raise
                logger.info("%s: %s", what, exc)
                raise DiskFull(
                    disk_full_message(self.root / paths.INDEX_DIR_NAME)
                    + _(
                        " Editions imported before it are kept; their search entries are completed at "
                        "the next opening with space."
                    )
                ) from exc

    def busy(self) -> str | None:
        """Who is changing the archive if another program is (``process 123: import``), else None."""
        return None if self.readonly_reason else self.lock.busy()

    def release(self) -> None:
        """Give the lock back if this process still holds it."""
        self.lock.release()
