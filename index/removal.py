"""Removing editions or articles from the catalog, and putting them back (undo).

A removal deletes the rows in one transaction and returns a :class:`Removal`: the deleted rows,
enough to insert them again with the same ids (:func:`restore`), so views, the selection and the
librarian's edits (kept in their own table, keyed by the article's stable key) all still match.
The search index is brought in line by the caller (:meth:`index.archive.Archive.remove_editions`).
"""

from __future__ import annotations

import logging
import sqlite3
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from index.catalog import Catalog
from index.errors import ArchiveError
from index.i18n import _

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Removal:
    """What one removal deleted: whole editions and/or single articles, with their rows."""

    edition_ids: tuple[int, ...]  # editions removed whole
    article_ids: tuple[int, ...]  # every article removed (those of the editions included)
    touched_editions: tuple[int, ...]  # editions whose index documents must be rebuilt
    edition_columns: tuple[str, ...]
    edition_rows: tuple[tuple[Any, ...], ...]
    article_columns: tuple[str, ...]
    article_rows: tuple[tuple[Any, ...], ...]


def _marks(values: Sequence[object]) -> str:
    return ",".join("?" * len(values))


def _select(
    con: sqlite3.Connection, sql: str, args: Sequence[object]
) -> tuple[tuple[str, ...], list[tuple[Any, ...]]]:
    cur = con.execute(sql, tuple(args))
    return tuple(d[0] for d in cur.description), [tuple(r) for r in cur.fetchall()]


def remove(catalog: Catalog, *, editions: Iterable[int] = (), articles: Iterable[int] = ()) -> Removal:
    """Delete editions (with their articles) and single articles in one transaction.

    Raises:
        ArchiveError: An id names no edition or no article (nothing is deleted then).
    """
    eids = tuple(dict.fromkeys(int(e) for e in editions))
    aids = tuple(dict.fromkeys(int(a) for a in articles))
    if not eids and not aids:
        raise ArchiveError(_("Nothing to remove: no edition or article given"))
    with catalog.write() as w:
        ecols, erows = _select(w, f"SELECT * FROM editions WHERE id IN ({_marks(eids)})", eids)
        missing = sorted(set(eids) - {r[ecols.index("id")] for r in erows})
        if missing:
            raise ArchiveError(_("No edition with id {id}").format(id=", ".join(map(str, missing))))
        acols, arows = _select(
            w,
            f"SELECT * FROM articles WHERE edition_id IN ({_marks(eids)}) OR id IN ({_marks(aids)}) ORDER BY id",
            (*eids, *aids),
        )
        found = {r[acols.index("id")] for r in arows}
        missing = sorted(set(aids) - found)
        if missing:
            raise ArchiveError(_("No article with id {id}").format(id=", ".join(map(str, missing))))
        w.execute(f"DELETE FROM articles WHERE id IN ({_marks(tuple(found))})", tuple(found))
        w.execute(f"DELETE FROM editions WHERE id IN ({_marks(eids)})", eids)
        touched = tuple(sorted({*eids, *(r[acols.index("edition_id")] for r in arows)}))
        # Editions that lost articles are stale until their documents are rebuilt (crash safety).
        w.execute(f"UPDATE editions SET indexed = 0 WHERE id IN ({_marks(touched)})", touched)
    logger.info("removed %d edition(s) and %d article(s)", len(eids), len(found))
    return Removal(eids, tuple(sorted(found)), touched, ecols, tuple(erows), acols, tuple(arows))


def restore(catalog: Catalog, removal: Removal) -> None:
    """Insert the rows of a removal again, with the same ids (their editions marked for indexing).

    Raises:
        ArchiveError: An id is taken again meanwhile (e.g. a re-import); nothing is inserted then.
    """
    with catalog.write() as w:
        try:
            if removal.edition_rows:
                cols = ", ".join(removal.edition_columns)
                w.executemany(
                    f"INSERT INTO editions({cols}) VALUES ({_marks(removal.edition_columns)})",
                    removal.edition_rows,
                )
            if removal.article_rows:
                cols = ", ".join(removal.article_columns)
                w.executemany(
                    f"INSERT INTO articles({cols}) VALUES ({_marks(removal.article_columns)})",
                    removal.article_rows,
                )
        except sqlite3.IntegrityError as exc:
            raise ArchiveError(
                _("Cannot undo the removal: the archive changed since ({reason})").format(reason=exc)
            ) from exc
        touched = removal.touched_editions
        w.execute(f"UPDATE editions SET indexed = 0 WHERE id IN ({_marks(touched)})", touched)
    logger.info(
        "restored %d edition(s) and %d article(s)", len(removal.edition_ids), len(removal.article_ids)
    )
