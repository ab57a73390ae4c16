"""The SQLite catalog: storage, re-import rules, librarian edits, transactions, schema, threads."""

from __future__ import annotations

import dataclasses
import datetime as dt
import sqlite3
import threading
from pathlib import Path

import pytest

from index import fields
from index.catalog import SCHEMA_VERSION, Catalog, normalise_edit, rows, schema
from index.errors import ArchiveError, SchemaMismatch
from index.models import ArticleRecord, Caption
from tests.archive_helpers import article, edition

D1 = dt.date(2025, 3, 8)
D2 = dt.date(2025, 3, 9)


def _first(cat: Catalog) -> list[str]:
    return [a.title for a in cat.edition_articles(cat.editions()[0].id)]


@pytest.fixture
def cat(tmp_path: Path) -> Catalog:
    c = Catalog(tmp_path / "catalog.sqlite")
    yield c
    c.close()


def test_store_keeps_every_field_in_reading_order(cat: Catalog) -> None:
    cap = Caption("居民在新修的广场上散步。", photographer="刘星", credit="")
    ed = edition(
        D1,
        [
            article(
                "平城区召开春季植树动员会",
                "第一段。",
                "第二段。",
                reporters=["李满", "王芳"],
                streets=["古城街道"],
            ),
            article(
                "文慧小学开展读书月活动",
                "学生们在读书。",
                captions=[cap],
                kicker="书香校园",
                subtitle="共读经典",
            ),
            article("", "上接第一版的文字。", fragment=True, section=None),
        ],
        unassigned=["无法归属的一段文字。"],
    )
    res = cat.store_edition(ed, "/x/2025-03-08.txt")
    assert res.status == "added" and len(res.article_ids) == 3
    [er] = cat.editions()
    assert (er.date, er.article_count, er.unassigned, er.sections) == (
        D1,
        3,
        ("无法归属的一段文字。",),
        ("要闻",),
    )
    arts = cat.edition_articles(er.id)
    assert [a.seq for a in arts] == [0, 1, 2] and [a.id for a in arts] == list(res.article_ids)
    first, second, third = arts
    assert first.body == "第一段。\n第二段。" and first.reporters == ("李满", "王芳")
    assert first.streets == ("古城街道",) and first.paragraphs == ["第一段。", "第二段。"]
    assert second.captions == (cap,) and (second.kicker, second.subtitle) == ("书香校园", "共读经典")
    assert third.fragment and third.section is None and third.edited == frozenset()


def test_same_file_again_is_unchanged_and_no_duplicates(cat: Catalog) -> None:
    ed = edition(D1, [article("标题一", "正文一。"), article("标题二", "正文二。")])
    assert cat.store_edition(ed, "a.txt").status == "added"
    assert cat.store_edition(ed, "b.txt").status == "unchanged"
    assert len(cat.editions()) == 1 and cat.article_count() == 2


def test_changed_file_updates_in_place_keeping_ids(cat: Catalog) -> None:
    old = edition(
        D1, [article("标题一", "正文一。"), article("标题二", "正文二。"), article("标题三", "正文三。")]
    )
    ids = cat.store_edition(old, "a.txt").article_ids
    new = edition(
        D1,
        [article("新插入的稿件", "新的。"), article("标题一", "正文一改。"), article("标题三", "正文三。")],
    )
    res = cat.store_edition(new, "a.txt")
    assert res.status == "updated" and len(cat.editions()) == 1
    arts = cat.edition_articles(res.edition_id)
    assert [a.title for a in arts] == ["新插入的稿件", "标题一", "标题三"]
    assert arts[1].id == ids[0] and arts[1].body == "正文一改。" and arts[2].id == ids[2]
    assert cat.article_count() == 3 and not cat.articles([ids[1]])


