"""The result list: all ids of a :class:`SearchResult`, ``Hit`` rows fetched lazily in pages.

Only the ids of the result live here up front (cheap even for 100,000 hits); rows are
``archive.hits(ids[a:b], terms)`` pages fetched on the worker when the view scrolls near the end
(``canFetchMore``/``fetchMore``). A page that arrives for an older result is dropped.
Sorting is a new search in the core (see :class:`viewer.search.SearchController`), not a proxy.
"""

from __future__ import annotations

from enum import IntEnum
from typing import Any

from PySide6.QtCore import QAbstractListModel, QByteArray, QModelIndex, QPersistentModelIndex, Qt, Signal

from index.models import Hit, SearchResult
from viewer.ports import HitSource
from viewer.tasks import TaskRunner

Index = QModelIndex | QPersistentModelIndex


class Role(IntEnum):
    """Item data roles of a hit in the results list."""

    ID = Qt.ItemDataRole.UserRole + 1
    TITLE = ID + 1
    DATE = ID + 2
    SECTION = ID + 3
    PAGE = ID + 4
    REPORTERS = ID + 5
    STREETS = ID + 6
    TOPICS = ID + 7
    SNIPPET = ID + 8
    META = ID + 9  # one formatted line: date · section page · reporters · streets
    HIT = ID + 10


def meta_line(hit: Hit) -> str:
    """``2026-01-05 · 平城头条 p.1 · 邸东芳 · 古城街道`` (page in the locale-neutral ``p.N`` form)."""
    place = " ".join(p for p in (hit.section or "", f"p.{hit.page}" if hit.page else "") if p)
    parts = [hit.date.isoformat(), place, "、".join(hit.reporters), "、".join(hit.streets)]
    return " · ".join(p for p in parts if p)


_GETTERS: dict[int, Any] = {
    Role.ID: lambda h: h.id,
    Role.DATE: lambda h: h.date.isoformat(),
    Role.SECTION: lambda h: h.section or "",
    Role.PAGE: lambda h: h.page or 0,
    Role.REPORTERS: lambda h: list(h.reporters),
    Role.STREETS: lambda h: list(h.streets),
    Role.TOPICS: lambda h: list(h.topics),
    Role.SNIPPET: lambda h: h.snippet,
    Role.META: meta_line,
    Role.HIT: lambda h: h,
}


class ResultsModel(QAbstractListModel):
    """Rows = hits loaded so far; ``total()`` = all matching articles."""

    page_loaded = Signal(int, int)  # rows loaded, total
    fetch_failed = Signal(str)

    def __init__(self, archive: HitSource, runner: TaskRunner, page_size: int = 50, parent: Any = None):
        super().__init__(parent)
        self._archive = archive
        self._runner = runner
        self._page = page_size
        self._ids: tuple[int, ...] = ()
        self._terms: tuple[str, ...] = ()
        self._hits: list[Hit] = []
        self._generation = 0
        self.marked: set[int] = set()  # ids in the selection (选集)
        self._fetching = False
        self._broken = False  # a page failed: stop fetching this result (no retry loop)

    # -- the result -------------------------------------------------------------------------
    def set_result(self, result: SearchResult | None) -> None:
        """Show ``result`` (or nothing) and forget the pages of the previous one."""
        self.beginResetModel()
        self._generation += 1
        self._fetching = self._broken = False
        self._ids = result.ids if result else ()
        self._terms = result.terms if result else ()
        first = list(result.hits) if result else []
        # Trust the first hits only as far as they match the ids' order.
        self._hits = [h for h, i in zip(first, self._ids, strict=False) if h.id == i]
        self.endResetModel()
        self.page_loaded.emit(len(self._hits), len(self._ids))

    def total(self) -> int:
        """Number of matching articles."""
        return len(self._ids)

    def loaded(self) -> int:
        """Number of hits loaded so far."""
        return len(self._hits)

    def terms(self) -> tuple[str, ...]:
        """The query terms to highlight."""
        return self._terms

    def ids(self) -> tuple[int, ...]:
        """Ids of all matching articles, in result order."""
        return self._ids

    def is_fetching(self) -> bool:
        """Whether a page of hits is being loaded."""
        return self._fetching

    def row_of(self, article_id: int) -> int:
        """Row of a loaded article, or -1."""
        return next((r for r, h in enumerate(self._hits) if h.id == article_id), -1)

    # -- Qt model -----------------------------------------------------------------------------
    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt signature
        """Rows under ``parent``: the loaded hits (Qt)."""
        return 0 if parent.isValid() else len(self._hits)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        """Value of ``index`` for ``role`` (Qt)."""
        if not index.isValid() or not 0 <= index.row() < len(self._hits) or index.column() != 0:
            return None
        hit = self._hits[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Role.TITLE):
            return hit.title
        if role == Qt.ItemDataRole.ToolTipRole:
            return f"{hit.title}\n{meta_line(hit)}"
        if role == Role.META and (hit.id in self.marked or hit.edited):
            marks = [meta_line(hit)]
            if hit.id in self.marked:
                marks.append("★ " + self.tr("in the selection"))
            if hit.edited:
                marks.append("✎ " + self.tr("corrected"))
            return " · ".join(marks)
        getter = _GETTERS.get(role)
        return getter(hit) if getter else None

    def set_marked(self, ids: set[int]) -> None:
        """Articles to mark as being in the selection (★ in their meta line)."""
        if ids == self.marked:
            return
        self.marked = set(ids)
        if self._hits:
            self.dataChanged.emit(self.index(0), self.index(len(self._hits) - 1), [Role.META])

    def roleNames(self) -> dict[int, QByteArray]:
        """Names of the roles, for QML and tests (Qt)."""
        names = {int(r.value): QByteArray(r.name.lower().encode()) for r in Role}
        names[int(Qt.ItemDataRole.DisplayRole)] = QByteArray(b"display")
        return names

    def flags(self, index: Index) -> Qt.ItemFlag:
        """Valid items are enabled, selectable and have no children (Qt)."""
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemNeverHasChildren

    def canFetchMore(self, parent: Index = QModelIndex()) -> bool:  # noqa: B008
        """Whether more hits remain to be loaded (Qt)."""
        if parent.isValid() or self._fetching or self._broken:
            return False
        return len(self._hits) < len(self._ids)

    def fetchMore(self, parent: Index = QModelIndex()) -> None:  # noqa: B008
        """Load the next page of hits in the background (Qt)."""
        if not self.canFetchMore(parent):
            return
        start = len(self._hits)
        ids = self._ids[start : start + self._page]
        generation = self._generation
        self._fetching = True
        self._runner.submit(
            self._archive.hits,
            ids,
            self._terms,
            name="hits",
            on_done=lambda hits: self._on_page(generation, start, hits),
            on_error=lambda exc: self._on_error(generation, exc),
        )

    def _on_page(self, generation: int, start: int, hits: list[Hit]) -> None:
        if generation != self._generation:
            return  # a page of an older result
        if start == len(self._hits) and hits:
            # Still "fetching" while rows go in: a view or tester asking for more from inside
            # rowsInserted must not start a second request for the same page.
            self.beginInsertRows(QModelIndex(), start, start + len(hits) - 1)
            self._hits.extend(hits)
            self.endInsertRows()
        self._fetching = False
        self.page_loaded.emit(len(self._hits), len(self._ids))

    def _on_error(self, generation: int, exc: BaseException) -> None:
        if generation == self._generation:
            self._fetching = False
            self._broken = True
            self.fetch_failed.emit(str(exc))
