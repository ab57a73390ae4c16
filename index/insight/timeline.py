"""Counts by a facet (street, topic, reporter, section, …) per month, quarter or year for a search.

The articles are those of any :class:`index.models.SearchRequest` (``archive.search(request).ids``);
the values come from the search engine's per-document table when it holds exactly those articles
(:mod:`index.insight.timeline_engine`), else from the catalog in one SQL query per 20,000 ids, both
with librarian edits applied
(an edited street list counts, not the parsed one). An article with several values (two streets)
counts once for each; an article without a value of the facet is not counted. The counts are exact.
"""

from __future__ import annotations

import csv
import datetime as dt
import json
import logging
import sqlite3
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

from index.errors import ArchiveError
from index.fields import FACETS, Field, Kind, field
from index.i18n import _
from index.models import ArticleRecord, SearchRequest, SearchResult

logger = logging.getLogger(__name__)

PERIODS: tuple[str, ...] = ("month", "quarter", "year")
_BATCH = 20_000


class _Catalog(Protocol):
    def conn(self) -> sqlite3.Connection:
        """This thread's catalog connection."""
        ...


class Searchable(Protocol):
    """What :func:`timeline` needs of an archive: a search and its catalog."""

    catalog: Any

    def search(self, request: SearchRequest) -> SearchResult:
        """Run a search."""
        ...


@dataclass(frozen=True)
class TimelineRow:
    """One cell of the table: how many articles had ``key`` in ``period``."""

    key: str
    period: str
    count: int

    def as_dict(self) -> dict[str, object]:
        """The row as the JSON of ``stats --json``: ``{"key", "period", "count"}``."""
        return {"key": self.key, "period": self.period, "count": self.count}


@dataclass(frozen=True)
class Timeline:
    """The whole table: facet name, period kind, rows ordered by period, then count (high first)."""

    by: str
    per: str
    rows: tuple[TimelineRow, ...]
    articles: int = 0  # articles of the search (counted or not)

    def as_dict(self) -> dict[str, object]:
        """``{"by", "per", "rows": [{"key", "period", "count"}]}``."""
        return {"by": self.by, "per": self.per, "rows": [r.as_dict() for r in self.rows]}

    def values_by_total(self) -> list[str]:
        """The values in the table, most counted first."""
        total: Counter[str] = Counter()
        for r in self.rows:
            total[r.key] += r.count
        return [k for k, _ in sorted(total.items(), key=lambda kv: (-kv[1], kv[0]))]

    def periods(self) -> list[str]:
        """The periods in the table, oldest first."""
        return sorted({r.period for r in self.rows})


def facet_field(by: str) -> Field:
    """The facet called ``by``; ``ValueError`` naming the facets if it is none."""
    try:
        fld = field(by)
    except KeyError:
        fld = None
    if fld is None or not fld.facet:
        raise ValueError(f"cannot count by {by!r}; choose one of: {', '.join(f.name for f in FACETS)}")
    return fld


def period_of(date: dt.date, per: str) -> str:
    """The period label of a date: ``2025-10`` (month), ``2025-Q4`` (quarter), ``2025`` (year)."""
    if per == "month":
        return f"{date.year:04d}-{date.month:02d}"
    if per == "quarter":
        return f"{date.year:04d}-Q{(date.month - 1) // 3 + 1}"
    if per == "year":
        return f"{date.year:04d}"
    raise ValueError(f"unknown period {per!r}; choose one of: {', '.join(PERIODS)}")


def period_range(period: str) -> tuple[dt.date, dt.date]:
    """First and last day of a period label (to narrow a search to a clicked cell)."""
    if len(period) == 4:
        y = int(period)
        return dt.date(y, 1, 1), dt.date(y, 12, 31)
    year, rest = period.split("-", 1)
    y = int(year)
    if rest.startswith("Q"):
        q = int(rest[1:])
        first_month, last_month = 3 * q - 2, 3 * q
    else:
        first_month = last_month = int(rest)
    end = dt.date(y + (last_month == 12), last_month % 12 + 1, 1) - dt.timedelta(days=1)
    return dt.date(y, first_month, 1), end


def rows_of(counts: Counter[tuple[str, str]]) -> tuple[TimelineRow, ...]:
    """Table rows from counts by (value, period): by period, then count (high first), then value."""
    ordered = sorted(counts.items(), key=lambda kv: (kv[0][1], -kv[1], kv[0][0]))
    return tuple(TimelineRow(key, period, n) for (key, period), n in ordered)


def record_values(rec: ArticleRecord, fld: Field) -> tuple[str, ...]:
    """An article's values of a facet (edits applied, as the record holds them)."""
    if fld.kind is Kind.MONTH:
        return (period_of(rec.date, "month"),)
    value = getattr(rec, fld.record_attr or fld.name)
    if value is None or value == "":
        return ()
    return tuple(value) if isinstance(value, tuple | list) else (str(value),)


def count_records(records: Iterable[ArticleRecord], by: str, per: str) -> Timeline:
    """The table counted from article records (the reference the SQL path is tested against)."""
    fld = facet_field(by)
    period_of(dt.date(2000, 1, 1), per)
    counts: Counter[tuple[str, str]] = Counter()
    n = 0
    for rec in records:
        n += 1
        period = period_of(rec.date, per)
        for value in dict.fromkeys(record_values(rec, fld)):
            counts[value, period] += 1
    return Timeline(by, per, rows_of(counts), n)


