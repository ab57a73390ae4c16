"""The librarian's edition browser: a tree of years → months → editions on the left, the opened
edition's sections and articles in reading order on the right, with previous/next edition.

Selecting any node inside an edition opens that edition; activating an article (double-click or
Enter) emits :attr:`EditionBrowser.article_activated`. Articles (or whole sections) selected on the
right go to the selection basket through :attr:`EditionBrowser.add_to_basket`.
"""

from __future__ import annotations

from pathlib import PurePath

from PySide6.QtCore import QModelIndex, QPoint, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMenu,
    QPushButton,
    QSplitter,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from index.changes import Changes
from index.models import EditionRecord
from viewer.models.editions import EditionsModel, IdRole, Kind, KindRole, RecordRole
from viewer.ports import EditionSource
from viewer.tasks import TaskRunner


class EditionBrowser(QWidget):
    """Browse editions; see the module docstring."""

    article_activated = Signal(int)  # article id: open it in the reader
    add_to_basket = Signal(list)  # article ids, in reading order
    remove_articles_requested = Signal(list)  # article ids to remove from the archive
    remove_edition_requested = Signal(int, str)  # edition id, its label

    def __init__(self, archive: EditionSource, runner: TaskRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = EditionsModel(archive, runner, self)
        self._current: int | None = None  # id of the opened edition
        self._wanted: int | None = None  # article to select once its edition's articles arrive

        self.tree = QTreeView()
        self.tree.setObjectName("editionTree")
        self.tree.setModel(self.model)
        self.tree.setHeaderHidden(True)
        for column in (1, 2):
            self.tree.setColumnHidden(column, True)
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.tree.setUniformRowHeights(True)
        self.tree.setMinimumWidth(170)
        self.tree.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.tree.customContextMenuRequested.connect(self._tree_menu)

        self.prev_button = QPushButton(self.tr("◀ Previous edition"))
        self.next_button = QPushButton(self.tr("Next edition ▶"))
        self.title_label = QLabel()
        self.title_label.setObjectName("editionTitle")
        self.title_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        font = self.title_label.font()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.2)
        self.title_label.setFont(font)
        self.info_label = QLabel()
        self.info_label.setWordWrap(True)

        self.articles = QTreeView()
        self.articles.setObjectName("editionArticles")
        self.articles.setModel(self.model)
        self.articles.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.articles.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.articles.setUniformRowHeights(True)
        self.articles.setAlternatingRowColors(True)
        self.articles.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        header = self.articles.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for column in (1, 2):  # 版面 and reporters are never cut off
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        self._selecting = False

        self.basket_button = QPushButton(self.tr("Add to selection"))
        self.basket_button.setToolTip(
            self.tr("Add the selected articles (or whole sections) to the selection")
        )
        self.basket_button.setEnabled(False)
        self.status_label = QLabel()

        nav = QHBoxLayout()
        nav.addWidget(self.prev_button)
        nav.addWidget(self.title_label, 1)
        nav.addWidget(self.next_button)
        bottom = QHBoxLayout()
        bottom.addWidget(self.status_label, 1)
        bottom.addWidget(self.basket_button)
        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addLayout(nav)
        right_layout.addWidget(self.info_label)
        right_layout.addWidget(self.articles, 1)
        right_layout.addLayout(bottom)

        self.splitter = QSplitter()
        self.splitter.addWidget(self.tree)
        self.splitter.addWidget(right)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes([260, 640])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.splitter)

        self.prev_button.clicked.connect(lambda: self._step(-1))
        self.next_button.clicked.connect(lambda: self._step(1))
        self.basket_button.clicked.connect(self._send_to_basket)
        self.tree.selectionModel().currentChanged.connect(self._tree_current_changed)
        self.tree.activated.connect(self._activated)
        self.articles.activated.connect(self._activated)
        self.articles.selectionModel().selectionChanged.connect(self._update_buttons)
        # A click or an arrow key on an article opens it, as in the search list.
        self.articles.selectionModel().currentChanged.connect(self._article_current_changed)
        self.articles.customContextMenuRequested.connect(self._context_menu)
        self.model.loaded.connect(self._on_loaded)
        self.model.edition_loaded.connect(self._on_edition_loaded)
        self.model.failed.connect(self.status_label.setText)
        self._show_edition(None)
        self.refresh()

    # -- public -------------------------------------------------------------------------------
    def refresh(self) -> None:
        """Reload editions and articles (after imports or edits); the opened edition stays open."""
        self.model.reload()

    def apply_changes(self, changes: Changes) -> None:
        """Reload when editions came, went or changed, or an article's metadata was corrected."""
        if (
            changes.editions_changed
            or changes.articles_edited
            or changes.articles_removed
            or changes.articles_added
        ):
            self.refresh()

    def current_edition_id(self) -> int | None:
        """Id of the edition shown on the right, if any."""
        return self._current

    def open_edition(self, edition_id: int) -> bool:
        """Show an edition's articles on the right (fetching them if needed); False if unknown."""
        index = self.model.edition_index(edition_id)
        if not index.isValid():
            return False
        self._current = edition_id
        if self.tree.currentIndex() != index and _edition_of(self.tree.currentIndex()) != edition_id:
            self.tree.setCurrentIndex(index)
        self.tree.scrollTo(index)
        self.articles.setRootIndex(index)
        if self.model.canFetchMore(index):
            self.model.fetchMore(index)
        self.articles.expandAll()
        self._show_edition(index.data(RecordRole))
        return True

    def reading_order(self) -> list[int]:
        """Ids of the opened edition's articles in reading order (empty until they are loaded)."""
        if self._current is None:
            return []
        return self.model.article_ids(self.model.edition_index(self._current))

    def select_article(self, article_id: int) -> bool:
        """Make an article of the opened edition current (without opening it again)."""
        if self._current is None:
            return False
        index = self._article_index(self.model.edition_index(self._current), article_id)
        if not index.isValid():
            return False
        self._selecting = True
        try:
            self.articles.setCurrentIndex(index)
            self.articles.scrollTo(index)
        finally:
            self._selecting = False
        return True

    def show_article(self, edition_id: int, article_id: int) -> None:
        """Open an edition and select one of its articles once they are loaded ("go to edition")."""
        self._wanted = article_id
        self.open_edition(edition_id)
        if self.select_article(article_id):
            self._wanted = None

    def _article_index(self, parent: QModelIndex, article_id: int) -> QModelIndex:
        for row in range(self.model.rowCount(parent)):
            child = self.model.index(row, 0, parent)
            if child.data(KindRole) == Kind.ARTICLE and child.data(IdRole) == article_id:
                return child
            found = self._article_index(child, article_id)
            if found.isValid():
                return found
        return QModelIndex()

    def selected_article_ids(self) -> list[int]:
        """Ids of the selected articles, whole sections expanded, in reading order, no repeats."""
        ids: list[int] = []
        rows = sorted(self.articles.selectionModel().selectedRows(0), key=_reading_position)
        for index in rows:
            if index.data(KindRole) == Kind.ARTICLE:
                ids.append(index.data(IdRole))
            elif index.data(KindRole) == Kind.SECTION:
                ids.extend(self.model.article_ids(index))
        return list(dict.fromkeys(ids))

    # -- reactions ----------------------------------------------------------------------------
    def _on_loaded(self) -> None:
        ids = self.model.edition_ids()
        if self._current in ids:
            self.open_edition(self._current)
        elif ids:
            self.open_edition(ids[-1])  # the newest edition
        else:
            self._current = None
            self.articles.setRootIndex(QModelIndex())
            self._show_edition(None)

    def _on_edition_loaded(self, edition_id: int) -> None:
        if edition_id == self._current:
            self.articles.expandAll()
            if self._wanted is not None and self.select_article(self._wanted):
                self._wanted = None

    def _article_current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if not self._selecting and current.data(KindRole) == Kind.ARTICLE:
            self.article_activated.emit(current.data(IdRole))

    def _tree_current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        edition_id = _edition_of(current)
        if edition_id is not None and edition_id != self._current:
            self.open_edition(edition_id)
        if current.data(KindRole) == Kind.ARTICLE:
            self.articles.setCurrentIndex(current)

    def _activated(self, index: QModelIndex) -> None:
        if index.data(KindRole) == Kind.ARTICLE:
            self.article_activated.emit(index.data(IdRole))

    def _step(self, delta: int) -> None:
        ids = self.model.edition_ids()
        if self._current in ids:
            position = ids.index(self._current) + delta
            if 0 <= position < len(ids):
                self.open_edition(ids[position])

    def _send_to_basket(self) -> None:
        ids = self.selected_article_ids()
        if ids:
            self.add_to_basket.emit(ids)
            self.status_label.setText(self.tr("Added to the selection: %1").replace("%1", str(len(ids))))

    def _context_menu(self, pos: QPoint) -> None:
        index = self.articles.indexAt(pos)
        menu = QMenu(self)
        if index.data(KindRole) == Kind.ARTICLE:
            menu.addAction(self.tr("Open"), lambda: self._activated(index))
        add = menu.addAction(self.tr("Add to selection"), self._send_to_basket)
        add.setEnabled(bool(self.selected_article_ids()))
        menu.addSeparator()
        remove = menu.addAction(
            self.tr("Remove from the archive…"),
            lambda: self.remove_articles_requested.emit(self.selected_article_ids()),
        )
        remove.setEnabled(bool(self.selected_article_ids()))
        menu.popup(self.articles.viewport().mapToGlobal(pos))

    def _tree_menu(self, pos: QPoint) -> None:
        edition_id = _edition_of(self.tree.indexAt(pos))
        if edition_id is None:
            return
        label = self.model.edition_label(self.model.edition_index(edition_id).data(RecordRole))
        menu = QMenu(self)
        menu.addAction(self.tr("Open"), lambda: self.open_edition(edition_id))
        menu.addSeparator()
        menu.addAction(
            self.tr("Remove this edition from the archive…"),
            lambda: self.remove_edition_requested.emit(edition_id, label),
        )
        menu.popup(self.tree.viewport().mapToGlobal(pos))

    def current_edition_label(self) -> str:
        """The label of the opened edition (``2026-03-02``), or empty."""
        if self._current is None:
            return ""
        return self.model.edition_label(self.model.edition_index(self._current).data(RecordRole))

    def _update_buttons(self) -> None:
        self.basket_button.setEnabled(bool(self.selected_article_ids()))

    def _show_edition(self, edition: EditionRecord | None) -> None:
        ids = self.model.edition_ids()
        position = ids.index(self._current) if self._current in ids else -1
        self.prev_button.setEnabled(position > 0)
        self.next_button.setEnabled(0 <= position < len(ids) - 1)
        self._update_buttons()
        if edition is None:
            self.title_label.setText(self.tr("No edition"))
            self.info_label.setText(self.tr("Import editions to browse them here."))
            self.info_label.setToolTip("")
            return
        self.title_label.setText(self.model.edition_label(edition))
        parts = [self.tr("Articles: %1").replace("%1", str(edition.article_count))]
        if edition.sections:
            parts.append(self.tr("Sections: %1").replace("%1", "、".join(edition.sections)))
        if edition.unassigned:
            parts.append(self.tr("Unassigned text blocks: %1").replace("%1", str(len(edition.unassigned))))
        parts.append(self.tr("Source: %1").replace("%1", PurePath(edition.source_path).name))
        self.info_label.setText(" · ".join(parts))
        self.info_label.setToolTip(
            "\n\n".join([edition.source_path, *(b[:300] for b in edition.unassigned[:5])])
        )


def _edition_of(index: QModelIndex) -> int | None:
    """Id of the edition an index belongs to (itself or an ancestor), or None above editions."""
    while index.isValid():
        if index.data(KindRole) == Kind.EDITION:
            return int(index.data(IdRole))
        index = index.parent()
    return None


def _reading_position(index: QModelIndex) -> list[int]:
    rows: list[int] = []
    while index.isValid():
        rows.insert(0, index.row())
        index = index.parent()
    return rows
