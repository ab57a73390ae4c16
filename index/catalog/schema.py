"""The catalog's tables, its one list of article columns, and schema versions with their migrations.

Schema version in ``PRAGMA user_version``. A new version is one entry in :data:`MIGRATIONS` (the
SQL that turns version ``n - 1`` into ``n``); a catalog written by a newer program is refused.
"""

from __future__ import annotations

import logging
import sqlite3
from dataclasses import dataclass
from enum import Enum

from index.errors import SchemaMismatch
from index.i18n import _

logger = logging.getLogger(__name__)


class Codec(Enum):
    """How a column's stored value becomes a record attribute."""

    PLAIN = "plain"  # as stored (text, integer or NULL)
    LIST = "list"  # JSON list of strings → tuple
    CAPTIONS = "captions"  # JSON list of [text, photographer, credit] → tuple of Caption
    FLAG = "flag"  # 0/1 → bool


@dataclass(frozen=True)
class Column:
    """One parsed-value column of ``articles`` (the same name as its ``ArticleRecord`` attribute)."""

    name: str
    sql_type: str
    codec: Codec = Codec.PLAIN


ARTICLE_COLUMNS: tuple[Column, ...] = (
    Column("section", "TEXT"),
    Column("page", "INTEGER"),
    Column("title", "TEXT NOT NULL"),
    Column("kicker", "TEXT NOT NULL"),
    Column("subtitle", "TEXT NOT NULL"),
    Column("reporters", "TEXT NOT NULL", Codec.LIST),
    Column("correspondents", "TEXT NOT NULL", Codec.LIST),
    Column("photographers", "TEXT NOT NULL", Codec.LIST),
    Column("captions", "TEXT NOT NULL", Codec.CAPTIONS),
    Column("body", "TEXT NOT NULL"),
    Column("streets", "TEXT NOT NULL", Codec.LIST),
    Column("streets_printed", "TEXT NOT NULL", Codec.LIST),
    Column("topics", "TEXT NOT NULL", Codec.LIST),
    Column("fragment", "INTEGER NOT NULL", Codec.FLAG),
)
COLUMN_NAMES: tuple[str, ...] = tuple(c.name for c in ARTICLE_COLUMNS)
BY_COLUMN = {c.name: c for c in ARTICLE_COLUMNS}

_ARTICLE_VALUES = ",\n  ".join(f"{c.name} {c.sql_type}" for c in ARTICLE_COLUMNS)

TABLES = f"""
CREATE TABLE editions(
  id INTEGER PRIMARY KEY, ekey TEXT NOT NULL UNIQUE, date TEXT NOT NULL, name TEXT NOT NULL,
  source_path TEXT NOT NULL, sha256 TEXT NOT NULL, encoding TEXT NOT NULL DEFAULT '',
  imported_at TEXT NOT NULL, unassigned TEXT NOT NULL DEFAULT '[]',
  warnings TEXT NOT NULL DEFAULT '[]', indexed INTEGER NOT NULL DEFAULT 0);
CREATE INDEX editions_sha ON editions(sha256);
CREATE INDEX editions_date ON editions(date);
CREATE TABLE articles(
  id INTEGER PRIMARY KEY, edition_id INTEGER NOT NULL REFERENCES editions(id) ON DELETE CASCADE,
  akey TEXT NOT NULL UNIQUE, seq INTEGER NOT NULL,
  {_ARTICLE_VALUES});
CREATE INDEX articles_edition ON articles(edition_id, seq);
CREATE TABLE edits(
  akey TEXT NOT NULL, field TEXT NOT NULL, value TEXT NOT NULL, edited_at TEXT NOT NULL,
  PRIMARY KEY(akey, field));
CREATE TABLE lexicon(word TEXT PRIMARY KEY, kind TEXT NOT NULL);
"""

# version 2: the catalog's identity and generation (see :mod:`index.catalog.generation`), and
# removed editions whose index documents are still to be deleted (see :mod:`index.catalog.index_state`)
STATE_TABLES = """
CREATE TABLE catalog_state(
  one INTEGER PRIMARY KEY CHECK (one = 1), catalog_id TEXT NOT NULL, generation INTEGER NOT NULL);
CREATE TABLE generations(gen INTEGER PRIMARY KEY, token TEXT NOT NULL);
INSERT INTO catalog_state VALUES (1, lower(hex(randomblob(16))), 1);
INSERT INTO generations VALUES (1, lower(hex(randomblob(16))));
CREATE TABLE removed_editions(id INTEGER PRIMARY KEY);
CREATE TRIGGER edition_removed AFTER DELETE ON editions
  BEGIN INSERT OR IGNORE INTO removed_editions VALUES (old.id); END;
"""

# version n: the statements that turn a version n - 1 catalog into version n
MIGRATIONS: dict[int, str] = {1: TABLES, 2: STATE_TABLES}
SCHEMA_VERSION = max(MIGRATIONS)

# the article columns of a record, selected by name (see :mod:`index.catalog.rows`)
RECORD_SELECT = ", ".join(
    [
        "a.id",
        "a.edition_id",
        "e.date",
        "e.name AS edition_name",
        "a.seq",
        *(f"a.{c}" for c in COLUMN_NAMES),
        "a.akey",
    ]
)
RECORD_FROM = "FROM articles a JOIN editions e ON e.id = a.edition_id"


def schema_version(con: sqlite3.Connection) -> int:
    """The catalog's schema version (0: a new, empty file)."""
    return int(con.execute("PRAGMA user_version").fetchone()[0])


def check_version(version: int, where: str) -> None:
    """Refuse a catalog written by a newer program (:class:`SchemaMismatch`)."""
    if version > SCHEMA_VERSION:
        logger.info("catalog %s has schema %d; this program reads up to %d", where, version, SCHEMA_VERSION)
        raise SchemaMismatch(
            _(
                "The archive at {where} was written by a newer version of this program "
                "(catalog schema {version}; this version reads up to {supported}). Update the program."
            ).format(where=where, version=version, supported=SCHEMA_VERSION)
        )


def migrate(w: sqlite3.Connection, version: int) -> None:
    """Bring a catalog from ``version`` to :data:`SCHEMA_VERSION` inside the write transaction ``w``."""
    if version == 0 and w.execute("SELECT 1 FROM sqlite_master WHERE name = 'editions'").fetchone():
        version = 1  # written before the version was recorded
    for target in range(version + 1, SCHEMA_VERSION + 1):
        logger.info("catalog schema %d → %d", target - 1, target)
        for stmt in MIGRATIONS[target].split(";\n"):  # a trigger's inner ";" has no line break
            if stmt.strip():
                w.execute(stmt)
    w.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
