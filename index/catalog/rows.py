"""Catalog rows ↔ the dataclasses of :mod:`index.models`, by column name, and article identity.

Article identity across re-imports (the key librarian edits hang on), ``akey``::

    "<edition date>|<edition name>#<sha1 of the parsed title, white space removed>#<n>"

``n`` counts earlier articles of the same edition with the same title (0 for the first), so two
untitled fragments or two "图片新闻" stay apart. An article without a title uses its first 40
characters of body text instead. The key depends on neither reading order nor any edit, so a
corrected file (paragraphs fixed, an article inserted before it, a new file name) keeps every edit
on the same article; only a changed *parsed* title detaches edits (they are kept, not deleted).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import logging
import re
import sqlite3
from collections.abc import Mapping
from typing import Any

from index.catalog.schema import ARTICLE_COLUMNS, Codec
from index.models import ArticleRecord, Caption, EditionRecord, ParsedArticle

logger = logging.getLogger(__name__)

_SPACE = re.compile(r"\s+")


def edition_key(date: dt.date, name: str) -> str:
    """Identity of an edition: one date and name (``2026-01-05|2026-01-05``, ``…|第2期``)."""
    return f"{date.isoformat()}|{_SPACE.sub('', name)}"


def article_keys(ekey: str, articles: list[ParsedArticle]) -> list[str]:
    """Stable keys of an edition's articles (see the module docstring)."""
    seen: dict[str, int] = {}
    keys = []
    for art in articles:
        basis = _SPACE.sub("", art.title) or "body:" + _SPACE.sub("", art.body)[:40]
        digest = hashlib.sha1(basis.encode("utf-8")).hexdigest()[:16]
        n = seen.get(digest, 0)
        seen[digest] = n + 1
        keys.append(f"{ekey}#{digest}#{n}")
    return keys


def dumps(value: Any) -> str:
    """Compact JSON with Chinese kept readable (how lists are stored)."""
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def _encode(codec: Codec, value: Any) -> Any:
    if codec is Codec.LIST:
        return dumps(list(value))
    if codec is Codec.CAPTIONS:
        return dumps([[c.text, c.photographer, c.credit] for c in value])
    if codec is Codec.FLAG:
        return int(value)
    return value


def decode(codec: Codec, value: Any) -> Any:
    """A stored column value as the record holds it (see :class:`index.catalog.schema.Codec`)."""
    if codec is Codec.LIST:
        return tuple(json.loads(value))
    if codec is Codec.CAPTIONS:
        return tuple(Caption(*c) for c in json.loads(value))
    if codec is Codec.FLAG:
        return bool(value)
    return value


def article_params(art: ParsedArticle) -> dict[str, Any]:
    """Column values of a parsed article (without ids and keys), named as the columns."""
    return {c.name: _encode(c.codec, getattr(art, c.name)) for c in ARTICLE_COLUMNS}


def article_record(row: sqlite3.Row, edits: Mapping[str, Any] | None = None) -> ArticleRecord:
    """An :class:`ArticleRecord` from a row selected with ``schema.RECORD_SELECT``, edits applied.

    Args:
        row: The named row.
        edits: Librarian corrections of this article, field → value (lists as lists).
    """
    ed = edits or {}
    values = {c.name: decode(c.codec, row[c.name]) for c in ARTICLE_COLUMNS}
    for name, value in ed.items():
        values[name] = tuple(value) if isinstance(value, list) else value
    return ArticleRecord(
        id=row["id"],
        edition_id=row["edition_id"],
        date=dt.date.fromisoformat(row["date"]),
        edition_name=row["edition_name"],
        seq=row["seq"],
        edited=frozenset(ed),
        **values,
    )


def parsed_record(
    article_id: int, edition_id: int, date: dt.date, name: str, seq: int, art: ParsedArticle
) -> ArticleRecord:
    """The record of a just-stored article without edits (no catalog round trip)."""
    values = {c.name: getattr(art, c.name) for c in ARTICLE_COLUMNS}
    for c in ARTICLE_COLUMNS:
        if c.codec in (Codec.LIST, Codec.CAPTIONS):
            values[c.name] = tuple(values[c.name])
    return ArticleRecord(
        id=article_id, edition_id=edition_id, date=date, edition_name=name, seq=seq, **values
    )


def edition_record(row: sqlite3.Row, sections: tuple[str, ...]) -> EditionRecord:
    """An :class:`EditionRecord` from a row with ``id, date, name, source_path, sha256, article_count,
    unassigned``."""
    return EditionRecord(
        id=row["id"],
        date=dt.date.fromisoformat(row["date"]),
        name=row["name"],
        source_path=row["source_path"],
        sha256=row["sha256"],
        article_count=row["article_count"],
        sections=sections,
        unassigned=tuple(json.loads(row["unassigned"])),
    )
