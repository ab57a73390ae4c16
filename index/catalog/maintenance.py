"""Checking and copying the catalog: SQLite's ``integrity_check`` and its online backup API."""

from __future__ import annotations

import contextlib
import logging
import os
import sqlite3
from pathlib import Path

from index.catalog.connection import Database
from index.catalog.failures import translate
from index.errors import ArchiveError
from index.i18n import _

logger = logging.getLogger(__name__)


def integrity_problems(db: Database, limit: int = 20) -> list[str]:
    """What ``PRAGMA integrity_check`` and ``foreign_key_check`` find (empty: the file is sound)."""
    with db.translated():
        con = db.conn()
        rows = [str(r[0]) for r in con.execute(f"PRAGMA integrity_check({int(limit)})")]
        problems = [] if rows == ["ok"] else rows
        for r in con.execute("PRAGMA foreign_key_check"):
            problems.append(f"article row {r[1]} of table {r[0]} points to a missing edition")
    return problems


def backup(db: Database, target: Path) -> Path:
    """Copy the catalog to ``target`` with SQLite's online backup (consistent while in use).

    The copy is written beside ``target`` and renamed into place, so a failure never leaves half a
    file under that name. Restoring is opening the copy: put it in place of ``catalog.sqlite``.

    Raises:
        ArchiveError: ``target`` exists, or cannot be written (disk full, no permission).
    """
    target = Path(target)
    if target.exists():
        raise ArchiveError(
            _("{path} exists already; choose a new file name for the backup").format(path=target)
        )
    part = target.with_name(f".{target.name}.part")
    try:
        dest = sqlite3.connect(part)
        try:
            with db.translated():
                db.conn().backup(dest)
            dest.execute("PRAGMA journal_mode = DELETE")  # one self-contained file
        finally:
            dest.close()
        os.replace(part, target)
    except BaseException as exc:
        with contextlib.suppress(OSError):
            part.unlink()
        logger.info("backup to %s failed: %s", target, exc)
        if isinstance(exc, ArchiveError):
            raise
        if isinstance(exc, (OSError, sqlite3.Error)):
            err = translate(exc, target) or ArchiveError(
                _("Cannot write the backup {path}: {reason}").format(path=target, reason=exc)
            )
            raise err from exc
        raise
    logger.info("catalog %s backed up to %s", db.path, target)
    return target
