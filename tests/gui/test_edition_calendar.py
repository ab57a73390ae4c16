"""The edition calendar widget: days with editions, gaps and expected days, month paging, clicks."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from pytestqt.qtbot import QtBot

from index.insight.calendar import calendar_months
from viewer.widgets.edition_calendar import EditionCalendar


@dataclass(frozen=True)
class Ed:
    id: int
    date: dt.date


def _months() -> list:
    dates = [dt.date(2025, 1, 6) + dt.timedelta(days=7 * k) for k in range(12)]
    return calendar_months([Ed(100 + i, d) for i, d in enumerate(dates) if i not in (5, 6)])


def _button(cal: EditionCalendar, day: int):  # type: ignore[no-untyped-def]
    return next(b for b in cal.day_buttons if b.isVisibleTo(cal) and b.text() == str(day))


def test_month_shows_editions_gaps_and_expected(qtbot: QtBot) -> None:
    cal = EditionCalendar()
    qtbot.addWidget(cal)
    cal.set_months(_months())
    assert cal.current().label == "2025-03" and not cal.next_button.isEnabled()  # type: ignore[union-attr]
    assert cal.show_month("2025-02")
    assert "2025" in cal.title.text() and cal.current().label == "2025-02"  # type: ignore[union-attr]
    visible = [b for b in cal.day_buttons if b.isVisibleTo(cal)]
    assert len(visible) == 28 and visible[0].text() == "1"
    assert cal.day_buttons.index(visible[0]) == dt.date(2025, 2, 1).weekday()  # Saturday column
    assert _button(cal, 3).property("state") == "edition" and _button(cal, 3).isEnabled()
    assert _button(cal, 10).property("state") == "expected" and not _button(cal, 10).isEnabled()
    assert _button(cal, 12).property("state") == "gap"
    assert "2 edition" in cal.summary.text() and "missing" in cal.summary.text()
    with qtbot.waitSignal(cal.edition_chosen) as sig:
        _button(cal, 24).click()
    assert sig.args == [107]


def test_paging_and_empty(qtbot: QtBot) -> None:
    cal = EditionCalendar()
    qtbot.addWidget(cal)
    assert cal.current() is None and not cal.prev_button.isEnabled()
    cal.set_months(_months())
    with qtbot.waitSignal(cal.month_changed) as sig:
        cal.prev_button.click()
    assert sig.args == ["2025-02"]
    cal.prev_button.click()
    cal.prev_button.click()  # clamped at the first month
    assert cal.current() is not None and cal.current().label == "2025-01"  # type: ignore[union-attr]
    assert not cal.prev_button.isEnabled() and not cal.show_month("2030-01")
