"""The archive tells its listeners what changed: edits, reverts, imports, reindex (after commit)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from index.archive import Archive, Changes
from index.models import SearchRequest
from tests.archive_helpers import write_edition

A1 = ("平城区召开冬季供暖工作会议", "邸东芳", "会议要求各供热企业确保居民室温达标。")
A2 = ("古城街道开展垃圾分类宣传", "锦秀", "古城街道组织志愿者走进社区，讲解垃圾分类知识。")
A3 = ("文慧小学举办读书月活动", "贾欣怡", "全校师生共读经典，分享阅读心得。")


@pytest.fixture
def archive(tmp_path: Path):  # type: ignore[no-untyped-def]
    opened = Archive(tmp_path / "archive")
    yield opened
    opened.close()


def _record(archive: Archive) -> list[Changes]:
    seen: list[Changes] = []
    archive.subscribe(seen.append)
    return seen


def test_import_reports_added_updated_and_unchanged_editions(archive: Archive, tmp_path: Path) -> None:
    seen = _record(archive)
    src = tmp_path / "src"
    src.mkdir()
    write_edition(src, dt.date(2025, 1, 6), [A1])
    write_edition(src, dt.date(2025, 1, 13), [A2])
    archive.import_paths([src])
    ids = {e.id for e in archive.editions()}
    assert seen == [Changes(editions_added=frozenset(ids))]
    archive.import_paths([src])  # nothing new: no notification at all
    assert len(seen) == 1
    write_edition(src, dt.date(2025, 1, 6), [A1, A3])  # a corrected file for the same edition
    archive.import_paths([src])
    first = next(e.id for e in archive.editions() if e.date == dt.date(2025, 1, 6))
    assert seen[-1] == Changes(editions_updated=frozenset({first}))
    assert seen[-1].editions_changed


def test_edit_and_revert_name_the_article_and_come_after_the_commit(archive: Archive, tmp_path: Path) -> None:
    write_edition(tmp_path, dt.date(2025, 1, 6), [A1, A2])
    archive.import_paths([tmp_path / "2025-01-06.txt"])
    art = archive.edition_articles(archive.editions()[0].id)[1]
    found: list[int] = []

    def listener(changes: Changes) -> None:
        # The change is visible to a search made from inside the listener: it came after commit.
        found.append(archive.search(SearchRequest("记者:王芳", limit=0)).total)

    seen = _record(archive)
    archive.subscribe(listener)
    archive.edit_article(art.id, reporters=["王芳"])
    assert seen == [Changes(articles_edited=frozenset({art.id}))]
    assert found == [1]
    assert not seen[0].editions_changed
    archive.revert_edit(art.id, "reporters")
    assert seen[-1] == Changes(articles_edited=frozenset({art.id}))
    assert found[-1] == 0


def test_reindex_and_unsubscribe(archive: Archive, tmp_path: Path) -> None:
    write_edition(tmp_path, dt.date(2025, 1, 6), [A1])
    archive.import_paths([tmp_path / "2025-01-06.txt"])
    seen = _record(archive)
    stop = archive.subscribe(lambda c: seen.append(c))
    archive.reindex()
    assert seen == [Changes(reindexed=True)] * 2
    stop()
    archive.reindex()
    assert len(seen) == 3


def test_a_failing_listener_is_logged_and_others_still_hear(
    archive: Archive, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    def broken(_c: Changes) -> None:
        raise RuntimeError("listener bug")

    archive.subscribe(broken)
    seen = _record(archive)
    write_edition(tmp_path, dt.date(2025, 1, 6), [A1])
    report = archive.import_paths([tmp_path / "2025-01-06.txt"])
    assert report.editions_added == 1 and len(seen) == 1
    assert "listener bug" in caplog.text


def test_empty_changes_are_false() -> None:
    assert not Changes()
    assert Changes(articles_removed=frozenset({3}))
    before, after = {1: "a", 2: "b"}, {2: "c", 3: "d"}
    assert Changes.between_editions(before, after) == Changes(
        editions_added=frozenset({3}), editions_updated=frozenset({2}), editions_removed=frozenset({1})
    )


def test_import_editions_announces_the_new_edition(archive: Archive, tmp_path: Path) -> None:
    path = write_edition(tmp_path, dt.date(2025, 3, 3), [A3])
    parsed = Archive.parse_file(path)
    seen = _record(archive)
    archive.import_editions([parsed])
    assert seen == [Changes(editions_added=frozenset(e.id for e in archive.editions()))]
