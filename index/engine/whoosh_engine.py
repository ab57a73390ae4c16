"""The Whoosh implementation of :class:`index.engine.base.Engine`.

The index is derived from the catalog and holds no article text: title and body term counts,
exact keyword terms, one packed ``meta`` column, and gram files beside the segments. Opening
installs the zero-copy segment reads (:mod:`index.engine.zerocopy`). One searcher per thread,
renewed by hand when the index changed (see :meth:`WhooshEngine.snapshot`).
"""

from __future__ import annotations

import contextlib
import logging
import threading
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import Any

import numpy as np
from whoosh import index, writing
from whoosh.index import LockError
from whoosh.reading import EmptyReader, MultiReader, SegmentReader
from whoosh.searching import Searcher

from index.engine import zerocopy
from index.engine.auth import AuthStorage
from index.engine.base import FieldStats, Ids, IndexDoc, TermPostings
from index.engine.gramstore import GramStore
from index.engine.postings import PostingCache
from index.engine.schema import INDEX_VERSION, make_schema, whoosh_document
from index.engine.table_store import TableStore
from index.engine.tables import DocTable, TableCache
from index.engine.textstore import TextStore
from index.engine.tuning import FastWriter, tiered_merge

logger = logging.getLogger(__name__)

__all__ = ["INDEX_VERSION", "LockError", "WhooshEngine", "WhooshSnapshot", "WhooshWriter"]


class WhooshWriter:
    """A Whoosh segment writer behind :class:`index.engine.base.EngineWriter`."""

    def __init__(self, w: FastWriter, clear: bool) -> None:
        self._w = w
        self._clear = clear

    def add(self, docs: Sequence[IndexDoc]) -> None:
        """Add documents."""
        for doc in docs:
            row = (doc.id, doc.date.toordinal(), doc.seq, doc.keywords)
            text = (doc.text, doc.headline) if doc.text is not None else None
            self._w.add_with_grams(whoosh_document(doc), doc.grams, row, text)

    def delete_editions(self, edition_ids: Sequence[int]) -> None:
        """Delete every document of some editions."""
        for eid in edition_ids:
            self._w.delete_by_term("edition", str(eid))

    def replace(self, doc: IndexDoc) -> None:
        """Replace the document with the same article id."""
        self._w.delete_by_term("id", doc.id)
        self.add([doc])

    def commit(self) -> None:
        """Commit (``clear``: the new documents replace the whole index, atomically)."""
        self._w.commit(mergetype=writing.CLEAR if self._clear else tiered_merge)

    def cancel(self) -> None:
        """Drop the changes; the files are closed and removed, the lock freed."""
        if not self._w.is_closed:
            with contextlib.suppress(Exception):  # the original error matters, not this one
                self._w.cancel()
        lock = getattr(self._w, "writelock", None)
        if lock is not None and lock in self._w.storage.held_locks():  # cancel failed before unlocking
            with contextlib.suppress(Exception):
                lock.release()


def _meta(reader: Any) -> Callable[[], Iterable[bytes]]:
    """The reader of a segment's packed values, opened when first needed."""
    return lambda: reader.column_reader("meta", translate=False)


class WhooshSnapshot:
    """One searcher's view: global document numbers over its segments."""

    def __init__(self, searcher: Searcher, engine: WhooshEngine, generation: int) -> None:
        self.searcher = searcher
        self._engine = engine
        self.leaves = [(r, b) for r, b in searcher.reader().leaf_readers() if r.segment() is not None]
        self.total = sum(r.doc_count_all() for r, _ in self.leaves)
        self.generation = generation
        self._stats: dict[str, list[FieldStats]] = {}

    def table(self) -> DocTable:
        """Per-document values by document number."""
        return self._engine.tables.table([(r.segment().segment_id(), _meta(r)) for r, _ in self.leaves])

    def deleted(self) -> Ids:
        """Global numbers of deleted documents."""
        parts = [
            np.fromiter(r.deleted_docs_set, dtype=np.int64) + base
            for r, base in self.leaves
            if r.has_deletions()
        ]
        return np.concatenate(parts) if parts else np.zeros(0, dtype=np.int64)

    def stats(self, fieldname: str) -> list[FieldStats]:
        """Each segment's ranking statistics of a text field."""
        got = self._stats.get(fieldname)
        if got is None:
            got = []
            for r, base in self.leaves:
                n = r.doc_count_all()
                avg = r.field_length(fieldname) / n if n else 0.0
                got.append(FieldStats(base, n, avg, self._engine.postings.lengths(r, fieldname)))
            self._stats[fieldname] = got
        return got

    def postings(self, fieldname: str, text: str) -> list[tuple[FieldStats, TermPostings]]:
        """A term's postings per segment (local numbers)."""
        out = []
        for (r, _base), st in zip(self.leaves, self.stats_or_bases(fieldname), strict=True):
            p = self._engine.postings.get(r, fieldname, r._text_to_bytes(fieldname, text))
            if p is not None and len(p.ids):
                out.append((st, p))
        return out

    def doc_frequency(self, fieldname: str, text: str) -> int:
        """How many documents hold a term (from the term dictionary; no postings are decoded)."""
        return sum(int(r.doc_frequency(fieldname, text)) for r, _base in self.leaves)

    def stats_or_bases(self, fieldname: str) -> list[FieldStats]:
        """Ranking statistics for text fields, bare segment bases for keyword fields."""
        if fieldname in ("title", "body"):
            return self.stats(fieldname)
        return [FieldStats(b, r.doc_count_all(), 0.0, None) for r, b in self.leaves]

    def gram_docs(self, key: int) -> Ids:
        """Global numbers of the documents holding a gram key (ascending)."""
        parts = []
        for r, base in self.leaves:
            gf = self._engine.grams.get(r.segment().segment_id())
            if gf is not None:
                docs = gf.docs(key)
                if len(docs):
                    parts.append(docs + base)
        return np.concatenate(parts) if parts else np.zeros(0, dtype=np.int64)

    def texts_holding(self, docnums: Ids, text: str, *, headline_only: bool = False) -> tuple[Ids, Ids]:
        """Of some global document numbers (ascending): those whose stored text holds ``text``
        (in the headline only, if asked), and those of segments that store no text."""
        found: list[Ids] = []
        unknown: list[Ids] = []
        bases = [b for _, b in self.leaves]
        cuts = np.searchsorted(docnums, [*bases, self.total])
        for (r, base), lo, hi in zip(self.leaves, cuts[:-1], cuts[1:], strict=True):
            if lo == hi:
                continue
            local = docnums[lo:hi] - base
            tf = self._engine.texts.get(r.segment().segment_id())
            if tf is None:
                unknown.append(local + base)
            else:
                found.append(local[tf.holding(local, text, headline_only=headline_only)] + base)
        empty = np.zeros(0, dtype=np.int64)
        return (
            np.concatenate(found) if found else empty,
            np.concatenate(unknown) if unknown else empty,
        )


