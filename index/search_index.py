"""The Whoosh full-text index: schema, documents, writing, and one cached searcher per thread.

The index is derived from the catalog and holds no article text (the catalog does): title and
body are indexed, not stored. Per-document facet data goes into one column (``meta``) that
:mod:`index.facets` turns into per-segment arrays. Postings can be computed in worker processes
(:func:`prepare_text`) and handed to the writer ready-made (:class:`Prepared`), so jieba and the
posting encoding run on every core while the writer process only files postings.
"""

from __future__ import annotations

import contextlib
import threading
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

from whoosh import fields, formats, index, writing
from whoosh.columns import VarBytesColumn
from whoosh.reading import EmptyReader, MultiReader, SegmentReader
from whoosh.searching import Searcher

from index.analysis import JiebaTokenizer, term_counts
from index.integrity.storage import AuthStorage
from index.models import ArticleRecord, Caption
from index.whoosh_io import install as _install_zero_copy_reads
from index.whoosh_tuning import FastWriter, tiered_merge

_install_zero_copy_reads()

INDEX_VERSION = "2"

_SEP, _VSEP = "\x1f", "\x1e"

Postings = list[tuple[bytes, int, float, bytes]]


@dataclass(frozen=True)
class Prepared:
    """A text field's postings, computed ahead (picklable): ``(term, freq, weight, value)``."""

    postings: Postings
    length: int


class Counts(formats.Format):  # type: ignore[misc]
    """Postings with a weight (term count × field boost) and nothing else: no positions.

    Phrases are checked against the catalog text instead (exact, see :mod:`index.evaluate`), so
    the index needs no positions: smaller blocks, faster to write and to read.
    """

    posting_size = 0

    def __init__(self, field_boost: float = 1.0, **options: Any) -> None:
        self.field_boost = field_boost
        self.options = options

    def word_values(
        self, value: Any, analyzer: Any, **kwargs: Any
    ) -> Iterator[tuple[str, int, float, bytes]]:
        counts = Counter(t.text for t in formats.tokens(value, analyzer, kwargs))
        fb = self.field_boost
        return ((w, n, n * fb, b"") for w, n in counts.items())

    def encode(self, value: Any) -> bytes:
        return b""

    def decode_frequency(self, valuestring: bytes) -> int:
        return 1

    def decode_weight(self, valuestring: bytes) -> float:
        return float(self.field_boost)


class JiebaText(fields.TEXT):  # type: ignore[misc]
    """Text field: jieba search-mode analysis, :class:`Counts` postings; takes :class:`Prepared`."""

    def __init__(self, field_boost: float = 1.0) -> None:
        super().__init__(analyzer=JiebaTokenizer(), phrase=False, field_boost=field_boost)
        self.format = Counts(field_boost=field_boost)

    def index(self, value: Any, **kwargs: Any) -> Iterator[tuple[bytes, int, float, bytes]]:
        if isinstance(value, Prepared):
            return iter(value.postings)
        return super().index(value, **kwargs)  # type: ignore[no-any-return]


def make_schema() -> fields.Schema:
    """The index schema (bump :data:`INDEX_VERSION` when it changes: the index is rebuilt)."""
    return fields.Schema(
        id=fields.NUMERIC(int, bits=64, signed=False, stored=True, unique=True),
        edition=fields.ID(),
        title=JiebaText(field_boost=2.0),
        body=JiebaText(),
        street=fields.KEYWORD(commas=True, lowercase=False, scorable=False),
        topic=fields.KEYWORD(commas=True, lowercase=False, scorable=False),
        reporter=fields.KEYWORD(commas=True, lowercase=False, scorable=False),
        section=fields.ID(),
        month=fields.ID(),
        day=fields.NUMERIC(int, bits=32, signed=False, sortable=True),
        meta=fields.COLUMN(VarBytesColumn()),
    )


_SCHEMA = make_schema()
_FORMATS = {name: _SCHEMA[name].format for name in ("title", "body")}


def prepare_text(field: str, text: str) -> Prepared:
    """Postings of ``text`` for the ``title`` or ``body`` field (jieba runs here)."""
    boost = _FORMATS[field].field_boost
    counts, n = term_counts(text)
    # sorted by term: each document then adds one sorted run to the writer's pool (cheaper sort)
    return Prepared([(t, c, c * boost, b"") for t, c in sorted(counts.items())], n)


class ArticleText(Protocol):
    """What indexing reads of an article (a :class:`ParsedArticle` or an :class:`ArticleRecord`)."""

    @property
    def kicker(self) -> str: ...
    @property
    def title(self) -> str: ...
    @property
    def subtitle(self) -> str: ...
    @property
    def body(self) -> str: ...
    @property
    def captions(self) -> Sequence[Caption]: ...


def title_text(rec: ArticleText) -> str:
    """The text of the ``title`` field: kicker, title and subtitle."""
    return "\n".join(t for t in (rec.kicker, rec.title, rec.subtitle) if t)


def body_text(rec: ArticleText) -> str:
    """The text of the ``body`` field: paragraphs and photo captions."""
    return "\n".join([rec.body, *(c.text for c in rec.captions if c.text)])


def prepare_record(rec: ArticleText) -> tuple[Prepared, Prepared]:
    """Title and body postings of an article."""
    return prepare_text("title", title_text(rec)), prepare_text("body", body_text(rec))


def encode_meta(rec: ArticleRecord) -> bytes:
    """Per-document values for sorting and facets (decoded by :mod:`index.facets`)."""
    return _SEP.join(
        (
            str(rec.id),
            str(rec.date.toordinal()),
            str(rec.seq),
            _VSEP.join(rec.streets),
            _VSEP.join(rec.topics),
            _VSEP.join(rec.reporters),
            rec.section or "",
        )
    ).encode("utf-8")


