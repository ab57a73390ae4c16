"""What the search index has caught up with: editions whose index documents are stale.

``editions.indexed = 0`` is set in the transaction that changes an edition (import, edit) and
cleared after the index commit, so a crash between the two commits is repaired on the next open.
A removed edition leaves its id in ``removed_editions`` (a trigger, in the same transaction) until
its documents are gone from the index.
"""

from __future__ import annotations

import logging
import sqlite3
from collections.abc import Sequence

from index.catalog.connection import Database

logger = logging.getLogger(__name__)


def pending_editions(con: sqlite3.Connection) -> list[int]:
    """Editions whose index documents are stale, by id (removed ones too: their documents go)."""
    sql = "SELECT id FROM editions WHERE indexed = 0"
    if con.execute("SELECT 1 FROM sqlite_master WHERE name = 'removed_editions'").fetchone():
        sql += " UNION SELECT id FROM removed_editions"
    return [int(r[0]) for r in con.execute(sql + " ORDER BY id")]


def mark_indexed(db: Database, edition_ids: Sequence[int], indexed: bool = True) -> None:
    """Record that these editions' index documents are (or are not) up to date."""
    with db.write(content=False) as w:
        w.executemany(
            "UPDATE editions SET indexed = ? WHERE id = ?", [(int(indexed), e) for e in edition_ids]
        )
        if indexed and w.execute("SELECT 1 FROM sqlite_master WHERE name = 'removed_editions'").fetchone():
            w.executemany("DELETE FROM removed_editions WHERE id = ?", [(e,) for e in edition_ids])


def mark_all_pending(db: Database) -> None:
    """Mark every edition stale (before a whole rebuild)."""
    with db.write(content=False) as w:
        w.execute("UPDATE editions SET indexed = 0")
