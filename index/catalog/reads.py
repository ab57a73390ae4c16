"""Reading articles and editions; every article comes back with its librarian edits applied."""

from __future__ import annotations

import datetime as dt
import json
import logging
import re
import sqlite3
from collections.abc import Iterator, Sequence
from typing import Any

from index.catalog.edits import edits_of
from index.catalog.rows import article_record, edition_record
from index.catalog.schema import RECORD_FROM, RECORD_SELECT
from index.models import ArticleRecord, EditionRecord

logger = logging.getLogger(__name__)

_ASCII_LETTER = re.compile(r"[A-Za-z]")
_HEADS = ("title", "kicker", "subtitle")  # the editable texts ids_containing looks at


def _records(con: sqlite3.Connection, rows: list[sqlite3.Row]) -> list[ArticleRecord]:
    edits = edits_of(con, [r["akey"] for r in rows])
    return [article_record(r, edits.get(r["akey"])) for r in rows]


def articles(con: sqlite3.Connection, ids: Sequence[int]) -> list[ArticleRecord]:
    """Articles by id, in the order given; unknown ids are left out."""
    rows = con.execute(
        f"SELECT {RECORD_SELECT} {RECORD_FROM} WHERE a.id IN (SELECT value FROM json_each(?))",
        (json.dumps(list(ids)),),
    ).fetchall()
    by_id = {r.id: r for r in _records(con, rows)}
    return [by_id[i] for i in ids if i in by_id]


def edition_articles(con: sqlite3.Connection, edition_id: int) -> list[ArticleRecord]:
    """An edition's articles in reading order."""
    rows = con.execute(
        f"SELECT {RECORD_SELECT} {RECORD_FROM} WHERE a.edition_id = ? ORDER BY a.seq", (edition_id,)
    ).fetchall()
    return _records(con, rows)


def iter_articles(
    con: sqlite3.Connection, edition_ids: Sequence[int] | None = None, batch: int = 1000
) -> Iterator[list[ArticleRecord]]:
    """All articles (or those of some editions) in batches, oldest edition first."""
    where = "" if edition_ids is None else "WHERE a.edition_id IN (SELECT value FROM json_each(?))"
    args: tuple[Any, ...] = () if edition_ids is None else (json.dumps(list(edition_ids)),)
    cur = con.execute(f"SELECT {RECORD_SELECT} {RECORD_FROM} {where} ORDER BY e.date, e.id, a.seq", args)
    while rows := cur.fetchmany(batch):
        yield _records(con, rows)


def article_count(con: sqlite3.Connection) -> int:
    """The number of articles stored."""
    return int(con.execute("SELECT count(*) FROM articles").fetchone()[0])


def ids_containing(con: sqlite3.Connection, ids: Sequence[int], phrase: str) -> set[int]:
    """Those of ``ids`` whose title, kicker, subtitle, body or captions contain ``phrase``.

    The texts come out as bytes and are searched in Python (``bytes in``): several times faster
    than SQLite's ``instr``, which compares at every character. Case is folded for ASCII.
    """
    if not ids or not phrase:
        return set()
    joins = ""
    cols = [f"a.{f}" for f in _HEADS]
    marks = ", ".join(f"'{f}'" for f in _HEADS)
    if con.execute(f"SELECT 1 FROM edits WHERE field IN ({marks}) LIMIT 1").fetchone():
        cols = [f"coalesce(json_extract(e_{f}.value, '$'), a.{f})" for f in _HEADS]
        joins = " ".join(
            f"LEFT JOIN edits e_{f} ON e_{f}.akey = a.akey AND e_{f}.field = '{f}'" for f in _HEADS
        )
    text = " || char(10) || ".join([*cols, "a.body", "a.captions"])
    sql = f"SELECT a.id, CAST({text} AS BLOB) FROM articles a {joins} WHERE a.id IN (SELECT value FROM json_each(?))"
    cur = con.cursor()
    cur.row_factory = None  # plain tuples: the hot path of phrase checks
    rows = cur.execute(sql, (json.dumps(list(ids)),))
    needle = phrase.encode("utf-8")
    if _ASCII_LETTER.search(phrase):
        needle = needle.lower()
        return {i for i, blob in rows if needle in blob.lower()}
    return {i for i, blob in rows if needle in blob}


def editions(con: sqlite3.Connection) -> list[EditionRecord]:
    """All editions, oldest first, with their sections in reading order."""
    sections: dict[int, list[str]] = {}
    for eid, section in con.execute(
        "SELECT edition_id, section FROM articles WHERE section IS NOT NULL GROUP BY edition_id, section "
        "ORDER BY edition_id, min(seq)"
    ):
        sections.setdefault(eid, []).append(section)
    rows = con.execute(
        "SELECT e.id, e.date, e.name, e.source_path, e.sha256, "
        "(SELECT count(*) FROM articles a WHERE a.edition_id = e.id) AS article_count, e.unassigned "
        "FROM editions e ORDER BY e.date, e.id"
    ).fetchall()
    return [edition_record(r, tuple(sections.get(r["id"], ()))) for r in rows]


def edition_dates(con: sqlite3.Connection) -> dict[int, dt.date]:
    """Edition id → date."""
    return {int(r[0]): dt.date.fromisoformat(r[1]) for r in con.execute("SELECT id, date FROM editions")}
