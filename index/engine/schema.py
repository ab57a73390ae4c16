"""The Whoosh schema, derived from :mod:`index.fields`, and :class:`IndexDoc` → Whoosh document.

Title and body hold term counts (no positions, nothing stored); every keyword field of the
registry is an exact-term field of the same name; ``meta`` holds the packed per-document values
(:mod:`index.engine.meta`). Postings come ready-made (:class:`index.engine.base.Prepared`):
segmentation happens above the engine, in worker processes.
"""

from __future__ import annotations

import logging
from collections import Counter
from collections.abc import Iterator
from typing import Any

from whoosh import fields as wf
from whoosh import formats
from whoosh.analysis import IDTokenizer
from whoosh.columns import VarBytesColumn

from index import fields
from index.engine import meta
from index.engine.base import TEXT_BOOSTS, IndexDoc, Prepared

logger = logging.getLogger(__name__)

INDEX_VERSION = "3"  # bump when the schema, meta or grams change: the index is rebuilt on open


class Counts(formats.Format):  # type: ignore[misc]
    """Postings with a weight (term count × field boost) and nothing else: no positions."""

    posting_size = 0

    def __init__(self, field_boost: float = 1.0, **options: Any) -> None:
        self.field_boost = field_boost
        self.options = options

    def word_values(
        self, value: Any, analyzer: Any, **kwargs: Any
    ) -> Iterator[tuple[str, int, float, bytes]]:
        """Term counts of analysed text (not used: postings come prepared)."""
        counts = Counter(t.text for t in formats.tokens(value, analyzer, kwargs))
        fb = self.field_boost
        return ((w, n, n * fb, b"") for w, n in counts.items())

    def encode(self, value: Any) -> bytes:
        """No per-posting value."""
        return b""

    def decode_frequency(self, valuestring: bytes) -> int:
        """Not stored."""
        return 1

    def decode_weight(self, valuestring: bytes) -> float:
        """Not stored."""
        return float(self.field_boost)


class PreparedText(wf.TEXT):  # type: ignore[misc]
    """A text field that takes :class:`Prepared` postings only."""

    def __init__(self, field_boost: float = 1.0) -> None:
        super().__init__(analyzer=IDTokenizer(), phrase=False, field_boost=field_boost)
        self.format = Counts(field_boost=field_boost)

    def index(self, value: Any, **kwargs: Any) -> Iterator[tuple[bytes, int, float, bytes]]:
        """The ready-made postings."""
        if not isinstance(value, Prepared):
            raise TypeError("text fields take Prepared postings (see index.indexing)")
        return iter(value.postings)


def make_schema() -> wf.Schema:
    """The index schema (bump :data:`INDEX_VERSION` when it changes)."""
    spec: dict[str, Any] = {
        "id": wf.NUMERIC(int, bits=64, signed=False, stored=True, unique=True),
        "edition": wf.ID(),
        "month": wf.ID(),
        "meta": wf.COLUMN(VarBytesColumn()),
    }
    for name, boost in TEXT_BOOSTS.items():
        spec[name] = PreparedText(field_boost=boost)
    for fld in fields.KEYWORD_FIELDS:
        spec[fld.name] = wf.KEYWORD(commas=True, lowercase=False, scorable=False) if fld.multi else wf.ID()
    return wf.Schema(**spec)


def whoosh_document(doc: IndexDoc) -> dict[str, Any]:
    """The Whoosh fields of a document (grams go to the gram store, not here)."""
    out: dict[str, Any] = {
        "id": doc.id,
        "edition": str(doc.edition_id),
        "title": doc.title,
        "body": doc.body,
        "month": doc.date.strftime("%Y-%m"),
        "meta": meta.encode(doc.id, doc.date.toordinal(), doc.seq, dict(doc.keywords)),
    }
    for fld in fields.KEYWORD_FIELDS:
        values = doc.keywords.get(fld.name, ())
        if values:
            out[fld.name] = list(values) if fld.multi else values[0]
    return out
