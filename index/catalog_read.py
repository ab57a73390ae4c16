"""Read side of the catalog (a mixin of :class:`index.catalog.Catalog`) and librarian edits."""

from __future__ import annotations

import datetime as dt
import json
import re
import sqlite3
from collections.abc import Iterator, Sequence
from contextlib import AbstractContextManager
from typing import Any

from index.models import ArticleRecord, EditionRecord
from index.rows import ARTICLE_COLUMNS, article_record, dumps, edition_record, normalise_edit

_FROM = "FROM articles a JOIN editions e ON e.id = a.edition_id"
_FACET_COLUMN = {"street": "streets", "topic": "topics", "reporter": "reporters"}
_ASCII_LETTER = re.compile(r"[A-Za-z]")


class CatalogReads:
    """Queries over the catalog; every article comes back with its librarian edits applied."""

    def conn(self) -> sqlite3.Connection:
        raise NotImplementedError

    def write(self) -> AbstractContextManager[sqlite3.Connection]:
        raise NotImplementedError

    # -- articles ----------------------------------------------------------------------------
    def _edits(self, akeys: Sequence[str]) -> dict[str, dict[str, Any]]:
        out: dict[str, dict[str, Any]] = {}
        con = self.conn()
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

    def _records(self, rows: list[Any]) -> list[ArticleRecord]:
        edits = self._edits([r[-1] for r in rows])
        return [article_record(r, edits.get(r[-1])) for r in rows]

    def articles(self, ids: Sequence[int]) -> list[ArticleRecord]:
        """Articles by id, in the order given; unknown ids are left out."""
        rows = (
            self.conn()
            .execute(
                f"SELECT {ARTICLE_COLUMNS} {_FROM} WHERE a.id IN (SELECT value FROM json_each(?))",
                (json.dumps(list(ids)),),
            )
            .fetchall()
        )
        by_id = {r.id: r for r in self._records(rows)}
        return [by_id[i] for i in ids if i in by_id]

    def edition_articles(self, edition_id: int) -> list[ArticleRecord]:
        rows = (
            self.conn()
            .execute(f"SELECT {ARTICLE_COLUMNS} {_FROM} WHERE a.edition_id = ? ORDER BY a.seq", (edition_id,))
            .fetchall()
        )
        return self._records(rows)

    def iter_articles(
        self, edition_ids: Sequence[int] | None = None, batch: int = 1000
    ) -> Iterator[list[ArticleRecord]]:
        """All articles (or those of some editions) in batches, oldest edition first."""
        con = self.conn()
        where = "" if edition_ids is None else "WHERE a.edition_id IN (SELECT value FROM json_each(?))"
        args: tuple[Any, ...] = () if edition_ids is None else (json.dumps(list(edition_ids)),)
        cur = con.execute(f"SELECT {ARTICLE_COLUMNS} {_FROM} {where} ORDER BY e.date, e.id, a.seq", args)
        while rows := cur.fetchmany(batch):
            yield self._records(rows)

    def ids_containing(self, ids: Sequence[int], phrase: str) -> set[int]:
        """Those of ``ids`` whose title, kicker, subtitle, body or captions contain ``phrase``.

        The texts come out as bytes and are searched in Python (``bytes in``): several times faster
        than SQLite's ``instr``, which compares at every character. Case is folded for ASCII.
        """
        if not ids or not phrase:
            return set()
        con = self.conn()
        heads = ("title", "kicker", "subtitle")
        joins = ""
        cols = [f"a.{f}" for f in heads]
        if con.execute(
            "SELECT 1 FROM edits WHERE field IN ('title', 'kicker', 'subtitle') LIMIT 1"
        ).fetchone():
            cols = [f"coalesce(json_extract(e_{f}.value, '$'), a.{f})" for f in heads]
            joins = " ".join(
                f"LEFT JOIN edits e_{f} ON e_{f}.akey = a.akey AND e_{f}.field = '{f}'" for f in heads
            )
        text = " || char(10) || ".join([*cols, "a.body", "a.captions"])
        sql = f"SELECT a.id, CAST({text} AS BLOB) FROM articles a {joins} WHERE a.id IN (SELECT value FROM json_each(?))"
        needle = phrase.encode("utf-8")
        rows = con.execute(sql, (json.dumps(list(ids)),))
        if _ASCII_LETTER.search(phrase):
            needle = needle.lower()
            return {i for i, blob in rows if needle in blob.lower()}
        return {i for i, blob in rows if needle in blob}

    # -- editions ----------------------------------------------------------------------------
    def editions(self) -> list[EditionRecord]:
        """All editions, oldest first."""
        con = self.conn()
        sections: dict[int, list[str]] = {}
        for eid, section in con.execute(
            "SELECT edition_id, section FROM articles WHERE section IS NOT NULL GROUP BY edition_id, section "
            "ORDER BY edition_id, min(seq)"
        ):
            sections.setdefault(eid, []).append(section)
        rows = con.execute(
            "SELECT e.id, e.date, e.name, e.source_path, e.sha256, "
            "(SELECT count(*) FROM articles a WHERE a.edition_id = e.id), e.unassigned "
            "FROM editions e ORDER BY e.date, e.id"
        ).fetchall()
        return [edition_record(r, tuple(sections.get(r[0], ()))) for r in rows]

    def edition_dates(self) -> dict[int, dt.date]:
        return {
            r[0]: dt.date.fromisoformat(r[1]) for r in self.conn().execute("SELECT id, date FROM editions")
        }

    # -- aggregates --------------------------------------------------------------------------
    def article_count(self) -> int:
        return int(self.conn().execute("SELECT count(*) FROM articles").fetchone()[0])

    def _effective_counts(self, facet: str) -> dict[str, int]:
        column = _FACET_COLUMN[facet]
        sql = (
            f"SELECT j.value, count(*) FROM articles a LEFT JOIN edits ed ON ed.akey = a.akey "
            f"AND ed.field = '{column}', json_each(COALESCE(ed.value, a.{column})) j "
            "GROUP BY j.value ORDER BY count(*) DESC, j.value"
        )
        return {str(v): int(n) for v, n in self.conn().execute(sql)}

    def stats(self) -> dict[str, dict[str, int]]:
        """Counts by street, topic, reporter, section, month; totals under ``"total"``."""
        con = self.conn()
        out = {facet: self._effective_counts(facet) for facet in ("street", "topic", "reporter")}
        out["section"] = {
            str(s): int(n)
            for s, n in con.execute(
                "SELECT section, count(*) FROM articles WHERE section IS NOT NULL GROUP BY section "
                "ORDER BY count(*) DESC, section"
            )
        }
        out["month"] = {
            str(m): int(n)
            for m, n in con.execute(f"SELECT substr(e.date, 1, 7) m, count(*) {_FROM} GROUP BY m ORDER BY m")
        }
        totals = con.execute(
            "SELECT (SELECT count(*) FROM editions), count(*), coalesce(sum(fragment), 0), "
            "(SELECT count(*) FROM edits) FROM articles"
        ).fetchone()
        out["total"] = dict(
            zip(("editions", "articles", "fragments", "edits"), map(int, totals), strict=True)
        )
        return out

    def facet_values(self, facet: str) -> list[str]:
        """Every value of a facet in the catalog (street, topic, reporter, section), sorted."""
        if facet in _FACET_COLUMN:
            return sorted(self._effective_counts(facet))
        if facet == "section":
            return [
                r[0]
                for r in self.conn().execute(
                    "SELECT DISTINCT section FROM articles WHERE section IS NOT NULL ORDER BY 1"
                )
            ]
        if facet == "month":
            return [
                r[0]
                for r in self.conn().execute("SELECT DISTINCT substr(date, 1, 7) FROM editions ORDER BY 1")
            ]
        raise ValueError(f"unknown facet {facet!r}")

    # -- librarian edits ---------------------------------------------------------------------
    def set_edit(self, article_id: int, changes: dict[str, object]) -> int:
        """Store corrections of one article (one transaction); returns its edition id."""
        values = {f: normalise_edit(f, v) for f, v in changes.items()}
        now = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
        with self.write() as w:
            akey, eid = self._akey(w, article_id)
            w.executemany(
                "INSERT INTO edits(akey, field, value, edited_at) VALUES (?, ?, ?, ?) "
                "ON CONFLICT(akey, field) DO UPDATE SET value = excluded.value, edited_at = excluded.edited_at",
                [(akey, f, dumps(v), now) for f, v in values.items()],
            )
            w.execute("UPDATE editions SET indexed = 0 WHERE id = ?", (eid,))
        return eid

    def remove_edit(self, article_id: int, field: str) -> int:
        """Drop the correction of one field (the parsed value shows again); returns the edition id."""
        normalise_edit(field, [] if field in ("reporters", "streets", "topics") else "")
        with self.write() as w:
            akey, eid = self._akey(w, article_id)
            w.execute("DELETE FROM edits WHERE akey = ? AND field = ?", (akey, field))
            w.execute("UPDATE editions SET indexed = 0 WHERE id = ?", (eid,))
        return eid

    @staticmethod
    def _akey(con: sqlite3.Connection, article_id: int) -> tuple[str, int]:
        from index.errors import ArchiveError

        row = con.execute("SELECT akey, edition_id FROM articles WHERE id = ?", (article_id,)).fetchone()
        if row is None:
            raise ArchiveError(f"No article with id {article_id}")
        return str(row[0]), int(row[1])
