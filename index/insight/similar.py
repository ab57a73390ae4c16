"""Related articles and reprints of an article, from a derived, rebuildable side file.

``root/insight.sqlite`` (beside the catalog) holds, per article, a MinHash signature of its body's
character shingles with LSH band keys (reprints: the same text with the headline changed or
paragraphs dropped) and its :data:`~index.insight.sketch.TOP_TERMS` most distinctive jieba words as
a unit tf-idf vector, with an inverted list word → articles ("more like this": cosine over those
vectors). It is derived data: deleting the file loses nothing, :meth:`Similarity.sync` brings it up
to date with the catalog edition by edition (an edition whose file changed is done again), and
:meth:`Similarity.rebuild` makes it anew. Document frequencies are only ever added to (an edition
replaced by a corrected file counts twice until the next rebuild): they weigh words, nothing more.
"""

from __future__ import annotations

import logging
import sqlite3
import threading
import time
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from index.errors import ArchiveError
from index.insight import sketch
from index.insight.results import Kind, Related, SyncReport
from index.models import ArticleRecord

logger = logging.getLogger(__name__)

FILE_NAME = "insight.sqlite"
VERSION = f"1:{sketch.SHINGLE}:{sketch.NUM_PERM}:{sketch.BANDS}:{sketch.TOP_TERMS}"
REPRINT_CONTAINMENT = 0.7  # share of the shorter text's shingles in the other one
MIN_RELATED = 0.08  # cosine below this is not shown as related
Progress = Callable[[int, int, str], None]
_Item = tuple[ArticleRecord, dict[str, int], "sketch.Signature", int]

_SCHEMA = """
CREATE TABLE IF NOT EXISTS meta(key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS editions(id INTEGER PRIMARY KEY, sha256 TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS sigs(
  article_id INTEGER PRIMARY KEY, edition_id INTEGER NOT NULL, sig BLOB NOT NULL,
  shingles INTEGER NOT NULL, vec BLOB NOT NULL);
CREATE INDEX IF NOT EXISTS sigs_edition ON sigs(edition_id);
CREATE TABLE IF NOT EXISTS bands(key INTEGER NOT NULL, article_id INTEGER NOT NULL);
CREATE INDEX IF NOT EXISTS bands_key ON bands(key);
CREATE INDEX IF NOT EXISTS bands_article ON bands(article_id);
CREATE TABLE IF NOT EXISTS vocab(id INTEGER PRIMARY KEY, word TEXT NOT NULL UNIQUE, df INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS postings(term INTEGER NOT NULL, article_id INTEGER NOT NULL, w REAL NOT NULL);
CREATE INDEX IF NOT EXISTS postings_term ON postings(term);
CREATE INDEX IF NOT EXISTS postings_article ON postings(article_id);
"""


