"""SQLite connections of one catalog: one per thread, named rows, serialised write transactions.

Every write goes through :meth:`Database.write`: one ``BEGIN IMMEDIATE`` transaction, rolled back
on any error, with the catalog generation bumped when content changes
(:mod:`index.catalog.generation`). SQLite failures become :class:`index.errors.ArchiveError`
subclasses that say what happened (:mod:`index.catalog.failures`); once the file is known to be
damaged every further write is refused.
"""

from __future__ import annotations

import logging
import os
import sqlite3
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from index.catalog import generation
from index.catalog.failures import translate
from index.catalog.schema import SCHEMA_VERSION, check_version, migrate, schema_version
from index.errors import ArchiveError, CatalogDamaged, ReadOnlyArchive
from index.i18n import _

logger = logging.getLogger(__name__)


class Database:
    """The connections to one catalog file; :meth:`write` is the only way to change it.

    Args:
        path: The catalog file (created, with its tables, unless ``readonly``).
        readonly: Open with ``mode=ro``; :meth:`write` refuses.
        immutable: With ``readonly``: open as ``immutable`` (no shared-memory file, no locks), for
            a folder that cannot be written (a CD; chosen then anyway) or a full disk.
    """

    def __init__(self, path: Path, *, readonly: bool = False, immutable: bool = False) -> None:
        self.path = path
        self.readonly = readonly
        self.damaged: CatalogDamaged | None = None
        self._local = threading.local()
        self._conns: list[sqlite3.Connection] = []
        self._conns_lock = threading.Lock()
        self.write_lock = threading.RLock()
        if readonly and not path.is_file():
            raise ArchiveError(_("No archive catalog at {path}").format(path=path))
        self._immutable = readonly and (immutable or not os.access(path.parent, os.W_OK))
        with self.translated():
            self._prepare()

    @contextmanager
    def translated(self) -> Iterator[None]:
        """Turn SQLite and disk failures inside the block into errors a user can act on."""
        try:
            yield
        except ArchiveError:
            raise
        except (sqlite3.Error, OSError) as exc:
            err = translate(exc, self.path)
            if err is None:
                raise
            if isinstance(err, CatalogDamaged):
                self.damaged = err
            logger.info("catalog %s: %s", self.path, exc)  # raised: the user sees it once
            raise err from exc

    def conn(self) -> sqlite3.Connection:
        """This thread's connection (opened on first use); rows are :class:`sqlite3.Row`."""
        con: sqlite3.Connection | None = getattr(self._local, "con", None)
        if con is None:
            if self.readonly:
                mode = "ro&immutable=1" if self._immutable else "ro"
                uri = f"{self.path.resolve().as_uri()}?mode={mode}"
                con = sqlite3.connect(uri, uri=True, check_same_thread=False, isolation_level=None)
            else:
                con = sqlite3.connect(self.path, check_same_thread=False, isolation_level=None)
            con.row_factory = sqlite3.Row
            con.execute("PRAGMA busy_timeout = 10000")
            con.execute("PRAGMA foreign_keys = ON")
            con.execute("PRAGMA synchronous = NORMAL")
            self._local.con = con
            with self._conns_lock:
                self._conns.append(con)
        return con

    def close(self) -> None:
        """Close every thread's connection."""
        with self._conns_lock:
            for con in self._conns:
                con.close()
            self._conns.clear()
        self._local = threading.local()

    @contextmanager
    def write(self, *, content: bool = True) -> Iterator[sqlite3.Connection]:
        """One serialised write transaction: committed on success, rolled back on any error.

        Args:
            content: The transaction changes what the catalog holds (bump the generation); False
                for bookkeeping (index flags, the lexicon).
        """
        if self.readonly:
            raise ReadOnlyArchive(
                _("The archive at {folder} is open read-only; nothing can be changed").format(
                    folder=self.path.parent
                )
            )
        if self.damaged is not None:
            raise self.damaged
        with self.write_lock, self.translated():
            con = self.conn()
            con.execute("BEGIN IMMEDIATE")
            try:
                yield con
                if content and generation.has_state(con):
                    generation.bump(con)
            except BaseException:
                if con.in_transaction:
                    try:
                        con.execute("ROLLBACK")
                    except sqlite3.Error as exc:  # the original error matters more
                        logger.warning("rollback failed: %s", exc)
                raise
            con.execute("COMMIT")

    def _prepare(self) -> None:
        con = self.conn()
        version = schema_version(con)
        check_version(version, str(self.path.parent))
        if not self.readonly and version < SCHEMA_VERSION:
            if version == 0:
                con.execute("PRAGMA page_size = 16384")  # article bodies fit a page: faster reads
            with self.write(content=False) as w:
                migrate(w, version)
            if version == 0:
                con.execute("PRAGMA journal_mode = WAL")
