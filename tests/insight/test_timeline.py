"""Counts over time: the SQL path against a brute-force count over every catalog record."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import pytest
from openpyxl import load_workbook

from index.archive import Archive
from index.fields import FACETS
from index.insight.timeline import (
    PERIODS,
    count_ids,
    count_records,
    period_of,
    period_range,
    timeline,
    write_csv,
    write_xlsx,
)
from index.insight.timeline_engine import count_from_engine
from index.models import ArticleRecord, SearchRequest
from tests.insight.helpers import random_editions


@pytest.fixture(scope="module")
def archive(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Archive]:
    with Archive(tmp_path_factory.mktemp("tl") / "arch") as a:
        a.import_editions(random_editions())
        first = a.editions()[0]
        rec = a.edition_articles(first.id)[0]
        a.edit_article(rec.id, streets=["北关街道", "古城街道"], reporters=["新记者"])
        yield a


def _all(a: Archive) -> list[ArticleRecord]:
    return [r for batch in a.catalog.iter_articles() for r in batch]


def _brute(records: list[ArticleRecord], by: str, per: str) -> Counter[tuple[str, str]]:
    out: Counter[tuple[str, str]] = Counter()
    for rec in records:
        if by == "month":
            values: tuple[str, ...] = (rec.date.isoformat()[:7],)
        else:
            attr = {"street": "streets", "topic": "topics", "reporter": "reporters"}.get(by, by)
            attr = {"photographer": "photographers"}.get(attr, attr)
            raw = getattr(rec, attr)
            values = tuple(raw) if isinstance(raw, tuple) else ((raw,) if raw else ())
        for v in set(values):
            out[v, period_of(rec.date, per)] += 1
    return out


@pytest.mark.parametrize("fast", [True, False])
@pytest.mark.parametrize("per", PERIODS)
@pytest.mark.parametrize("by", [f.name for f in FACETS])
def test_all_articles_match_brute_force(archive: Archive, by: str, per: str, fast: bool) -> None:
    table = timeline(archive, SearchRequest(), by, per, fast=fast)
    got = Counter({(r.key, r.period): r.count for r in table.rows})
    records = _all(archive)
    assert got == _brute(records, by, per)
    assert table.articles == len(records)
    assert table.as_dict()["by"] == by and table.as_dict()["per"] == per


@pytest.mark.parametrize("fast", [True, False])
def test_edits_count_not_parsed_values(archive: Archive, fast: bool) -> None:
    table = timeline(archive, SearchRequest(), "reporter", "year", fast=fast)
    assert ("新记者", "2024") in {(r.key, r.period) for r in table.rows}


def test_the_engine_path_is_taken_and_agrees(archive: Archive) -> None:
    ids = archive.search(SearchRequest("社区", limit=0)).ids
    fast = count_from_engine(archive.index, ids, "street", "month", archive.catalog)
    assert fast is not None and fast == count_ids(archive.catalog, ids, "street", "month")
    assert count_from_engine(archive.index, (*ids, 10**6), "street", "month") is None  # not all there


@pytest.mark.parametrize(
    "request_",
    [
        SearchRequest("社区"),
        SearchRequest(streets=("古城街道",)),
        SearchRequest("志愿者", topics=("教育",), date_from=dt.date(2025, 1, 1)),
    ],
)
def test_a_search_counts_its_articles_only(archive: Archive, request_: SearchRequest) -> None:
    ids = set(archive.search(request_).ids)
    assert ids, "the search must find something for the test to mean anything"
    records = [r for r in _all(archive) if r.id in ids]
    if request_.streets:  # brute force of the filter itself
        assert {r.id for r in _all(archive) if "古城街道" in r.streets} == ids
    for by, fast in (("street", True), ("topic", False), ("section", True), ("section", False)):
        table = timeline(archive, request_, by, "month", fast=fast)
        assert Counter({(r.key, r.period): r.count for r in table.rows}) == _brute(records, by, "month")
        assert table == count_records(records, by, "month")


def test_rows_ordered_by_period_then_count(archive: Archive) -> None:
    rows = timeline(archive, SearchRequest(), "topic", "quarter").rows
    assert [(r.period, -r.count, r.key) for r in rows] == sorted((r.period, -r.count, r.key) for r in rows)


def test_periods_and_ranges() -> None:
    d = dt.date(2025, 11, 30)
    assert (period_of(d, "month"), period_of(d, "quarter"), period_of(d, "year")) == (
        "2025-11",
        "2025-Q4",
        "2025",
    )
    assert period_range("2025-Q4") == (dt.date(2025, 10, 1), dt.date(2025, 12, 31))
    assert period_range("2024-02") == (dt.date(2024, 2, 1), dt.date(2024, 2, 29))
    assert period_range("2025") == (dt.date(2025, 1, 1), dt.date(2025, 12, 31))
    for per in PERIODS:
        start, end = period_range(period_of(d, per))
        assert start <= d <= end


def test_bad_facet_and_period_are_refused(archive: Archive) -> None:
    with pytest.raises(ValueError, match="street"):
        timeline(archive, SearchRequest(), "title", "month")
    with pytest.raises(ValueError, match="quarter"):
        timeline(archive, SearchRequest(), "street", "week")


def test_csv_and_xlsx_read_back(archive: Archive, tmp_path: Path) -> None:
    table = timeline(archive, SearchRequest(), "street", "quarter")
    csv_path = write_csv(table, tmp_path / "t.csv")
    lines = csv_path.read_text(encoding="utf-8-sig").splitlines()
    assert lines[0].startswith("街道") and len(lines) == len(table.rows) + 1
    assert lines[1].split(",") == [table.rows[0].key, table.rows[0].period, str(table.rows[0].count)]
    xlsx = write_xlsx(table, tmp_path / "t.xlsx")
    wb = load_workbook(xlsx, read_only=True)
    long = list(wb["统计"].iter_rows(values_only=True))
    assert [tuple(r) for r in long[1:]] == [(r.key, r.period, r.count) for r in table.rows]
    pivot = list(wb["透视"].iter_rows(values_only=True))
    assert list(pivot[0][1:-1]) == table.periods()
    total = sum(r.count for r in table.rows)
    assert sum(row[-1] for row in pivot[1:]) == total
    assert [row[0] for row in pivot[1:]] == table.values_by_total()


def test_counts_follow_the_catalog_when_the_index_holds_more(tmp_path: Path) -> None:
    # two files for one edition in one import: the second replaces the first in the catalog
    eds = random_editions(seed=3, count=2)
    eds[1].date, eds[1].name = eds[0].date, eds[0].name
    with Archive(tmp_path / "a") as a:
        a.import_editions(eds)
        records = _all(a)
        for by in ("street", "topic"):
            table = timeline(a, SearchRequest(), by, "year")
            assert Counter({(r.key, r.period): r.count for r in table.rows}) == _brute(records, by, "year")
