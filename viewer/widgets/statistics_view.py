"""The statistics tab (统计): counts by a facet per month, quarter or year as a chart and a table.

Pure presentation, not wired yet: the caller listens to :attr:`StatisticsView.table_requested`
(facet, period kind), computes ``archive.timeline(current search, by, per)`` on a worker thread and
calls :meth:`StatisticsView.set_table`; a click on a bar or a double-click on a cell asks, through
:attr:`StatisticsView.narrow_requested`, to narrow the search to that value and period
(:func:`index.insight.timeline.period_range` gives the dates).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QLocale, Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from index.errors import ArchiveError
from index.fields import FACETS
from index.insight.timeline import PERIODS, Timeline, write_csv, write_xlsx
from viewer.widgets.timeline_chart import OTHER, TimelineChart

logger = logging.getLogger(__name__)


class StatisticsView(QWidget):
    """Facet and period pickers, a stacked bar chart beside its table, and exports."""

    table_requested = Signal(str, str)  # facet name, period kind: compute and call set_table
    narrow_requested = Signal(str, str, str)  # facet name, value ("" = any), period ("" = any)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        chinese = QLocale().language() == QLocale.Language.Chinese
        self.by_combo = QComboBox()
        for fld in FACETS:
            self.by_combo.addItem(fld.label_zh if chinese else fld.label_en, fld.name)
        self.per_combo = QComboBox()
        for per, label in zip(PERIODS, (self.tr("Month"), self.tr("Quarter"), self.tr("Year")), strict=True):
            self.per_combo.addItem(label, per)
        self.status = QLabel()
        self.chart = TimelineChart()
        self.table = QTableWidget()
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.setSortingEnabled(False)
        self.export_table_button = QPushButton(self.tr("Export table…"))
        self.export_chart_button = QPushButton(self.tr("Export chart…"))
        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("Count by")))
        top.addWidget(self.by_combo)
        top.addWidget(QLabel(self.tr("per")))
        top.addWidget(self.per_combo)
        top.addWidget(self.status, 1)
        top.addWidget(self.export_table_button)
        top.addWidget(self.export_chart_button)
        split = QSplitter(Qt.Orientation.Horizontal)
        split.addWidget(self.chart)
        split.addWidget(self.table)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 2)
        split.setSizes([600, 400])
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(split, 1)
        self._table: Timeline | None = None
        self._periods: list[str] = []
        self._keys: list[str] = []
        self.by_combo.currentIndexChanged.connect(self._request)
        self.per_combo.currentIndexChanged.connect(self._request)
        self.chart.segment_clicked.connect(lambda key, period: self._narrow(key, period))
        self.table.cellDoubleClicked.connect(self._cell)
        self.export_table_button.clicked.connect(self._ask_export_table)
        self.export_chart_button.clicked.connect(self._ask_export_chart)
        self.set_table(None)

    def by(self) -> str:
        """The facet chosen."""
        return str(self.by_combo.currentData())

    def per(self) -> str:
        """The period kind chosen."""
        return str(self.per_combo.currentData())

    def request(self) -> None:
        """Ask for the table of the current choice (e.g. after the search changed)."""
        self._request()

    def _request(self) -> None:
        self.status.setText(self.tr("Counting…"))
        self.table_requested.emit(self.by(), self.per())

    def set_table(self, table: Timeline | None) -> None:
        """Show a table (from ``archive.timeline``); the pickers follow its facet and period."""
        self._table = table
        self.chart.set_table(table)
        has_rows = bool(table and table.rows)
        self.export_table_button.setEnabled(has_rows)
        self.export_chart_button.setEnabled(has_rows)
        if table is None:
            self.status.clear()
            self.table.clear()
            self.table.setRowCount(0)
            self.table.setColumnCount(0)
            return
        for combo, value in ((self.by_combo, table.by), (self.per_combo, table.per)):
            combo.blockSignals(True)
            combo.setCurrentIndex(max(0, combo.findData(value)))
            combo.blockSignals(False)
        self._periods = table.periods()
        self._keys = table.values_by_total()
        cells = {(r.key, r.period): r.count for r in table.rows}
        self.table.clear()
        self.table.setColumnCount(len(self._periods) + 1)
        self.table.setRowCount(len(self._keys))
        self.table.setHorizontalHeaderLabels([*self._periods, self.tr("Total")])
        self.table.setVerticalHeaderLabels(self._keys)
        for row, key in enumerate(self._keys):
            total = 0
            for col, period in enumerate(self._periods):
                n = cells.get((key, period), 0)
                total += n
                item = QTableWidgetItem(str(n) if n else "")
                item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                self.table.setItem(row, col, item)
            item = QTableWidgetItem(str(total))
            item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            self.table.setItem(row, len(self._periods), item)
        self.status.setText(self.tr("%n article(s)", "", table.articles))

    def _cell(self, row: int, col: int) -> None:
        key = self._keys[row] if 0 <= row < len(self._keys) else ""
        period = self._periods[col] if 0 <= col < len(self._periods) else ""
        self._narrow(key, period)

    def _narrow(self, key: str, period: str) -> None:
        self.narrow_requested.emit(self.by(), "" if key == OTHER else key, period)

    # -- export ------------------------------------------------------------------------------------
    def export_table(self, path: Path) -> Path:
        """Write the table as CSV or XLSX (by the suffix)."""
        if self._table is None:
            raise ArchiveError("Nothing to export yet")
        path = Path(path)
        if path.suffix.lower() == ".xlsx":
            return write_xlsx(self._table, path)
        if path.suffix.lower() == ".csv":
            return write_csv(self._table, path)
        raise ArchiveError(f"A table is written as .csv or .xlsx, not {path.name}")

    def export_chart(self, path: Path) -> Path:
        """Write the chart as PNG or SVG (by the suffix)."""
        return self.chart.export(Path(path))

    def _ask_export_table(self) -> None:
        name, _ = QFileDialog.getSaveFileName(
            self, self.tr("Export table"), "", "Excel (*.xlsx);;CSV (*.csv)"
        )
        if name:
            self._run_export(self.export_table, Path(name))

    def _ask_export_chart(self) -> None:
        name, _ = QFileDialog.getSaveFileName(self, self.tr("Export chart"), "", "PNG (*.png);;SVG (*.svg)")
        if name:
            self._run_export(self.export_chart, Path(name))

    def _run_export(self, write: Callable[[Path], Path], path: Path) -> None:
        try:
            write(path)
        except (ArchiveError, OSError, ValueError) as exc:
            logger.exception("export of %s failed", path)
            QMessageBox.warning(self, self.tr("Export"), str(exc))
