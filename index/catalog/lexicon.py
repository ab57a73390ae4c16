"""The names (people, streets) jieba must keep whole: collected on import and from edits."""

from __future__ import annotations

import logging
import sqlite3
from collections.abc import Iterable

from index.catalog.connection import Database
from index.models import ParsedEdition

logger = logging.getLogger(__name__)

PERSON = "person"
STREET = "street"


def edition_names(parsed: ParsedEdition) -> set[tuple[str, str]]:
    """``(name, kind)`` of the people and streets an edition names."""
    names = {
        (n, PERSON) for a in parsed.articles for n in (*a.reporters, *a.correspondents, *a.photographers)
    }
    names |= {(n, STREET) for a in parsed.articles for n in (*a.streets, *a.streets_printed)}
    return names


def insert(w: sqlite3.Connection, names: Iterable[tuple[str, str]]) -> None:
    """Remember ``(name, kind)`` pairs inside the write transaction ``w``."""
    w.executemany("INSERT OR IGNORE INTO lexicon(word, kind) VALUES (?, ?)", sorted(names))


def add(db: Database, words: Iterable[str], kind: str) -> None:
    """Remember names of one kind (``person`` or ``street``) in their own transaction."""
    rows = {(w, kind) for w in words if w}
    if rows:
        with db.write(content=False) as w:
            insert(w, rows)


def words(con: sqlite3.Connection) -> list[str]:
    """Every remembered name, sorted."""
    return [r[0] for r in con.execute("SELECT word FROM lexicon ORDER BY word")]
