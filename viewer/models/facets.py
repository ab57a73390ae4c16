"""Facet values with their counts for the current result, checkable, several per facet.

A tree: one group per facet of the registry (:data:`index.fields.FACETS`: street office, topic,
reporter, photographer, year/month, section; labels in Chinese or English from the registry), its
values below with the exact count from :attr:`SearchResult.facets` (a facet missing there is
empty). The year/month group has years (count = sum of their months, check box checks every month
of the year) with their months below, newest first; other values are listed by count. Checked
values survive a new result (shown with count 0 when the new result has none) so the user can
always uncheck them. :meth:`FacetsModel.filters` gives the checked values as request filters.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import (
    QAbstractItemModel,
    QCoreApplication,
    QLocale,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)

from index.fields import FACETS, Field, Filters, Kind
from index.models import FacetCount

Index = QModelIndex | QPersistentModelIndex

COUNT_ROLE = Qt.ItemDataRole.UserRole + 1
KEY_ROLE = Qt.ItemDataRole.UserRole + 2  # facet key of a group or a value
VALUE_ROLE = Qt.ItemDataRole.UserRole + 3
MONTH_GROUP = next(i for i, f in enumerate(FACETS) if f.kind is Kind.MONTH)
_YEAR_BASE = 1000  # internalId of a month row: _YEAR_BASE + the row of its year


def _tr(text: str) -> str:
    return QCoreApplication.translate("FacetsModel", text)


def facet_label(fld: Field) -> str:
    """The registry's label of a facet in the UI language (Chinese unless the locale is not)."""
    return fld.label_zh if QLocale().language() == QLocale.Language.Chinese else fld.label_en


