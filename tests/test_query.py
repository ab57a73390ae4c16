"""The query syntax (parse) and its translation into Whoosh queries (build)."""

from __future__ import annotations

import datetime as dt

import pytest

from index.errors import BadQuery
from index.models import SearchRequest
from index.search.plan import QueryContext, build
from index.search.syntax import AllOf, AnyOf, DateRange, FieldTerm, Not, Phrase, Word, normalise_phrase, parse
from index.search.tree import DayRange, Every, Plan, Text, terms_of


def test_words_phrases_negation_and_or() -> None:
    assert parse("") is None and parse("   ") is None
    assert parse("垃圾分类") == Word("垃圾分类")
    assert parse('社区 "天安门广场" -招聘') == AllOf((Word("社区"), Phrase("天安门广场"), Not(Word("招聘"))))
    assert parse("“垃圾分类”") == Phrase("垃圾分类") and parse("「老旧小区」") == Phrase("老旧小区")
    assert parse("古城 OR 御河 OR 新华") == AnyOf((Word("古城"), Word("御河"), Word("新华")))
    assert parse("社区 古城 OR 御河") == AllOf((Word("社区"), AnyOf((Word("古城"), Word("御河")))))
    assert parse('-"招聘会"') == Not(Phrase("招聘会"))


@pytest.mark.parametrize(
    ("text", "node"),
    [
        ("记者:李满", FieldTerm("reporter", "李满")),
        ("reporter:李满", FieldTerm("reporter", "李满")),
        ("记者：李满", FieldTerm("reporter", "李满")),
        ('记者:"李 满"', FieldTerm("reporter", "李 满")),
        ("街道:东街", FieldTerm("street", "东街")),
        ("Street:古城街道", FieldTerm("street", "古城街道")),
        ("主题:教育", FieldTerm("topic", "教育")),
        ("topic:教育", FieldTerm("topic", "教育")),
        ("版面:平城头条", FieldTerm("section", "平城头条")),
        ("摄影:杨宇", FieldTerm("photographer", "杨宇")),
        ("photographer:杨宇", FieldTerm("photographer", "杨宇")),
        ("标题:垃圾分类", FieldTerm("title", "垃圾分类")),
        ("title:垃圾分类", FieldTerm("title", "垃圾分类")),
    ],
)
def test_field_terms(text: str, node: FieldTerm) -> None:
    assert parse(text) == node
    assert parse(f"社区 {text}") == AllOf((Word("社区"), node))


@pytest.mark.parametrize(
    ("text", "start", "end"),
    [
        ("日期:2025-10..2026-01", dt.date(2025, 10, 1), dt.date(2026, 1, 31)),
        ("日期:2025", dt.date(2025, 1, 1), dt.date(2025, 12, 31)),
        ("date:2024-02", dt.date(2024, 2, 1), dt.date(2024, 2, 29)),
        ("日期:2025-10-05", dt.date(2025, 10, 5), dt.date(2025, 10, 5)),
        ("日期:20251005", dt.date(2025, 10, 5), dt.date(2025, 10, 5)),
        ("日期:2025年10月", dt.date(2025, 10, 1), dt.date(2025, 10, 31)),
        ("日期:2025-10..", dt.date(2025, 10, 1), None),
        ("日期:..2026-01", None, dt.date(2026, 1, 31)),
    ],
)
def test_dates(text: str, start: dt.date | None, end: dt.date | None) -> None:
    assert parse(text) == DateRange(start, end)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('"垃圾分类', "Unclosed quote"),
        ('""', "Empty quotes"),
        ("OR 社区", "OR must stand between"),
        ("社区 OR", "OR must stand between"),
        ("社区 OR OR 街道", "OR must stand between"),
        ("- 社区", "minus sign"),
        ("记者:", "Nothing after"),
        ("日期:2025-13", "Not a date"),
        ("日期:昨天", "Not a date"),
        ("日期:2026-01..2025-10", "ends before it starts"),
        ("日期:..", "at least one end"),
        ("作者:李满", "Unknown field 作者:.*标题:.*摄影:.*reporter:"),
        ("author:x", "Unknown field author:"),
        ("社区 NEAR 居民", "NEAR is not supported"),
        ("社区" * 300, "at most 500"),
    ],
)
def test_nonsense_is_a_bad_query(text: str, message: str) -> None:
    with pytest.raises(BadQuery, match=message):
        parse(text)


