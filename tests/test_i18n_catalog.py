"""The core's message catalog: every user-visible message of ``index/`` goes through ``_()`` and has a
Chinese translation with the same placeholders (checked by :mod:`index.i18n_check`), and the core's
errors, refusals and warnings really come out in Chinese when the language is ``zh_CN``."""

from __future__ import annotations

import json
import textwrap
from collections import Counter
from pathlib import Path

import pytest

from index import i18n, i18n_check, paths
from index.archive import Archive
from index.errors import ArchiveError, ArchiveLocked, BadQuery, ImportRefused
from index.ingest.pipeline import parse_bytes
from index.ingest.reader import read_text
from index.search import syntax
from index.workers import make_pool, parse_file

EDITION = "平城区报\n\n古城街道举办读书月活动\n\n本报讯 全区师生共读经典，分享阅读心得。\n\n（记者 邸东芳）\n"


def test_the_whole_core_passes_the_catalog_check() -> None:
    messages, problems = i18n_check.check()
    assert not problems, "python -m index.i18n_check reports:\n" + "\n".join(map(str, problems))
    assert len(messages) >= 170
    where = {w.split(":")[0] for w in messages.values()}
    for module in (
        "index/archive.py",
        "index/ingest/reader.py",
        "index/search/syntax.py",
        "index/workers.py",
    ):
        assert module in where


def test_the_check_finds_each_kind_of_problem(tmp_path: Path) -> None:
    core = tmp_path / "index"
    core.mkdir()
    (core / "mod.py").write_text(
        textwrap.dedent(
            """
            from index.errors import ArchiveError
            from index.i18n import _

            class Gone(ArchiveError):
                pass

            class Worse(Gone):
                pass

            def f(x, report, progress, exc, logger):
                raise Worse(f"No edition {x}")
                raise ArchiveError("Nothing" + " here")
                report.warnings.append(f"{x}: odd line")
                report.errors += [f"{x}: refused"]
                progress(1, 2, "indexing")
                raise ValueError("internal, not shown to users")
                logger.warning("logs stay English %s", x)
                raise ArchiveError(f"{x}: {exc}")
                raise ArchiveError(_("Known {x}").format(x=x))
                raise ArchiveError(_("Bad {x}").format(y=x))
                raise ArchiveError(_("Never {x}"))
                raise ArchiveError(_(x))
                raise ArchiveError(_("Missing one"))
                raise ArchiveError(_("Shifted {x}").format(x=x))
                raise ArchiveError(_("Same text"))

            def g(pairs):
                for _ in pairs:
                    pass
                return _("Known {x}").format(x=1)

            def h(pairs):
                return [_ for _ in pairs]
            """
        ),
        encoding="utf-8",
    )
    catalog = {
        "Known {x}": "已知 {x}",
        "Bad {x}": "坏 {x}",
        "Never {x}": "从不 {x}",
        "Shifted {x}": "移位 {y}",
        "Same text": "Same text",
        "Old message": "旧消息",
    }
    messages, problems = i18n_check.check(core, catalog)
    kinds = Counter(p.kind for p in problems)
    assert kinds == {
        "unwrapped": 6,  # "Nothing" and " here" are two literals
        "format": 2,
        "literal": 1,
        "missing": 1,
        "placeholders": 1,
        "untranslated": 1,
        "unused": 1,
        "shadowed": 1,  # in g, not in h's comprehension
    }, "\n".join(map(str, problems))
    unwrapped = {int(p.where.split(":")[1]) for p in problems if p.kind == "unwrapped"}
    assert unwrapped == {12, 13, 14, 15, 16}  # the English literals, not the log, not ValueError
    assert "Missing one" in messages and "index/mod.py:24" in [
        p.where for p in problems if p.kind == "missing"
    ]


def test_the_tool_exits_0_on_this_tree_and_stubs_nothing(capsys: pytest.CaptureFixture[str]) -> None:
    assert i18n_check.main([]) == 0
    assert "0 problems" in capsys.readouterr().err
    assert i18n_check.main(["--stub"]) == 0
    assert json.loads(capsys.readouterr().out) == {}


def test_language_follows_the_locale_and_the_setting() -> None:
    assert i18n.locale_language({"LANG": "zh_CN.UTF-8"}) == "zh_CN"
    assert i18n.locale_language({"LANG": "C.UTF-8"}) == "en"
    assert i18n.locale_language({"LANGUAGE": "en_GB:zh_CN", "LANG": "zh_CN.UTF-8"}) == "en"
    assert i18n.locale_language({}) == "en"
    i18n.set_language("zh")
    assert i18n._("done") == "完成"
    i18n.set_language("en")
    assert i18n._("done") == "done"


@pytest.mark.parametrize("lang", ["zh_CN"])
def test_catalog_file_is_valid_json_of_strings(lang: str) -> None:
    data = json.loads(paths.resource("locale", f"{lang}.json").read_text(encoding="utf-8"))
    assert all(isinstance(k, str) and isinstance(v, str) for k, v in data.items())


