"""Street offices and topics applied again with the archive's own lists; corrections survive."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from index.archive import Archive, Changes
from index.models import SearchRequest
from index.reenrich import TAXONOMY_NAME, copy_lists, reenrich_archive
from tests.archive_helpers import write_edition

A1 = ("社区开展养蜂技术培训", "邸东芳", "养蜂专家为居民讲解蜜蜂养殖。")
A2 = ("古城街道开展垃圾分类宣传", "锦秀", "古城街道组织志愿者走进社区，讲解垃圾分类知识。")


@pytest.fixture
def archive(tmp_path: Path):  # type: ignore[no-untyped-def]
    a = Archive(tmp_path / "archive")
    write_edition(tmp_path, dt.date(2025, 1, 6), [A1, A2])
    a.import_paths([tmp_path / "2025-01-06.txt"])
    yield a
    a.close()


def test_an_archive_taxonomy_applies_to_every_article_and_edits_stay(archive: Archive) -> None:
    bees, waste = (r.id for r in archive.edition_articles(archive.editions()[0].id))
    archive.edit_article(waste, topics=["手工校订"])
    copies = copy_lists(archive.root)
    assert [p.name for p in copies] == ["gazetteer.json", TAXONOMY_NAME] and all(p.is_file() for p in copies)
    taxonomy = archive.root / TAXONOMY_NAME
    extra = '\n[topics."养蜂"]\n"养蜂" = 5\n"蜜蜂" = 5\n'
    taxonomy.write_text(taxonomy.read_text(encoding="utf-8") + extra, encoding="utf-8")
    seen: list[Changes] = []
    archive.subscribe(seen.append)
    changed = reenrich_archive(archive)
    assert changed >= 1
    assert archive.article(bees).topics[0] == "养蜂"  # the archive's own taxonomy
    assert archive.article(waste).topics == ("手工校订",)  # the librarian's correction still wins
    assert archive.search(SearchRequest("主题:养蜂", limit=0)).ids == (bees,)
    assert any(c.reindexed for c in seen)
    assert reenrich_archive(archive) == 0  # nothing new the second time


def test_copy_lists_keeps_an_edited_copy(archive: Archive) -> None:
    copy_lists(archive.root)
    own = archive.root / TAXONOMY_NAME
    own.write_text("# mine\n", encoding="utf-8")
    copy_lists(archive.root)
    assert own.read_text(encoding="utf-8") == "# mine\n"


def test_imports_follow_the_archives_own_taxonomy(tmp_path: Path) -> None:
    from index.reenrich import follow_imports

    a = Archive(tmp_path / "own")
    try:
        follow_imports(a)
        seen: list[tuple[int, ...]] = []
        # A later listener (the views) already sees the archive's own topics.
        a.subscribe(lambda _c: seen.append(a.search(SearchRequest("主题:养蜂", limit=0)).ids))
        copy_lists(a.root)
        own = a.root / TAXONOMY_NAME
        own.write_text(own.read_text(encoding="utf-8") + '\n[topics."养蜂"]\n"养蜂" = 5\n', encoding="utf-8")
        write_edition(tmp_path, dt.date(2025, 4, 7), [A1])
        a.import_paths([tmp_path / "2025-04-07.txt"])
        bees = a.edition_articles(a.editions()[0].id)[0]
        assert bees.topics[0] == "养蜂" and not bees.edited
        assert seen == [(bees.id,)]
    finally:
        a.close()
