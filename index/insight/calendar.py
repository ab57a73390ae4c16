"""Edition calendar data: per month, the days with editions and the gaps in the publishing run.

The usual interval between editions is read from the run itself: the median of the intervals
around each one (:data:`WINDOW` on either side), so a paper that goes from weekly to every three
days is not full of false gaps. An interval longer than :data:`GAP_FACTOR` times the usual one is a
gap; the days an edition would have appeared at the usual interval are its *expected* days.
"""

from __future__ import annotations

import datetime as dt
import itertools
import logging
import statistics
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Protocol

logger = logging.getLogger(__name__)

WINDOW = 6  # intervals on either side that set the usual interval
GAP_FACTOR = 1.5


class Dated(Protocol):
    """An edition as the calendar needs it (:class:`index.models.EditionRecord`)."""

    @property
    def id(self) -> int:
        """The edition's id."""
        ...

    @property
    def date(self) -> dt.date:
        """The edition's date."""
        ...


@dataclass(frozen=True)
class Gap:
    """Days without an edition between two editions, longer than the run's usual interval."""

    after: dt.date  # the last edition before the gap
    before: dt.date  # the first edition after it
    usual_days: int  # the usual interval around it
    expected: tuple[dt.date, ...]  # days an edition would have appeared at the usual interval

    @property
    def days(self) -> int:
        """Days without an edition."""
        return (self.before - self.after).days - 1

    def covers(self, day: dt.date) -> bool:
        """True for a day inside the gap."""
        return self.after < day < self.before


@dataclass(frozen=True)
class MonthView:
    """One month of the calendar.

    Attributes:
        year: The year.
        month: The month (1-12).
        editions: Day of the month → ids of that day's editions.
        gap_days: Days of the month inside a gap of the run.
        expected: Days of the month an edition was expected and is missing.
    """

    year: int
    month: int
    editions: dict[int, tuple[int, ...]]
    gap_days: frozenset[int]
    expected: frozenset[int]

    @property
    def label(self) -> str:
        """``2025-10``."""
        return f"{self.year:04d}-{self.month:02d}"


def find_gaps(dates: Iterable[dt.date]) -> list[Gap]:
    """The gaps in a publishing run (the dates in any order, repeats allowed)."""
    days = sorted(set(dates))
    if len(days) < 3:
        return []
    intervals = [(b - a).days for a, b in itertools.pairwise(days)]
    gaps = []
    for i, span in enumerate(intervals):
        around = intervals[max(0, i - WINDOW) : i] + intervals[i + 1 : i + 1 + WINDOW]
        usual = max(1, round(statistics.median(around)))
        if span > GAP_FACTOR * usual and span - usual >= 1:
            expected = tuple(
                days[i] + dt.timedelta(days=k * usual)
                for k in range(1, span // usual + 1)
                if k * usual < span
            )
            gaps.append(Gap(days[i], days[i + 1], usual, expected))
    return gaps


def _months(first: dt.date, last: dt.date) -> list[tuple[int, int]]:
    out = []
    y, m = first.year, first.month
    while (y, m) <= (last.year, last.month):
        out.append((y, m))
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)
    return out


def calendar_months(editions: Sequence[Dated]) -> list[MonthView]:
    """Every month from the first edition to the last (empty ones too), oldest first."""
    if not editions:
        return []
    by_day: dict[dt.date, list[int]] = {}
    for ed in editions:
        by_day.setdefault(ed.date, []).append(ed.id)
    gaps = find_gaps(by_day)
    out = []
    for y, m in _months(min(by_day), max(by_day)):
        month_days = {d: tuple(ids) for d, ids in by_day.items() if (d.year, d.month) == (y, m)}
        first = dt.date(y, m, 1)
        last = dt.date(y + (m == 12), m % 12 + 1, 1) - dt.timedelta(days=1)
        in_gap: set[int] = set()
        expected: set[int] = set()
        for gap in gaps:
            if gap.before <= first or gap.after >= last:
                continue
            day = max(first, gap.after + dt.timedelta(days=1))
            while day <= min(last, gap.before - dt.timedelta(days=1)):
                in_gap.add(day.day)
                day += dt.timedelta(days=1)
            expected.update(d.day for d in gap.expected if (d.year, d.month) == (y, m))
        out.append(
            MonthView(
                y,
                m,
                {d.day: ids for d, ids in sorted(month_days.items())},
                frozenset(in_gap),
                frozenset(expected),
            )
        )
    return out
