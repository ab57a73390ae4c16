"""Runs searches on the worker, newest wins; facet counts that offer alternatives.

The controller keeps the current :class:`SearchRequest` (text, sort, dates from the search bar;
facet filters from the facet panel). Each change schedules a search; while one runs, later requests
only replace the pending one (no queue of stale searches), and a result that is not the newest is
dropped. Widgets never call the archive for searches themselves.

Facets combine like Recoll's and datasette's: values of one facet with OR, facets with AND, and a
facet with checked values keeps showing its other values with the counts they would have. Those
counts come from one more search per filtered facet, without that facet's own filter
(:func:`search_with_alternatives`), on the same worker task.
"""

from __future__ import annotations

import dataclasses
from typing import Any

from PySide6.QtCore import QObject, Signal

from index.errors import ArchiveError
from index.models import SearchRequest, SearchResult
from viewer.ports import Searchable
from viewer.tasks import TaskRunner


def search_with_alternatives(archive: Searchable, request: SearchRequest) -> SearchResult:
    """Search; each filtered facet's counts are those of the request without its own filter."""
    result = archive.search(request)
    if not request.filters:
        return result
    facets = dict(result.facets)
    for name in request.filters:
        others = dataclasses.replace(request, filters=request.filters.with_values(name, ()), limit=0)
        facets[name] = archive.search(others).facets.get(name, ())
    return dataclasses.replace(result, facets=facets)


class SearchController(QObject):
    """``update(**fields)`` changes the request and searches; ``result_ready`` delivers."""

    result_ready = Signal(object)  # SearchResult
    failed = Signal(str)  # a message fit for the user (bad query, …)
    busy_changed = Signal(bool)

    def __init__(self, archive: Searchable, runner: TaskRunner, limit: int = 50, parent: Any = None):
        super().__init__(parent)
        self._archive = archive
        self._runner = runner
        self._request = SearchRequest(limit=limit)
        self._serial = 0  # bumped per requested search
        self._running = False
        self._pending: tuple[int, SearchRequest] | None = None
        self.last_result: SearchResult | None = None

    @property
    def request(self) -> SearchRequest:
        """The request the next (or last) search uses."""
        return self._request

    def update(self, **fields: Any) -> None:
        """Replace fields of the request (``text``, ``sort``, ``streets``…) and search."""
        self._request = dataclasses.replace(self._request, **fields)
        self.rerun()

    def rerun(self) -> None:
        """Search again with the current request (after an import or an edit)."""
        self._serial += 1
        self._pending = (self._serial, self._request)
        if not self._running:
            self._start_pending()

    def is_busy(self) -> bool:
        """True while a search runs on the worker."""
        return self._running

    def _start_pending(self) -> None:
        if self._pending is None:
            return
        serial, request = self._pending
        self._pending = None
        self._set_running(True)
        self._runner.submit(
            search_with_alternatives,
            self._archive,
            request,
            name="search",
            on_done=lambda result: self._on_done(serial, result),
            on_error=lambda exc: self._on_error(serial, exc),
        )

    def _on_done(self, serial: int, result: SearchResult) -> None:
        self._finish()
        if serial == self._serial:
            self.last_result = result
            self.result_ready.emit(result)

    def _on_error(self, serial: int, exc: BaseException) -> None:
        self._finish()
        if serial == self._serial:
            text = str(exc) if isinstance(exc, ArchiveError) else f"{type(exc).__name__}: {exc}"
            self.failed.emit(text)

    def _finish(self) -> None:
        if self._pending is not None:
            self._start_pending()
        else:
            self._set_running(False)

    def _set_running(self, running: bool) -> None:
        if running != self._running:
            self._running = running
            self.busy_changed.emit(running)
