"""The SQLite catalog: the archive's source of truth (editions, articles, librarian edits).

* Librarian edits live in their own table, keyed by the article's stable key (see
  :mod:`index.rows`), so a re-import replaces parsed values and never an edit.
* Importing an edition is one transaction: a crash or an exception leaves the catalog as it was.
* Same file again (same sha256) = unchanged; another file for the same edition (date + name)
  updates it in place: matched articles keep their ids, vanished ones go, new ones are added.
* Schema version in ``PRAGMA user_version``; WAL journal; one connection per thread; writes
  serialised by one lock. ``editions.indexed = 0`` marks editions whose Whoosh documents are
  stale (set in the import transaction, cleared after the index commit): crash recovery.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
import threading
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from index.catalog_read import CatalogReads
from index.errors import ArchiveError, SchemaMismatch
from index.models import ParsedEdition
from index.rows import article_keys, article_params, dumps, edition_key

SCHEMA_VERSION = 1

_SCHEMA = """
CREATE TABLE editions(
  id INTEGER PRIMARY KEY, ekey TEXT NOT NULL UNIQUE, date TEXT NOT NULL, name TEXT NOT NULL,
  source_path TEXT NOT NULL, sha256 TEXT NOT NULL, encoding TEXT NOT NULL DEFAULT '',
  imported_at TEXT NOT NULL, unassigned TEXT NOT NULL DEFAULT '[]',
  warnings TEXT NOT NULL DEFAULT '[]', indexed INTEGER NOT NULL DEFAULT 0);
CREATE INDEX editions_sha ON editions(sha256);
CREATE INDEX editions_date ON editions(date);
CREATE TABLE articles(
  id INTEGER PRIMARY KEY, edition_id INTEGER NOT NULL REFERENCES editions(id) ON DELETE CASCADE,
  akey TEXT NOT NULL UNIQUE, seq INTEGER NOT NULL, section TEXT, page INTEGER,
  title TEXT NOT NULL, kicker TEXT NOT NULL, subtitle TEXT NOT NULL, reporters TEXT NOT NULL,
  correspondents TEXT NOT NULL, photographers TEXT NOT NULL, captions TEXT NOT NULL,
  body TEXT NOT NULL, streets TEXT NOT NULL, streets_printed TEXT NOT NULL, topics TEXT NOT NULL,
  fragment INTEGER NOT NULL);
CREATE INDEX articles_edition ON articles(edition_id, seq);
CREATE TABLE edits(
  akey TEXT NOT NULL, field TEXT NOT NULL, value TEXT NOT NULL, edited_at TEXT NOT NULL,
  PRIMARY KEY(akey, field));
