"""Whoosh write-path tuning: same index format, less Python work per posting.

Profiled on generated editions (cProfile of an import of 2,000-6,000 articles), the writer process
spent most of its time in Whoosh's per-posting code: ``PostingPool.add`` (type asserts and a size
estimate per posting), pickling every posting of a spilled run out and back in (~9 µs per
posting), ``doc_field_length`` (a file read per posting at commit) and the per-posting calls of
``FieldWriter.add_postings``. Here:

* :class:`FastPool` appends postings without per-item checks; the size check runs once per
  document (:class:`FastWriter`), so runs still spill to disk at ``limitmb``; a spilled run is
  written and read back in marshal chunks instead of one pickle call per posting.
* :class:`FastCodec` reads each field's length column once into a list (also used by ranking)
  and writes postings with :class:`FastFieldWriter`'s single loop (same bytes).
* :func:`tiered_merge` bounds the segment count without rewriting big segments on small commits.
* :class:`FastWriter` also writes each new segment's gram file (:mod:`index.engine.gramstore`)
  and text file (:mod:`index.engine.textstore`), following Whoosh's renumbering when segments are
  merged.

Whoosh 2.7 is frozen (archived), so these subclasses of its internals stay valid; the private
names they use are listed in :mod:`index.engine.private_names` and checked by a test.
"""

from __future__ import annotations

import logging
import marshal
import struct
from collections.abc import Iterator
from typing import Any

from whoosh import writing
from whoosh.codec.whoosh3 import LENGTHS_COLUMN, W3Codec, W3FieldWriter, W3PerDocReader
from whoosh.reading import SegmentReader
from whoosh.util.numeric import byte_to_length

from index.engine.gramstore import GramBuilder, GramStore
from index.engine.meta import decode
from index.engine.table_store import TableStore
from index.engine.tables import TableBuilder
from index.engine.textstore import TextBuilder, TextStore

Row = tuple[int, int, int, dict[str, tuple[str, ...]]]

logger = logging.getLogger(__name__)

_ABSENT: Any = object()
_POSTING_BYTES = 220  # memory of one pooled posting tuple, roughly
_RUN_CHUNK = 20_000  # postings per marshal record in a spilled run
_LEN = struct.Struct("<Q")


