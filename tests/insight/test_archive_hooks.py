"""The Archive's insight methods: timeline, related, collections, and the reprint file following imports."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from index.archive import Archive
from index.insight.similar import FILE_NAME
from index.models import SearchRequest
from tests.archive_helpers import article, edition
from tests.insight.test_similar import STORY, _by_title, _editions


def test_archive_methods_and_the_file_following_imports(tmp_path: Path) -> None:
    with Archive(tmp_path / "a") as a:
        a.import_editions(_editions())
        assert a.insight.calendar() and a.insight.last_sync is None
        orig = _by_title(a, "御河冰雪嘉年华开园")
        hits = a.related(orig, limit=4)
        assert hits[0].kind == "reprint" and len(hits) <= 4
        again = article("嘉年华再次见报", *STORY[1:], topics=("文化",))
        a.import_editions([edition(dt.date(2025, 6, 1), [again])])  # the file follows the import
        new_id = _by_title(a, "嘉年华再次见报")
        last = a.insight.last_sync
        assert last is not None and last.editions == 1 and last.reprints
        assert all(new_id in pair for pair in last.reprints) and len(last.reprints) == 2
        lines = a.insight.reprint_lines()
        assert len(lines) == 2 and all(line.startswith("2025-06-01 《嘉年华再次见报》 ← ") for line in lines)
        table = a.timeline(SearchRequest("嘉年华"), "topic", "year")
        assert {(r.key, r.period, r.count) for r in table.rows} == {("文化", "2025", 4)}
        col = a.collections.create("冰雪")
        assert a.collections.get_or_create("冰雪") == col and a.collections.get_or_create("选集").count == 0
        a.collections.add(col.id, [orig, new_id], "跟踪")
        assert a.collections.ids(col.id) == [orig, new_id]
    assert (tmp_path / "a" / FILE_NAME).is_file()
    with Archive(tmp_path / "a", readonly=True) as r:  # read-only: no listener, the file is read
        assert {h.id for h in r.related(orig) if h.kind == "reprint"} >= {new_id}
        assert [c.name for c in r.collections.all()] == ["冰雪", "选集"]


def test_removing_and_restoring_one_article(tmp_path: Path) -> None:
    with Archive(tmp_path / "a") as a:
        a.import_editions(_editions())
        orig, rep = _by_title(a, "御河冰雪嘉年华开园"), _by_title(a, "冰雪嘉年华迎客 市民畅享冰雪乐趣")
        assert [h.id for h in a.related(orig) if h.kind == "reprint"] == [rep]
        removed = a.remove_articles([rep])  # its edition stays, with the same file hash
        sigs = a.insight.similarity.conn().execute("SELECT count(*) FROM sigs WHERE article_id = ?", (rep,))
        assert sigs.fetchone()[0] == 0
        assert not [h for h in a.related(orig) if h.kind == "reprint"]
        a.restore(removed)
        assert [h.id for h in a.related(orig) if h.kind == "reprint"] == [rep]
