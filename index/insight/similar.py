"""Reprints and related articles of an article.

Reprints (the same text printed again, headline changed, paragraphs dropped) come from a derived,
rebuildable side file ``root/insight.sqlite`` beside the catalog: per article a MinHash signature of
its body's 4-character shingles (:mod:`index.insight.sketch`) and its LSH band keys. Candidates share
a band; a candidate is a reprint when the estimated share of the shorter text found in the other is
at least :data:`REPRINT_CONTAINMENT`. Deleting the file loses nothing: :meth:`Similarity.sync` brings
it up to date edition by edition (new editions, and editions whose file changed, are done again;
editions gone from the catalog are dropped), :meth:`Similarity.rebuild` makes it anew.

Related stories come from the archive's own search ("more like this", :mod:`index.insight.morelike`),
so importing pays only for the signatures.
"""

from __future__ import annotations

import logging
import sqlite3
import threading
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from index.errors import ArchiveError
from index.i18n import _
from index.insight import sketch
from index.insight.results import Kind, Related, SyncReport
from index.models import Progress

logger = logging.getLogger(__name__)

FILE_NAME = "insight.sqlite"
VERSION = f"3:{sketch.SHINGLE}:{sketch.NUM_PERM}:{sketch.BANDS}"
REPRINT_CONTAINMENT = 0.7  # estimated share of the shorter text's shingles found in the other

MoreLike = Callable[[int, int], list[tuple[int, float]]]  # (article id, how many) -> (id, similarity)

_SCHEMA = """
CREATE TABLE IF NOT EXISTS meta(key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS editions(id INTEGER PRIMARY KEY, sha256 TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS sigs(
  article_id INTEGER PRIMARY KEY, edition_id INTEGER NOT NULL, sig BLOB NOT NULL, shingles INTEGER NOT NULL);
CREATE INDEX IF NOT EXISTS sigs_edition ON sigs(edition_id);
CREATE TABLE IF NOT EXISTS bands(
  key INTEGER NOT NULL, article_id INTEGER NOT NULL, PRIMARY KEY(key, article_id)) WITHOUT ROWID;
"""


