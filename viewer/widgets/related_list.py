"""The reader's 相关报道 list: reprints (marked 重复刊发) and related articles of the article shown.

Pure presentation, not wired yet: the caller runs ``archive.related(article_id)`` on a worker thread
and calls :meth:`RelatedList.set_related`; activating an entry emits :attr:`article_activated`.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QLabel, QListWidget, QListWidgetItem, QVBoxLayout, QWidget

from index.insight.results import Related

logger = logging.getLogger(__name__)

ID_ROLE = Qt.ItemDataRole.UserRole + 1
KIND_ROLE = Qt.ItemDataRole.UserRole + 2


class RelatedList(QWidget):
    """A heading and one line per similar article: date, title, a 重复刊发 mark for reprints."""

    article_activated = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.heading = QLabel(self.tr("Related articles"))
        self.heading.setStyleSheet("font-weight: bold")
        self.list = QListWidget()
        self.list.setObjectName("relatedList")
        self.empty = QLabel(self.tr("Nothing similar found"))
        self.empty.setStyleSheet("color: #6b7280")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 4, 0, 0)
        layout.addWidget(self.heading)
        layout.addWidget(self.list, 1)
        layout.addWidget(self.empty)
        self.list.itemActivated.connect(self._activated)
        self.set_related([])

    def set_related(self, hits: Sequence[Related]) -> None:
        """Show these hits (reprints first, as :meth:`index.archive.Archive.related` orders them)."""
        self.list.clear()
        for hit in hits:
            mark = self.tr("Reprint") if hit.kind == "reprint" else ""
            text = f"{hit.date.isoformat()}  {hit.title}" + (f"  [{mark}]" if mark else "")
            item = QListWidgetItem(text)
            item.setData(ID_ROLE, hit.id)
            item.setData(KIND_ROLE, hit.kind)
            item.setToolTip(self.tr("Similarity %1").replace("%1", f"{hit.similarity:.2f}"))
            if hit.kind == "reprint":
                item.setForeground(QColor("#b45309"))
            self.list.addItem(item)
        self.empty.setVisible(not hits)
        self.list.setVisible(bool(hits))

    def ids(self) -> list[int]:
        """The ids listed, in order."""
        return [int(self.list.item(i).data(ID_ROLE)) for i in range(self.list.count())]

    def _activated(self, item: QListWidgetItem) -> None:
        self.article_activated.emit(int(item.data(ID_ROLE)))
