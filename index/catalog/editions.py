"""Storing an edition: one transaction per edition, re-import rules, identity of its articles.

* Same file again (same sha256) = unchanged; another file for the same edition (date + name)
  updates it in place: matched articles keep their ids, vanished ones go, new ones are added.
* The edition is marked stale for the index (``editions.indexed = 0``) in the same transaction;
  see :mod:`index.catalog.index_state`.
"""

from __future__ import annotations

import datetime as dt
import logging
import sqlite3
from dataclasses import dataclass

from index.catalog import lexicon
from index.catalog.connection import Database
from index.catalog.edits import orphaned_edits
from index.catalog.rows import article_keys, article_params, dumps, edition_key
from index.catalog.schema import COLUMN_NAMES
from index.errors import ArchiveError
from index.i18n import _
from index.models import ParsedEdition

logger = logging.getLogger(__name__)

_UPSERT_ARTICLE = (
    f"INSERT INTO articles(edition_id, akey, seq, {', '.join(COLUMN_NAMES)}) "
    f"VALUES (:edition_id, :akey, :seq, {', '.join(':' + c for c in COLUMN_NAMES)}) "
    "ON CONFLICT(akey) DO UPDATE SET "
    + ", ".join(f"{c} = excluded.{c}" for c in ("edition_id", "seq", *COLUMN_NAMES))
    + " RETURNING id"
)


@dataclass(frozen=True)
class StoreResult:
    """What storing one parsed edition did: ``status`` is added, updated or unchanged."""

    edition_id: int
    status: str
    orphaned_edits: int = 0
    article_ids: tuple[int, ...] = ()  # in reading order (not for unchanged editions)


def store_edition(db: Database, parsed: ParsedEdition, source_path: str) -> StoreResult:
    """Store one parsed, dated edition in one transaction (see the module docstring).

    Args:
        db: The catalog.
        parsed: The edition as the parser and enricher left it; it must have a date.
        source_path: Where it was read from (shown in the edition list).
    """
    if parsed.date is None:
        raise ArchiveError(_("{name}: the edition has no date").format(name=parsed.source_name))
    ekey = edition_key(parsed.date, parsed.name)
    keys = article_keys(ekey, parsed.articles)
    with db.write() as w:
        row = w.execute("SELECT id, sha256 FROM editions WHERE ekey = ?", (ekey,)).fetchone()
        if row and row["sha256"] == parsed.sha256:
            return StoreResult(int(row["id"]), "unchanged")
        values = {
            "date": parsed.date.isoformat(),
            "name": parsed.name,
            "source_path": source_path,
            "sha256": parsed.sha256,
            "encoding": parsed.encoding,
            "imported_at": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
            "unassigned": dumps(parsed.unassigned),
            "warnings": dumps(parsed.warnings),
        }
        if row:
            eid = int(row["id"])
            sets = ", ".join(f"{k} = :{k}" for k in values)
            w.execute(f"UPDATE editions SET {sets}, indexed = 0 WHERE id = :id", {**values, "id": eid})
        else:
            cols = ", ".join(values)
            marks = ", ".join(f":{k}" for k in values)
            cur = w.execute(
                f"INSERT INTO editions(ekey, {cols}) VALUES (:ekey, {marks})", {**values, "ekey": ekey}
            )
            eid = int(cur.lastrowid or 0)
        ids = _store_articles(w, eid, keys, parsed)
        lexicon.insert(w, lexicon.edition_names(parsed))
        orphans = orphaned_edits(w, ekey, eid) if row else 0
    status = "updated" if row else "added"
    logger.info("edition %s %s: %d articles (%d orphaned edits)", ekey, status, len(ids), orphans)
    return StoreResult(eid, status, orphans, ids)


def _store_articles(
    w: sqlite3.Connection, eid: int, keys: list[str], parsed: ParsedEdition
) -> tuple[int, ...]:
    ids = []
    for seq, (key, art) in enumerate(zip(keys, parsed.articles, strict=True)):
        cur = w.execute(_UPSERT_ARTICLE, {"edition_id": eid, "akey": key, "seq": seq, **article_params(art)})
        ids.append(int(cur.fetchone()[0]))
    w.execute("CREATE TEMP TABLE IF NOT EXISTS keep(akey TEXT PRIMARY KEY)")
    w.execute("DELETE FROM temp.keep")
    w.executemany("INSERT OR IGNORE INTO temp.keep VALUES (?)", [(k,) for k in keys])
    w.execute(
        "DELETE FROM articles WHERE edition_id = ? AND akey NOT IN (SELECT akey FROM temp.keep)", (eid,)
    )
    return tuple(ids)


def edition_by_sha(con: sqlite3.Connection, sha256: str) -> tuple[int, str] | None:
    """``(id, ekey)`` of an edition stored from a file with this hash, if any."""
    row = con.execute("SELECT id, ekey FROM editions WHERE sha256 = ?", (sha256,)).fetchone()
    return (int(row["id"]), str(row["ekey"])) if row else None
