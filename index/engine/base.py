"""The engine interface: what indexing and search need of a full-text engine.

:class:`index.engine.whoosh_engine.WhooshEngine` is the desktop implementation; a server engine
(OpenSearch fed our pre-segmented tokens, see ``docs/scale-out.md``) would be a second one.
Everything above this interface speaks in :class:`IndexDoc` in and document-number arrays out.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Protocol

import numpy as np
import numpy.typing as npt

from index.engine.tables import DocTable

Postings = list[tuple[bytes, int, float, bytes]]
TEXT_BOOSTS = {"title": 2.0, "body": 1.0}  # weight of a token in each text field
Ids = npt.NDArray[np.int64]


@dataclass(frozen=True)
class Prepared:
    """A text field's postings, computed ahead (picklable): ``(term, freq, weight, value)``."""

    postings: Postings
    length: int


@dataclass(frozen=True)
class IndexDoc:
    """One article as the engine indexes it: tokens, gram keys and per-document values."""

    id: int
    edition_id: int
    date: dt.date
    seq: int
    title: Prepared
    body: Prepared
    keywords: dict[str, tuple[str, ...]] = field(default_factory=dict)  # field name → values
    grams: npt.NDArray[np.int64] | None = None  # sorted distinct gram keys (index.grams)
    text: str | None = None  # the searchable text (index.grams.searchable_text), headline first
    headline: int = 0  # characters of ``text`` that are the headline (title, kicker, subtitle)


@dataclass(frozen=True)
class TermPostings:
    """One term's postings in one segment: local document numbers (ascending) and weights."""

    ids: Ids
    weights: npt.NDArray[np.float64]


@dataclass(frozen=True)
class FieldStats:
    """One segment's statistics of a text field for ranking."""

    base: int  # first global document number of the segment
    docs: int  # documents in the segment (deleted included)
    average: float  # average field length
    lengths: npt.NDArray[np.float64] | None  # every document's field length


class Snapshot(Protocol):
    """A fixed view of the index: document numbers stay valid for as long as it is used."""

    @property
    def generation(self) -> int:
        """Changes whenever the index changed."""

    @property
    def total(self) -> int:
        """Document numbers run from 0 to ``total - 1`` (deleted ones included)."""

    def table(self) -> DocTable:
        """Per-document values by document number."""

    def deleted(self) -> Ids:
        """Global numbers of deleted documents."""

    def postings(self, fieldname: str, text: str) -> list[tuple[FieldStats, TermPostings]]:
        """A term's postings per segment (local numbers; add ``stats.base``)."""

    def doc_frequency(self, fieldname: str, text: str) -> int:
        """How many documents hold a term (deleted ones included), without decoding postings."""
        ...

    def texts_holding(self, docnums: Ids, text: str, *, headline_only: bool = False) -> tuple[Ids, Ids]:
        """Of some document numbers (ascending), those whose text holds ``text`` exactly, and
        those the engine keeps no text of (to be checked in the catalog)."""
        ...

    def gram_docs(self, key: int) -> Ids:
        """Global numbers of the documents holding a gram key (ascending)."""


class EngineWriter(Protocol):
    """A batch of changes, visible to searches after :meth:`commit`."""

    def add(self, docs: Sequence[IndexDoc]) -> None:
        """Add documents."""

    def delete_editions(self, edition_ids: Sequence[int]) -> None:
        """Delete every document of some editions."""

    def replace(self, doc: IndexDoc) -> None:
        """Replace the document with the same article id."""

    def commit(self) -> None:
        """Make the changes visible (atomically)."""

    def cancel(self) -> None:
        """Drop the changes (safe to call after a failed commit)."""


class Engine(Protocol):
    """An index of one archive's articles."""

    created: bool  # opened empty (new or rebuilt after a version change): needs a full build

    def writer(self, *, clear: bool = False, timeout: float = 30.0) -> EngineWriter:
        """A writer (``clear``: its documents replace the whole index at the commit)."""

    def snapshot(self) -> Snapshot | None:
        """This thread's current snapshot (None if there is no index)."""

    def doc_count(self) -> int:
        """Live documents."""

    def close(self) -> None:
        """Release files and searchers."""