class WhooshEngine:
    """The Whoosh index folder: writers (serialised by the caller) and per-thread snapshots."""

    def __init__(self, folder: Path, *, readonly: bool = False) -> None:
        zerocopy.install()
        self.folder = folder
        self.readonly = readonly
        self.created = False
        version = folder / "VERSION"
        # nothing is read through Whoosh before every file is authenticated (index.integrity)
        self.storage = AuthStorage(folder, readonly=readonly)
        self.problem = self.storage.verify_all()
        if not self.problem and (not version.is_file() or version.read_text().strip() != INDEX_VERSION):
            self.problem = "the index was made by another version of this program"
        if self.problem:
            logger.info("index at %s cannot be used (%s): rebuilding", folder, self.problem)
        if self.problem and readonly:
            self.ix: index.Index | None = None
        elif self.problem:
            self.storage.reset()
            self.ix = self.storage.create_index(make_schema())
            version.write_text(INDEX_VERSION)
            self.created = True
        else:
            self.ix = self.storage.open_index()
        self.table_store = TableStore(folder / "tables")  # read-only: saving just fails
        self.tables = TableCache(self.table_store)
        self.postings = PostingCache()
        self.grams = GramStore(folder / "grams")
        self.texts = TextStore(folder / "grams")  # signed and pruned with the gram files
        self._local = threading.local()
        self._searchers: list[Searcher] = []
        self._lock = threading.Lock()

    def snapshot(self) -> WhooshSnapshot | None:
        """This thread's snapshot, renewed when the index changed (None if there is no index).

        Whoosh's own ``Searcher.refresh()`` is not used: in whoosh-reloaded 2.7.5 it keeps the
        segments a merge removed (duplicate hits) and reuses readers of segments that gained
        deletions (stale hits). Here a reader is reused only for a segment whose id and deletion
        count are unchanged; the others are opened anew.
        """
        if self.ix is None:
            return None
        old: WhooshSnapshot | None = getattr(self._local, "snapshot", None)
        if old is not None and self.ix.latest_generation() == old.generation:
            return old
        toc = self.ix._read_toc()
        reusable = {}
        if old is not None:
            reusable = {r.segment().segment_id(): r for r, _ in old.leaves}
        readers = []
        for seg in toc.segments:
            r = reusable.get(seg.segment_id())
            if r is not None and r.segment().deleted_count() == seg.deleted_count():
                del reusable[seg.segment_id()]
            else:
                r = SegmentReader(self.ix.storage, toc.schema, seg, generation=toc.generation)
            readers.append(r)
        reader: Any
        if not readers:
            reader = EmptyReader(toc.schema)
        elif len(readers) == 1:
            reader = readers[0]
        else:
            reader = MultiReader(readers, generation=toc.generation)
        new = Searcher(reader, fromindex=self.ix)
        for r in reusable.values():  # readers of segments that are gone or changed
            r.close()
        snap = WhooshSnapshot(new, self, int(toc.generation))
        self._local.snapshot = snap
        with self._lock:
            self._searchers = [x for x in self._searchers if old is None or x is not old.searcher]
            self._searchers.append(new)
        return snap

    def writer(self, *, clear: bool = False, timeout: float = 30.0, limitmb: int = 256) -> WhooshWriter:
        """A new writer (waits up to ``timeout`` seconds for another one; raises ``LockError``)."""
        if self.ix is None or self.readonly:
            raise RuntimeError("index not open for writing")
        before = self.storage.held_locks()
        try:
            w = FastWriter(
                self.ix, self.grams, self.table_store, self.texts, timeout=timeout, limitmb=limitmb
            )
        except BaseException:
            self.storage.release_locks(keep=before)  # Whoosh keeps its lock if __init__ fails
            raise
        return WhooshWriter(w, clear)

    def document_ids(self) -> list[int]:
        """The article id of every live document (for consistency checks; duplicates kept)."""
        snap = self.snapshot()
        return [] if snap is None else [int(f["id"]) for f in snap.searcher.all_stored_fields()]

    def doc_count(self) -> int:
        """Live documents."""
        return 0 if self.ix is None else int(self.ix.doc_count())

    def segment_ids(self) -> list[str]:
        """The ids of the index's current segments."""
        snap = self.snapshot()
        return [] if snap is None else [r.segment().segment_id() for r, _ in snap.leaves]

    def close(self) -> None:
        """Close every searcher and the index."""
        with self._lock:
            for s in self._searchers:
                s.close()
            self._searchers.clear()
        self._local = threading.local()
        if self.ix is not None:
            self.ix.close()
