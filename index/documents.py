"""Articles → what the engine indexes: jieba postings for ranking, gram keys for exact text.

Runs in worker processes for large jobs (:mod:`index.workers`) and in-process for small ones;
the result (:class:`PreparedArticle`) is picklable. Keyword values come from the article's
attributes named in :mod:`index.fields`.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol

import numpy as np
import numpy.typing as npt

from index import fields, grams
from index.analysis import Analyzer
from index.engine.base import TEXT_BOOSTS, IndexDoc, Prepared
from index.models import ArticleRecord, Caption

logger = logging.getLogger(__name__)


class ArticleText(Protocol):
    """What indexing reads of an article (a :class:`ParsedArticle` or an :class:`ArticleRecord`)."""

    @property
    def kicker(self) -> str:
        """The line above the title."""

    @property
    def title(self) -> str:
        """The title."""

    @property
    def subtitle(self) -> str:
        """The line below the title."""

    @property
    def body(self) -> str:
        """The paragraphs, one per line."""

    @property
    def captions(self) -> Sequence[Caption]:
        """The photo captions."""


@dataclass(frozen=True)
class PreparedArticle:
    """An article's postings, computed ahead: title and body tokens, gram keys."""

    title: Prepared
    body: Prepared
    grams: npt.NDArray[np.int64]


def title_text(rec: ArticleText) -> str:
    """The text of the ``title`` field: kicker, title and subtitle."""
    return "\n".join(t for t in (rec.kicker, rec.title, rec.subtitle) if t)


def body_text(rec: ArticleText) -> str:
    """The text of the ``body`` field: paragraphs and photo captions."""
    return "\n".join([rec.body, *(c.text for c in rec.captions if c.text)])


def exact_text(rec: ArticleText) -> str:
    """The text a quoted phrase is looked for in (as the catalog's check reads it)."""
    caps = [(c.text, c.photographer, c.credit) for c in rec.captions]
    return grams.searchable_text(rec.title, rec.kicker, rec.subtitle, rec.body, caps)


def headline_length(rec: ArticleText) -> int:
    """How many characters of :func:`exact_text` are the headline (title, kicker, subtitle)."""
    return len("\n".join(p for p in (rec.title, rec.kicker, rec.subtitle) if p))


def prepare_text(analyzer: Analyzer, field: str, text: str) -> Prepared:
    """Postings of ``text`` for the ``title`` or ``body`` field (jieba runs here)."""
    boost = TEXT_BOOSTS[field]
    counts, n = analyzer.term_counts(text)
    # sorted by term: each document then adds one sorted run to the writer's pool (cheaper sort)
    return Prepared([(t, c, c * boost, b"") for t, c in sorted(counts.items())], n)


def prepare_record(analyzer: Analyzer, rec: ArticleText) -> PreparedArticle:
    """Title and body postings and the gram keys of an article."""
    return PreparedArticle(
        prepare_text(analyzer, "title", title_text(rec)),
        prepare_text(analyzer, "body", body_text(rec)),
        grams.text_keys(exact_text(rec)),
    )


def keywords(rec: ArticleRecord) -> dict[str, tuple[str, ...]]:
    """The keyword fields' values of an article (registry fields with a record attribute)."""
    out: dict[str, tuple[str, ...]] = {}
    for fld in fields.KEYWORD_FIELDS:
        if fld.record_attr is None:
            continue
        value = getattr(rec, fld.record_attr)
        values = tuple(value) if fld.multi else ((value,) if value else ())
        if values:
            out[fld.name] = values
    return out


def index_doc(rec: ArticleRecord, prepared: PreparedArticle) -> IndexDoc:
    """The engine document of a catalog article."""
    return IndexDoc(
        id=rec.id,
        edition_id=rec.edition_id,
        date=rec.date,
        seq=rec.seq,
        title=prepared.title,
        body=prepared.body,
        keywords=keywords(rec),
        grams=prepared.grams,
        text=exact_text(rec),
        headline=headline_length(rec),
    )
