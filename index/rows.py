"""Conversions between catalog rows and the dataclasses of :mod:`index.models`.

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
import re
import sqlite3
from typing import Any

from index.models import EDITABLE_FIELDS, ArticleRecord, Caption, EditionRecord, ParsedArticle

_SPACE = re.compile(r"\s+")
LIST_FIELDS = frozenset({"reporters", "streets", "topics"})
_SPLIT = re.compile(r"[,，、;；\n]+")


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
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def article_params(art: ParsedArticle) -> dict[str, Any]:
    """Column values of a parsed article (without ids and keys)."""
    return {
        "section": art.section,
        "page": art.page,
        "title": art.title,
        "kicker": art.kicker,
        "subtitle": art.subtitle,
        "reporters": dumps(art.reporters),
        "correspondents": dumps(art.correspondents),
        "photographers": dumps(art.photographers),
        "captions": dumps([[c.text, c.photographer, c.credit] for c in art.captions]),
        "body": art.body,
        "streets": dumps(art.streets),
        "streets_printed": dumps(art.streets_printed),
        "topics": dumps(art.topics),
        "fragment": int(art.fragment),
    }


ARTICLE_COLUMNS = (
    "a.id, a.edition_id, e.date, e.name, a.seq, a.title, a.kicker, a.subtitle, a.section, a.page, "
    "a.reporters, a.correspondents, a.photographers, a.captions, a.body, a.streets, "
    "a.streets_printed, a.topics, a.fragment, a.akey"
)


def normalise_edit(field: str, value: object) -> Any:
    """Validate a librarian's value for ``field``; lists may be given as ``"a、b"``."""
    from index.errors import ArchiveError

    if field not in EDITABLE_FIELDS:
        raise ArchiveError(f"'{field}' cannot be edited; editable fields: {', '.join(EDITABLE_FIELDS)}")
    if field not in LIST_FIELDS:
        if not isinstance(value, str):
            raise ArchiveError(f"{field} must be text, not {type(value).__name__}")
        return value.strip()
    items = _SPLIT.split(value) if isinstance(value, str) else value
    if not isinstance(items, (list, tuple)) or not all(isinstance(v, str) for v in items):
        raise ArchiveError(f"{field} must be a list of names")
    out: list[str] = []
    for item in items:
        name = _SPACE.sub("", item) if field == "reporters" else item.strip()
        if name and name not in out:
            out.append(name)
    return out


def article_record(row: sqlite3.Row | tuple[Any, ...], edits: dict[str, Any] | None = None) -> ArticleRecord:
    """An :class:`ArticleRecord` from a row selected with :data:`ARTICLE_COLUMNS`, edits applied."""
    ed = edits or {}

    def pick(field: str, parsed: Any) -> Any:
        return ed.get(field, parsed)

    return ArticleRecord(
        id=row[0],
        edition_id=row[1],
        date=dt.date.fromisoformat(row[2]),
        edition_name=row[3],
        seq=row[4],
        title=pick("title", row[5]),
        kicker=pick("kicker", row[6]),
        subtitle=pick("subtitle", row[7]),
        section=row[8],
        page=row[9],
        reporters=tuple(pick("reporters", json.loads(row[10]))),
        correspondents=tuple(json.loads(row[11])),
        photographers=tuple(json.loads(row[12])),
        captions=tuple(Caption(*c) for c in json.loads(row[13])),
        body=row[14],
        streets=tuple(pick("streets", json.loads(row[15]))),
        streets_printed=tuple(json.loads(row[16])),
        topics=tuple(pick("topics", json.loads(row[17]))),
        fragment=bool(row[18]),
        edited=frozenset(ed),
    )


def parsed_record(
    article_id: int, edition_id: int, date: dt.date, name: str, seq: int, art: ParsedArticle
) -> ArticleRecord:
    """The record of a just-stored article without edits (no catalog round trip)."""
    return ArticleRecord(
        id=article_id,
        edition_id=edition_id,
        date=date,
        edition_name=name,
        seq=seq,
        title=art.title,
        kicker=art.kicker,
        subtitle=art.subtitle,
        section=art.section,
        page=art.page,
        reporters=tuple(art.reporters),
        correspondents=tuple(art.correspondents),
        photographers=tuple(art.photographers),
        captions=tuple(art.captions),
        body=art.body,
        streets=tuple(art.streets),
        streets_printed=tuple(art.streets_printed),
        topics=tuple(art.topics),
        fragment=art.fragment,
    )


def edition_record(row: tuple[Any, ...], sections: tuple[str, ...]) -> EditionRecord:
    """An :class:`EditionRecord` from ``id, date, name, source_path, sha256, count, unassigned``."""
    return EditionRecord(
        id=row[0],
        date=dt.date.fromisoformat(row[1]),
        name=row[2],
        source_path=row[3],
        sha256=row[4],
        article_count=row[5],
        sections=sections,
        unassigned=tuple(json.loads(row[6])),
    )
