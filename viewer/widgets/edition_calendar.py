"""A month view of the editions: days with an edition, gaps in the publishing run, expected days.

Pure presentation over :func:`index.insight.calendar.calendar_months` (the caller computes the
months, e.g. on a worker thread, and calls :meth:`EditionCalendar.set_months`). Not wired into the
main window yet: it is meant to sit next to the edition tree.
"""

from __future__ import annotations

import datetime as dt
import logging

from PySide6.QtCore import QDate, QLocale, Qt, Signal
from PySide6.QtWidgets import QGridLayout, QHBoxLayout, QLabel, QToolButton, QVBoxLayout, QWidget

from index.insight.calendar import MonthView

logger = logging.getLogger(__name__)

_STYLE = """
QToolButton[state="edition"] { font-weight: bold; background: #dbeafe; }
QToolButton[state="gap"] { background: #f3f4f6; color: #9ca3af; }
QToolButton[state="expected"] { background: #fee2e2; color: #b91c1c; }
"""


class EditionCalendar(QWidget):
    """Month grid (Monday first) with previous/next month; a day with editions can be clicked."""

    edition_chosen = Signal(int)  # the first edition of the clicked day
    month_changed = Signal(str)  # ``2025-10``

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._months: list[MonthView] = []
        self._index = -1
        self.prev_button = QToolButton()
        self.prev_button.setText("‹")
        self.next_button = QToolButton()
        self.next_button.setText("›")
        self.title = QLabel(alignment=Qt.AlignmentFlag.AlignCenter)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        head = QHBoxLayout()
        head.addWidget(self.prev_button)
        head.addWidget(self.title, 1)
        head.addWidget(self.next_button)
        grid = QGridLayout()
        grid.setSpacing(2)
        locale = QLocale()
        for col in range(7):  # Monday first, in the UI language
            name = locale.dayName(col + 1, QLocale.FormatType.NarrowFormat)
            grid.addWidget(QLabel(name, alignment=Qt.AlignmentFlag.AlignCenter), 0, col)
        self.day_buttons: list[QToolButton] = []
        for cell in range(42):
            button = QToolButton()
            button.setAutoRaise(True)
            button.setMinimumWidth(28)
            button.clicked.connect(lambda _=False, c=cell: self._clicked(c))
            grid.addWidget(button, 1 + cell // 7, cell % 7)
            self.day_buttons.append(button)
        layout = QVBoxLayout(self)
        layout.addLayout(head)
        layout.addLayout(grid)
        layout.addWidget(self.summary)
        layout.addStretch(1)
        self.setStyleSheet(_STYLE)
        self.prev_button.clicked.connect(lambda: self.show_index(self._index - 1))
        self.next_button.clicked.connect(lambda: self.show_index(self._index + 1))
        self._cells: list[tuple[int, ...]] = [()] * 42
        self.show_index(-1)

    def set_months(self, months: list[MonthView]) -> None:
        """Show these months (from :func:`calendar_months`), the newest first."""
        self._months = list(months)
        self.show_index(len(self._months) - 1)

    def show_month(self, label: str) -> bool:
        """Show the month ``YYYY-MM``; False if the run has no such month."""
        for i, m in enumerate(self._months):
            if m.label == label:
                self.show_index(i)
                return True
        return False

    def current(self) -> MonthView | None:
        """The month shown."""
        return self._months[self._index] if 0 <= self._index < len(self._months) else None

    def show_index(self, index: int) -> None:
        """Show the ``index``-th month (clamped)."""
        if not self._months:
            self._index = -1
            self.title.setText(self.tr("(no editions)"))
            self.summary.clear()
            for b in self.day_buttons:
                b.hide()
            self.prev_button.setEnabled(False)
            self.next_button.setEnabled(False)
            return
        self._index = max(0, min(index, len(self._months) - 1))
        month = self._months[self._index]
        if QLocale().language() == QLocale.Language.Chinese:
            self.title.setText(f"{month.year}年{month.month}月")
        else:
            self.title.setText(QLocale().toString(QDate(month.year, month.month, 1), "MMMM yyyy"))
        self.prev_button.setEnabled(self._index > 0)
        self.next_button.setEnabled(self._index < len(self._months) - 1)
        first = dt.date(month.year, month.month, 1)
        offset = first.weekday()
        days = (dt.date(month.year + (month.month == 12), month.month % 12 + 1, 1) - first).days
        self._cells = [()] * 42
        for cell, button in enumerate(self.day_buttons):
            day = cell - offset + 1
            if not 1 <= day <= days:
                button.hide()
                continue
            button.show()
            button.setText(str(day))
            ids = month.editions.get(day, ())
            self._cells[cell] = ids
            if ids:
                state, tip = "edition", self.tr("%n edition(s)", "", len(ids))
            elif day in month.expected:
                state, tip = "expected", self.tr("An edition was due here and is missing")
            elif day in month.gap_days:
                state, tip = "gap", self.tr("Gap in the publishing run")
            else:
                state, tip = "", ""
            button.setProperty("state", state)
            button.setToolTip(tip)
            button.setEnabled(bool(ids))
            button.style().unpolish(button)
            button.style().polish(button)
        n = len(month.editions)
        missing = len(month.expected)
        text = self.tr("%n day(s) with editions", "", n)
        if missing:
            text += self.tr(", %n edition(s) missing", "", missing)
        self.summary.setText(text)
        self.month_changed.emit(month.label)

    def _clicked(self, cell: int) -> None:
        ids = self._cells[cell]
        if ids:
            self.edition_chosen.emit(ids[0])