class Similarity:
    """The similarity file of one archive (thread-safe: a connection per thread, one writer).

    Args:
        path: ``root/insight.sqlite``.
        catalog: The archive's :class:`index.catalog.Catalog` (``conn()``, ``iter_articles``, ``articles``).
        segment: Text → jieba words (default: :func:`index.analysis.segment`).
    """

    def __init__(self, path: Path, catalog: Any, segment: Callable[[str], list[str]] | None = None) -> None:
        self.path = Path(path)
        self.catalog = catalog
        self._segment = segment
        self._local = threading.local()
        self._conns: list[sqlite3.Connection] = []
        self._lock = threading.RLock()
        self._vocab: dict[str, tuple[int, int]] | None = None  # word -> (id, df)
        self._n_docs = 0

    # -- storage -----------------------------------------------------------------------------------
    def conn(self) -> sqlite3.Connection:
        """This thread's connection to the side file (created with its tables on first use)."""
        con: sqlite3.Connection | None = getattr(self._local, "con", None)
        if con is None:
            try:
                con = sqlite3.connect(self.path, check_same_thread=False, isolation_level=None)
                con.execute("PRAGMA busy_timeout = 10000")
                con.execute("PRAGMA synchronous = NORMAL")
                con.execute("PRAGMA journal_mode = WAL")
                with self._lock:
                    con.executescript(_SCHEMA)
                    row = con.execute("SELECT value FROM meta WHERE key = 'version'").fetchone()
                    if row is None or row[0] != VERSION:
                        self._reset(con)
            except sqlite3.Error as exc:
                logger.exception("cannot open %s", self.path)
                raise ArchiveError(f"Cannot open the similarity file {self.path}: {exc}") from exc
            self._local.con = con
            with self._lock:
                self._conns.append(con)
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
        for table in ("editions", "sigs", "bands", "vocab", "postings", "meta"):
            con.execute(f"DELETE FROM {table}")
        con.execute("INSERT INTO meta VALUES ('version', ?), ('docs', '0')", (VERSION,))

    @contextmanager
    def _write(self) -> Iterator[sqlite3.Connection]:
        with self._lock:
            con = self.conn()
            con.execute("BEGIN IMMEDIATE")
            try:
                yield con
            except BaseException:
                con.execute("ROLLBACK")
                self._vocab = None
                raise
            con.execute("COMMIT")

    def _load_vocab(self, con: sqlite3.Connection) -> dict[str, tuple[int, int]]:
        if self._vocab is None:
            self._vocab = {w: (i, df) for i, w, df in con.execute("SELECT id, word, df FROM vocab")}
            self._n_docs = int(con.execute("SELECT value FROM meta WHERE key = 'docs'").fetchone()[0])
        return self._vocab

    # -- building ----------------------------------------------------------------------------------
    def stale_editions(self) -> tuple[list[int], list[int]]:
        """Editions to (re)do (new or another file) and editions gone from the catalog."""
        mine = dict(self.conn().execute("SELECT id, sha256 FROM editions").fetchall())
        theirs = dict(self.catalog.conn().execute("SELECT id, sha256 FROM editions").fetchall())
        todo = sorted(e for e, sha in theirs.items() if mine.get(e) != sha)
        gone = sorted(set(mine) - set(theirs))
        return todo, gone

    def sync(self, progress: Progress | None = None, *, find_reprints: bool = True) -> SyncReport:
        """Bring the file up to date with the catalog (only editions that are new or changed)."""
        start = time.perf_counter()
        report = SyncReport(reprints=[] if find_reprints else None)
        with self._lock:
            todo, gone = self.stale_editions()
            if gone or todo:
                with self._write() as con:
                    report.removed = self._drop_editions(con, [*gone, *todo])
            if todo:
                report.editions = len(todo)
                first = self._count_docs() == 0
                if first:
                    report.reprints = None  # a first build finds every pair: not news
                self._add(todo, progress, first=first, report=report)
        report.seconds = time.perf_counter() - start
        if report.editions or report.removed:
            logger.info(
                "similarity file: %d editions, %d articles added, %d removed in %.2f s",
                report.editions, report.articles, report.removed, report.seconds,
            )  # fmt: skip
        return report

    def rebuild(self, progress: Progress | None = None) -> SyncReport:
        """Make the file anew from the catalog."""
        with self._write() as con:
            self._reset(con)
        self._vocab = None
        return self.sync(progress, find_reprints=False)

    def _count_docs(self) -> int:
        return int(self.conn().execute("SELECT count(*) FROM sigs").fetchone()[0])

    @staticmethod
    def _drop_editions(con: sqlite3.Connection, edition_ids: Sequence[int]) -> int:
        ids = [(e,) for e in edition_ids]
        arts = [
            (r[0],)
            for e in edition_ids
            for r in con.execute("SELECT article_id FROM sigs WHERE edition_id = ?", (e,))
        ]
        con.executemany("DELETE FROM bands WHERE article_id = ?", arts)
        con.executemany("DELETE FROM postings WHERE article_id = ?", arts)
        con.executemany("DELETE FROM sigs WHERE article_id = ?", arts)
        con.executemany("DELETE FROM editions WHERE id = ?", ids)
        return len(arts)

    def _words(self, rec: ArticleRecord) -> dict[str, int]:
        if self._segment is None:
            from index import analysis

            self._segment = analysis.segment
        return sketch.word_counts(self._segment(f"{rec.title}\n{rec.subtitle}\n{rec.body}"))

    def _add(
        self, edition_ids: list[int], progress: Progress | None, *, first: bool, report: SyncReport
    ) -> None:
        """Add the articles of ``edition_ids``; a first build counts every word before weighing any."""
        con = self.conn()
        vocab = self._load_vocab(con)
        shas = dict(self.catalog.conn().execute("SELECT id, sha256 FROM editions").fetchall())
        total = len(edition_ids) * (2 if first else 1)
        done = 0
        if first:  # document frequencies over the whole archive first: weights do not drift
            next_id = max((i for i, _ in vocab.values()), default=0) + 1
            for batch in _chunks(edition_ids, 200):
                for records in self.catalog.iter_articles(batch):
                    for rec in records:
                        for w in self._words(rec):
                            tid, df = vocab.get(w, (0, 0))
                            if not tid:
                                tid, next_id = next_id, next_id + 1
                            vocab[w] = (tid, df + 1)
                        self._n_docs += 1
                done += len(batch)
                if progress:
                    progress(done, total, "相似度索引：词频")
            with self._write() as w_con:
                w_con.executemany(
                    "INSERT OR REPLACE INTO vocab(id, word, df) VALUES (?, ?, ?)",
                    [(tid, w, df) for w, (tid, df) in vocab.items()],
                )
        for batch in _chunks(edition_ids, 50):
            items: list[_Item] = []
            for records in self.catalog.iter_articles(batch):
                for rec in records:
                    hashes = sketch.shingle_hashes(rec.body)
                    items.append((rec, self._words(rec), sketch.minhash(hashes), len(hashes)))
            self._store(items, batch, shas, report, count_words=not first)
            done += len(batch)
            if progress:
                progress(done, total, "相似度索引")

    def _store(
        self,
        items: list[_Item],
        edition_ids: Sequence[int],
        shas: dict[int, str],
        report: SyncReport,
        *,
        count_words: bool,
    ) -> None:
        """Weigh the words of ``items``, write signatures, bands and postings (one transaction)."""
        with self._write() as con:
            vocab = self._load_vocab(con)
            if count_words:
                next_id = max((i for i, _ in vocab.values()), default=0) + 1
                for _, counts, _, _ in items:
                    for w in counts:
                        tid, df = vocab.get(w, (0, 0))
                        if not tid:
                            tid, next_id = next_id, next_id + 1
                        vocab[w] = (tid, df + 1)
                self._n_docs += len(items)
                words = {w for _, counts, _, _ in items for w in counts}
                con.executemany(
                    "INSERT OR REPLACE INTO vocab(id, word, df) VALUES (?, ?, ?)",
                    [(vocab[w][0], w, vocab[w][1]) for w in words],
                )
            df_of = _DfView(vocab)
            sig_rows: list[tuple[int, int, bytes, int, bytes]] = []
            band_rows: list[tuple[int, int]] = []
            post_rows: list[tuple[int, int, float]] = []
            for rec, counts, sig, n_sh in items:
                vec = sketch.top_terms(counts, df_of, self._n_docs)
                by_id = {vocab[w][0]: wt for w, wt in vec.items()}
                sig_rows.append(
                    (rec.id, rec.edition_id, sketch.sig_bytes(sig), n_sh, sketch.pack_vector(by_id))
                )
                band_rows.extend((k, rec.id) for k in sketch.band_keys(sig))
                post_rows.extend((t, rec.id, wt) for t, wt in by_id.items())
            con.executemany("INSERT OR REPLACE INTO sigs VALUES (?, ?, ?, ?, ?)", sig_rows)
            con.executemany("INSERT INTO bands VALUES (?, ?)", band_rows)
            con.executemany("INSERT INTO postings VALUES (?, ?, ?)", post_rows)
            con.executemany(
                "INSERT OR REPLACE INTO editions VALUES (?, ?)",
                [(e, shas[e]) for e in edition_ids if e in shas],
            )
            con.execute("UPDATE meta SET value = ? WHERE key = 'docs'", (str(self._n_docs),))
            if report.reprints is not None:
                pairs = {
                    (min(rec.id, other), max(rec.id, other))
                    for rec, _, sig, n_sh in items
                    for other, _ in self._reprint_candidates(con, rec.id, sig, n_sh, rec.edition_id)
                }
                report.reprints.extend(sorted(pairs))
            report.articles += len(items)

    # -- queries -----------------------------------------------------------------------------------
    def _reprint_candidates(
        self, con: sqlite3.Connection, article_id: int, sig: sketch.Signature, n_sh: int, edition_id: int = 0
    ) -> list[tuple[int, float]]:
        """Articles of other editions whose MinHash says they hold this text (LSH, then checked)."""
        keys = sketch.band_keys(sig)
        marks = ",".join("?" * len(keys))
        cands = {
            r[0]
            for r in con.execute(f"SELECT DISTINCT article_id FROM bands WHERE key IN ({marks})", keys)
            if r[0] != article_id
        }
        out = []
        for other, blob, other_n, eid in _rows_for(
            con, "SELECT article_id, sig, shingles, edition_id FROM sigs", cands
        ):
            if eid == edition_id:
                continue
            j = sketch.jaccard(sig, sketch.sig_from(blob))
            c = sketch.containment(j, n_sh, other_n)
            if c >= REPRINT_CONTAINMENT:
                out.append((int(other), c))
        return out

    def related(self, article_id: int, limit: int = 10) -> list[Related]:
        """Reprints (most similar first), then related stories, ``limit`` in all."""
        con = self.conn()
        row = con.execute(
            "SELECT sig, shingles, vec FROM sigs WHERE article_id = ?", (article_id,)
        ).fetchone()
        if row is None:
            if not self.catalog.articles([article_id]):
                raise ArchiveError(f"No article with id {article_id}")
            if self.path.exists() and not getattr(self.catalog, "readonly", False):
                self.sync(find_reprints=False)
                row = con.execute(
                    "SELECT sig, shingles, vec FROM sigs WHERE article_id = ?", (article_id,)
                ).fetchone()
            if row is None:
                return []
        sig, n_sh, vec = sketch.sig_from(row[0]), int(row[1]), sketch.unpack_vector(row[2])
        reprints = sorted(self._reprint_candidates(con, article_id, sig, n_sh), key=lambda x: (-x[1], x[0]))
        scores: dict[int, float] = {}
        terms = sorted(vec, key=lambda t: -vec[t])[:12]
        for term, other, w in _rows_for(con, "SELECT term, article_id, w FROM postings", terms, "term"):
            if other != article_id:
                scores[other] = scores.get(other, 0.0) + vec[term] * w
        seen = {i for i, _ in reprints}
        related = sorted(
            ((i, s) for i, s in scores.items() if i not in seen and s >= MIN_RELATED),
            key=lambda x: (-x[1], x[0]),
        )
        chosen: list[tuple[int, float, Kind]] = [(i, s, "reprint") for i, s in reprints[:limit]]
        chosen += [(i, min(1.0, s), "related") for i, s in related[: max(0, limit - len(chosen))]]
        records = {r.id: r for r in self.catalog.articles([i for i, _, _ in chosen])}
        return [Related(i, records[i].title, records[i].date, s, k) for i, s, k in chosen if i in records]


class _DfView(Mapping[str, int]):
    """word → document frequency, read through the vocabulary (no copy)."""

    def __init__(self, vocab: dict[str, tuple[int, int]]) -> None:
        self._vocab = vocab

    def __getitem__(self, word: str) -> int:
        return self._vocab[word][1]

    def __iter__(self) -> Iterator[str]:
        return iter(self._vocab)

    def __len__(self) -> int:
        return len(self._vocab)


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
