"""The collections (专题) panel: named collections, their articles with a note each, sharing files.

Not wired yet. It works on an :class:`index.insight.collections.Collections` (the archive's
``collections``; each call is a small SQLite transaction). Exporting the articles in a format goes
through the main window's export (:attr:`CollectionsPanel.export_requested` with the ids);
double-clicking an article emits :attr:`CollectionsPanel.article_activated`.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QInputDialog,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from index.errors import ArchiveError

logger = logging.getLogger(__name__)

ID_ROLE = Qt.ItemDataRole.UserRole + 1


class CollectionsPanel(QWidget):
    """Collections on the left; the chosen one's articles (date, title, editable note) on the right."""

    article_activated = Signal(int)
    export_requested = Signal(list)  # the ids of the chosen collection's articles, in order

    def __init__(self, collections: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.collections = collections
        self.names = QListWidget()
        self.items = QTableWidget(0, 3)
        self.items.setHorizontalHeaderLabels([self.tr("Date"), self.tr("Title"), self.tr("Note")])
        self.items.horizontalHeader().setStretchLastSection(True)
        self.items.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        self.new_button = QPushButton(self.tr("New…"))
        self.rename_button = QPushButton(self.tr("Rename…"))
        self.delete_button = QPushButton(self.tr("Delete"))
        self.import_button = QPushButton(self.tr("Import file…"))
        self.share_button = QPushButton(self.tr("Export file…"))
        self.remove_button = QPushButton(self.tr("Remove article"))
        self.export_button = QPushButton(self.tr("Export articles…"))
        left = QVBoxLayout()
        left.addWidget(self.names, 1)
        for row in (
            (self.new_button, self.rename_button, self.delete_button),
            (self.import_button, self.share_button),
        ):
            line = QHBoxLayout()
            for b in row:
                line.addWidget(b)
            left.addLayout(line)
        right = QVBoxLayout()
        right.addWidget(self.items, 1)
        line = QHBoxLayout()
        line.addWidget(self.remove_button)
        line.addStretch(1)
        line.addWidget(self.export_button)
        right.addLayout(line)
        split = QSplitter(Qt.Orientation.Horizontal)
        for lay in (left, right):
            box = QWidget()
            box.setLayout(lay)
            split.addWidget(box)
        split.setSizes([250, 550])
        layout = QVBoxLayout(self)
        layout.addWidget(split)
        self._ids: list[int | None] = []
        self._loading = False
        self.names.currentRowChanged.connect(lambda _row: self._show_items())
        self.items.itemChanged.connect(self._note_edited)
        self.items.cellDoubleClicked.connect(self._activated)
        self.new_button.clicked.connect(self._ask_new)
        self.rename_button.clicked.connect(self._ask_rename)
        self.delete_button.clicked.connect(self._ask_delete)
        self.import_button.clicked.connect(self._ask_import)
        self.share_button.clicked.connect(self._ask_share)
        self.remove_button.clicked.connect(self.remove_selected)
        self.export_button.clicked.connect(lambda: self.export_requested.emit(self.current_ids()))
        self.refresh()

    # -- state ---------------------------------------------------------------------------------------
    def current_id(self) -> int | None:
        """The chosen collection's id."""
        item = self.names.currentItem()
        return int(item.data(ID_ROLE)) if item is not None else None

    def current_ids(self) -> list[int]:
        """The chosen collection's articles still in the archive, in order."""
        return [i for i in self._ids if i is not None]

    def refresh(self, select: int | None = None) -> None:
        """Reload the collections (keeping the chosen one, or choosing ``select``)."""
        keep = select if select is not None else self.current_id()
        self.names.blockSignals(True)
        self.names.clear()
        for col in self.collections.all():
            item = QListWidgetItem(f"{col.name} ({col.count})")
            item.setData(ID_ROLE, col.id)
            self.names.addItem(item)
            if col.id == keep:
                self.names.setCurrentItem(item)
        if self.names.currentItem() is None and self.names.count():
            self.names.setCurrentRow(0)
        self.names.blockSignals(False)
        self._show_items()

    def _show_items(self) -> None:
        cid = self.current_id()
        self._loading = True
        rows = self.collections.items(cid) if cid is not None else []
        self.items.setRowCount(len(rows))
        self._ids = [r.article_id for r in rows]
        for row, it in enumerate(rows):
            title = (
                it.title
                if it.article_id is not None
                else self.tr("%1 (no longer in the archive)").replace("%1", it.title)
            )
            for col, text in enumerate((it.date.isoformat(), title)):
                cell = QTableWidgetItem(text)
                cell.setFlags(cell.flags() & ~Qt.ItemFlag.ItemIsEditable)
                self.items.setItem(row, col, cell)
            note = QTableWidgetItem(it.note)
            if it.article_id is None:
                note.setFlags(note.flags() & ~Qt.ItemFlag.ItemIsEditable)
            self.items.setItem(row, 2, note)
        self._loading = False
        has = cid is not None
        for b in (
            self.rename_button,
            self.delete_button,
            self.share_button,
            self.export_button,
            self.remove_button,
        ):
            b.setEnabled(has)

    # -- actions (callable without dialogs) ----------------------------------------------------------
    def new_collection(self, name: str) -> None:
        """Make a collection and choose it."""
        self.refresh(select=self.collections.create(name).id)

    def rename_current(self, name: str) -> None:
        """Rename the chosen collection."""
        cid = self.current_id()
        if cid is not None:
            self.collections.rename(cid, name)
            self.refresh()

    def delete_current(self) -> None:
        """Delete the chosen collection (the articles stay in the archive)."""
        cid = self.current_id()
        if cid is not None:
            self.collections.delete(cid)
            self.refresh()

    def remove_selected(self) -> None:
        """Take the selected articles out of the chosen collection."""
        cid = self.current_id()
        rows = sorted({i.row() for i in self.items.selectedIndexes()})
        ids = [self._ids[r] for r in rows if self._ids[r] is not None]
        if cid is not None and ids:
            self.collections.remove(cid, ids)
            self.refresh()

    def share_current(self, path: Path) -> Path:
        """Write the chosen collection's file."""
        cid = self.current_id()
        if cid is None:
            raise ArchiveError("Choose a collection first")
        written: Path = self.collections.export_file(cid, path)
        return written

    def import_file(self, path: Path) -> Any:
        """Make a collection from a file and choose it; returns the import result."""
        result = self.collections.import_file(path)
        self.refresh(select=result.collection.id)
        return result

    def _note_edited(self, item: QTableWidgetItem) -> None:
        cid = self.current_id()
        if self._loading or item.column() != 2 or cid is None:
            return
        article_id = self._ids[item.row()]
        if article_id is not None:
            self._guard(lambda: self.collections.set_note(cid, article_id, item.text()))

    def _activated(self, row: int, _col: int) -> None:
        if 0 <= row < len(self._ids) and self._ids[row] is not None:
            self.article_activated.emit(self._ids[row])

    # -- dialogs ---------------------------------------------------------------------------------------
    def _guard(self, action: Any) -> Any:
        try:
            return action()
        except (ArchiveError, OSError) as exc:
            logger.warning("collections: %s", exc)
            QMessageBox.warning(self, self.tr("Collections"), str(exc))
            return None

    def _ask_new(self) -> None:
        name, ok = QInputDialog.getText(self, self.tr("New collection"), self.tr("Name:"))
        if ok and name.strip():
            self._guard(lambda: self.new_collection(name))

    def _ask_rename(self) -> None:
        item = self.names.currentItem()
        if item is None:
            return
        name, ok = QInputDialog.getText(self, self.tr("Rename collection"), self.tr("Name:"))
        if ok and name.strip():
            self._guard(lambda: self.rename_current(name))

    def _ask_delete(self) -> None:
        if self.current_id() is None:
            return
        answer = QMessageBox.question(
            self,
            self.tr("Delete collection"),
            self.tr("Delete this collection? The articles stay in the archive."),
        )
        if answer == QMessageBox.StandardButton.Yes:
            self._guard(self.delete_current)

    def _ask_import(self) -> None:
        name, _ = QFileDialog.getOpenFileName(self, self.tr("Import collection file"), "", "JSON (*.json)")
        if not name:
            return
        result = self._guard(lambda: self.import_file(Path(name)))
        if result is not None and result.unmatched:
            QMessageBox.information(
                self,
                self.tr("Import collection file"),
                self.tr("%1 articles found; not in this archive:\n%2")
                .replace("%1", str(result.matched))
                .replace("%2", "\n".join(result.unmatched[:20])),
            )

    def _ask_share(self) -> None:
        name, _ = QFileDialog.getSaveFileName(self, self.tr("Export collection file"), "", "JSON (*.json)")
        if name:
            self._guard(lambda: self.share_current(Path(name)))
