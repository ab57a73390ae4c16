"""The date filter of the search bar: two typed dates, a calendar at the archive's range, quick ranges.

Each end is a line edit that takes what people type (``2025-10-01``, ``2025/10/1``, ``20251001``,
``2025-10`` or ``2025``: a month or a year is its first day for "from" and its last day for "to");
an empty field means "any". The calendar button opens on the archive's date range (never on
1900); the quick ranges are 近30天, 本月, 今年, 去年 (counted from today). A typed date the filter
cannot read is shown in red and changes nothing.
"""

from __future__ import annotations

import calendar
import datetime as dt
import logging
import re

from PySide6.QtCore import QDate, Signal
from PySide6.QtWidgets import (
    QCalendarWidget,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMenu,
    QToolButton,
    QWidget,
    QWidgetAction,
)

logger = logging.getLogger(__name__)
_DATE = re.compile(r"^\s*(\d{4})(?:[-/.年]?(\d{1,2})(?:[-/.月]?(\d{1,2})日?)?月?)?\s*$")


def parse_date(text: str, *, end: bool = False) -> dt.date | None:
    """A typed date; a year or a month stands for its first (or, with ``end``, last) day.

    Raises:
        ValueError: The text is not empty and not a date.
    """
    if not text.strip():
        return None
    found = _DATE.match(text)
    if not found:
        raise ValueError(text)
    year = int(found.group(1))
    month = int(found.group(2)) if found.group(2) else (12 if end else 1)
    if found.group(3):
        day = int(found.group(3))
    else:
        day = calendar.monthrange(year, month)[1] if end and 1 <= month <= 12 else 1
    return dt.date(year, month, day)


def quick_range(key: str, today: dt.date) -> tuple[dt.date, dt.date]:
    """The dates of a quick range: ``30d``, ``month``, ``year`` or ``last_year``."""
    if key == "30d":
        return today - dt.timedelta(days=29), today
    if key == "month":
        return today.replace(day=1), today
    if key == "year":
        return dt.date(today.year, 1, 1), today
    if key == "last_year":
        return dt.date(today.year - 1, 1, 1), dt.date(today.year - 1, 12, 31)
    raise KeyError(key)


def _qdate(value: dt.date) -> QDate:
    return QDate(value.year, value.month, value.day)


class DateField(QWidget):
    """One end of the range: a line edit and a calendar button; ``changed`` on a new valid value."""

    changed = Signal()

    def __init__(self, *, end: bool, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._end = end
        self._value: dt.date | None = None
        self._range: tuple[dt.date, dt.date] | None = None
        self.edit = QLineEdit(self)
        self.edit.setPlaceholderText(self.tr("any"))
        self.edit.setMaximumWidth(96)
        self.edit.setToolTip(self.tr("Type a date (2025-10-01), a month (2025-10) or a year; empty: any"))
        self.button = QToolButton(self)
        self.button.setText("▾")
        self.button.setToolTip(self.tr("Choose a date in the calendar"))
        self.button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.calendar = QCalendarWidget()
        self.calendar.setGridVisible(True)
        menu = QMenu(self.button)
        action = QWidgetAction(menu)
        action.setDefaultWidget(self.calendar)
        menu.addAction(action)
        menu.aboutToShow.connect(self._open_calendar)
        self.button.setMenu(menu)
        self.calendar.clicked.connect(self._picked)
        self.edit.editingFinished.connect(self._typed)
        lay = QHBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.setSpacing(1)
        lay.addWidget(self.edit)
        lay.addWidget(self.button)

    def value(self) -> dt.date | None:
        """The date, or None for "any"."""
        return self._value

    def set_value(self, value: dt.date | None, *, notify: bool = True) -> None:
        """Show ``value`` (None: any); emits ``changed`` when it differs and ``notify``."""
        self.edit.setText(value.isoformat() if value else "")
        self.edit.setStyleSheet("")
        if value != self._value:
            self._value = value
            if notify:
                self.changed.emit()

    def set_archive_range(self, first: dt.date | None, last: dt.date | None) -> None:
        """The archive's first and last edition dates: where the calendar opens."""
        self._range = (first, last) if first and last else None

    def _typed(self) -> None:
        text = self.edit.text()
        try:
            value = parse_date(text, end=self._end)
        except ValueError:
            self.edit.setStyleSheet("color: #b00020")
            self.edit.setToolTip(
                self.tr("Not a date: %1 (type 2025-10-01, 2025-10 or 2025)").replace("%1", text)
            )
            return
        self.set_value(value)

    def _open_calendar(self) -> None:
        if self._range is not None:
            self.calendar.setDateRange(_qdate(self._range[0]), _qdate(self._range[1]))
        shown = self._value or (self._range[1 if self._end else 0] if self._range else dt.date.today())
        self.calendar.setSelectedDate(_qdate(shown))
        self.calendar.setCurrentPage(shown.year, shown.month)

    def _picked(self, day: QDate) -> None:
        self.set_value(dt.date(day.year(), day.month(), day.day()))
        menu = self.button.menu()
        if menu is not None:
            menu.close()


class DateFilter(QWidget):
    """From/to fields, quick ranges, "any date"; ``changed(from, to)`` after each change."""

    changed = Signal(object, object)  # date | None, date | None

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.date_from = DateField(end=False, parent=self)
        self.date_to = DateField(end=True, parent=self)
        self.quick = QToolButton(self)
        self.quick.setText(self.tr("Quick ranges"))
        self.quick.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        menu = QMenu(self.quick)
        self.quick_actions = {}
        for key, label in (
            ("30d", self.tr("Last 30 days")),
            ("month", self.tr("This month")),
            ("year", self.tr("This year")),
            ("last_year", self.tr("Last year")),
        ):
            act = menu.addAction(label)
            act.triggered.connect(lambda _c=False, key=key: self.apply_quick(key))
            self.quick_actions[key] = act
        menu.addSeparator()
        self.any_action = menu.addAction(self.tr("Any date"))
        self.any_action.triggered.connect(lambda: self.set_dates(None, None))
        self.quick.setMenu(menu)
        self.today = dt.date.today  # replaced in tests
        lay = QHBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addWidget(QLabel(self.tr("From:"), self))
        lay.addWidget(self.date_from)
        lay.addWidget(QLabel(self.tr("To:"), self))
        lay.addWidget(self.date_to)
        lay.addWidget(self.quick)
        self.date_from.changed.connect(self._emit)
        self.date_to.changed.connect(self._emit)

    def dates(self) -> tuple[dt.date | None, dt.date | None]:
        """The range; None at an open end."""
        return self.date_from.value(), self.date_to.value()

    def set_dates(self, date_from: dt.date | None, date_to: dt.date | None) -> None:
        """Set both ends; ``changed`` once if the range differs."""
        before = self.dates()
        self.date_from.set_value(date_from, notify=False)
        self.date_to.set_value(date_to, notify=False)
        if self.dates() != before:
            self._emit()

    def apply_quick(self, key: str) -> None:
        """Apply a quick range (``30d``, ``month``, ``year``, ``last_year``)."""
        self.set_dates(*quick_range(key, self.today()))

    def set_archive_range(self, first: dt.date | None, last: dt.date | None) -> None:
        """Where the calendars open: the archive's first and last edition dates."""
        for field in (self.date_from, self.date_to):
            field.set_archive_range(first, last)

    def _emit(self) -> None:
        self.changed.emit(*self.dates())