def test_query_and_file_errors_are_raised_in_chinese() -> None:
    i18n.set_language("zh_CN")
    with pytest.raises(BadQuery) as bad:
        syntax.parse('"古城')
    assert str(bad.value) == '检索式中的引号没有闭合："古城'
    with pytest.raises(BadQuery) as bad:
        syntax.parse("日期:2025-13")
    assert str(bad.value) == "'2025-13' 不是日期"
    with pytest.raises(BadQuery, match=r"^NOT：要排除某个词"):
        syntax.parse("古城 NOT 御河")
    with pytest.raises(ImportRefused) as refused:
        read_text(b"", "2026-01-05.txt")
    assert str(refused.value) == "2026-01-05.txt：空文件（0 字节）"
    i18n.set_language("en")
    with pytest.raises(ImportRefused, match=r"^2026-01-05\.txt: empty file \(0 bytes\)$"):
        read_text(b"", "2026-01-05.txt")


def test_archive_errors_and_the_lock_are_reported_in_chinese(tmp_path: Path) -> None:
    i18n.set_language("zh_CN")
    with pytest.raises(ArchiveError) as missing:
        Archive(tmp_path / "none", readonly=True)
    assert str(missing.value) == f"{tmp_path / 'none'} 处没有档案库"
    holder = Archive(tmp_path / "a")
    try:
        with pytest.raises(ArchiveError) as absent:
            holder.article(12345)
        assert str(absent.value) == "没有编号为 12345 的文章"
        (tmp_path / "in").mkdir()
        with (
            Archive(tmp_path / "a") as other,
            holder._guard.lock.held("import"),
            pytest.raises(ArchiveLocked) as locked,
        ):
            other.import_paths([tmp_path / "in"])
        assert f"另一个程序正在修改 {tmp_path / 'a'} 处的档案库（" in str(locked.value)
        assert "在此期间仍可检索和阅读" in str(locked.value)
    finally:
        holder.close()


def test_the_import_summary_is_in_chinese(tmp_path: Path) -> None:
    i18n.set_language("zh_CN")
    (tmp_path / "2026-01-05.txt").write_text(EDITION.replace("本报讯", "本报讯\x07"), encoding="utf-8")
    (tmp_path / "2026-01-06.txt").write_bytes(bytes(range(256)) * 8)
    (tmp_path / "empty").mkdir()
    with Archive(tmp_path / "archive") as archive:
        report = archive.import_paths(
            [tmp_path / "2026-01-05.txt", tmp_path / "2026-01-06.txt", tmp_path / "empty", tmp_path / "gone"]
        )
    assert report.editions_added == 1
    assert f"{tmp_path / 'empty'}：该文件夹中没有 .txt 文件" in report.errors
    assert f"{tmp_path / 'gone'}：没有这个文件或文件夹" in report.errors
    assert "2026-01-06.txt：二进制文件（含 NUL 字节），不是报纸文本" in report.errors
    assert "2026-01-05.txt：已删除 1 个多余的控制字符" in report.warnings
    assert len(report.errors) == 3


def test_worker_processes_refuse_files_in_the_callers_language(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Files are parsed in spawned processes: they get the language of the process that starts them."""
    for var in ("LANGUAGE", "LC_ALL", "LC_MESSAGES"):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setenv("LANG", "C.UTF-8")  # the workers' own locale says English
    undated = tmp_path / "edition.txt"
    undated.write_text(EDITION, encoding="utf-8")
    with Archive(tmp_path / "archive") as archive:
        i18n.set_language("zh_CN")
        pool = make_pool(archive.indexer.analyzer, workers=1)
        try:
            result = pool.submit(parse_file, str(undated), None).result(timeout=120)
        finally:
            pool.shutdown()
    assert (
        result.error == f"{undated}：文件名中没有出版日期（例如 2026-01-05.txt）；请用 --date YYYY-MM-DD 指定"
    )


def test_parse_warnings_are_in_chinese() -> None:
    i18n.set_language("zh_CN")
    text = "本报讯 一段没有标题的文字。\n\n" + EDITION
    edition = parse_bytes(text.encode("utf-8"), "2026-01-05.txt", None)
    assert edition.warnings == [
        "2026-01-05.txt：未归属文字（第 1 行），电头前没有标题：本报讯 一段没有标题的文字。"
    ]
    undated = parse_bytes("只有一行字".encode(), "x.txt", None)
    assert undated.warnings == [
        "x.txt：未归属文字（第 1 行），标题没有正文：只有一行字",
        "x.txt：没有出版日期（请按 2026-01-05.txt 的格式命名文件，或使用 --date 指定）",
        "x.txt：未识别出文章；全部文字作为未归属文字保留",
    ]
