"""Facet panel: a tree of facet groups and values with counts, check boxes, and a clear-all button.

"Clear all" clears every filter the user set, the date range included: the panel only asks
(``clear_requested``); the wiring clears the facets and the dates.
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QHeaderView, QLabel, QPushButton, QTreeView, QVBoxLayout, QWidget

from viewer.models.facets import KEY_ROLE, FacetsModel


class FacetPanel(QWidget):
    """Shows a :class:`FacetsModel`; keeps the user's collapsed groups across new results."""

    clear_requested = Signal()  # "Clear all": facets and dates

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.title = QLabel(self.tr("Filter"), self)
        self.title.setStyleSheet("font-weight: bold")
        self.clear_button = QPushButton(self.tr("Clear all"), self)
        self.clear_button.setEnabled(False)
        self.tree = QTreeView(self)
        self.tree.setHeaderHidden(True)
        self.tree.setUniformRowHeights(True)
        self.tree.setAlternatingRowColors(False)
        self.tree.setIndentation(12)
        self._collapsed: set[str] = set()
        self._model: FacetsModel | None = None
        self._dates_active = False
        top = QHBoxLayout()
        top.setContentsMargins(0, 0, 0, 0)
        top.addWidget(self.title)
        top.addStretch(1)
        top.addWidget(self.clear_button)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(4, 4, 0, 4)
        lay.addLayout(top)
        lay.addWidget(self.tree, 1)
        # Remember what the user folded (a facet group, or "year" for the newest year) across results.
        self.tree.collapsed.connect(lambda i: self._collapsed.add(str(i.data(KEY_ROLE))))
        self.tree.expanded.connect(lambda i: self._collapsed.discard(str(i.data(KEY_ROLE))))

    def set_dates_active(self, active: bool) -> None:
        """Tell the panel a date range is set ("Clear all" then has something to clear)."""
        self._dates_active = active
        self._update_clear()

    def set_model(self, model: FacetsModel) -> None:
        """Show ``model`` (once)."""
        self._model = model
        self.tree.setModel(model)
        header = self.tree.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        self.clear_button.clicked.connect(self.clear_requested)
        model.modelReset.connect(self._restore_expansion)
        model.filters_changed.connect(self._update_clear)
        self._restore_expansion()

    def _restore_expansion(self) -> None:
        model = self._model
        if model is None:
            return
        for row in range(model.rowCount()):
            idx = model.index(row, 0)
            self.tree.setExpanded(idx, str(idx.data(KEY_ROLE)) not in self._collapsed)
            if idx.data(KEY_ROLE) == "month" and model.rowCount(idx):  # open the newest year
                self.tree.setExpanded(model.index(0, 0, idx), "year" not in self._collapsed)
        self._update_clear()

    def _update_clear(self) -> None:
        facets = self._model is not None and self._model.has_selection()
        self.clear_button.setEnabled(facets or self._dates_active)

    def group_index(self, key: str) -> QModelIndex:
        """The tree index of a facet group (``street``, ``topic``…), for tests and keyboard use."""
        model = self._model
        if model is None:
            return QModelIndex()
        for row in range(model.rowCount()):
            idx = model.index(row, 0)
            if idx.data(KEY_ROLE) == key:
                return idx
        return QModelIndex()

    def check_first(self, key: str) -> str | None:
        """Check the first value of a facet group; returns it (None when the group is empty)."""
        group = self.group_index(key)
        model = self._model
        if model is None or not group.isValid() or model.rowCount(group) == 0:
            return None
        idx = model.index(0, 0, group)
        model.setData(idx, Qt.CheckState.Checked, Qt.ItemDataRole.CheckStateRole)
        return str(idx.data(Qt.ItemDataRole.DisplayRole))