CREATE TABLE lexicon(word TEXT PRIMARY KEY, kind TEXT NOT NULL);
"""

_COLS = [
    "section",
    "page",
    "title",
    "kicker",
    "subtitle",
    "reporters",
    "correspondents",
    "photographers",
    "captions",
    "body",
    "streets",
    "streets_printed",
    "topics",
    "fragment",
]


@dataclass(frozen=True)
class StoreResult:
    """What storing one parsed edition did: ``status`` is added, updated or unchanged."""

    edition_id: int
    status: str
    orphaned_edits: int = 0
    article_ids: tuple[int, ...] = ()  # in reading order (not for unchanged editions)


class Catalog(CatalogReads):
    """The SQLite catalog of one archive (connections per thread, serialised writes)."""

    def __init__(self, path: Path, *, readonly: bool = False) -> None:
        self.path = path
        self.readonly = readonly
        self._local = threading.local()
        self._conns: list[sqlite3.Connection] = []
        self._conns_lock = threading.Lock()
        self.write_lock = threading.RLock()
        if readonly and not path.is_file():
            raise ArchiveError(f"No archive catalog at {path}")
        self._check_schema()

    # -- connections -------------------------------------------------------------------------
    def conn(self) -> sqlite3.Connection:
        """This thread's connection (opened on first use)."""
        con: sqlite3.Connection | None = getattr(self._local, "con", None)
        if con is None:
            if self.readonly:
                con = sqlite3.connect(f"{self.path.resolve().as_uri()}?mode=ro", uri=True, check_same_thread=False)
            else:
                con = sqlite3.connect(self.path, check_same_thread=False, isolation_level=None)
            con.execute("PRAGMA busy_timeout = 10000")
            con.execute("PRAGMA foreign_keys = ON")
            con.execute("PRAGMA synchronous = NORMAL")
            self._local.con = con
            with self._conns_lock:
                self._conns.append(con)
        return con

    def close(self) -> None:
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
                con.execute("ROLLBACK")
                raise
            con.execute("COMMIT")

    def _check_schema(self) -> None:
        con = self.conn()
        version = con.execute("PRAGMA user_version").fetchone()[0]
        if version > SCHEMA_VERSION:
            raise SchemaMismatch(
                f"The archive at {self.path.parent} was written by a newer version of this program "
                f"(catalog schema {version}; this version reads up to {SCHEMA_VERSION}). Update the program."
            )
        if version == 0 and not self.readonly:
            con.execute("PRAGMA page_size = 16384")  # article bodies fit a page: faster reads
            with self.write() as w:
                if not w.execute("SELECT 1 FROM sqlite_master WHERE name='editions'").fetchone():
                    for stmt in _SCHEMA.split(";"):
                        if stmt.strip():
                            w.execute(stmt)
                w.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
            con.execute("PRAGMA journal_mode = WAL")

    # -- import ------------------------------------------------------------------------------
    def store_edition(self, parsed: ParsedEdition, source_path: str) -> StoreResult:
        """Store one parsed, dated edition in one transaction (see the module docstring)."""
        if parsed.date is None:
            raise ArchiveError(f"{parsed.source_name}: the edition has no date")
        ekey = edition_key(parsed.date, parsed.name)
        keys = article_keys(ekey, parsed.articles)
        with self.write() as w:
            row = w.execute("SELECT id, sha256 FROM editions WHERE ekey = ?", (ekey,)).fetchone()
            if row and row[1] == parsed.sha256:
                return StoreResult(row[0], "unchanged")
            values = {
                "date": parsed.date.isoformat(),
                "name": parsed.name,
                "source_path": source_path,
                "sha256": parsed.sha256,
                "encoding": parsed.encoding,
                "imported_at": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
                "unassigned": dumps(parsed.unassigned),
                "warnings": dumps(parsed.warnings),
            }
            if row:
                eid = row[0]
                sets = ", ".join(f"{k} = :{k}" for k in values)
                w.execute(f"UPDATE editions SET {sets}, indexed = 0 WHERE id = :id", {**values, "id": eid})
            else:
                cols = ", ".join(values)
                marks = ", ".join(f":{k}" for k in values)
                cur = w.execute(
                    f"INSERT INTO editions(ekey, {cols}) VALUES (:ekey, {marks})", {**values, "ekey": ekey}
                )
                eid = int(cur.lastrowid or 0)
            ids = self._store_articles(w, eid, keys, parsed)
            orphans = 0
            if row:
                orphans = w.execute(
                    "SELECT count(*) FROM edits WHERE akey >= ? AND akey < ? AND akey NOT IN "
                    "(SELECT akey FROM articles WHERE edition_id = ?)",
                    (ekey + "#", ekey + "$", eid),
                ).fetchone()[0]
            return StoreResult(eid, "updated" if row else "added", orphans, ids)

    def _store_articles(
        self, w: sqlite3.Connection, eid: int, keys: list[str], parsed: ParsedEdition
    ) -> tuple[int, ...]:
        sets = ", ".join(f"{c} = excluded.{c}" for c in ["edition_id", "seq", *_COLS])
        sql = (
            f"INSERT INTO articles(edition_id, akey, seq, {', '.join(_COLS)}) "
            f"VALUES (:edition_id, :akey, :seq, {', '.join(':' + c for c in _COLS)}) "
            f"ON CONFLICT(akey) DO UPDATE SET {sets} RETURNING id"
        )
        ids = []
        for seq, (key, art) in enumerate(zip(keys, parsed.articles, strict=True)):
            cur = w.execute(sql, {"edition_id": eid, "akey": key, "seq": seq, **article_params(art)})
            ids.append(int(cur.fetchone()[0]))
        w.execute("CREATE TEMP TABLE IF NOT EXISTS keep(akey TEXT PRIMARY KEY)")
        w.execute("DELETE FROM temp.keep")
        w.executemany("INSERT OR IGNORE INTO temp.keep VALUES (?)", [(k,) for k in keys])
        w.execute(
            "DELETE FROM articles WHERE edition_id = ? AND akey NOT IN (SELECT akey FROM temp.keep)", (eid,)
        )
        names = {
            (n, "person")
            for a in parsed.articles
            for n in (*a.reporters, *a.correspondents, *a.photographers)
        }
        names |= {(n, "street") for a in parsed.articles for n in (*a.streets, *a.streets_printed)}
        w.executemany("INSERT OR IGNORE INTO lexicon(word, kind) VALUES (?, ?)", sorted(names))
        return tuple(ids)

    def edition_by_sha(self, sha256: str) -> tuple[int, str] | None:
        """``(id, ekey)`` of an edition stored from a file with this hash, if any."""
        row = self.conn().execute("SELECT id, ekey FROM editions WHERE sha256 = ?", (sha256,)).fetchone()
        return (row[0], row[1]) if row else None

    # -- index bookkeeping -------------------------------------------------------------------
    def pending_editions(self) -> list[int]:
        """Editions whose index documents are stale (crash recovery; see the module docstring)."""
        return [r[0] for r in self.conn().execute("SELECT id FROM editions WHERE indexed = 0 ORDER BY id")]

    def mark_indexed(self, edition_ids: list[int], indexed: bool = True) -> None:
        with self.write() as w:
            w.executemany(
                "UPDATE editions SET indexed = ? WHERE id = ?", [(int(indexed), e) for e in edition_ids]
            )

    def mark_all_pending(self) -> None:
        with self.write() as w:
            w.execute("UPDATE editions SET indexed = 0")

    def add_lexicon(self, words: Iterable[str], kind: str) -> None:
        """Remember names (kind ``person`` or ``street``) for jieba's dictionary."""
        rows = sorted({(w, kind) for w in words if w})
        if rows:
            with self.write() as w:
                w.executemany("INSERT OR IGNORE INTO lexicon(word, kind) VALUES (?, ?)", rows)

    def lexicon(self) -> list[str]:
        """Names (people, streets) to add to jieba's dictionary so they segment as words."""
        return [r[0] for r in self.conn().execute("SELECT word FROM lexicon ORDER BY word")]