class FacetsModel(QAbstractItemModel):
    """The facet tree (see the module docstring). Column 0: group label / value (checkable); column 1: count."""

    filters_changed = Signal()

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._values: list[list[FacetCount]] = [[] for _ in FACETS]  # month group: years
        self._months: list[list[FacetCount]] = []  # per year row of the month group
        self._checked: list[set[str]] = [set() for _ in FACETS]

    # -- content --------------------------------------------------------------------------------
    def set_facets(self, facets: dict[str, tuple[FacetCount, ...]]) -> None:
        """Show the counts of a new result (checked values stay, with count 0 if absent)."""
        self.beginResetModel()
        for g, fld in enumerate(FACETS):
            counts = list(facets.get(fld.name, ()))  # a facet the core does not count yet: empty
            present = {c.value for c in counts}
            counts += [FacetCount(v, 0) for v in self._checked[g] - present]
            if g == MONTH_GROUP:
                self._set_months(counts)
            else:  # checked values absent from this result first, then by count
                counts.sort(key=lambda c: (c.count != 0, -c.count, c.value))
                self._values[g] = counts
        self.endResetModel()

    def _set_months(self, months: list[FacetCount]) -> None:
        by_year: dict[str, list[FacetCount]] = {}
        for c in sorted(months, key=lambda c: c.value, reverse=True):
            by_year.setdefault(c.value[:4], []).append(c)
        self._values[MONTH_GROUP] = [FacetCount(y, sum(c.count for c in ms)) for y, ms in by_year.items()]
        self._months = list(by_year.values())

    def filters(self) -> Filters:
        """Checked values by facet name, as ``SearchRequest(filters=…)`` takes them."""
        return Filters({fld.name: tuple(sorted(self._checked[g])) for g, fld in enumerate(FACETS)})

    def selected(self) -> dict[str, tuple[str, ...]]:
        """Checked values by facet name, every facet present: ``{"street": ("古城街道",), …}``."""
        return {fld.name: tuple(sorted(self._checked[g])) for g, fld in enumerate(FACETS)}

    def has_selection(self) -> bool:
        """True when any value of any facet is checked."""
        return any(self._checked)

    def clear_all(self) -> None:
        """Uncheck everything (emits ``filters_changed`` once, if anything was checked)."""
        if not self.has_selection():
            return
        for s in self._checked:
            s.clear()
        self._changed_everywhere()
        self.filters_changed.emit()

    def set_checked(self, key: str, value: str, checked: bool) -> None:
        """Check or uncheck a value by facet key (``street``, ``month``…); emits ``filters_changed``."""
        g = next(i for i, f in enumerate(FACETS) if f.name == key)
        self._set_many(g, [value], checked)

    def set_year_checked(self, year: str, checked: bool) -> None:
        """Check or uncheck every month of a year shown in the year/month facet."""
        row = next((r for r, c in enumerate(self._values[MONTH_GROUP]) if c.value == year), -1)
        months = [c.value for c in self._months[row]] if row >= 0 else []
        self._set_many(MONTH_GROUP, months, checked)

    def _set_many(self, g: int, values: list[str], checked: bool) -> None:
        todo = [v for v in values if (v in self._checked[g]) != checked]
        if not todo:
            return
        (self._checked[g].update if checked else self._checked[g].difference_update)(todo)
        self._changed_everywhere(g)
        self.filters_changed.emit()

    def _changed_everywhere(self, only: int | None = None) -> None:
        roles = [Qt.ItemDataRole.CheckStateRole, Qt.ItemDataRole.DisplayRole]
        for g, values in enumerate(self._values):
            if only is not None and g != only:
                continue
            group = self.index(g, 0)
            self.dataChanged.emit(group, self.index(g, 1), roles)
            if values:
                self.dataChanged.emit(self.index(0, 0, group), self.index(len(values) - 1, 0, group), roles)
            if g == MONTH_GROUP:
                for y, months in enumerate(self._months):
                    year = self.index(y, 0, group)
                    self.dataChanged.emit(self.index(0, 0, year), self.index(len(months) - 1, 0, year), roles)

    # -- Qt model ---------------------------------------------------------------------------------
    # internalId: 0 for a group, group + 1 for a value (a year, in the month group), and
    # _YEAR_BASE + year row for a month.
    def index(self, row: int, column: int, parent: Index = QModelIndex()) -> QModelIndex:  # noqa: B008
        """Index of ``row``/``column`` under ``parent`` (Qt)."""
        if not self.hasIndex(row, column, parent):
            return QModelIndex()
        if not parent.isValid():
            return self.createIndex(row, column, 0)
        if parent.internalId() == 0:
            return self.createIndex(row, column, parent.row() + 1)
        return self.createIndex(row, column, _YEAR_BASE + parent.row())

    def parent(self, index: Index = QModelIndex()) -> QModelIndex:  # type: ignore[override]  # noqa: B008
        """Parent of ``index``: a facet group, a year, or none (Qt)."""
        if not index.isValid() or index.internalId() == 0:
            return QModelIndex()
        if index.internalId() >= _YEAR_BASE:
            return self.createIndex(index.internalId() - _YEAR_BASE, 0, MONTH_GROUP + 1)
        return self.createIndex(index.internalId() - 1, 0, 0)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        """Rows under ``parent``: groups, values, or a year's months (Qt)."""
        if not parent.isValid():
            return len(FACETS)
        if parent.column() != 0:
            return 0
        node = parent.internalId()
        if node == 0:
            return len(self._values[parent.row()])
        if node == MONTH_GROUP + 1:
            return len(self._months[parent.row()])
        return 0

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        """Two columns: value and count (Qt)."""
        return 2

    def _item(self, index: Index) -> tuple[int, FacetCount]:
        """The facet group and the value of a value, year or month index."""
        node = index.internalId()
        if node >= _YEAR_BASE:
            return MONTH_GROUP, self._months[node - _YEAR_BASE][index.row()]
        return node - 1, self._values[node - 1][index.row()]

    def _is_year(self, index: Index) -> bool:
        return index.internalId() == MONTH_GROUP + 1

    def _state(self, index: Index) -> Qt.CheckState:
        g, item = self._item(index)
        if not self._is_year(index):
            return Qt.CheckState.Checked if item.value in self._checked[g] else Qt.CheckState.Unchecked
        months = {c.value for c in self._months[index.row()]}
        n = len(months & self._checked[g])
        if n == 0:
            return Qt.CheckState.Unchecked
        return Qt.CheckState.Checked if n == len(months) else Qt.CheckState.PartiallyChecked

    def flags(self, index: Index) -> Qt.ItemFlag:
        """Groups are enabled; values are selectable and checkable (Qt)."""
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        if index.internalId() == 0:
            return Qt.ItemFlag.ItemIsEnabled
        f = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if not self._is_year(index):
            f |= Qt.ItemFlag.ItemNeverHasChildren
        return f | Qt.ItemFlag.ItemIsUserCheckable if index.column() == 0 else f

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        """Value of ``index`` for ``role`` (Qt)."""
        if not index.isValid():
            return None
        if index.internalId() == 0:
            return self._group_data(index.row(), index.column(), role)
        g, item = self._item(index)
        col = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return item.value if col == 0 else str(item.count)
        if role == Qt.ItemDataRole.CheckStateRole and col == 0:
            return self._state(index)
        if role == Qt.ItemDataRole.TextAlignmentRole and col == 1:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == COUNT_ROLE:
            return item.count
        if role == KEY_ROLE:
            return "year" if self._is_year(index) else FACETS[g].name
        if role == VALUE_ROLE:
            return item.value
        return None

    def _group_data(self, g: int, col: int, role: int) -> Any:
        if role == Qt.ItemDataRole.DisplayRole:
            if col == 0:
                return facet_label(FACETS[g])
            n = len(self._checked[g])
            return f"✓{n}" if n else ""
        if role == KEY_ROLE:
            return FACETS[g].name
        if role == Qt.ItemDataRole.TextAlignmentRole and col == 1:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        """Check or uncheck a facet value; only the check state is editable (Qt)."""
        if role != Qt.ItemDataRole.CheckStateRole or not index.isValid() or index.internalId() == 0:
            return False
        if index.column() != 0:
            return False
        state = Qt.CheckState(value) if isinstance(value, int) else value
        checked = state != Qt.CheckState.Unchecked
        g, item = self._item(index)
        if self._is_year(index):
            self.set_year_checked(item.value, checked)
        else:
            self._set_many(g, [item.value], checked)
        return True

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        """Column titles (Qt)."""
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return _tr("Facet") if section == 0 else _tr("Count")
        return None