def test_edit_is_kept_apart_and_survives_reimport(cat: Catalog, tmp_path: Path) -> None:
    ed = edition(D1, [article("标题一", "正文一。", reporters=["李 满"]), article("标题二", "正文二。")])
    aid = cat.store_edition(ed, "a.txt").article_ids[1]
    cat.set_edit(aid, {"title": "更正后的标题", "reporters": "张三、李四"})
    rec = cat.articles([aid])[0]
    assert rec.title == "更正后的标题" and rec.reporters == ("张三", "李四")
    assert rec.edited == frozenset({"title", "reporters"})
    raw = sqlite3.connect(tmp_path / "catalog.sqlite").execute(
        "SELECT title FROM articles WHERE id=?", (aid,)
    )
    assert raw.fetchone()[0] == "标题二"  # the parsed value is untouched
    changed = edition(
        D1,
        [article("插在前面的稿件", "新。"), article("标题一", "正文一。"), article("标题二", "正文二改。")],
    )
    cat.store_edition(changed, "a.txt")
    rec = cat.articles([aid])[0]
    assert (rec.title, rec.body, rec.reporters) == ("更正后的标题", "正文二改。", ("张三", "李四"))
    cat.remove_edit(aid, "title")
    assert cat.articles([aid])[0].title == "标题二" and cat.articles([aid])[0].edited == {"reporters"}


def test_edit_of_a_vanished_article_is_reported_and_kept(cat: Catalog) -> None:
    aid = cat.store_edition(edition(D1, [article("标题一", "正文。")]), "a.txt").article_ids[0]
    cat.set_edit(aid, {"topics": ["教育"]})
    res = cat.store_edition(edition(D1, [article("改了标题", "正文。")]), "a.txt")
    assert res.orphaned_edits == 1
    assert cat.conn().execute("SELECT count(*) FROM edits").fetchone()[0] == 1


def test_bad_edits_are_refused(cat: Catalog) -> None:
    aid = cat.store_edition(edition(D1, [article("标题一", "正文。")]), "a.txt").article_ids[0]
    with pytest.raises(ArchiveError, match="cannot be edited"):
        cat.set_edit(aid, {"body": "x"})
    with pytest.raises(ArchiveError, match="must be text"):
        cat.set_edit(aid, {"title": 5})
    with pytest.raises(ArchiveError, match="No article"):
        cat.set_edit(aid + 99, {"title": "x"})


def test_failure_mid_import_leaves_catalog_as_it_was(cat: Catalog, monkeypatch: pytest.MonkeyPatch) -> None:
    cat.store_edition(edition(D1, [article("标题一", "正文一。")]), "a.txt")
    before = (cat.editions(), cat.stats(), _first(cat))
    calls = {"n": 0}
    real = rows.article_params

    def failing(art: object) -> dict[str, object]:
        calls["n"] += 1
        if calls["n"] == 2:
            raise RuntimeError("disk on fire")
        return real(art)  # type: ignore[arg-type]

    monkeypatch.setattr("index.catalog.editions.article_params", failing)
    with pytest.raises(RuntimeError):
        cat.store_edition(edition(D2, [article("甲", "一。"), article("乙", "二。")]), "b.txt")
    calls["n"] = 0
    with pytest.raises(RuntimeError):  # an update of an existing edition rolls back too
        cat.store_edition(edition(D1, [article("标题一", "改。"), article("乙", "二。")]), "a.txt")
    assert (cat.editions(), cat.stats(), _first(cat)) == before


def test_undated_edition_is_refused(cat: Catalog) -> None:
    ed = edition(D1, [article("标题", "正文。")])
    ed.date = None
    with pytest.raises(ArchiveError, match="no date"):
        cat.store_edition(ed, "x.txt")


def test_schema_version_wal_and_newer_schema(tmp_path: Path) -> None:
    path = tmp_path / "catalog.sqlite"
    Catalog(path).close()
    con = sqlite3.connect(path)
    assert con.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    assert con.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert con.execute("PRAGMA page_size").fetchone()[0] == 16384
    con.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    con.close()
    with pytest.raises(SchemaMismatch, match="newer version"):
        Catalog(path)


def test_stats_and_facet_values_apply_edits(cat: Catalog) -> None:
    ids = cat.store_edition(
        edition(
            D1,
            [
                article("甲", "一。", streets=["古城街道"], reporters=["李满"]),
                article("乙", "二。", streets=["古城街道"]),
            ],
        ),
        "a.txt",
    ).article_ids
    cat.store_edition(edition(D2, [article("丙", "三。", streets=["御河街道"], topics=["教育"])]), "b.txt")
    cat.set_edit(ids[1], {"streets": ["御河街道"]})
    stats = cat.stats()
    assert stats["street"] == {"御河街道": 2, "古城街道": 1}
    assert stats["reporter"] == {"李满": 1} and stats["month"] == {"2025-03": 3}
    assert stats["total"] == {"editions": 2, "articles": 3, "fragments": 0, "edits": 1}
    assert cat.facet_values("street") == ["古城街道", "御河街道"] and cat.facet_values("section") == ["要闻"]


