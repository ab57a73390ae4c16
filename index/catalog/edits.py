"""Librarian corrections: kept in their own table, apart from the parsed values, and the one rule
that turns what a librarian typed into a stored value (:func:`normalise_edit`).

Edits hang on the article's stable key (:func:`index.catalog.rows.article_keys`), so a re-import
replaces parsed values and never an edit. Reads apply them (:mod:`index.catalog.reads`).
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import re
import sqlite3
from collections.abc import Mapping, Sequence
from typing import Any

from index.catalog.connection import Database
from index.catalog.rows import dumps
from index.catalog.schema import BY_COLUMN, Codec
from index.errors import ArchiveError
from index.fields import FIELDS, Normalise
from index.i18n import _
from index.models import EDITABLE_FIELDS

logger = logging.getLogger(__name__)

LIST_FIELDS = frozenset(f for f in EDITABLE_FIELDS if BY_COLUMN[f].codec is Codec.LIST)
NAME_FIELDS = frozenset(f.column for f in FIELDS if f.column and f.normalise is Normalise.NAME)
_SPLIT = re.compile(r"[,，、;；\n]+")
_SPACE = re.compile(r"\s+")


def normalise_edit(field: str, value: object) -> Any:
    """A librarian's value for ``field`` as it is stored; :class:`ArchiveError` if it cannot be.

    Lists may be given as text separated by ``、，,;；`` or new lines. In a list of names white
    space is removed inside each name (``王 芳`` is the one name ``王芳``); other values are
    stripped; empty items and repeats are dropped.

    Args:
        field: One of ``models.EDITABLE_FIELDS`` (the catalog column name).
        value: Text, or for a list field a list of texts.
    """
    if field not in EDITABLE_FIELDS:
        raise ArchiveError(
            _("'{field}' cannot be edited; editable fields: {fields}").format(
                field=field, fields=", ".join(EDITABLE_FIELDS)
            )
        )
    if field not in LIST_FIELDS:
        if not isinstance(value, str):
            raise ArchiveError(
                _("{field} must be text, not {type}").format(field=field, type=type(value).__name__)
            )
        return value.strip()
    items = _SPLIT.split(value) if isinstance(value, str) else value
    if not isinstance(items, (list, tuple)) or not all(isinstance(v, str) for v in items):
        raise ArchiveError(_("{field} must be a list of names").format(field=field))
    out: list[str] = []
    for item in items:
        name = _SPACE.sub("", item) if field in NAME_FIELDS else item.strip()
        if name and name not in out:
            out.append(name)
    return out


def edits_of(con: sqlite3.Connection, akeys: Sequence[str]) -> dict[str, dict[str, Any]]:
    """The corrections of these articles: akey → field → value."""
    out: dict[str, dict[str, Any]] = {}
    if len(akeys) > 500:
        rows = con.execute("SELECT akey, field, value FROM edits").fetchall()
    else:
        rows = con.execute(
            "SELECT akey, field, value FROM edits WHERE akey IN (SELECT value FROM json_each(?))",
            (dumps(list(akeys)),),
        ).fetchall()
    for akey, field, value in rows:
        out.setdefault(akey, {})[field] = json.loads(value)
    return out


def set_edit(db: Database, article_id: int, changes: Mapping[str, object]) -> int:
    """Store corrections of one article (one transaction); returns its edition id."""
    values = {f: normalise_edit(f, v) for f, v in changes.items()}
    now = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
    with db.write() as w:
        akey, eid = _akey(w, article_id)
        w.executemany(
            "INSERT INTO edits(akey, field, value, edited_at) VALUES (?, ?, ?, ?) "
            "ON CONFLICT(akey, field) DO UPDATE SET value = excluded.value, edited_at = excluded.edited_at",
            [(akey, f, dumps(v), now) for f, v in values.items()],
        )
        w.execute("UPDATE editions SET indexed = 0 WHERE id = ?", (eid,))
    logger.info("article %d: edited %s", article_id, ", ".join(values))
    return eid


def remove_edit(db: Database, article_id: int, field: str) -> int:
    """Drop the correction of one field (the parsed value shows again); returns the edition id."""
    normalise_edit(field, [] if field in LIST_FIELDS else "")
    with db.write() as w:
        akey, eid = _akey(w, article_id)
        w.execute("DELETE FROM edits WHERE akey = ? AND field = ?", (akey, field))
        w.execute("UPDATE editions SET indexed = 0 WHERE id = ?", (eid,))
    logger.info("article %d: edit of %s reverted", article_id, field)
    return eid


def orphaned_edits(con: sqlite3.Connection, ekey: str, edition_id: int) -> int:
    """Edits of an edition's articles that vanished from it (kept, reported)."""
    return int(
        con.execute(
            "SELECT count(*) FROM edits WHERE akey >= ? AND akey < ? AND akey NOT IN "
            "(SELECT akey FROM articles WHERE edition_id = ?)",
            (ekey + "#", ekey + "$", edition_id),
        ).fetchone()[0]
    )


def _akey(con: sqlite3.Connection, article_id: int) -> tuple[str, int]:
    row = con.execute("SELECT akey, edition_id FROM articles WHERE id = ?", (article_id,)).fetchone()
    if row is None:
        raise ArchiveError(_("No article with id {id}").format(id=article_id))
    return str(row["akey"]), int(row["edition_id"])