class FastPool(writing.PostingPool):  # type: ignore[misc]
    """A posting pool whose ``add`` is a bare list append (see the module docstring)."""

    def __init__(self, tempstore: Any, segment: Any, limitmb: int = 128, **kwargs: Any) -> None:
        super().__init__(tempstore, segment, limitmb=limitmb, **kwargs)
        self.max_items = max(10_000, self.limit // _POSTING_BYTES)
        self.add = self.current.append

    def save(self) -> None:
        """Spill the current run to disk."""
        super().save()
        self.add = self.current.append

    def _write_run(self, f: Any, items: list[Any]) -> None:
        # Whoosh pickles each posting separately (~9 µs per posting out and back in); here
        # whole chunks are marshalled in C, each behind its byte length.
        for i in range(0, len(items), _RUN_CHUNK):
            data = marshal.dumps(items[i : i + _RUN_CHUNK])
            f.write(_LEN.pack(len(data)))
            f.write(data)
        f.close()

    def _read_run(self, path: str) -> Iterator[Any]:
        f = self._open_run(path)
        try:
            while head := f.read(_LEN.size):
                yield from marshal.loads(f.read(_LEN.unpack(head)[0]))
        finally:
            f.close()
            self._remove_run(path)

    def check_size(self) -> None:
        """Spill once the run holds more than ``max_items`` postings."""
        if len(self.current) > self.max_items:
            self.save()


class FastWriter(writing.SegmentWriter):  # type: ignore[misc]
    """A segment writer with :class:`FastPool`, :class:`FastCodec` and the segment's gram and
    text files."""

    def __init__(
        self,
        ix: Any,
        grams: GramStore,
        tables: TableStore | None = None,
        texts: TextStore | None = None,
        **kwargs: Any,
    ) -> None:
        kwargs.setdefault("codec", FastCodec())
        super().__init__(ix, **kwargs)
        self.pool = FastPool(self._tempstorage, self.newsegment, limitmb=kwargs.get("limitmb", 128))
        self.grams = grams
        self.tables = tables
        self._gram_builder = GramBuilder(grams)
        self._table_builder = TableBuilder()
        self.texts = texts
        self._text_builder = TextBuilder(texts) if texts is not None else None

    def add_document(self, **fields: Any) -> None:
        """Add a document without grams or table values."""
        self._table_builder.complete = False
        self.add_with_grams(fields, None)

    def add_with_grams(
        self,
        fields: dict[str, Any],
        grams: Any,
        row: Row | None = None,
        text: tuple[str, int] | None = None,
    ) -> None:
        """Add a document, its sorted gram keys, its table row ``(id, date, seq, keywords)`` and
        its searchable text with the length of its headline."""
        docnum = self.docnum
        super().add_document(**fields)
        self._gram_builder.add(docnum, grams)
        if self._text_builder is not None:
            self._text_builder.add(docnum, *(text if text is not None else (None, 0)))
        if row is not None:
            self._table_builder.add(*row)
        self.pool.check_size()

    def add_reader(self, reader: Any) -> None:
        """Copy a segment in (a merge): grams and table rows follow, renumbered as Whoosh does."""
        seg = reader.segment()
        if seg is not None:
            live = list(reader.all_doc_ids())
            self._gram_builder.merge(seg.segment_id(), self.docnum, live)
            if self._text_builder is not None:
                self._text_builder.merge(seg.segment_id(), self.docnum, live)
            table = self.tables.load(seg.segment_id()) if self.tables is not None else None
            if table is None:
                table = decode(reader.column_reader("meta", translate=False))
            self._table_builder.merge(table, live)
        super().add_reader(reader)

    def _commit_toc(self, segments: list[Any]) -> None:
        if self._added:  # the new segment's files exist before any reader can see it
            segid = self.newsegment.segment_id()
            self._gram_builder.write(segid)
            if self._text_builder is not None:
                self._text_builder.write(segid, self.docnum)
            if self.tables is not None and self._table_builder.complete:
                self.tables.save(segid, self._table_builder.build())
        super()._commit_toc(segments)
        live = {s.segment_id() for s in segments}
        self.grams.prune(live)
        if self.texts is not None:
            self.texts.prune(live)
        if self.tables is not None:
            self.tables.prune(live)


class _CachedLengths(W3PerDocReader):  # type: ignore[misc]
    """Per-document reader that decodes a field's length column once, into a list.

    Whoosh asks for a document's field length once per posting when it writes a segment (and per
    scored document when it ranks); reading the column from the file each time was a third of
    the writer's commit time.
    """

    def doc_field_length(self, docnum: int, fieldname: str, default: int = 0) -> int | None:
        """A document's field length, from the cached list."""
        cache: dict[str, list[int | None] | None] = self.__dict__.setdefault("_length_lists", {})
        lengths = cache.get(fieldname, _ABSENT)
        if lengths is _ABSENT:
            reader = self._cached_reader(f"_{fieldname}_len", LENGTHS_COLUMN)
            lengths = None if reader is None else [byte_to_length(b) if b else None for b in reader]
            cache[fieldname] = lengths
        if lengths is None:
            return default
        return lengths[docnum]  # type: ignore[no-any-return]

    def length_list(self, fieldname: str) -> list[int | None] | None:
        """Every document's length of a field (None if the field has no lengths)."""
        self.doc_field_length(0, fieldname)
        lists: dict[str, list[int | None] | None] = self.__dict__["_length_lists"]
        return lists[fieldname]


def length_list(reader: Any, fieldname: str) -> list[int | None] | None:
    """Every document's length of a field in a segment reader, if its codec caches lengths."""
    perdoc = getattr(reader, "_perdoc", None)
    return perdoc.length_list(fieldname) if isinstance(perdoc, _CachedLengths) else None


class FastFieldWriter(W3FieldWriter):  # type: ignore[misc]
    """Writes sorted postings with one tight loop (same bytes as ``W3FieldWriter``).

    Whoosh's ``FieldWriter.add_postings`` makes three method calls and five type assertions per
    posting; this loop fills the posting writer's block buffers directly.
    """

    def add_postings(self, schema: Any, lengths: Any, items: Any) -> None:
        """File sorted postings ``(field, term, docnum, weight, value)``."""
        start_field, start_term = self.start_field, self.start_term
        finish_term, finish_field = self.finish_term, self.finish_field
        lastfn: str | None = None
        lasttext: bytes | None = None
        pw: Any = None
        ids: Any = None
        weights: Any = None
        values: list[bytes] = []
        limit = 0
        lens: list[int | None] | None = None
        for fieldname, btext, docnum, weight, value in items:
            if fieldname != lastfn:
                if lasttext is not None:
                    finish_term()
                if lastfn is not None:
                    finish_field()
                start_field(fieldname, schema[fieldname])
                lastfn, lasttext = fieldname, None
                lens = lengths.length_list(fieldname) if isinstance(lengths, _CachedLengths) else None
            if docnum == -1:  # spelling placeholders (not used by this schema)
                continue
            if btext != lasttext:
                if lasttext is not None:
                    finish_term()
                start_term(btext)
                lasttext = btext
                pw = self._postwriter
                ids, weights, values, limit = pw._ids, pw._weights, pw._values, pw._blocklimit
            if len(ids) >= limit:
                pw._write_block()
                ids, weights, values = pw._ids, pw._weights, pw._values
            if lens is not None:
                length = lens[docnum]
            elif lengths is not None:
                length = lengths.doc_field_length(docnum, fieldname)
            else:
                length = 0
            ids.append(docnum)
            weights.append(weight)
            if weight > pw._maxweight:
                pw._maxweight = weight
            if value:
                values.append(value)
            if length:
                if pw._minlength is None or length < pw._minlength:
                    pw._minlength = length
                if length > pw._maxlength:
                    pw._maxlength = length
        if lasttext is not None:
            finish_term()
        if lastfn is not None:
            finish_field()


class FastCodec(W3Codec):  # type: ignore[misc]
    """Whoosh's default codec with :class:`_CachedLengths` and :class:`FastFieldWriter`.

    Same files, same format: an index written with it reads with the plain codec.
    """

    def per_document_reader(self, storage: Any, segment: Any) -> W3PerDocReader:
        """The per-document reader with cached lengths."""
        return _CachedLengths(storage, segment)

    def field_writer(self, storage: Any, segment: Any) -> W3FieldWriter:
        """The one-loop field writer."""
        return FastFieldWriter(self, storage, segment)


def tiered_merge(writer: writing.SegmentWriter, segments: list[Any]) -> list[Any]:
    """Merge policy by size tier (number of digits of the document count).

    A tier of small segments (< 1,000 documents: one edition each) is merged once it holds 8;
    a tier of large ones (bulk-import commits) only once it holds 16, because merging rewrites
    every posting; a segment with more than 30% deleted documents is rewritten. Searches do not
    mind a few dozen segments (:mod:`index.search.evaluate` works on cached arrays), and a
    commit after one edition never rewrites a large segment (fast incremental import).
    """
    tiers: dict[int, list[Any]] = {}
    merge: list[Any] = []
    for seg in segments:
        n = seg.doc_count_all()
        if n and seg.deleted_count() > 0.3 * n:
            merge.append(seg)
        else:
            tiers.setdefault(len(str(max(n, 1))), []).append(seg)
    keep: list[Any] = []
    for digits, group in tiers.items():
        (merge if len(group) >= (8 if digits <= 3 else 16) else keep).extend(group)
    for seg in merge:
        reader = SegmentReader(writer.storage, writer.schema, seg)
        writer.add_reader(reader)
        reader.close()
    return keep
