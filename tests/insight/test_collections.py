"""Collections: persistent, with notes, surviving re-import, shared as a file with another archive."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from index.archive import Archive
from index.errors import ArchiveError
from index.insight.collections import Collections
from tests.archive_helpers import article, edition

D1, D2 = dt.date(2025, 3, 1), dt.date(2025, 3, 8)


def _editions() -> list:
    return [
        edition(
            D1, [article("春耕备耕", "农机检修。"), article("图片新闻", "一"), article("图片新闻", "二")]
        ),
        edition(D2, [article("植树节活动", "栽下树苗。"), article("社区义诊", "量血压。")]),
    ]


def _ids(a: Archive) -> dict[tuple[str, str], int]:
    return {(r.title, r.body): r.id for e in a.editions() for r in a.edition_articles(e.id)}


def test_create_add_note_persist(tmp_path: Path) -> None:
    with Archive(tmp_path / "a") as a:
        a.import_editions(_editions())
        ids = _ids(a)
        cols = Collections(a.catalog)
        col = cols.create("春季专题", "三月的报道")
        assert cols.add(col.id, [ids["植树节活动", "栽下树苗。"], ids["春耕备耕", "农机检修。"]], "备用") == 2
        assert cols.add(col.id, [ids["春耕备耕", "农机检修。"]]) == 0  # already in: keeps place and note
        cols.set_note(col.id, ids["春耕备耕", "农机检修。"], "年终回顾用")
        with pytest.raises(ArchiveError, match="already"):
            cols.create("春季专题")
        with pytest.raises(ArchiveError, match="No article"):
            cols.add(col.id, [9999])
    with Archive(tmp_path / "a") as a:  # persistent across sessions
        cols = Collections(a.catalog)
        col = cols.get("春季专题")
        assert (col.count, col.description) == (2, "三月的报道")
        items = cols.items(col.id)
        assert [(i.title, i.note) for i in items] == [("植树节活动", "备用"), ("春耕备耕", "年终回顾用")]
        assert cols.ids(col.id) == [i.article_id for i in items]
        assert cols.remove(col.id, [items[0].article_id]) == 1
        cols.rename(col.id, "春耕")
        assert [c.name for c in cols.all()] == ["春耕"]
        cols.delete(col.id)
        assert cols.all() == [] and a.catalog.article_count() == 5


def test_survives_reimport_and_keeps_vanished_articles(tmp_path: Path) -> None:
    with Archive(tmp_path / "a") as a:
        a.import_editions(_editions())
        ids = _ids(a)
        cols = Collections(a.catalog)
        col = cols.create("x")
        cols.add(col.id, [ids["社区义诊", "量血压。"], ids["植树节活动", "栽下树苗。"]])
        changed = edition(D2, [article("社区义诊", "量血压，测血糖。"), article("新文章", "新内容。")])
        a.import_editions([changed])
        items = cols.items(col.id)
        assert items[0].article_id == ids["社区义诊", "量血压。"]  # same article, kept its id
        assert (items[1].article_id, items[1].title, items[1].date) == (None, "植树节活动", D2)
        assert cols.ids(col.id) == [ids["社区义诊", "量血压。"]]


def test_file_round_trip_to_another_archive(tmp_path: Path) -> None:
    with Archive(tmp_path / "a") as a:
        a.import_editions(_editions())
        ids = _ids(a)
        a.edit_article(ids["社区义诊", "量血压。"], title="社区开展义诊")
        cols = Collections(a.catalog)
        col = cols.create("分享")
        cols.add(col.id, [ids["图片新闻", "二"], ids["社区义诊", "量血压。"]], "看这篇")
        out = cols.export_file(col.id, tmp_path / "c.json")
    data = json.loads(out.read_text(encoding="utf-8"))
    assert [(i["title"], i["occurrence"]) for i in data["items"]] == [("图片新闻", 1), ("社区开展义诊", 0)]
    data["items"].append({"date": "2025-03-15", "title": "不存在的文章"})
    out.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    with Archive(tmp_path / "b") as b:  # the same editions, imported in another order, no edits
        b.import_editions(list(reversed(_editions())))
        cols = Collections(b.catalog)
        cols.create("分享")
        res = cols.import_file(out)
        assert res.collection.name == "分享 (2)" and res.matched == 2
        assert res.unmatched == ("2025-03-15 不存在的文章",)
        got = [(r.title, r.body) for r in b.catalog.articles(cols.ids(res.collection.id))]
        assert got == [
            ("图片新闻", "二"),
            ("社区义诊", "量血压。"),
        ]  # the edited title matched the parsed one
        assert [i.note for i in cols.items(res.collection.id)] == ["看这篇", "看这篇"]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("not json", "not JSON"),
        ('{"format": "other"}', "not a collection file"),
        ('{"format": "pingcheng-collection", "version": 99, "name": "x", "items": []}', "newer version"),
        (
            '{"format": "pingcheng-collection", "version": 1, "name": "x", "items": [{"title": "t"}]}',
            "valid date",
        ),
    ],
)
def test_bad_files_are_refused_clearly(tmp_path: Path, text: str, message: str) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text(text, encoding="utf-8")
    with Archive(tmp_path / "a") as a:
        cols = Collections(a.catalog)
        with pytest.raises(ArchiveError, match=message):
            cols.import_file(bad)
        assert cols.all() == []


def test_readonly_archive_reads_collections(tmp_path: Path) -> None:
    with Archive(tmp_path / "a") as a:
        a.import_editions(_editions())
        Collections(a.catalog).create("只读")
    with Archive(tmp_path / "a", readonly=True) as r:
        assert [c.name for c in Collections(r.catalog).all()] == ["只读"]
