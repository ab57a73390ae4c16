"""The index always answers for the catalog it is opened with: restored, replaced, deleted, diverged."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

from index.archive import Archive
from index.models import SearchRequest
from tests.integrity.helpers import (
    catalog_ids,
    index_doc_ids,
    make_archive,
    replace_catalog,
    search_ids,
    write_sources,
)


def _consistent(a: Archive) -> None:
    ids = catalog_ids(a)
    assert sorted(search_ids(a)) == ids  # search '' lists exactly the catalog's articles
    assert index_doc_ids(a) == ids  # and the index holds each of them once
    assert a.search(SearchRequest()).total == len(ids)


def test_every_catalog_write_bumps_the_generation_and_bookkeeping_does_not(tmp_path: Path) -> None:
    root = make_archive(tmp_path, [0])
    with Archive(root) as a:
        before = a.catalog.state()
        assert before is not None
        art = catalog_ids(a)[0]
        a.edit_article(art, title="更正")
        after_edit = a.catalog.state()
        assert after_edit is not None and after_edit.generation == before.generation + 1
        a.catalog.mark_indexed([1])  # bookkeeping
        assert a.catalog.state() == after_edit
        assert a.index.storage.catalog_state == after_edit  # the index recorded what it reflects


def test_an_older_catalog_restored_from_a_backup_is_searched_as_it_is(tmp_path: Path) -> None:
    root = make_archive(tmp_path, [0])
    with Archive(root) as a:
        old = a.backup(tmp_path / "backup.sqlite")
        assert a.import_paths(write_sources(tmp_path / "more", [1, 2])).editions_added == 2
        assert len(catalog_ids(a)) == 5
    replace_catalog(root, old)
    with Archive(root) as a:
        assert "rebuilt the index" in a.repair
        assert len(catalog_ids(a)) == 2
        _consistent(a)
        # importing again adds each article once (no duplicate index documents)
        report = a.import_paths(write_sources(tmp_path / "again"))
        assert (report.editions_added, report.editions_unchanged) == (2, 1)
        assert len(catalog_ids(a)) == 5
        _consistent(a)


def test_a_deleted_catalog_leaves_nothing_to_find(tmp_path: Path) -> None:
    root = make_archive(tmp_path)
    (root / "catalog.sqlite").unlink()
    with Archive(root) as a:
        assert catalog_ids(a) == [] and search_ids(a) == [] and index_doc_ids(a) == []


def test_a_copy_changed_elsewhere_is_not_taken_for_this_one(tmp_path: Path) -> None:
    """Same catalog id, higher generation, but another history: the index is rebuilt."""
    root = make_archive(tmp_path, [0])
    with Archive(root) as a:
        copy = a.backup(tmp_path / "copy.sqlite")
        a.import_paths(write_sources(tmp_path / "b", [1]))
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    shutil.copyfile(copy, elsewhere / "catalog.sqlite")
    with Archive(elsewhere) as b:  # the copy goes its own way, further than the original
        b.import_paths(write_sources(tmp_path / "c", [2]))
        b.edit_article(catalog_ids(b)[0], title="别处的更正")
    replace_catalog(root, elsewhere / "catalog.sqlite")
    with Archive(root) as a:
        assert "not the one the index was built from" in a.repair
        _consistent(a)
        assert "文慧小学举办读书月活动" not in {a.article(i).title for i in catalog_ids(a)}


def test_a_crash_between_catalog_and_index_commits_is_synced_not_rebuilt(tmp_path: Path) -> None:
    root = make_archive(tmp_path, [0])
    with Archive(root) as a:
        art = catalog_ids(a)[0]
    con = sqlite3.connect(root / "catalog.sqlite")  # what a kill -9 after the catalog commit leaves
    with con:
        con.execute("UPDATE editions SET indexed = 0")
    con.close()
    with Archive(root) as a:
        assert a.repair.startswith("indexed 1 edition")
        _consistent(a)
        assert search_ids(a, "供暖") == [art]


def test_a_crash_after_removing_an_edition_still_drops_its_documents(tmp_path: Path) -> None:
    """The catalog rows are gone, nothing is flagged on them: the removed id is kept until indexed."""
    from index import removal

    root = make_archive(tmp_path)
    with Archive(root) as a:
        first = a.editions()[0].id
        removal.remove(a.catalog, editions=[first])  # the catalog commit; the index sync never runs
        assert first in a.catalog.pending_editions()
    with Archive(root) as a:
        assert a.repair.startswith("indexed 1 edition")
        _consistent(a)
        assert len(catalog_ids(a)) == 3 and a.catalog.pending_editions() == []