class Similarity:
    """The reprint file of one archive (thread-safe: a connection per thread, one writer).

    Args:
        path: ``root/insight.sqlite``.
        catalog: The archive's catalog (``conn()``, ``iter_articles(edition_ids)``, ``articles(ids)``).
        more_like: Related stories for an article (default: none, only reprints are found).
    """

    def __init__(self, path: Path, catalog: Any, more_like: MoreLike | None = None) -> None:
        self.path = Path(path)
        self.catalog = catalog
        self.more_like = more_like
        self._local = threading.local()
        self._conns: list[sqlite3.Connection] = []
        self._lock = threading.RLock()
        self.readonly = bool(getattr(catalog, "readonly", False))  # then the file is only read, if there

    # -- storage -----------------------------------------------------------------------------------
    def conn(self) -> sqlite3.Connection:
        """This thread's connection to the side file (created with its tables on first use).

        Raises:
            ArchiveError: The file cannot be opened (or, read-only, is missing or of another version).
        """
        con: sqlite3.Connection | None = getattr(self._local, "con", None)
        if con is None:
            con = self._open_readonly() if self.readonly else self._open()
            self._local.con = con
            with self._lock:
                self._conns.append(con)
        return con

    def _open(self) -> sqlite3.Connection:
        try:
            con = sqlite3.connect(self.path, check_same_thread=False, isolation_level=None)
            con.execute("PRAGMA busy_timeout = 10000")
            con.execute("PRAGMA synchronous = NORMAL")
            con.execute("PRAGMA journal_mode = WAL")
            with self._lock:
                if _version(con) != VERSION:
                    self._reset(con)
        except sqlite3.Error as exc:
            logger.exception("cannot open %s", self.path)
            raise ArchiveError(
                _("Cannot open the similarity file {path}: {exc}").format(path=self.path, exc=exc)
            ) from exc
        return con

    def _open_readonly(self) -> sqlite3.Connection:
        if not self.path.is_file():
            raise ArchiveError(
                _("No similarity file at {path} (open the archive writable to build it)").format(
                    path=self.path
                )
            )
        try:
            con = sqlite3.connect(
                f"{self.path.resolve().as_uri()}?mode=ro", uri=True, check_same_thread=False
            )
            con.execute("PRAGMA busy_timeout = 10000")
            version = _version(con)
        except sqlite3.Error as exc:
            logger.exception("cannot open %s", self.path)
            raise ArchiveError(
                _("Cannot open the similarity file {path}: {exc}").format(path=self.path, exc=exc)
            ) from exc
        if version != VERSION:
            con.close()
            raise ArchiveError(
                _("The similarity file {path} is of another version; open the archive writable").format(
                    path=self.path
                )
            )
        return con

    def close(self) -> None:
        """Close every connection."""
        with self._lock:
            for con in self._conns:
                con.close()
            self._conns.clear()
            self._local = threading.local()

    @staticmethod
    def _reset(con: sqlite3.Connection) -> None:
        """Drop whatever the file holds (another version's tables too) and create empty tables."""
        tables = [r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
        con.execute("BEGIN IMMEDIATE")
        for table in tables:
            con.execute(f'DROP TABLE IF EXISTS "{table}"')
        for stmt in _SCHEMA.split(";"):
            if stmt.strip():
                con.execute(stmt)
        con.execute("INSERT INTO meta VALUES ('version', ?)", (VERSION,))
        con.execute("COMMIT")

    @contextmanager
    def _write(self) -> Iterator[sqlite3.Connection]:
        with self._lock:
            con = self.conn()
            con.execute("BEGIN IMMEDIATE")
            try:
                yield con
            except BaseException:
                con.execute("ROLLBACK")
                raise
            con.execute("COMMIT")

    # -- building ----------------------------------------------------------------------------------
    def stale_editions(self) -> tuple[list[int], list[int]]:
        """Editions to (re)do (new, or stored from another file) and editions gone from the catalog."""
        mine = dict(self.conn().execute("SELECT id, sha256 FROM editions").fetchall())
        theirs = dict(self.catalog.conn().execute("SELECT id, sha256 FROM editions").fetchall())
        todo = sorted(e for e, sha in theirs.items() if mine.get(e) != sha)
        return todo, sorted(set(mine) - set(theirs))

    def sync(self, progress: Progress | None = None, *, find_reprints: bool = True) -> SyncReport:
        """Bring the file up to date with the catalog; name the reprints among new articles.

        Args:
            progress: ``progress(done, total, message)`` per batch of editions.
            find_reprints: Collect (older id, newer id) pairs with another edition (not on a first
                build, where every pair would be named).
        """
        start = time.perf_counter()
        report = SyncReport()
        with self._lock:
            todo, gone = self.stale_editions()
            if gone or todo:
                with self._write() as con:
                    report.removed = _drop_editions(con, [*gone, *todo])
            if todo:
                first = not self.conn().execute("SELECT 1 FROM sigs LIMIT 1").fetchone()
                report.reprints = [] if find_reprints and not first else None
                report.editions = len(todo)
                shas = dict(self.catalog.conn().execute("SELECT id, sha256 FROM editions").fetchall())
                done = 0
                for batch in _chunks(todo, 40):
                    self._add(batch, shas, report)
                    done += len(batch)
                    if progress is not None:
                        progress(done, len(todo), "重复刊发索引")
        report.seconds = time.perf_counter() - start
        if report.editions or report.removed:
            logger.info(
                "similarity file: %d editions, %d articles added, %d removed in %.2f s",
                report.editions, report.articles, report.removed, report.seconds,
            )  # fmt: skip
        return report

    def redo_articles(self, article_ids: Iterable[int]) -> SyncReport:
        """Do the editions of some articles again (single articles removed or put back)."""
        ids = list(article_ids)
        with self._lock:
            mine = {int(r[0]) for r in _rows_for(self.conn(), "SELECT edition_id FROM sigs", ids)}
            theirs = {
                int(r[0])
                for r in _rows_for(self.catalog.conn(), "SELECT edition_id FROM articles", ids, "id")
            }
            with self._write() as con:
                _drop_editions(con, sorted(mine | theirs))
            return self.sync(find_reprints=False)

    def rebuild(self, progress: Progress | None = None) -> SyncReport:
        """Make the file anew from the catalog."""
        with self._lock:
            self._reset(self.conn())
        return self.sync(progress, find_reprints=False)

    def _add(self, edition_ids: list[int], shas: dict[int, str], report: SyncReport) -> None:
        """Signatures and band keys of the editions' articles, in one transaction."""
        rows = [
            (r[0], r[1], r[2] or "")
            for r in _rows_for(
                self.catalog.conn(), "SELECT id, edition_id, body FROM articles", edition_ids, "edition_id"
            )
        ]
        sigs, sizes = sketch.signatures([body for _, _, body in rows])
        with self._write() as con:
            con.executemany(
                "INSERT OR REPLACE INTO sigs VALUES (?, ?, ?, ?)",
                [(aid, eid, sketch.sig_bytes(sigs[k]), sizes[k]) for k, (aid, eid, _) in enumerate(rows)],
            )
            keys = sketch.band_keys_many(sigs).tolist()
            con.executemany(
                "INSERT OR IGNORE INTO bands VALUES (?, ?)",
                [(key, aid) for k, (aid, _, _) in enumerate(rows) for key in keys[k]],
            )
            con.executemany(
                "INSERT OR REPLACE INTO editions VALUES (?, ?)", [(e, shas[e]) for e in edition_ids]
            )
            if report.reprints is not None:
                pairs = {
                    (min(aid, other), max(aid, other))
                    for k, (aid, eid, _) in enumerate(rows)
                    for other, _ in self._reprints(con, aid, sigs[k], sizes[k], eid, keys[k])
                }
                report.reprints.extend(sorted(pairs))
        report.articles += len(rows)

    # -- queries -----------------------------------------------------------------------------------
    def _reprints(
        self,
        con: sqlite3.Connection,
        article_id: int,
        sig: sketch.Signature,
        size: int,
        edition_id: int,
        keys: list[int] | None = None,
    ) -> list[tuple[int, float]]:
        """Articles of other editions holding this text (LSH candidates, then checked), best first."""
        keys = keys if keys is not None else sketch.band_keys(sig)
        cands = {
            r[0]
            for r in con.execute(
                f"SELECT article_id FROM bands WHERE key IN ({','.join('?' * len(keys))})", keys
            )
            if r[0] != article_id
        }
        out = []
        for other, blob, other_size, eid in _rows_for(
            con, "SELECT article_id, sig, shingles, edition_id FROM sigs", cands
        ):
            if eid != edition_id:
                share = sketch.containment(sketch.jaccard(sig, sketch.sig_from(blob)), size, other_size)
                if share >= REPRINT_CONTAINMENT:
                    out.append((int(other), share))
        return sorted(out, key=lambda x: (-x[1], x[0]))

    def reprints(self, article_id: int) -> list[tuple[int, float]]:
        """``(id, share)`` of the article's reprints in other editions, best first.

        A writable archive's file is synced first (cheap when nothing changed), so an edition
        imported since is searched too; read-only, the file is used as it is (or not at all).
        """
        if not self.catalog.articles([article_id]):
            raise ArchiveError(_("No article with id {article_id}").format(article_id=article_id))
        try:
            if not self.readonly:
                self.sync(find_reprints=False)
            con = self.conn()
        except ArchiveError:
            if not self.readonly:
                raise
            logger.info("no usable similarity file in a read-only archive: no reprints", exc_info=True)
            return []
        sql = "SELECT sig, shingles, edition_id FROM sigs WHERE article_id = ?"
        row = con.execute(sql, (article_id,)).fetchone()
        if row is None:
            logger.warning("article %d has no signature (read-only archive not synced)", article_id)
            return []
        return self._reprints(con, article_id, sketch.sig_from(row[0]), int(row[1]), int(row[2]))

    def related(self, article_id: int, limit: int = 10) -> list[Related]:
        """Reprints (most similar first), then related stories (most similar first), ``limit`` in all."""
        found = self.reprints(article_id)
        known = {r.id for r in self.catalog.articles([i for i, _ in found])}
        reprints = [(i, s) for i, s in found if i in known][:limit]
        seen = {article_id, *(i for i, _ in reprints)}
        chosen: list[tuple[int, float, Kind]] = [(i, s, "reprint") for i, s in reprints]
        if self.more_like is not None and len(chosen) < limit:
            more = self.more_like(article_id, limit + len(seen))
            chosen += [(i, s, "related") for i, s in more if i not in seen][: limit - len(chosen)]
        records = {r.id: r for r in self.catalog.articles([i for i, _, _ in chosen])}
        return [Related(i, records[i].title, records[i].date, s, k) for i, s, k in chosen if i in records]


def _version(con: sqlite3.Connection) -> str | None:
    if not con.execute("SELECT 1 FROM sqlite_master WHERE name = 'meta'").fetchone():
        return None
    row = con.execute("SELECT value FROM meta WHERE key = 'version'").fetchone()
    return str(row[0]) if row else None


def _drop_editions(con: sqlite3.Connection, edition_ids: Sequence[int]) -> int:
    """Forget the editions' articles; band rows are found through their keys (indexed)."""
    rows = _rows_for(con, "SELECT article_id, sig FROM sigs", edition_ids, "edition_id")
    con.executemany(
        "DELETE FROM bands WHERE key = ? AND article_id = ?",
        [(key, aid) for aid, blob in rows for key in sketch.band_keys(sketch.sig_from(blob))],
    )
    con.executemany("DELETE FROM sigs WHERE article_id = ?", [(aid,) for aid, _ in rows])
    con.executemany("DELETE FROM editions WHERE id = ?", [(e,) for e in edition_ids])
    return len(rows)


def _chunks(seq: Sequence[int], size: int) -> Iterator[list[int]]:
    for i in range(0, len(seq), size):
        yield list(seq[i : i + size])


def _rows_for(
    con: sqlite3.Connection, select: str, ids: Iterable[int], column: str = "article_id"
) -> list[tuple[Any, ...]]:
    wanted = list(ids)
    out: list[tuple[Any, ...]] = []
    for i in range(0, len(wanted), 500):
        part = wanted[i : i + 500]
        out += con.execute(f"{select} WHERE {column} IN ({','.join('?' * len(part))})", part).fetchall()
    return out