def document(rec: ArticleRecord, prepared: tuple[Prepared, Prepared] | None = None) -> dict[str, Any]:
    """The Whoosh document of an article (postings computed here unless given)."""
    title, body = prepared or prepare_record(rec)
    doc: dict[str, Any] = {
        "id": rec.id,
        "edition": str(rec.edition_id),
        "title": title,
        "body": body,
        "month": rec.date.strftime("%Y-%m"),
        "day": rec.date.year * 10000 + rec.date.month * 100 + rec.date.day,
        "meta": encode_meta(rec),
    }
    for name, values in (("street", rec.streets), ("topic", rec.topics), ("reporter", rec.reporters)):
        if values:
            doc[name] = list(values)
    if rec.section:
        doc["section"] = rec.section
    return doc


class SearchIndex:
    """The Whoosh index folder: writers (serialised by the caller) and per-thread searchers."""

    def __init__(self, folder: Path, *, readonly: bool = False) -> None:
        self.folder = folder
        self.readonly = readonly
        self.created = False
        version = folder / "VERSION"
        # nothing is read through Whoosh before every file is authenticated (index.integrity)
        self.storage = AuthStorage(folder, readonly=readonly)
        self.problem = self.storage.verify_all()
        if not self.problem and (not version.is_file() or version.read_text().strip() != INDEX_VERSION):
            self.problem = "the index was made by another version of this program"
        if self.problem and readonly:
            self.ix: index.Index | None = None
        elif self.problem:
            self.storage.reset()
            self.ix = self.storage.create_index(make_schema())
            version.write_text(INDEX_VERSION)
            self.created = True
        else:
            self.ix = self.storage.open_index()
        self._local = threading.local()
        self._searchers: list[Searcher] = []
        self._lock = threading.Lock()

    def searcher(self) -> Searcher | None:
        """This thread's searcher, renewed when the index changed (``None`` if there is no index).

        Whoosh's own ``Searcher.refresh()`` is not used: in whoosh-reloaded 2.7.5 it keeps the
        segments a merge removed (duplicate hits) and reuses readers of segments that gained
        deletions (stale hits). Here a reader is reused only for a segment whose id and deletion
        count are unchanged; the others are opened anew.
        """
        if self.ix is None:
            return None
        old: Searcher | None = getattr(self._local, "searcher", None)
        if old is not None and self.ix.latest_generation() == old.reader().generation():
            return old
        toc = self.ix._read_toc()
        reusable = {}
        if old is not None:
            reusable = {r.segment().segment_id(): r for r, _ in old.reader().leaf_readers() if r.segment()}
        readers = []
        for seg in toc.segments:
            r = reusable.get(seg.segment_id())
            if r is not None and r.segment().deleted_count() == seg.deleted_count():
                del reusable[seg.segment_id()]
            else:
                r = SegmentReader(self.ix.storage, toc.schema, seg, generation=toc.generation)
            readers.append(r)
        if not readers:
            reader: Any = EmptyReader(toc.schema)
        elif len(readers) == 1:
            reader = readers[0]
        else:
            reader = MultiReader(readers, generation=toc.generation)
        new = Searcher(reader, fromindex=self.ix)
        for r in reusable.values():  # readers of segments that are gone or changed
            r.close()
        self._local.searcher = new
        with self._lock:
            self._searchers = [x for x in self._searchers if x is not old] + [new]
        return new

    def open_writer(self, limitmb: int = 256, timeout: float = 30.0) -> FastWriter:
        """A new writer (waits up to ``timeout`` seconds for another one to finish)."""
        if self.ix is None or self.readonly:
            raise RuntimeError("index not open for writing")
        before = self.storage.held_locks()
        try:
            return FastWriter(self.ix, timeout=timeout, limitmb=limitmb)
        except BaseException:
            self.storage.release_locks(keep=before)  # Whoosh keeps its lock if __init__ fails
            raise

    @staticmethod
    def commit(w: writing.SegmentWriter, *, clear: bool = False) -> None:
        """Commit (``clear``: the new documents replace the whole index, atomically)."""
        w.commit(mergetype=writing.CLEAR if clear else tiered_merge)

    @contextmanager
    def writer(
        self, *, clear: bool = False, limitmb: int = 256, timeout: float = 30.0
    ) -> Iterator[writing.SegmentWriter]:
        """A writer committed on success and cancelled on any error."""
        w = self.open_writer(limitmb, timeout)
        try:
            yield w
            self.commit(w, clear=clear)
        except BaseException:
            self.abandon(w)
            raise

    @staticmethod
    def abandon(w: writing.SegmentWriter) -> None:
        """Cancel a writer after an error (its files are closed and removed, the lock freed)."""
        if not w.is_closed:
            with contextlib.suppress(Exception):  # the original error matters, not this one
                w.cancel()
        lock = getattr(w, "writelock", None)
        if lock is not None and lock in w.storage.held_locks():  # cancel failed before unlocking
            with contextlib.suppress(Exception):
                lock.release()

    @staticmethod
    def replace_editions(w: writing.SegmentWriter, edition_ids: Iterable[int]) -> None:
        for eid in edition_ids:
            w.delete_by_term("edition", str(eid))

    @staticmethod
    def add(w: writing.SegmentWriter, docs: Sequence[dict[str, Any]]) -> None:
        for doc in docs:
            w.add_document(**doc)

    def doc_count(self) -> int:
        return 0 if self.ix is None else int(self.ix.doc_count())

    def close(self) -> None:
        with self._lock:
            for s in self._searchers:
                s.close()
            self._searchers.clear()
        self._local = threading.local()
        if self.ix is not None:
            self.ix.close()
