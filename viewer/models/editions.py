"""The edition tree: years → months → editions → sections/pages → articles in reading order.

Editions come from ``archive.editions()`` when :meth:`EditionsModel.reload` is called; an edition's
articles are fetched (on the task runner) only when a view asks for them through ``fetchMore``,
i.e. when the edition is expanded or opened. Consecutive articles of one section/page are grouped
under a section node; articles without section and page hang directly under their edition, so the
reading order is kept either way.
"""

from __future__ import annotations

from enum import IntEnum
from itertools import groupby
from typing import Any

from PySide6.QtCore import (
    QAbstractItemModel,
    QLocale,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)

from index.models import ArticleRecord, EditionRecord
from viewer.ports import EditionSource
from viewer.tasks import TaskRunner

Index = QModelIndex | QPersistentModelIndex


class Kind(IntEnum):
    """The kinds of node in the edition tree."""

    YEAR = 1
    MONTH = 2
    EDITION = 3
    SECTION = 4
    ARTICLE = 5


KindRole = Qt.ItemDataRole.UserRole + 1  # Kind of the node
IdRole = Qt.ItemDataRole.UserRole + 2  # edition id or article id (None for other kinds)
RecordRole = Qt.ItemDataRole.UserRole + 3  # the EditionRecord or ArticleRecord


class _Node:
    __slots__ = ("children", "kind", "loaded", "loading", "number", "parent", "payload", "row")

    def __init__(self, kind: Kind | None, payload: Any = None, parent: _Node | None = None) -> None:
        self.kind = kind
        self.payload = payload  # year: int; month: (year, month); edition/article: record; section: key
        self.parent = parent
        self.children: list[_Node] = []
        self.row = 0
        self.number = 0  # an article's 1-based position in its edition
        # Only editions load lazily; every other node is complete when created.
        self.loaded = kind is not Kind.EDITION
        self.loading = False

    def add(self, child: _Node) -> _Node:
        """Append a child node and set its parent and row."""
        child.parent, child.row = self, len(self.children)
        self.children.append(child)
        return child


