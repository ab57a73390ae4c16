"""SQLite connections of one catalog: one per thread, named rows, serialised write transactions."""

from __future__ import annotations

import logging
import sqlite3
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from index.catalog.schema import SCHEMA_VERSION, check_version, migrate, schema_version
from index.errors import ArchiveError

logger = logging.getLogger(__name__)


class Database:
    """The connections to one catalog file; :meth:`write` is the only way to change it.

    Args:
        path: The catalog file (created, with its tables, unless ``readonly``).
        readonly: Open with ``mode=ro``; :meth:`write` refuses.
    """

    def __init__(self, path: Path, *, readonly: bool = False) -> None:
        self.path = path
        self.readonly = readonly
        self._local = threading.local()
        self._conns: list[sqlite3.Connection] = []
        self._conns_lock = threading.Lock()
        self.write_lock = threading.RLock()
        if readonly and not path.is_file():
            raise ArchiveError(f"No archive catalog at {path}")
        self._prepare()

    def conn(self) -> sqlite3.Connection:
        """This thread's connection (opened on first use); rows are :class:`sqlite3.Row`."""
        con: sqlite3.Connection | None = getattr(self._local, "con", None)
        if con is None:
            if self.readonly:
                uri = f"{self.path.resolve().as_uri()}?mode=ro"
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
    def write(self) -> Iterator[sqlite3.Connection]:
        """One serialised write transaction: committed on success, rolled back on any error."""
        if self.readonly:
            raise ArchiveError("The archive is open read-only")
        with self.write_lock:
            con = self.conn()
            con.execute("BEGIN IMMEDIATE")
            try:
                yield con
            except BaseException:
                if con.in_transaction:
                    con.execute("ROLLBACK")
                raise
            con.execute("COMMIT")

    def _prepare(self) -> None:
        con = self.conn()
        version = schema_version(con)
        check_version(version, str(self.path.parent))
        if not self.readonly and version < SCHEMA_VERSION:
            if version == 0:
                con.execute("PRAGMA page_size = 16384")  # article bodies fit a page: faster reads
            with self.write() as w:
                migrate(w, version)
            if version == 0:
                con.execute("PRAGMA journal_mode = WAL")