def test_ids_containing_checks_the_text(cat: Catalog) -> None:
    ids = cat.store_edition(
        edition(
            D1,
            [
                article("甲", "推进垃圾分类工作。"),
                article("乙", "垃圾，分类。"),
                article("垃圾分类进社区", "正文。"),
            ],
        ),
        "a.txt",
    ).article_ids
    assert cat.ids_containing(list(ids), "垃圾分类") == {ids[0], ids[2]}


def test_connections_per_thread_and_serialised_writes(cat: Catalog) -> None:
    ids = cat.store_edition(
        edition(D1, [article(f"标题{i}", f"正文{i}。") for i in range(8)]), "a.txt"
    ).article_ids
    conns: set[int] = set()
    errors: list[BaseException] = []

    def work(i: int) -> None:
        try:
            conns.add(id(cat.conn()))
            cat.set_edit(ids[i], {"title": f"改{i}"})
            assert cat.articles([ids[i]])[0].title == f"改{i}"
        except BaseException as exc:
            errors.append(exc)

    threads = [threading.Thread(target=work, args=(i,)) for i in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors and len(conns) == 8
    assert [a.title for a in cat.edition_articles(cat.editions()[0].id)] == [f"改{i}" for i in range(8)]


def test_photographer_facet_counts_and_values_come_from_the_registry(cat: Catalog) -> None:
    arts = [article("甲", "一。"), article("乙", "二。"), article("丙", "三。")]
    arts[0].photographers = ["杨宇"]
    arts[1].photographers = ["杨宇", "刘星"]
    cat.store_edition(edition(D1, arts), "a.txt")
    assert cat.stats()["photographer"] == {"杨宇": 2, "刘星": 1}
    assert cat.facet_values("photographer") == ["刘星", "杨宇"]
    assert set(cat.stats()) == {*fields.facet_names(), "total"}
    with pytest.raises(ValueError, match="not a facet"):
        cat.facet_values("title")


def test_a_name_with_a_space_is_one_name() -> None:
    assert normalise_edit("reporters", "王 芳") == ["王芳"]
    assert normalise_edit("reporters", "王 芳、李满，王芳") == ["王芳", "李满"]
    assert normalise_edit("reporters", ["王 芳", " ", "李 满"]) == ["王芳", "李满"]
    assert normalise_edit("streets", " 古城街道 ; 御河街道") == ["古城街道", "御河街道"]
    assert normalise_edit("title", "  标题 一 ") == "标题 一"


def test_the_table_has_exactly_the_declared_columns(cat: Catalog) -> None:
    cols = [r["name"] for r in cat.conn().execute("PRAGMA table_info(articles)")]
    assert cols == ["id", "edition_id", "akey", "seq", *schema.COLUMN_NAMES]
    rec_fields = {f.name for f in dataclasses.fields(ArticleRecord)}
    assert set(schema.COLUMN_NAMES) <= rec_fields  # every column has its record attribute


def test_rows_are_read_by_name_not_position(cat: Catalog) -> None:
    ids = cat.store_edition(edition(D1, [article("甲", "一。", reporters=["李满"])]), "a.txt").article_ids
    row = cat.conn().execute(f"SELECT {schema.RECORD_SELECT} {schema.RECORD_FROM}").fetchone()
    shuffled = dict(zip(row.keys()[::-1], tuple(row)[::-1], strict=True))

    class Named(dict[str, object]):
        def __getitem__(self, key: object) -> object:
            if isinstance(key, int):
                raise AssertionError("read by position")
            return dict.__getitem__(self, key)

    rec = rows.article_record(Named(shuffled))  # type: ignore[arg-type]
    assert rec == cat.articles(list(ids))[0] and rec.reporters == ("李满",)


def test_an_unversioned_catalog_with_tables_is_adopted(tmp_path: Path) -> None:
    path = tmp_path / "catalog.sqlite"
    c = Catalog(path)
    c.store_edition(edition(D1, [article("甲", "一。")]), "a.txt")
    c.close()
    con = sqlite3.connect(path)  # a version 1 catalog written before versions were recorded
    con.executescript(
        "DROP TABLE catalog_state; DROP TABLE generations; DROP TABLE removed_editions; DROP TRIGGER edition_removed; "
        "PRAGMA user_version = 0;"
    )
    con.close()
    again = Catalog(path)
    assert again.article_count() == 1
    assert again.conn().execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    again.close()
