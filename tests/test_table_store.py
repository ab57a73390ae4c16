"""Decoded per-segment tables cached on disk give the same tables, and stale files go away."""

from __future__ import annotations

import datetime as dt

from index.archive import Archive
from index.engine.meta import decode as decode_segment
from index.engine.table_store import FORMAT, TableStore
from index.fields import KEYWORD_FIELDS
from index.models import SearchRequest
from tests.archive_helpers import article, edition


def _archive(root):
    arch = Archive(root)
    eds = [
        edition(
            dt.date(2025, 3, d),
            [
                article(
                    f"第{d}期稿件{i}",
                    "古城街道开展垃圾分类宣传。",
                    reporters=["邸东芳"],
                    streets=["古城街道"],
                    topics=["社区治理"],
                    section="平城头条",
                )
                for i in range(3)
            ],
        )
        for d in (3, 10)
    ]
    assert not arch.import_editions(eds).errors
    return arch


def _plain(table):
    """A table's content as plain values (columns from the stored codes)."""
    names = [f.name for f in KEYWORD_FIELDS]
    return (list(table.ids), list(table.dates), list(table.seqs), {n: table.column(n) for n in names})


def _segments(arch):
    snap = arch.index.snapshot()
    return [(r.segment().segment_id(), r) for r, _ in snap.leaves]


def test_round_trip_equals_a_fresh_decode(tmp_path):
    arch = _archive(tmp_path / "a")
    try:
        store = TableStore(tmp_path / "store")
        for segid, reader in _segments(arch):
            decoded = decode_segment(reader.column_reader("meta", translate=False))
            assert store.load(segid) is None
            store.save(segid, decoded)
            assert _plain(store.load(segid)) == _plain(decoded)
    finally:
        arch.close()


def test_unreadable_file_is_ignored_and_stale_files_pruned(tmp_path):
    store = TableStore(tmp_path)
    (tmp_path / f"seg1.table{FORMAT}").write_bytes(b"not marshal data")
    (tmp_path / f"gone.table{FORMAT}").write_bytes(b"x")
    assert store.load("seg1") is None
    store.prune({"seg1"})
    assert (tmp_path / f"seg1.table{FORMAT}").exists() and not (tmp_path / f"gone.table{FORMAT}").exists()


def test_search_writes_tables_and_a_reopened_archive_counts_the_same(tmp_path):
    root = tmp_path / "arch"
    arch = _archive(root)
    first = arch.search(SearchRequest(text="垃圾分类"))
    live = {segid for segid, _ in _segments(arch)}
    arch.close()
    stored = {p.name.split(".table")[0] for p in (root / "index" / "tables").glob("*.table*")}
    assert stored == live
    again = Archive(root, readonly=True)
    try:
        second = again.search(SearchRequest(text="垃圾分类"))
    finally:
        again.close()
    assert second.total == first.total == 6
    assert second.facets == first.facets


def test_tables_written_at_the_commit_equal_a_decode_also_after_merges(tmp_path):
    arch = Archive(tmp_path / "m")
    try:
        for d in range(1, 12):  # eleven small commits: the tiered merge rewrites eight of them
            ed = edition(
                dt.date(2025, 4, d),
                [
                    article(
                        f"第{d}期稿件{i}",
                        "御河街道开展宣传。",
                        reporters=["锦秀"],
                        photographers=["杨宇"] * (i % 2),
                        streets=["御河街道"],
                        section="要闻",
                    )
                    for i in range(2)
                ],
            )
            assert not arch.import_editions([ed]).errors
        arch.edit_article(arch.search(SearchRequest(text="第3期稿件1")).ids[0], reporters=["邸东芳"])
        store = arch.index.table_store
        segments = _segments(arch)
        assert 1 < len(segments) < 11
        for segid, reader in segments:
            written = store.load(segid)
            assert written is not None, segid
            assert _plain(written) == _plain(decode_segment(reader.column_reader("meta", translate=False)))
        res = arch.search(SearchRequest(limit=0))
        assert res.total == 22
        assert {fc.value: fc.count for fc in res.facets["photographer"]} == {"杨宇": 11}
        assert {fc.value: fc.count for fc in res.facets["reporter"]} == {"锦秀": 21, "邸东芳": 1}
    finally:
        arch.close()
