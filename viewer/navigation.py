"""Which article the reader shows, where it was opened from, and what 上一条/下一条 mean there.

An article opened from the result list steps through the results; one opened from the edition
browser steps through its edition in reading order; one opened from the selection steps through
the selection. A new search (or an empty result, or a query error) empties the reader when its
article came from the search and is not in the new result.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from enum import Enum

from PySide6.QtCore import QObject, Signal

from index.models import ArticleRecord
from viewer.ports import ArticleSource
from viewer.tasks import TaskRunner
from viewer.widgets.reader import Reader

logger = logging.getLogger(__name__)


class Origin(Enum):
    """Where the article in the reader was opened from."""

    SEARCH = "search"
    EDITION = "edition"
    SELECTION = "selection"
    OTHER = "other"


class Navigator(QObject):
    """Loads articles into the reader on the worker (newest request wins) and steps through them."""

    failed = Signal(str)  # a message fit for the status bar
    opened = Signal(object)  # the ArticleRecord now in the reader
    step_in_results = Signal(int)  # +1/-1: the result list should move (it opens the article)

    def __init__(self, reader: Reader, runner: TaskRunner, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.reader = reader
        self._runner = runner
        self.source: ArticleSource | None = None
        self.origin = Origin.OTHER
        self._order: list[int] = []
        self._terms: tuple[str, ...] = ()
        self._serial = 0
        self.on_edition_step: Callable[[int], None] | None = None  # selects the article in the browser

    def open(
        self,
        article_id: int,
        terms: Sequence[str] = (),
        *,
        origin: Origin = Origin.OTHER,
        order: Sequence[int] = (),
    ) -> None:
        """Show an article; ``order`` is the sequence 上一条/下一条 follow (not for the search)."""
        if self.source is None:
            return
        self.origin = origin
        self._order = list(order)
        self._terms = tuple(terms)
        self._serial += 1
        serial = self._serial
        terms = tuple(terms)

        def shown(record: ArticleRecord) -> None:
            if serial == self._serial:
                self.reader.show_article(record, terms)
                self.opened.emit(record)

        def missing(exc: BaseException) -> None:
            if serial == self._serial:
                self.reader.clear()
                self.failed.emit(str(exc))

        self._runner.submit(self.source.article, article_id, name="article", on_done=shown, on_error=missing)

    def reload(self, terms: Sequence[str] = ()) -> None:
        """Load the shown article again (after a correction), keeping where it came from."""
        if self.reader.article is not None:
            self.open(self.reader.article.id, terms, origin=self.origin, order=self._order)

    def step(self, delta: int) -> bool:
        """Next (+1) or previous (-1) article where the current one came from; False at an end."""
        if self.origin is Origin.SEARCH:
            self.step_in_results.emit(delta)
            return True
        current = self.reader.article
        if current is None or current.id not in self._order:
            return False
        position = self._order.index(current.id) + delta
        if not 0 <= position < len(self._order):
            return False
        target = self._order[position]
        self.open(target, origin=self.origin, order=self._order)
        if self.origin is Origin.EDITION and self.on_edition_step is not None:
            self.on_edition_step(target)
        return True

    def result_shown(self, ids: Sequence[int] | None, terms: Sequence[str] = ()) -> None:
        """A new search result (None: the query failed): empty the reader if its article left it,
        else highlight the new terms in it."""
        current = self.reader.article
        if current is None or self.origin is not Origin.SEARCH:
            return
        if ids is None or current.id not in set(ids):
            self._serial += 1  # an article still loading for the old search is dropped too
            self.reader.clear()
        elif tuple(terms) != self._terms:
            self.open(current.id, terms, origin=Origin.SEARCH)
