"""SQLite failures in words a user can act on: a damaged catalog, a full disk, a read-only file."""

from __future__ import annotations

import errno
import logging
import shutil
import sqlite3
from pathlib import Path

from index.errors import ArchiveError, CatalogDamaged, DiskFull, ReadOnlyArchive
from index.i18n import _

logger = logging.getLogger(__name__)

_CORRUPT, _NOTADB, _FULL, _READONLY, _IOERR, _CANTOPEN = 11, 26, 13, 8, 10, 14


def damaged_message(path: Path, detail: str) -> str:
    """What to tell a user whose catalog file is damaged."""
    return _(
        "The archive catalog {path} is damaged ({detail}); nothing was changed. "
        "Restore your last backup (copy it over this file; see the 'backup' command), "
        "or move the archive folder away and import the edition files again into a new one. "
        "The 'check' command reports what is damaged."
    ).format(path=path, detail=detail)


def disk_full_message(path: Path) -> str:
    """What to tell a user when the disk holding the archive is full."""
    return _(
        "No space left on the disk holding {folder}: the change in progress was not stored and "
        "the archive is intact. Free some space and try again."
    ).format(folder=path.parent)


def disk_nearly_full(path: Path, margin: int = 1 << 20) -> bool:
    """True when the disk holding ``path`` has less than ``margin`` bytes free."""
    probe = path if path.is_dir() else path.parent
    try:
        return shutil.disk_usage(probe).free < margin
    except OSError:
        return False


def translate(exc: BaseException, path: Path) -> ArchiveError | None:
    """The :class:`ArchiveError` a SQLite or OS failure on the catalog ``path`` means, if any."""
    if isinstance(exc, OSError) and exc.errno == errno.ENOSPC:
        return DiskFull(disk_full_message(path))
    if not isinstance(exc, sqlite3.DatabaseError):
        return None
    code = getattr(exc, "sqlite_errorcode", -1) & 0xFF
    text = str(exc)
    if code in (_CORRUPT, _NOTADB) or "malformed" in text or "not a database" in text:
        return CatalogDamaged(damaged_message(path, text))
    if code == _FULL or "disk is full" in text or (code in (_IOERR, _CANTOPEN) and disk_nearly_full(path)):
        return DiskFull(disk_full_message(path))
    if code == _READONLY:
        return ReadOnlyArchive(
            _("The archive catalog {path} cannot be written ({reason}); open it read-only.").format(
                path=path, reason=text
            )
        )
    if code in (_IOERR, _CANTOPEN):
        return ArchiveError(
            _("The archive catalog {path} cannot be read or written ({reason}).").format(
                path=path, reason=text
            )
        )
    return None