def _value_sql(fld: Field) -> tuple[str, str]:
    """Select expression and join for a facet's effective (edited) value."""
    if fld.kind is Kind.MONTH:
        return "NULL", ""
    column = fld.column or fld.name
    edit_field = fld.record_attr or column
    join = f"LEFT JOIN edits ed ON ed.akey = a.akey AND ed.field = '{edit_field}'"
    return f"COALESCE(ed.value, a.{column})", join


def count_ids(catalog: _Catalog, ids: Sequence[int], by: str, per: str) -> Timeline:
    """The table for the articles ``ids`` (one SQL query per 20,000 ids over the catalog)."""
    fld = facet_field(by)
    period_of(dt.date(2000, 1, 1), per)
    expr, join = _value_sql(fld)
    sql = (
        f"SELECT e.date, {expr} FROM articles a JOIN editions e ON e.id = a.edition_id {join} "
        "WHERE a.id IN (SELECT value FROM json_each(?))"
    )
    counts: Counter[tuple[str, str]] = Counter()
    by_day: dict[str, str] = {}
    n = 0
    con = catalog.conn()
    for start in range(0, len(ids), _BATCH):
        chunk = ids[start : start + _BATCH]
        try:
            rows = con.execute(sql, (json.dumps(list(chunk)),)).fetchall()
        except sqlite3.Error as exc:
            logger.exception("counting %s per %s failed", by, per)
            raise ArchiveError(_("Cannot count by {by}: {exc}").format(by=by, exc=exc)) from exc
        for day, raw in rows:
            n += 1
            period = by_day.get(day)
            if period is None:
                period = by_day[day] = period_of(dt.date.fromisoformat(day), per)
            if fld.kind is Kind.MONTH:
                values: Iterable[str] = (day[:7],)
            elif raw is None or raw == "":
                continue
            elif fld.multi or (isinstance(raw, str) and raw.startswith('"')):
                decoded = json.loads(raw)
                values = dict.fromkeys(decoded) if isinstance(decoded, list) else (str(decoded),)
            else:
                values = (str(raw),)
            for value in values:
                if value:
                    counts[value, period] += 1
    return Timeline(by, per, rows_of(counts), n)


def timeline(
    archive: Searchable, request: SearchRequest, by: str, per: str, *, fast: bool = True
) -> Timeline:
    """Counts by ``by`` per ``per`` for the articles a search finds (any query and filters).

    From the search engine's per-document values when they hold exactly these articles
    (:mod:`index.insight.timeline_engine`), else from the catalog (``fast=False``: always).

    Args:
        archive: An :class:`index.archive.Archive` (anything with ``search`` and ``catalog``).
        request: The search; its ``limit`` is ignored (all matching ids are counted).
        by: A facet name (:data:`index.fields.FACETS`): street, topic, reporter, section, …
        per: ``month``, ``quarter`` or ``year``.
        fast: Try the engine's table first.
    """
    facet_field(by)
    period_of(dt.date(2000, 1, 1), per)
    result = archive.search(_no_hits(request))
    engine = getattr(archive, "index", None)
    if engine is not None and fast:
        from index.insight.timeline_engine import count_from_engine

        table = count_from_engine(engine, result.ids, by, per, archive.catalog)
        if table is not None:
            return table
    return count_ids(archive.catalog, result.ids, by, per)


def _no_hits(request: SearchRequest) -> SearchRequest:
    return SearchRequest(
        request.text,
        filters=request.filters,
        date_from=request.date_from,
        date_to=request.date_to,
        sort="date_asc",
        limit=0,
    )


# -- writers ---------------------------------------------------------------------------------------
def _headers(fld: Field) -> list[str]:
    return [f"{fld.label_zh} ({fld.name})", "时期 (period)", "篇数 (count)"]


def write_csv(table: Timeline, out: Path) -> Path:
    """The table as CSV (UTF-8 with BOM so spreadsheet programs read the Chinese), long format."""
    out = Path(out)
    try:
        with out.open("w", encoding="utf-8-sig", newline="") as fh:
            w = csv.writer(fh)
            w.writerow(_headers(facet_field(table.by)))
            for r in table.rows:
                w.writerow([r.key, r.period, r.count])
    except OSError as exc:
        logger.exception("writing %s failed", out)
        raise ArchiveError(
            _("Cannot write {out}: {value}").format(out=out, value=exc.strerror or exc)
        ) from exc
    return out


def write_xlsx(table: Timeline, out: Path) -> Path:
    """The table as XLSX: sheet 统计 (long format, as the CSV) and sheet 透视 (values × periods)."""
    from openpyxl import Workbook

    out = Path(out)
    fld = facet_field(table.by)
    wb = Workbook(write_only=True)
    long = wb.create_sheet("统计")
    long.append(_headers(fld))
    for r in table.rows:
        long.append([r.key, r.period, r.count])
    pivot = wb.create_sheet("透视")
    periods = table.periods()
    cells = {(r.key, r.period): r.count for r in table.rows}
    pivot.append([fld.label_zh, *periods, "合计"])
    for key in table.values_by_total():
        row = [cells.get((key, p), 0) for p in periods]
        pivot.append([key, *row, sum(row)])
    try:
        wb.save(out)
    except OSError as exc:
        logger.exception("writing %s failed", out)
        raise ArchiveError(
            _("Cannot write {out}: {value}").format(out=out, value=exc.strerror or exc)
        ) from exc
    return out