def test_nothing_to_search_is_a_bad_query() -> None:
    with pytest.raises(BadQuery, match="no word"):
        build(SearchRequest(text="，。！"), QueryContext())
    with pytest.raises(BadQuery, match="no word"):
        build(SearchRequest(text='"，。"'), QueryContext())


def test_normalise_phrase() -> None:
    assert normalise_phrase(" 垃圾 分类 ") == "垃圾分类"
    assert normalise_phrase("COVID  19 疫情") == "COVID 19疫情"


def _terms(q: Plan, field: str) -> set[str]:
    return terms_of(q, field)


def _leaves(q: Plan) -> list[Plan]:
    parts = getattr(q, "parts", None)
    if parts is not None:
        return [leaf for p in parts for leaf in _leaves(p)]
    if hasattr(q, "base"):
        return _leaves(q.base) + _leaves(q.drop)  # type: ignore[union-attr]
    return [q]


def test_street_terms_go_through_the_resolver() -> None:
    names = {"东街": "古城街道", "东街街道": "古城街道", "文瀾湖街道": "文瀛湖街道"}
    ctx = QueryContext(street_resolver=names.get)
    q = build(SearchRequest(text="街道:东街", streets=("文瀾湖街道",)), ctx).plan
    assert _terms(q, "street") == {"古城街道", "文瀛湖街道"}
    # a plain word that names a street also matches the street field, by its official name
    assert "古城街道" in _terms(build(SearchRequest(text="东街街道"), ctx).plan, "street")
    assert _terms(build(SearchRequest(text="街道:新华街道"), ctx).plan, "street") == {"新华街道"}


def test_filters_and_dates_become_terms_and_ranges() -> None:
    req = SearchRequest(
        text="记者:李 日期:2025",
        topics=("教育", "民生"),
        reporters=("王 芳",),
        months=("2025-03",),
        date_from=dt.date(2025, 3, 1),
    )
    c = build(req, QueryContext())
    assert _terms(c.plan, "topic") == {"教育", "民生"} and _terms(c.plan, "reporter") == {"李", "王芳"}
    assert _terms(c.plan, "month") == {"2025-03"} and not c.has_text
    ranges = [q for q in _leaves(c.plan) if isinstance(q, DayRange)]
    assert {(r.start, r.end) for r in ranges} == {
        (dt.date(2025, 1, 1), dt.date(2025, 12, 31)),
        (dt.date(2025, 3, 1), None),
    }


def test_terms_for_highlighting_are_positive_and_longest_first() -> None:
    c = build(SearchRequest(text='垃圾分类 "天安门广场" -招聘'), QueryContext())
    assert c.terms[0] == "天安门广场" and "垃圾分类" in c.terms and "招聘" not in c.terms
    assert c.has_text
    assert build(SearchRequest(), QueryContext()).plan == Every()


def test_words_and_phrases_are_exact_text_and_title_prefix_is_headline_only() -> None:
    plan = build(SearchRequest(text='正恩 "5G" 标题:垃圾分类 摄影:王 芳'), QueryContext()).plan
    texts = [q for q in _leaves(plan) if isinstance(q, Text)]
    assert Text("正恩") in texts and Text("5G") in texts and Text("垃圾分类", headline_only=True) in texts
    assert _terms(plan, "photographer") == {"正恩", "5G", "王", "芳"}  # words also name people
    assert _terms(build(SearchRequest(text='摄影:"王 芳"'), QueryContext()).plan, "photographer") == {"王芳"}
