"""The selection basket's view: the collected articles, remove, clear (confirmed, undoable), export."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QModelIndex, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QLabel,
    QListView,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from viewer.models.selection import IdRole, SelectionBasket


class BasketView(QWidget):
    """Shows a :class:`SelectionBasket`: remove, clear, export (the view only reads the basket)."""

    export_requested = Signal(list)  # every id in the basket, in basket order
    article_activated = Signal(int)  # double-click / Enter on an entry

    def __init__(self, basket: SelectionBasket, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.basket = basket

        self.count_label = QLabel()
        self.list = QListView()
        self.list.setObjectName("basketList")
        self.list.setModel(basket)
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.list.setUniformItemSizes(True)
        self.remove_button = QPushButton(self.tr("Remove"))
        self.clear_button = QPushButton(self.tr("Clear"))
        self.undo_button = QPushButton(self.tr("Undo clear"))
        self.undo_button.setToolTip(self.tr("Put back the articles the last clear removed"))
        self.undo_button.hide()
        self._undo: list[int] = []
        self.confirm: Callable[[str, str], bool] = self._ask  # replaced in tests
        self.export_button = QPushButton(self.tr("Export…"))
        self.export_button.setToolTip(self.tr("Export every article in the selection"))

        buttons = QHBoxLayout()
        buttons.addWidget(self.remove_button)
        buttons.addWidget(self.clear_button)
        buttons.addWidget(self.undo_button)
        buttons.addStretch(1)
        buttons.addWidget(self.export_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.count_label)
        layout.addWidget(self.list, 1)
        layout.addLayout(buttons)

        self.remove_button.clicked.connect(self.remove_selected)
        self.clear_button.clicked.connect(self.clear)
        self.undo_button.clicked.connect(self.undo_clear)
        self.export_button.clicked.connect(self._export)
        self.list.activated.connect(self._activated)
        QShortcut(QKeySequence.StandardKey.Delete, self.list, self.remove_selected)
        self.list.selectionModel().selectionChanged.connect(self._update)
        for signal in (basket.rowsInserted, basket.rowsRemoved, basket.modelReset):
            signal.connect(self._update)
        self._update()

    def remove_selected(self) -> None:
        """Remove the selected entries from the basket."""
        ids = [index.data(IdRole) for index in self.list.selectionModel().selectedRows()]
        self.basket.remove(ids)

    def clear(self) -> bool:
        """Empty the selection after the user confirmed; the last clear can be undone."""
        ids = self.basket.ids()
        if not ids:
            return False
        question = self.tr("Remove all %1 articles from the selection?").replace("%1", str(len(ids)))
        if not self.confirm(self.tr("Clear the selection"), question):
            return False
        self.basket.clear()
        self._undo = ids
        self.undo_button.show()
        return True

    def undo_clear(self) -> None:
        """Put back what the last clear removed (in their order, before anything added since)."""
        if not self._undo:
            return
        kept = self.basket.ids()
        self.basket.clear()
        self.basket.add([*self._undo, *kept])
        self._undo = []
        self.undo_button.hide()

    def _ask(self, title: str, question: str) -> bool:
        answer = QMessageBox.question(self, title, question)
        return answer == QMessageBox.StandardButton.Yes

    def _export(self) -> None:
        ids = self.basket.ids()
        if ids:
            self.export_requested.emit(ids)

    def _activated(self, index: QModelIndex) -> None:
        self.article_activated.emit(index.data(IdRole))

    def _update(self) -> None:
        count = self.basket.rowCount()
        if count:
            self.count_label.setText(self.tr("Selected articles: %1").replace("%1", str(count)))
        else:
            self.count_label.setText(
                self.tr(
                    "The selection is empty. Add articles from the results or an edition with Ctrl+D "
                    "(or the context menu), then export them together."
                )
            )
        self.count_label.setWordWrap(True)
        self.remove_button.setEnabled(self.list.selectionModel().hasSelection())
        self.clear_button.setEnabled(count > 0)
        self.export_button.setEnabled(count > 0)
