"""The main window and the app shell: start-up, shortcuts, state, lock, first run, font, launcher.

(Language choice and translator loading are tested in test_i18n.py.)
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QByteArray, Qt
from PySide6.QtGui import QKeySequence

from index.archive import Archive
from viewer.app import set_cjk_font
from viewer.mainwindow import BASKET_TAB, EDITIONS_TAB, SEARCH_TAB

REPO = Path(__file__).resolve().parents[2]


def _search(viewer, qtbot, text: str):  # type: ignore[no-untyped-def]
    with qtbot.waitSignal(viewer.controller.result_ready, timeout=10_000) as blocker:
        viewer.search_bar.set_text(text, search=True)
    return blocker.args[0]


def test_start_up_places_everything(started, qtbot) -> None:  # type: ignore[no-untyped-def]
    w = started.window
    assert w.isVisible() and started.search_bar.isEnabled()
    from viewer.widgets.basket import BasketView
    from viewer.widgets.edition_browser import EditionBrowser

    assert isinstance(w.tabs.widget(EDITIONS_TAB), EditionBrowser)
    assert isinstance(w.tabs.widget(BASKET_TAB), BasketView)
    assert w.tabs.widget(SEARCH_TAB) is w.search_split
    assert w.edit_dock.widget().widget() is started.edit_form  # in a scroll area


def test_shortcuts(started, qtbot, common_word) -> None:  # type: ignore[no-untyped-def]
    w = started.window
    assert w.export_action.shortcut() == QKeySequence("Ctrl+E")
    assert w.import_action.shortcut() == QKeySequence("Ctrl+I")
    assert QKeySequence("F3") in w.next_hit_action.shortcuts()
    assert QKeySequence("Shift+F3") in w.prev_hit_action.shortcuts()
    assert QKeySequence("Ctrl+Q") in w.quit_action.shortcuts()
    assert QKeySequence("Ctrl+F") in w.find_action.shortcuts()
    w.activateWindow()
    started.result_view.setFocus()
    qtbot.keyClick(w, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(started.search_bar.edit.hasFocus, timeout=2000)
    result = _search(started, qtbot, common_word)
    started.result_view.set_current_row(0)
    reader = started.reader
    qtbot.waitUntil(lambda: reader.article is not None and reader.article.id == result.ids[0], timeout=10_000)
    assert reader.hit_count() > 0
    qtbot.keyClick(w, Qt.Key.Key_F3)
    assert started.reader.current_hit() == 0
    qtbot.keyClick(w, Qt.Key.Key_F3, Qt.KeyboardModifier.ShiftModifier)
    assert started.reader.current_hit() == started.reader.hit_count() - 1
    if started.results.rowCount() > 1:  # next result: Alt+Down
        qtbot.keyClick(w, Qt.Key.Key_Down, Qt.KeyboardModifier.AltModifier)
        qtbot.waitUntil(lambda: started.reader.article.id == started.results.ids()[1], timeout=10_000)
    qtbot.keyClick(w, Qt.Key.Key_Q, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: not w.isVisible(), timeout=2000)


def test_state_is_remembered(started, qtbot, settings, common_word) -> None:  # type: ignore[no-untyped-def]
    _search(started, qtbot, common_word)
    started.search_bar.set_sort("date")
    started.window.main_split.setSizes([500, 300])
    started.window.close()
    assert settings.get("search/last_query") == common_word
    assert settings.get("search/sort") == "date"
    for key in ("window/geometry", "window/state", "window/splitter"):
        value = settings.get(key)
        assert isinstance(value, QByteArray) and not value.isEmpty()
    assert settings.get("archive/last") == str(started.root)


def test_a_second_program_may_open_the_archive(make_viewer, archive_dir, qtbot) -> None:  # type: ignore[no-untyped-def]
    holder = Archive(archive_dir)  # another program has it open (issue 9: only writers lock)
    try:
        viewer = make_viewer(archive_dir)
        with qtbot.waitSignal(viewer.ready, timeout=30_000):
            viewer.start()
        assert viewer.archive is not None and not viewer.archive.readonly
    finally:
        holder.close()


def test_first_run_imports_the_samples(make_viewer, tmp_path, qtbot, samples) -> None:  # type: ignore[no-untyped-def]
    viewer = make_viewer(tmp_path / "fresh", first_run_import=True, sample=True)
    viewer.samples_dir = samples[0].parent  # resources/samples (or the fixture editions before they exist)
    with qtbot.waitSignal(viewer.ready, timeout=30_000):
        viewer.start()
    qtbot.waitUntil(lambda: viewer.results.total() > 0, timeout=60_000)
    assert not viewer.archive.is_empty()
    qtbot.waitUntil(viewer.window.progress.isHidden, timeout=10_000)  # the import's end hides it


def test_cjk_font(qapp) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtGui import QFontDatabase

    if not QFontDatabase.families(QFontDatabase.WritingSystem.SimplifiedChinese):
        pytest.fail("no CJK font installed: install fonts-noto-cjk (see the README)")
    family = set_cjk_font(qapp)
    assert family in QFontDatabase.families(QFontDatabase.WritingSystem.SimplifiedChinese)
    assert qapp.font().families()[0] == family


def _launch(archive_dir: Path, tmp_path: Path, **env: str) -> subprocess.CompletedProcess[str]:
    environ = dict(
        os.environ,
        QT_QPA_PLATFORM="offscreen",
        PINGCHENG_BENCH_EXIT="1",
        XDG_CONFIG_HOME=str(tmp_path / "config"),
        **env,
    )
    return subprocess.run(
        [sys.executable, str(REPO / "main.py"), "--archive", str(archive_dir)],
        capture_output=True,
        text=True,
        timeout=120,
        env=environ,
        cwd=tmp_path,
    )


def test_launcher_bench_hook(archive_dir, tmp_path, common_word) -> None:  # type: ignore[no-untyped-def]
    proc = _launch(archive_dir, tmp_path, PINGCHENG_BENCH_QUERY=common_word)
    assert proc.returncode == 0, proc.stderr
    lines = dict(line.split(" ", 1) for line in proc.stdout.splitlines() if " " in line)
    assert 0 < float(lines["READY"]) < 60
    assert float(lines["SEARCH"]) > 0
    assert int(lines["RSS"]) > 10_000  # kB: a Qt process is bigger than 10 MB


def test_launcher_opens_an_archive_another_program_writes(archive_dir, tmp_path) -> None:  # type: ignore[no-untyped-def]
    holder = Archive(archive_dir)
    try:
        with holder._guard.lock.held("import"):  # another program is importing
            proc = _launch(archive_dir, tmp_path)
    finally:
        holder.close()
    assert proc.returncode == 0, proc.stderr
    assert "READY" in proc.stdout and "Traceback" not in proc.stderr


def _open_first(viewer, qtbot, word):  # type: ignore[no-untyped-def]
    result = _search(viewer, qtbot, word)
    viewer.result_view.set_current_row(0)
    reader = viewer.reader
    qtbot.waitUntil(lambda: reader.article is not None and reader.article.id == result.ids[0], timeout=10_000)
    return result


def test_an_edit_shows_in_facets_and_reader_at_once(started, qtbot, common_word) -> None:  # type: ignore[no-untyped-def]
    _open_first(started, qtbot, common_word)
    article_id = started.reader.article.id
    started.window.edit_action.trigger()  # F2
    assert started.window.edit_dock.isVisible()
    form = started.edit_form
    assert form.article().id == article_id
    form.reporters_edit.setText("测试记者")
    with qtbot.waitSignal(started.controller.result_ready, timeout=30_000) as rerun:
        form.save_button.click()
    counts = {c.value: c.count for c in rerun.args[0].facets["reporter"]}
    assert counts.get("测试记者") == 1
    from viewer.models.facets import VALUE_ROLE

    model = started.facets
    group = started.facet_panel.group_index("reporter")
    assert "测试记者" in {model.index(r, 0, group).data(VALUE_ROLE) for r in range(model.rowCount(group))}
    qtbot.waitUntil(lambda: started.reader.article.reporters == ("测试记者",), timeout=10_000)
    assert "测试记者" in started.reader.browser.toPlainText()


def test_selected_results_go_to_the_basket(started, qtbot, common_word) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtCore import QItemSelectionModel

    result = _open_first(started, qtbot, common_word)
    view = started.result_view
    view.selectionModel().select(started.results.index(1, 0), QItemSelectionModel.SelectionFlag.Select)
    started.window.add_to_basket_action.trigger()  # Ctrl+D
    qtbot.waitUntil(lambda: started.basket.ids() == list(result.ids[:2]), timeout=5000)
    assert "2" in started.window.tabs.tabText(BASKET_TAB)
