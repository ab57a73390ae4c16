"""The narrow interfaces the viewer's models and widgets take instead of the concrete ``Archive``.

Each widget names only the calls it makes, so tests can hand it a small stand-in and the import of
the core's heavy parts (Whoosh, jieba) stays on the worker that opens the archive.
:class:`index.archive.Archive` satisfies all of them.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import Protocol

from index.changes import Changes
from index.models import (
    ArticleRecord,
    CancelCheck,
    EditionRecord,
    Hit,
    ImportReport,
    Progress,
    SearchRequest,
    SearchResult,
)


class Searchable(Protocol):
    """Runs searches (the search controller)."""

    def search(self, request: SearchRequest) -> SearchResult:
        """Search the archive."""
        ...


class HitSource(Protocol):
    """Gives result rows for a slice of a result's ids (the result list)."""

    def hits(self, ids: Sequence[int], terms: Sequence[str] = ()) -> list[Hit]:
        """The rows of these ids, highlighted for ``terms``."""
        ...


class ArticleSource(Protocol):
    """Gives one article (the selection basket, the reader)."""

    def article(self, article_id: int) -> ArticleRecord:
        """The article with this id; raises ``ArchiveError`` when there is none."""
        ...


class EditionSource(Protocol):
    """Lists editions and their articles (the edition browser)."""

    def editions(self) -> list[EditionRecord]:
        """All editions, oldest first."""
        ...

    def edition_articles(self, edition_id: int) -> list[ArticleRecord]:
        """An edition's articles in reading order."""
        ...


class Editor(Protocol):
    """Stores and reverts librarian corrections (the edit form)."""

    def edit_article(self, article_id: int, **changes: object) -> ArticleRecord:
        """Store a correction."""
        ...

    def revert_edit(self, article_id: int, field: str) -> ArticleRecord:
        """Drop the correction of one field."""
        ...

    def facet_values(self, facet: str) -> list[str]:
        """Every known value of a facet (the choices of a field)."""
        ...


class Exporter(Protocol):
    """Writes articles to a file (the export dialog)."""

    def export(
        self,
        ids: Iterable[int],
        fmt: str,
        out: Path,
        *,
        progress: Progress | None = None,
        cancel: CancelCheck | None = None,
    ) -> Path:
        """Export the articles; returns the file written."""
        ...


class EditionImporter(Protocol):
    """Imports edition files (the import dialog and the first-run samples)."""

    def import_paths(
        self,
        paths: Sequence[Path],
        *,
        date: dt.date | None = None,
        progress: Progress | None = None,
        cancel: CancelCheck | None = None,
    ) -> ImportReport:
        """Import files or folders."""
        ...


class ChangeSource(Protocol):
    """Announces what changed (see :class:`index.changes.Changes`)."""

    def subscribe(self, listener: Callable[[Changes], None]) -> Callable[[], None]:
        """Register a listener; returns the call that removes it."""
        ...
