"""Collections (专题): named, persistent lists of articles with a note per article, shareable as a file.

Where they live: in the archive's catalog (``catalog.sqlite``), in two tables of their own created
here with ``CREATE TABLE IF NOT EXISTS`` (the catalog's schema module does not list them, so its
version and migrations are untouched). Collections are the user's work, not derived data, so they
belong with the source of truth: copied, backed up and moved with it, and written in the same
transactions machinery (a crash loses nothing half-written). A side file could be deleted as
"only a cache" by someone who knows the index and the similarity file may be.

Members are held by the article's stable key (``akey``, the one librarian edits hang on), so a
re-imported edition keeps its collections. An article that vanishes from its edition stays in the
collection as *missing* (its title and date are kept) instead of being dropped.

The shared file (JSON) names each article by edition date, edition name, title
and the n-th article of that title in the edition; importing it into another archive holding the
same editions finds the same articles (a title corrected by a librarian matches too); the layout
is in :mod:`index.insight.collection_file`.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from index.errors import ArchiveError
from index.i18n import _

logger = logging.getLogger(__name__)


_TABLES = """
CREATE TABLE IF NOT EXISTS collections(
  id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE, description TEXT NOT NULL DEFAULT '',
  created_at TEXT NOT NULL, updated_at TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS collection_items(
  collection_id INTEGER NOT NULL REFERENCES collections(id) ON DELETE CASCADE,
  akey TEXT NOT NULL, position INTEGER NOT NULL, note TEXT NOT NULL DEFAULT '',
  title TEXT NOT NULL, date TEXT NOT NULL, added_at TEXT NOT NULL,
  PRIMARY KEY(collection_id, akey));
"""


@dataclass(frozen=True)
class Collection:
    """A collection: id, name, description, and how many articles it holds."""

    id: int
    name: str
    description: str
    count: int


@dataclass(frozen=True)
class Item:
    """One member: its article id (``None`` when the article is no longer in the catalog) and note."""

    article_id: int | None
    title: str
    date: dt.date
    note: str
    position: int


@dataclass(frozen=True)
class ImportResult:
    """What importing a collection file did: the collection, how many matched, which did not."""

    collection: Collection
    matched: int
    unmatched: tuple[str, ...]  # "date title" of the entries with no article in this archive


def _now() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds")


class Collections:
    """The collections of one archive (over its :class:`index.catalog.Catalog`)."""

    def __init__(self, catalog: Any) -> None:
        self.catalog = catalog
        if not catalog.readonly:
            with catalog.write() as w:
                for stmt in _TABLES.split(";"):
                    if stmt.strip():
                        w.execute(stmt)
        self._ready = not catalog.readonly

    def _con(self) -> sqlite3.Connection:
        con: sqlite3.Connection = self.catalog.conn()
        return con

    def _has_tables(self) -> bool:
        return self._ready or bool(
            self._con().execute("SELECT 1 FROM sqlite_master WHERE name = 'collections'").fetchone()
        )

    # -- collections -------------------------------------------------------------------------------
    def all(self) -> list[Collection]:
        """Every collection, by name."""
        if not self._has_tables():
            return []
        rows = self._con().execute(
            "SELECT c.id, c.name, c.description, "
            "(SELECT count(*) FROM collection_items i WHERE i.collection_id = c.id) FROM collections c ORDER BY c.name"
        )
        return [Collection(int(i), n, d, int(k)) for i, n, d, k in rows]

    def get(self, name_or_id: str | int) -> Collection:
        """A collection by id or name; ``ArchiveError`` naming the known ones if there is none."""
        for c in self.all():
            if c.id == name_or_id or c.name == name_or_id:
                return c
        known = ", ".join(c.name for c in self.all()) or "none yet"
        raise ArchiveError(
            _("No collection {name_or_id} (collections: {known})").format(
                name_or_id=repr(name_or_id), known=known
            )
        )

    def create(self, name: str, description: str = "") -> Collection:
        """A new, empty collection; the name must be new and not blank."""
        name = name.strip()
        if not name:
            raise ArchiveError(_("A collection needs a name"))
        with self.catalog.write() as w:
            if w.execute("SELECT 1 FROM collections WHERE name = ?", (name,)).fetchone():
                raise ArchiveError(_("There is already a collection called {name}").format(name=repr(name)))
            now = _now()
            cur = w.execute(
                "INSERT INTO collections(name, description, created_at, updated_at) VALUES (?, ?, ?, ?)",
                (name, description, now, now),
            )
            cid = int(cur.lastrowid or 0)
        return Collection(cid, name, description, 0)

    def get_or_create(self, name: str, description: str = "") -> Collection:
        """The collection called ``name``, made if there is none (e.g. the viewer's 选集)."""
        for c in self.all():
            if c.name == name.strip():
                return c
        return self.create(name, description)

    def rename(self, cid: int, name: str, description: str | None = None) -> Collection:
        """Give a collection another name (and description, if given)."""
        old = self.get(cid)
        name = name.strip()
        if not name:
            raise ArchiveError(_("A collection needs a name"))
        with self.catalog.write() as w:
            clash = w.execute("SELECT id FROM collections WHERE name = ?", (name,)).fetchone()
            if clash and clash[0] != cid:
                raise ArchiveError(_("There is already a collection called {name}").format(name=repr(name)))
            w.execute(
                "UPDATE collections SET name = ?, description = ?, updated_at = ? WHERE id = ?",
                (name, old.description if description is None else description, _now(), cid),
            )
        return self.get(cid)

    def delete(self, cid: int) -> None:
        """Delete a collection (the articles stay in the archive)."""
        self.get(cid)
        with self.catalog.write() as w:
            w.execute("DELETE FROM collection_items WHERE collection_id = ?", (cid,))
            w.execute("DELETE FROM collections WHERE id = ?", (cid,))

    # -- members -----------------------------------------------------------------------------------
    def add(self, cid: int, article_ids: Sequence[int], note: str = "") -> int:
        """Append articles (those already in it keep their place and note); returns how many were new."""
        self.get(cid)
        records = self.catalog.articles(list(dict.fromkeys(article_ids)))
        missing = sorted(set(article_ids) - {r.id for r in records})
        if missing:
            raise ArchiveError(_("No article with id {items}").format(items=", ".join(map(str, missing))))
        keys = self._akeys([r.id for r in records])
        with self.catalog.write() as w:
            pos = w.execute(
                "SELECT coalesce(max(position), -1) FROM collection_items WHERE collection_id = ?", (cid,)
            ).fetchone()[0]
            added = 0
            now = _now()
            for rec in records:
                cur = w.execute(
                    "INSERT OR IGNORE INTO collection_items VALUES (?, ?, ?, ?, ?, ?, ?)",
                    (cid, keys[rec.id], pos + 1, note, rec.title, rec.date.isoformat(), now),
                )
                if cur.rowcount:
                    pos += 1
                    added += 1
            w.execute("UPDATE collections SET updated_at = ? WHERE id = ?", (now, cid))
        return added

    def remove(self, cid: int, article_ids: Sequence[int]) -> int:
        """Take articles out of a collection; returns how many were in it."""
        self.get(cid)
        keys = self._akeys(article_ids)
        with self.catalog.write() as w:
            n = 0
            for key in keys.values():
                n += w.execute(
                    "DELETE FROM collection_items WHERE collection_id = ? AND akey = ?", (cid, key)
                ).rowcount
        return n

    def set_note(self, cid: int, article_id: int, note: str) -> None:
        """The note on one member (empty: no note)."""
        key = self._akeys([article_id]).get(article_id)
        with self.catalog.write() as w:
            cur = w.execute(
                "UPDATE collection_items SET note = ? WHERE collection_id = ? AND akey = ?", (note, cid, key)
            )
            if not cur.rowcount:
                raise ArchiveError(
                    _("Article {article_id} is not in collection {name}").format(
                        article_id=article_id, name=repr(self.get(cid).name)
                    )
                )

    def items(self, cid: int) -> list[Item]:
        """The members in their order, with notes; vanished articles have ``article_id`` None."""
        self.get(cid)
        rows = self._con().execute(
            "SELECT a.id, i.title, i.date, i.note, i.position FROM collection_items i "
            "LEFT JOIN articles a ON a.akey = i.akey WHERE i.collection_id = ? ORDER BY i.position",
            (cid,),
        )
        return [Item(aid, t, dt.date.fromisoformat(d), note, int(p)) for aid, t, d, note, p in rows]

    def ids(self, cid: int) -> list[int]:
        """Ids of the members still in the archive, in order (for search, export, the viewer)."""
        return [i.article_id for i in self.items(cid) if i.article_id is not None]

    def _akeys(self, article_ids: Sequence[int]) -> dict[int, str]:
        rows = self._con().execute(
            "SELECT id, akey FROM articles WHERE id IN (SELECT value FROM json_each(?))",
            (json.dumps(list(article_ids)),),
        )
        return {int(i): str(k) for i, k in rows}

    # -- sharing -----------------------------------------------------------------------------------
    def export_file(self, cid: int, out: Path) -> Path:
        """Write a collection file (JSON) that another archive with the same editions can import."""
        from index.insight.collection_file import entries_for, write_file

        col = self.get(cid)
        return write_file(Path(out), col, entries_for(self._con(), cid))

    def import_file(self, path: Path, name: str | None = None) -> ImportResult:
        """Make a collection from a collection file; entries matching no article are reported."""
        from index.insight.collection_file import match_entries, read_file

        data = read_file(Path(path))
        base = (name or data["name"]).strip() or "导入的专题"
        taken = {c.name for c in self.all()}
        final, n = base, 2
        while final in taken:
            final, n = f"{base} ({n})", n + 1
        col = self.create(final, data.get("description", ""))
        matched, unmatched = match_entries(self._con(), data["items"])
        for article_id, note in matched:
            if self.add(col.id, [article_id], note) == 0 and note:
                self.set_note(col.id, article_id, note)
        logger.info("collection %r imported: %d matched, %d not", final, len(matched), len(unmatched))
        return ImportResult(self.get(col.id), len(matched), tuple(unmatched))
