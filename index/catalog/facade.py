"""The :class:`Catalog` object: one archive's catalog, each method delegating to its concept module."""

from __future__ import annotations

import datetime as dt
import logging
import sqlite3
import threading
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import AbstractContextManager
from pathlib import Path
from typing import Concatenate, ParamSpec, TypeVar

from index.catalog import editions, edits, generation, index_state, lexicon, maintenance, reads, stats
from index.catalog.connection import Database
from index.catalog.editions import StoreResult
from index.catalog.generation import CatalogState
from index.models import ArticleRecord, EditionRecord, ParsedEdition

logger = logging.getLogger(__name__)

_P = ParamSpec("_P")
_R = TypeVar("_R")


def _guarded(method: Callable[Concatenate[Catalog, _P], _R]) -> Callable[Concatenate[Catalog, _P], _R]:
    """SQLite failures inside ``method`` become errors a user can act on (see ``failures``)."""

    def run(self: Catalog, /, *args: _P.args, **kwargs: _P.kwargs) -> _R:
        """The method, with failures translated."""
        with self.db.translated():
            return method(self, *args, **kwargs)

    run.__name__, run.__qualname__, run.__doc__ = method.__name__, method.__qualname__, method.__doc__
    return run


class Catalog:
    """The SQLite catalog of one archive: the source of truth (editions, articles, edits).

    Args:
        path: The catalog file (created unless ``readonly``).
        readonly: Open read-only; every write raises :class:`index.errors.ArchiveError`.
        immutable: With ``readonly``, assume nobody changes the file meanwhile (full disk, CD).
    """

    def __init__(self, path: Path, *, readonly: bool = False, immutable: bool = False) -> None:
        self.db = Database(path, readonly=readonly, immutable=immutable)

    @property
    def path(self) -> Path:
        """The catalog file."""
        return self.db.path

    @property
    def readonly(self) -> bool:
        """True when opened read-only."""
        return self.db.readonly

    @property
    def write_lock(self) -> threading.RLock:
        """Held for every write transaction; callers hold it around catalog + index updates."""
        return self.db.write_lock

    def conn(self) -> sqlite3.Connection:
        """This thread's connection."""
        return self.db.conn()

    def write(self) -> AbstractContextManager[sqlite3.Connection]:
        """One serialised write transaction (see :meth:`Database.write`)."""
        return self.db.write()

    def close(self) -> None:
        """Close every connection."""
        self.db.close()

    # -- editions ------------------------------------------------------------------------------
    @_guarded
    def store_edition(self, parsed: ParsedEdition, source_path: str) -> StoreResult:
        """Store one parsed, dated edition in one transaction (:func:`editions.store_edition`)."""
        return editions.store_edition(self.db, parsed, source_path)

    @_guarded
    def edition_by_sha(self, sha256: str) -> tuple[int, str] | None:
        """``(id, ekey)`` of an edition stored from a file with this hash, if any."""
        return editions.edition_by_sha(self.conn(), sha256)

    # -- reads ---------------------------------------------------------------------------------
    @_guarded
    def articles(self, ids: Sequence[int]) -> list[ArticleRecord]:
        """Articles by id, in the order given; unknown ids are left out."""
        return reads.articles(self.conn(), ids)

    @_guarded
    def edition_articles(self, edition_id: int) -> list[ArticleRecord]:
        """An edition's articles in reading order."""
        return reads.edition_articles(self.conn(), edition_id)

    def iter_articles(
        self, edition_ids: Sequence[int] | None = None, batch: int = 1000
    ) -> Iterator[list[ArticleRecord]]:
        """All articles (or those of some editions) in batches, oldest edition first."""
        with self.db.translated():
            yield from reads.iter_articles(self.conn(), edition_ids, batch)

    @_guarded
    def ids_containing(self, ids: Sequence[int], phrase: str) -> set[int]:
        """Those of ``ids`` whose texts contain ``phrase`` (:func:`reads.ids_containing`)."""
        return reads.ids_containing(self.conn(), ids, phrase)

    @_guarded
    def article_count(self) -> int:
        """The number of articles stored."""
        return reads.article_count(self.conn())

    @_guarded
    def editions(self) -> list[EditionRecord]:
        """All editions, oldest first."""
        return reads.editions(self.conn())

    @_guarded
    def edition_dates(self) -> dict[int, dt.date]:
        """Edition id → date."""
        return reads.edition_dates(self.conn())

    # -- facets --------------------------------------------------------------------------------
    @_guarded
    def stats(self) -> dict[str, dict[str, int]]:
        """Counts of every facet of :mod:`index.fields`; totals under ``"total"``."""
        return stats.stats(self.conn())

    @_guarded
    def facet_values(self, facet: str) -> list[str]:
        """Every value of a facet in the catalog, sorted (edits applied)."""
        return stats.facet_values(self.conn(), facet)

    # -- librarian edits -----------------------------------------------------------------------
    @_guarded
    def set_edit(self, article_id: int, changes: Mapping[str, object]) -> int:
        """Store corrections of one article (one transaction); returns its edition id."""
        return edits.set_edit(self.db, article_id, changes)

    @_guarded
    def remove_edit(self, article_id: int, field: str) -> int:
        """Drop the correction of one field; returns the edition id."""
        return edits.remove_edit(self.db, article_id, field)

    # -- index bookkeeping ---------------------------------------------------------------------
    @_guarded
    def pending_editions(self) -> list[int]:
        """Editions whose index documents are stale."""
        return index_state.pending_editions(self.conn())

    @_guarded
    def mark_indexed(self, edition_ids: list[int], indexed: bool = True) -> None:
        """Record that these editions' index documents are (or are not) up to date.

        A read-only catalog records nothing: its flags describe the index on disk, which a
        read-only archive never changes (a temporary index is not recorded).
        """
        if not self.readonly:
            index_state.mark_indexed(self.db, edition_ids, indexed)

    @_guarded
    def mark_all_pending(self) -> None:
        """Mark every edition stale (nothing on a read-only catalog)."""
        if not self.readonly:
            index_state.mark_all_pending(self.db)

    # -- identity, checks, copies --------------------------------------------------------------
    @_guarded
    def state(self) -> CatalogState | None:
        """The catalog's id and generation (None for an old catalog opened read-only)."""
        return generation.current(self.conn())

    @_guarded
    def descends_from(self, state: CatalogState) -> bool:
        """True when ``state`` is in this catalog's history (an index built then can be synced)."""
        return generation.descends_from(self.conn(), state)

    def integrity_problems(self) -> list[str]:
        """What SQLite's integrity and foreign key checks find (empty: sound)."""
        return maintenance.integrity_problems(self.db)

    def backup(self, target: Path) -> Path:
        """A consistent copy of the catalog at ``target`` (SQLite online backup)."""
        return maintenance.backup(self.db, target)

    # -- lexicon -------------------------------------------------------------------------------
    @_guarded
    def add_lexicon(self, words: Iterable[str], kind: str) -> None:
        """Remember names (kind ``person`` or ``street``) for jieba's dictionary."""
        lexicon.add(self.db, words, kind)

    @_guarded
    def lexicon(self) -> list[str]:
        """Names (people, streets) to add to jieba's dictionary so they segment as words."""
        return lexicon.words(self.conn())
