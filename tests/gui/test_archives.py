"""File → new / open / recent archives / show folder: the viewer switches archives."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QUrl

from index.models import SearchRequest


def test_recent_archives_and_show_folder(started, qtbot, settings, archive_dir: Path) -> None:  # type: ignore[no-untyped-def]
    sw = started.archives
    assert sw.recent()[0] == archive_dir  # the open archive is remembered first
    assert settings.get("archive/last") == str(archive_dir)
    opened: list[QUrl] = []
    sw.open_url = opened.append
    started.window.show_archive_folder_action.trigger()
    assert opened == [QUrl.fromLocalFile(str(archive_dir))]
    sw.fill_recent(started.window.recent_menu)
    entries = started.window.recent_menu.actions()
    assert [a.text() for a in entries] == [str(archive_dir)] and entries[0].isChecked()


def test_open_refuses_a_folder_without_an_archive(started, qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    sw = started.archives
    empty = tmp_path / "nothing"
    empty.mkdir()
    sw.choose_folder = lambda _title, _start: str(empty)
    started.window.open_archive_action.trigger()
    assert sw.next_root is None and started.window.isVisible()
    assert "holds no archive" in started.window.statusBar().currentMessage()


def test_new_archive_switches_with_the_import_dialog(started, qtbot, tmp_path: Path, settings) -> None:  # type: ignore[no-untyped-def]
    sw = started.archives
    target = tmp_path / "new one"
    sw.choose_folder = lambda _title, _start: str(target)
    started.window.new_archive_action.trigger()
    assert sw.next_root == target and sw.import_next and started.restart_requested
    assert settings.get("archive/last") == str(target)
    qtbot.waitUntil(lambda: not started.window.isVisible(), timeout=5000)


def test_opening_an_existing_archive_from_new_does_not_import(started, qtbot, built_archive: Path) -> None:  # type: ignore[no-untyped-def]
    sw = started.archives
    sw.choose_folder = lambda _title, _start: str(built_archive)
    started.window.new_archive_action.trigger()
    assert sw.next_root == built_archive and not sw.import_next


def test_own_lists_and_reenrich_from_the_file_menu(started, qtbot) -> None:  # type: ignore[no-untyped-def]
    from index.reenrich import TAXONOMY_NAME

    started.window.own_lists_action.trigger()
    own = started.root / TAXONOMY_NAME
    assert own.is_file() and (started.root / "gazetteer.json").is_file()
    extra = '\n[topics."测试主题"]\n"社区" = 100\n'
    own.write_text(own.read_text(encoding="utf-8") + extra, encoding="utf-8")
    with qtbot.waitSignal(started.events.changed, timeout=60_000) as heard:
        started.window.reenrich_action.trigger()
    assert heard.args[0].reindexed
    qtbot.waitUntil(started.window.progress.isHidden, timeout=30_000)
    assert "测试主题" in {c.value for c in started.archive.search(SearchRequest()).facets["topic"]}
    qtbot.waitUntil(
        lambda: "测试主题" in {c.value for c in started.controller.last_result.facets["topic"]},
        timeout=10_000,
    )