class EditionsModel(QAbstractItemModel):
    """Tree of the archive's editions; columns: title, section/page, reporters."""

    loaded = Signal()  # the edition list was (re)loaded
    edition_loaded = Signal(int)  # an edition's articles arrived
    failed = Signal(str)  # a core call failed; the message is fit to show

    def __init__(self, archive: EditionSource, runner: TaskRunner, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._archive = archive
        self._runner = runner
        self._root = _Node(None)
        self._editions: list[_Node] = []  # oldest first
        self._by_id: dict[int, _Node] = {}
        self._generation = 0  # results of requests made before a reload are dropped
        self.marked: set[int] = set()  # articles in the selection, marked ★

    # -- loading ------------------------------------------------------------------------------
    def reload(self) -> None:
        """Fetch the edition list again (after imports or edits); article lists are fetched anew."""
        self._generation += 1
        # Callbacks are bound methods (not lambdas), so Qt drops them if this model is deleted first.
        self._runner.submit(
            _load_editions,
            self._archive,
            self._generation,
            name="editions",
            on_done=self._set_editions,
            on_error=self._report,
        )

    def _set_editions(self, loaded: tuple[int, list[EditionRecord]]) -> None:
        generation, editions = loaded
        if generation != self._generation:
            return
        self.beginResetModel()
        self._root = _Node(None)
        self._editions = []
        ordered = sorted(editions, key=lambda e: (e.date, e.id))
        self._by_id = {}
        for year, in_year in groupby(ordered, key=lambda e: e.date.year):
            year_node = self._root.add(_Node(Kind.YEAR, year))
            for month, in_month in groupby(in_year, key=lambda e: e.date.month):
                month_node = year_node.add(_Node(Kind.MONTH, (year, month)))
                for edition in in_month:
                    node = month_node.add(_Node(Kind.EDITION, edition))
                    self._editions.append(node)
                    self._by_id[edition.id] = node
        self.endResetModel()
        self.loaded.emit()

    def _set_articles(self, loaded: tuple[int, int, list[ArticleRecord] | Exception]) -> None:
        generation, edition_id, articles = loaded
        node = self._by_id.get(edition_id)
        if generation != self._generation or node is None:
            return
        node.loading = False
        if isinstance(articles, Exception):
            self._report(articles)
            return
        parent = self.createIndex(node.row, 0, node)
        ordered = sorted(articles, key=lambda a: a.seq)
        groups = [(key, list(arts)) for key, arts in groupby(ordered, key=lambda a: (a.section, a.page))]
        rows = sum(len(arts) if key == (None, None) else 1 for key, arts in groups)
        if rows:
            self.beginInsertRows(parent, 0, rows - 1)
            number = 0
            for key, arts in groups:
                holder = node if key == (None, None) else node.add(_Node(Kind.SECTION, key))
                for article in arts:
                    number += 1
                    holder.add(_Node(Kind.ARTICLE, article)).number = number
            node.loaded = True
            self.endInsertRows()
        else:
            node.loaded = True
            self.dataChanged.emit(parent, parent)
        self.edition_loaded.emit(node.payload.id)

    def _report(self, error: BaseException) -> None:
        self.failed.emit(str(error))

    def canFetchMore(self, parent: Index) -> bool:
        """Whether the articles under ``parent`` are still to be loaded (Qt)."""
        node = self._node(parent)
        return not node.loaded and not node.loading

    def fetchMore(self, parent: Index) -> None:
        """Load the articles of the edition ``parent`` in the background (Qt)."""
        node = self._node(parent)
        if node.loaded or node.loading:
            return
        node.loading = True
        self._runner.submit(
            _load_articles,
            self._archive,
            self._generation,
            node.payload.id,
            name="edition_articles",
            on_done=self._set_articles,
            on_error=self._report,
        )

    # -- lookup -------------------------------------------------------------------------------
    def _node(self, index: Index) -> _Node:
        if not index.isValid():
            return self._root
        node = index.internalPointer()
        assert isinstance(node, _Node)
        return node

    def edition_ids(self) -> list[int]:
        """Ids of all editions, oldest first."""
        return [n.payload.id for n in self._editions]

    def edition_index(self, edition_id: int) -> QModelIndex:
        """The tree index of an edition (invalid if unknown)."""
        node = self._by_id.get(edition_id)
        return QModelIndex() if node is None else self.createIndex(node.row, 0, node)

    def article_ids(self, parent: Index) -> list[int]:
        """Article ids under ``parent`` (an edition or a section) in reading order, as loaded."""
        ids: list[int] = []
        stack = list(reversed(self._node(parent).children))
        while stack:
            node = stack.pop()
            if node.kind is Kind.ARTICLE:
                ids.append(node.payload.id)
            stack.extend(reversed(node.children))
        return ids

    # -- QAbstractItemModel -------------------------------------------------------------------
    def index(self, row: int, column: int, parent: Index = QModelIndex()) -> QModelIndex:  # noqa: B008
        """Index of ``row``/``column`` under ``parent`` (Qt)."""
        if not self.hasIndex(row, column, parent):
            return QModelIndex()
        return self.createIndex(row, column, self._node(parent).children[row])

    def parent(self, index: Index = QModelIndex()) -> QModelIndex:  # type: ignore[override]  # noqa: B008
        """Parent of ``index``; invalid for top-level rows (Qt)."""
        if not index.isValid():
            return QModelIndex()
        parent = self._node(index).parent
        if parent is None or parent is self._root:
            return QModelIndex()
        return self.createIndex(parent.row, 0, parent)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        """Rows under ``parent`` (Qt)."""
        if parent.isValid() and parent.column() != 0:
            return 0
        return len(self._node(parent).children)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        """Three columns: edition or article, section and page, reporters (Qt)."""
        return 3

    def hasChildren(self, parent: Index = QModelIndex()) -> bool:  # noqa: B008
        """Whether ``parent`` has or will load children (Qt)."""
        if parent.isValid() and parent.column() != 0:
            return False
        node = self._node(parent)
        return bool(node.children) or (not node.loaded and node.payload.article_count > 0)

    def flags(self, index: Index) -> Qt.ItemFlag:
        """Valid items are enabled and selectable (Qt)."""
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        """Column titles (Qt)."""
        if (
            orientation == Qt.Orientation.Horizontal
            and role == Qt.ItemDataRole.DisplayRole
            and 0 <= section < 3
        ):
            return (self.tr("Edition / article"), self.tr("Section / page"), self.tr("Reporters"))[section]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        """Value of ``index`` for ``role`` (Qt)."""
        if not index.isValid():
            return None
        node = self._node(index)
        if role == KindRole:
            return int(node.kind) if node.kind is not None else None
        if role == IdRole:
            return node.payload.id if node.kind in (Kind.EDITION, Kind.ARTICLE) else None
        if role == RecordRole:
            return node.payload if node.kind in (Kind.EDITION, Kind.ARTICLE) else None
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(node, index.column())
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(node)
        return None

    def set_marked(self, ids: set[int]) -> None:
        """Articles to mark ★ (those in the selection); the titles are repainted."""
        if ids == self.marked:
            return
        self.layoutAboutToBeChanged.emit()
        self.marked = set(ids)
        self.layoutChanged.emit()

    def _display(self, node: _Node, column: int) -> str | None:
        kind, p = node.kind, node.payload
        if kind is Kind.ARTICLE:
            if column == 1:
                return self.section_label(p.section, p.page)
            if column == 2:
                return "、".join(p.reporters)
            title = p.title or self.tr("(untitled)")
            marks = [self.tr("[fragment]")] if p.fragment else []
            if p.edited:  # a librarian corrected it
                marks.append("✎")
            if p.id in self.marked:
                marks.append("★")
            return f"{node.number}. {title}" + "".join(" " + m for m in marks)
        if column != 0:
            return None
        if kind is Kind.YEAR:
            return f"{p} ({sum(len(month.children) for month in node.children)})"
        if kind is Kind.MONTH:
            return f"{QLocale().standaloneMonthName(p[1])} ({len(node.children)})"
        if kind is Kind.EDITION:
            return self.edition_label(p)
        if kind is Kind.SECTION:
            return self.section_label(*p)
        return None

    def _tooltip(self, node: _Node) -> str | None:
        if node.kind is Kind.ARTICLE:
            a: ArticleRecord = node.payload
            lines = [t for t in (a.kicker, a.title, a.subtitle) if t]
            if a.streets:
                lines.append(self.tr("Street offices: %1").replace("%1", "、".join(a.streets)))
            if a.topics:
                lines.append(self.tr("Topics: %1").replace("%1", "、".join(a.topics)))
            return "\n".join(lines)
        if node.kind is Kind.EDITION:
            e: EditionRecord = node.payload
            text = self.tr("Articles: %1").replace("%1", str(e.article_count))
            if e.unassigned:
                text += "\n" + self.tr("Unassigned text blocks: %1").replace("%1", str(len(e.unassigned)))
            return text
        return None

    def edition_label(self, edition: EditionRecord) -> str:
        """``2026-01-05 第2期 (15)``: date, the edition's own name when it differs, article count."""
        date = edition.date.isoformat()
        name = f" {edition.name}" if edition.name and edition.name != edition.date.isoformat() else ""
        return f"{date}{name} ({edition.article_count})"

    def section_label(self, section: str | None, page: int | None) -> str:
        """The label of a section/page node (``平城头条 · 第1版``)."""
        parts = [section] if section else []
        if page is not None:
            parts.append(self.tr("page %1").replace("%1", str(page)))
        return " · ".join(parts)


def _load_editions(archive: EditionSource, generation: int) -> tuple[int, list[EditionRecord]]:
    """Worker side of :meth:`EditionsModel.reload`; the generation drops stale answers."""
    return generation, archive.editions()


def _load_articles(
    archive: EditionSource, generation: int, edition_id: int
) -> tuple[int, int, list[ArticleRecord] | Exception]:
    """Worker side of ``fetchMore``; a failure is returned so the edition can be asked for again."""
    try:
        return generation, edition_id, archive.edition_articles(edition_id)
    except Exception as exc:  # shown to the user through ``failed``
        return generation, edition_id, exc
