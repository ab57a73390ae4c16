"""The Archive service: importing files, re-imports, refusals, crashes, the lock, edits, export."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path
from typing import Any

import pytest

from index import importer as importer_mod
from index.archive import Archive
from index.engine.whoosh_engine import WhooshWriter
from index.errors import ArchiveError, ArchiveLocked
from index.models import ArticleRecord, SearchRequest
from tests.archive_helpers import write_edition

REPO = Path(__file__).resolve().parents[1]
FIXTURES = REPO / "tests" / "fixtures"
SHARED = REPO.parent / "shared"

A1 = (
    "平城区召开冬季供暖工作会议",
    "邸东芳",
    "会议要求各供热企业确保居民室温达标。社区工作人员入户查看暖气温度。",
)
A2 = ("古城街道开展垃圾分类宣传", "锦秀", "古城街道组织志愿者走进社区，讲解垃圾分类知识。")
A3 = ("文慧小学举办读书月活动", "贾欣怡", "全校师生共读经典，分享阅读心得。")


def _snapshot(a: Archive) -> tuple[Any, ...]:
    editions = a.editions()
    arts = [(r.id, r.title, r.body, r.reporters) for e in editions for r in a.edition_articles(e.id)]
    searches = [
        a.search(SearchRequest(text=q, sort="date", limit=0)).ids for q in ("社区", "供暖", "", "记者:锦秀")
    ]
    return editions, arts, searches, a.stats()


def test_import_files_and_folders_then_search(tmp_path: Path) -> None:
    src = tmp_path / "in"
    (src / "sub").mkdir(parents=True)
    write_edition(src, dt.date(2025, 1, 6), [A1, A2])
    write_edition(src / "sub", dt.date(2025, 1, 13), [A3])
    with Archive(tmp_path / "arch") as a:
        assert a.is_empty()
        seen: list[tuple[int, int, str]] = []
        report = a.import_paths([src], progress=lambda d, t, m: seen.append((d, t, m)))
        assert (report.editions_added, report.articles, report.errors) == (2, 3, [])
        assert seen[-1][:2] == (2, 2) and not a.is_empty()
        assert [e.date for e in a.editions()] == [dt.date(2025, 1, 6), dt.date(2025, 1, 13)]
        res = a.search(SearchRequest(text="邸东芳"))
        assert [h.title for h in res.hits] == [A1[0]] and res.hits[0].reporters == ("邸东芳",)
        assert a.search(SearchRequest(text="锦秀")).hits[0].streets == ("古城街道",)


def test_reimport_same_and_changed_file(tmp_path: Path) -> None:
    src = tmp_path / "in"
    src.mkdir()
    path = write_edition(src, dt.date(2025, 1, 6), [A1, A2])
    with Archive(tmp_path / "arch") as a:
        a.import_paths([path])
        ids = a.search(SearchRequest(sort="date", limit=0)).ids
        again = a.import_paths([path, src])
        assert (again.editions_unchanged, again.editions_added, again.articles) == (
            1,
            0,
            0,
        )  # one file, named twice
        assert a.search(SearchRequest(limit=0)).total == 2 and len(a.editions()) == 1
        changed = (A2[0], A2[1], A2[2] + "活动持续一周。")
        write_edition(src, dt.date(2025, 1, 6), [A3, A1, changed])
        report = a.import_paths([path])
        assert (report.editions_updated, report.articles) == (1, 3)
        assert len(a.editions()) == 1 and a.search(SearchRequest(limit=0)).total == 3
        assert set(ids) <= set(a.search(SearchRequest(limit=0)).ids)  # matched articles keep their ids
        assert a.search(SearchRequest(text='"活动持续一周"')).total == 1


def test_edit_survives_reimport_of_a_changed_file(tmp_path: Path) -> None:
    src = tmp_path / "in"
    src.mkdir()
    path = write_edition(src, dt.date(2025, 1, 6), [A1, A2])
    with Archive(tmp_path / "arch") as a:
        a.import_paths([path])
        aid = a.search(SearchRequest(text='"冬季供暖工作会议"')).ids[0]
        a.edit_article(aid, title="全区冬季供暖工作会议召开", topics=["民生", "城市建设"])
        write_edition(src, dt.date(2025, 1, 6), [A3, (A1[0], A1[1], A1[2] + "会议还部署了安全检查。"), A2])
        a.import_paths([path])
        rec = a.article(aid)
        assert rec.title == "全区冬季供暖工作会议召开" and rec.topics == ("民生", "城市建设")
        assert "部署了安全检查" in rec.body and rec.edited == {"title", "topics"}
        assert a.search(SearchRequest(text='"全区冬季供暖"')).ids == (aid,)


def test_undated_and_bad_files_are_refused_and_the_rest_imported(tmp_path: Path) -> None:
    src = tmp_path / "in"
    src.mkdir()
    write_edition(src, dt.date(2025, 1, 6), [A1])
    (src / "no-date.txt").write_text("## 标题\n\n本报讯（记者 锦秀）正文内容。\n", encoding="utf-8")
    shutil.copy(FIXTURES / "empty.txt", src / "2025-02-01.txt")
    shutil.copy(FIXTURES / "binary.bin", src / "2025-02-02.txt")
    with Archive(tmp_path / "arch") as a:
        report = a.import_paths([src, tmp_path / "missing.txt"])
        assert report.editions_added == 1 and report.articles == 1
        errors = "\n".join(report.errors)
        assert len(report.errors) == 4, errors
        assert "no-date.txt: no edition date" in errors and "--date" in errors
        assert "missing.txt: no such file or folder" in errors
        dated = a.import_paths([src / "no-date.txt"], date=dt.date(2025, 3, 1))
        assert dated.editions_added == 1 and dt.date(2025, 3, 1) in {e.date for e in a.editions()}


def test_failure_mid_import_leaves_the_archive_as_before(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    src = tmp_path / "in"
    src.mkdir()
    write_edition(src, dt.date(2025, 1, 6), [A1, A2])
    with Archive(tmp_path / "arch") as a:
        a.import_paths([src])
        before = _snapshot(a)
        write_edition(src, dt.date(2025, 1, 6), [A1, A2, A3])  # changed
        write_edition(src, dt.date(2025, 1, 20), [A3])  # new
        calls = {"n": 0}
        real = importer_mod.Catalog.store_edition

        def crash(self: Any, parsed: Any, path: str) -> Any:
            calls["n"] += 1
            self.conn()  # the crash happens inside the transaction, after some rows are written
            import index.catalog.editions as catalog_mod

            orig = catalog_mod.article_params

            def boom(art: Any) -> dict[str, Any]:
                if art.title == A3[0]:
                    raise KeyboardInterrupt  # a hard stop, not an ordinary error
                return orig(art)

            monkeypatch.setattr(catalog_mod, "article_params", boom)
            try:
                return real(self, parsed, path)
            finally:
                monkeypatch.setattr(catalog_mod, "article_params", orig)

        monkeypatch.setattr(importer_mod.Catalog, "store_edition", crash)
        with pytest.raises(KeyboardInterrupt):
            a.import_paths([src])
        assert calls["n"] == 1
        assert _snapshot(a) == before
    with Archive(tmp_path / "arch") as again:  # and after reopening
        assert _snapshot(again) == before


def test_crash_between_catalog_and_index_is_repaired_on_opening(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    src = tmp_path / "in"
    src.mkdir()
    write_edition(src, dt.date(2025, 1, 6), [A1])
    with Archive(tmp_path / "arch") as a:
        a.import_paths([src])
        write_edition(src, dt.date(2025, 1, 13), [A2])

        def dies(*args: Any, **kw: Any) -> None:
            raise OSError("power cut")

        monkeypatch.setattr(WhooshWriter, "commit", dies)
        with pytest.raises(OSError):
            a.import_paths([src])
        monkeypatch.undo()
        assert len(a.editions()) == 2  # the catalog has the edition: it is the source of truth
    with Archive(tmp_path / "arch") as again:
        assert again.search(SearchRequest(text="锦秀")).total == 1
        assert again.catalog.pending_editions() == []


def test_a_second_program_may_read_but_not_write_while_one_writes(tmp_path: Path) -> None:
    first = Archive(tmp_path / "arch")
    second = Archive(tmp_path / "arch")  # opening never takes the writer lock
    try:
        with first._guard.lock.held("import"):
            assert second.busy() is not None and "import" in (second.busy() or "")
            with pytest.raises(ArchiveLocked, match="Another program is changing"):
                second.import_paths([FIXTURES])
            assert second.search(SearchRequest()).total == 0  # reading goes on
        assert second.busy() is None
        ro = Archive(tmp_path / "arch", readonly=True)
        assert ro.search(SearchRequest()).total == 0
        with pytest.raises(ArchiveError, match="read-only"):
            ro.import_paths([FIXTURES])
        ro.close()
    finally:
        second.close()
        first.close()


def test_readonly_needs_an_archive(tmp_path: Path) -> None:
    with pytest.raises(ArchiveError, match="No archive"):
        Archive(tmp_path / "nothing", readonly=True)


def test_cancel_keeps_what_was_imported(tmp_path: Path) -> None:
    src = tmp_path / "in"
    src.mkdir()
    for i in range(3):
        write_edition(src, dt.date(2025, 1, 6 + i), [(f"第{i}期头条", "锦秀", "正文。")])
    with Archive(tmp_path / "arch") as a:
        seen: list[int] = []
        report = a.import_paths([src], progress=lambda d, t, m: seen.append(d), cancel=lambda: len(seen) >= 2)
        assert report.cancelled and report.editions_added == 1
        assert a.search(SearchRequest(limit=0)).total == 1


def test_parallel_import_equals_serial(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    src = tmp_path / "in"
    src.mkdir()
    for i in range(5):
        write_edition(src, dt.date(2025, 2, 1 + i), [A1, (f"第{i}期稿件", "郭志强", f"第{i}期的正文。"), A3])
    monkeypatch.setattr(importer_mod, "PARALLEL_MIN_FILES", 100)
    with Archive(tmp_path / "serial") as a:
        serial = a.import_paths([src])
        s_snap = _snapshot(a)
    monkeypatch.setattr(importer_mod, "PARALLEL_MIN_FILES", 2)
    with Archive(tmp_path / "parallel", workers=2) as b:
        parallel = b.import_paths([src])
        p_snap = _snapshot(b)
    assert serial == parallel and serial.articles == 15
    assert s_snap[1:] == p_snap[1:] and [e.date for e in s_snap[0]] == [e.date for e in p_snap[0]]


def test_export_passes_records_in_order(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    src = tmp_path / "in"
    src.mkdir()
    write_edition(src, dt.date(2025, 1, 6), [A1, A2, A3])
    captured: dict[str, Any] = {}

    def fake(articles: list[ArticleRecord], fmt: str, out: Path, **kw: Any) -> Path:
        captured.update(titles=[r.title for r in articles], fmt=fmt, out=out)
        return out

    import index.export

    monkeypatch.setattr(index.export, "write_export", fake)
    with Archive(tmp_path / "arch") as a:
        a.import_paths([src])
        ids = list(a.search(SearchRequest(sort="date", limit=0)).ids)
        assert a.export([ids[2], ids[0]], "md", tmp_path / "o.md") == tmp_path / "o.md"
        assert captured == {"titles": [A3[0], A1[0]], "fmt": "md", "out": tmp_path / "o.md"}
        with pytest.raises(ArchiveError, match="No article with id 999"):
            a.export([ids[0], 999], "md", tmp_path / "o.md")


@pytest.mark.skipif(not (SHARED / "editions").is_dir(), reason=f"shared editions absent ({SHARED})")
def test_real_editions_import_with_a_date_and_phrases_are_found(tmp_path: Path) -> None:
    files = sorted((SHARED / "editions").glob("*.txt"))
    with Archive(tmp_path / "arch") as a:
        undated = a.import_paths(files)
        assert undated.editions_added == 0 and len(undated.errors) == len(files)
        for i, f in enumerate(files):
            assert a.import_paths([f], date=dt.date(2026, 1, 5 + i)).editions_added == 1
        records = [r for e in a.editions() for r in a.edition_articles(e.id)]
        assert len(records) > 20
        for phrase in ("民生实事", "垃圾分类", "老旧小区"):
            truth = {
                r.id
                for r in records
                if phrase in "\n".join([r.kicker, r.title, r.subtitle, r.body, *(c.text for c in r.captions)])
            }
            assert set(a.search(SearchRequest(text=f'"{phrase}"', limit=0)).ids) == truth, phrase
        for name in {p for r in records for p in r.reporters}:
            theirs = {r.id for r in records if name in r.reporters}
            assert theirs <= set(a.search(SearchRequest(text=name, limit=0)).ids), name
