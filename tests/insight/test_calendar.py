"""Edition calendar: days with editions per month, gaps in the run, expected days."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from index.insight.calendar import calendar_months, find_gaps


@dataclass(frozen=True)
class Ed:
    id: int
    date: dt.date


def _run(start: dt.date, step: int, count: int) -> list[dt.date]:
    return [start + dt.timedelta(days=step * k) for k in range(count)]


def test_weekly_run_with_two_missing_editions() -> None:
    dates = _run(dt.date(2025, 1, 6), 7, 12)  # Mondays
    missing = dates[5:7]
    kept = [d for d in dates if d not in missing]
    gaps = find_gaps(kept)
    assert len(gaps) == 1
    g = gaps[0]
    assert (g.after, g.before, g.usual_days, g.expected) == (dates[4], dates[7], 7, tuple(missing))
    assert g.days == 20 and g.covers(missing[0]) and not g.covers(dates[4])


def test_months_list_days_gaps_and_expected() -> None:
    dates = _run(dt.date(2025, 1, 6), 7, 12)
    eds = [Ed(i, d) for i, d in enumerate(dates) if i not in (5, 6)] + [
        Ed(99, dates[0])
    ]  # two editions one day
    months = calendar_months(eds)
    assert [m.label for m in months] == ["2025-01", "2025-02", "2025-03"]
    jan, feb, mar = months
    assert jan.editions == {6: (0, 99), 13: (1,), 20: (2,), 27: (3,)} and not jan.gap_days
    assert set(feb.editions) == {3, 24}
    assert feb.gap_days == frozenset(range(4, 24)) and feb.expected == frozenset({10, 17})
    assert mar.editions and not mar.gap_days
    brute = {d.day for d in dates if d.month == 2} - set(feb.editions)
    assert brute == feb.expected


def test_an_empty_month_is_listed_and_a_rhythm_change_is_no_gap() -> None:
    dates = _run(dt.date(2024, 1, 1), 7, 10) + _run(dt.date(2024, 3, 11), 3, 30)
    assert find_gaps(dates) == []
    months = calendar_months([Ed(i, d) for i, d in enumerate(dates)])
    assert all(not m.gap_days for m in months)
    with_hole = [d for d in dates if not (dt.date(2024, 4, 1) <= d <= dt.date(2024, 5, 31))] + [
        dt.date(2024, 7, 1)
    ]
    months = calendar_months([Ed(i, d) for i, d in enumerate(with_hole)])
    may = next(m for m in months if m.label == "2024-05")
    assert may.editions == {} and may.gap_days == frozenset(range(1, 32)) and len(may.expected) >= 10


def test_short_runs_have_no_gaps() -> None:
    assert calendar_months([]) == []
    assert find_gaps([dt.date(2025, 1, 1), dt.date(2025, 3, 1)]) == []
