"""The date filter: typed dates work, the calendar opens at the archive's range, quick ranges."""

from __future__ import annotations

import datetime as dt

import pytest

from viewer.widgets.date_filter import DateFilter, parse_date, quick_range


def test_parse_date_forms() -> None:
    assert parse_date("2025-10-01") == dt.date(2025, 10, 1)
    assert parse_date("2025/10/1") == dt.date(2025, 10, 1)
    assert parse_date("20251001") == dt.date(2025, 10, 1)
    assert parse_date("2025年10月1日") == dt.date(2025, 10, 1)
    assert parse_date("2025-10") == dt.date(2025, 10, 1)
    assert parse_date("2025-02", end=True) == dt.date(2025, 2, 28)
    assert parse_date("2024", end=True) == dt.date(2024, 12, 31)
    assert parse_date("  ") is None
    for bad in ("yesterday", "2025-13-01", "2025-02-30"):
        with pytest.raises(ValueError):
            parse_date(bad)


def test_quick_ranges() -> None:
    today = dt.date(2026, 3, 16)
    assert quick_range("30d", today) == (dt.date(2026, 2, 15), today)
    assert quick_range("month", today) == (dt.date(2026, 3, 1), today)
    assert quick_range("year", today) == (dt.date(2026, 1, 1), today)
    assert quick_range("last_year", today) == (dt.date(2025, 1, 1), dt.date(2025, 12, 31))


def test_typing_a_date_filters_and_a_bad_one_changes_nothing(qtbot) -> None:  # type: ignore[no-untyped-def]
    f = DateFilter()
    qtbot.addWidget(f)
    f.date_from.edit.setText("2026-03-02")
    with qtbot.waitSignal(f.changed) as blocker:
        f.date_from.edit.editingFinished.emit()
    assert blocker.args == [dt.date(2026, 3, 2), None]
    f.date_to.edit.setText("2026-03")  # a month: its last day for "to"
    with qtbot.waitSignal(f.changed) as blocker:
        f.date_to.edit.editingFinished.emit()
    assert blocker.args == [dt.date(2026, 3, 2), dt.date(2026, 3, 31)]
    f.date_to.edit.setText("soon")
    with qtbot.assertNotEmitted(f.changed):
        f.date_to.edit.editingFinished.emit()
    assert f.dates() == (dt.date(2026, 3, 2), dt.date(2026, 3, 31))
    assert "b00020" in f.date_to.edit.styleSheet()
    f.date_from.edit.setText("")
    with qtbot.waitSignal(f.changed) as blocker:
        f.date_from.edit.editingFinished.emit()
    assert blocker.args == [None, dt.date(2026, 3, 31)]


def test_the_calendar_opens_at_the_archive_range_not_1900(qtbot) -> None:  # type: ignore[no-untyped-def]
    f = DateFilter()
    qtbot.addWidget(f)
    f.set_archive_range(dt.date(2026, 3, 2), dt.date(2026, 3, 16))
    f.date_from._open_calendar()
    cal = f.date_from.calendar
    assert (cal.yearShown(), cal.monthShown()) == (2026, 3)
    assert cal.selectedDate().toPython() == dt.date(2026, 3, 2)
    assert cal.minimumDate().toPython() == dt.date(2026, 3, 2)
    f.date_to._open_calendar()
    assert f.date_to.calendar.selectedDate().toPython() == dt.date(2026, 3, 16)
    with qtbot.waitSignal(f.changed) as blocker:
        f.date_to._picked(f.date_to.calendar.selectedDate().addDays(-1))
    assert blocker.args == [None, dt.date(2026, 3, 15)]


def test_quick_range_menu(qtbot) -> None:  # type: ignore[no-untyped-def]
    f = DateFilter()
    qtbot.addWidget(f)
    f.today = lambda: dt.date(2026, 3, 16)
    with qtbot.waitSignal(f.changed) as blocker:
        f.quick_actions["last_year"].trigger()
    assert blocker.args == [dt.date(2025, 1, 1), dt.date(2025, 12, 31)]
    assert f.date_from.edit.text() == "2025-01-01"
