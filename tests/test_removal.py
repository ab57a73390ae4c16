"""Removing editions and articles (catalog and index) and undoing it, with the changes announced."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from index.archive import Archive, Changes
from index.errors import ArchiveError
from index.models import SearchRequest
from tests.archive_helpers import write_edition

A1 = ("平城区召开冬季供暖工作会议", "邸东芳", "会议要求各供热企业确保居民室温达标。社区工作人员入户查看。")
A2 = ("古城街道开展垃圾分类宣传", "锦秀", "古城街道组织志愿者走进社区，讲解垃圾分类知识。")
A3 = ("文慧小学举办读书月活动", "贾欣怡", "全校师生共读经典，社区图书馆送书上门。")


@pytest.fixture
def archive(tmp_path: Path):  # type: ignore[no-untyped-def]
    a = Archive(tmp_path / "archive")
    write_edition(tmp_path, dt.date(2025, 1, 6), [A1, A2])
    write_edition(tmp_path, dt.date(2025, 1, 13), [A3])
    a.import_paths([tmp_path / "2025-01-06.txt", tmp_path / "2025-01-13.txt"])
    yield a
    a.close()


def _everything(a: Archive) -> tuple[object, ...]:
    arts = [(r.id, r.title, r.reporters, r.edited) for e in a.editions() for r in a.edition_articles(e.id)]
    found = a.search(SearchRequest("社区", sort="date", limit=0)).ids
    return tuple(a.editions()), tuple(arts), found


def _ids_with(a: Archive, word: str) -> set[int]:
    return {r.id for e in a.editions() for r in a.edition_articles(e.id) if word in r.title + r.body}


def test_remove_an_edition_then_undo(archive: Archive, tmp_path: Path) -> None:
    first = archive.editions()[0]
    gone = [r.id for r in archive.edition_articles(first.id)]
    archive.edit_article(gone[0], reporters=["王芳"])
    before = _everything(archive)
    seen: list[Changes] = []
    archive.subscribe(seen.append)
    removed = archive.remove_editions([first.id])
    assert seen == [Changes(articles_removed=frozenset(gone), editions_removed=frozenset({first.id}))]
    assert [e.id for e in archive.editions()] == [archive.editions()[0].id] != [first.id]
    assert set(archive.search(SearchRequest("社区", limit=0)).ids) == _ids_with(archive, "社区")
    assert archive.search(SearchRequest("记者:王芳", limit=0)).total == 0
    with pytest.raises(ArchiveError):
        archive.article(gone[0])
    archive.restore(removed)
    assert seen[-1] == Changes(articles_added=frozenset(gone), editions_added=frozenset({first.id}))
    assert _everything(archive) == before  # same ids, titles, the librarian's edit, the search
    assert archive.search(SearchRequest("记者:王芳", limit=0)).ids == (gone[0],)


def test_remove_single_articles_keeps_the_rest_of_the_edition(archive: Archive, tmp_path: Path) -> None:
    first = archive.editions()[0]
    a1, a2 = (r.id for r in archive.edition_articles(first.id))
    removed = archive.remove_articles([a1])
    assert [r.id for r in archive.edition_articles(first.id)] == [a2]
    assert archive.editions()[0].article_count == 1
    assert set(archive.search(SearchRequest("社区", limit=0)).ids) == _ids_with(archive, "社区")
    assert a1 not in archive.search(SearchRequest("", limit=0)).ids
    archive.close()
    again = Archive(tmp_path / "archive")  # nothing left stale: the index agrees after reopening
    try:
        assert again.catalog.pending_editions() == []
        assert a1 not in again.search(SearchRequest("", limit=0)).ids
        again.restore(removed)
        assert [r.id for r in again.edition_articles(first.id)] == [a1, a2]
        assert a1 in again.search(SearchRequest("供暖", limit=0)).ids
    finally:
        again.close()


def test_bad_ids_remove_nothing(archive: Archive) -> None:
    before = _everything(archive)
    with pytest.raises(ArchiveError, match="No edition with id 999"):
        archive.remove_editions([999])
    first = archive.edition_articles(archive.editions()[0].id)[0].id
    with pytest.raises(ArchiveError, match="No article with id 998"):
        archive.remove_articles([first, 998])
    with pytest.raises(ArchiveError, match="Nothing to remove"):
        archive.remove_articles([])
    assert _everything(archive) == before


def test_undo_after_a_reimport_is_refused_cleanly(archive: Archive, tmp_path: Path) -> None:
    first = archive.editions()[0]
    removed = archive.remove_editions([first.id])
    archive.import_paths([tmp_path / "2025-01-06.txt"])  # the same edition comes back by import
    before = _everything(archive)
    with pytest.raises(ArchiveError, match="Cannot undo"):
        archive.restore(removed)
    assert _everything(archive) == before


def test_the_archive_checks_clean_after_removal_and_undo(archive: Archive, tmp_path: Path) -> None:
    """Catalog and index agree after a removal and after its undo (checked on reopening, where the
    index's manifest is current)."""

    def reopened_check(expected: int) -> None:
        archive.close()
        again = Archive(tmp_path / "archive")
        try:
            report = again.check()
            assert report.ok, report.problems
            assert report.catalog_articles == report.index_documents == expected
            assert again.catalog.pending_editions() == []
        finally:
            again.close()

    first = archive.editions()[0]
    one = archive.edition_articles(archive.editions()[1].id)[0].id
    removed = archive.remove_editions([first.id])
    single = archive.remove_articles([one])
    reopened_check(0)
    archive = Archive(tmp_path / "archive")
    try:
        archive.restore(single)
        archive.restore(removed)
    finally:
        archive.close()
    again = Archive(tmp_path / "archive")
    try:
        report = again.check()
        assert report.ok and report.catalog_articles == report.index_documents == 3
    finally:
        again.close()
