"""With the viewer in Chinese, the core's messages it shows (query errors, import refusals and
warnings, a locked archive) are Chinese: the viewer sets the core's language as the app does."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from index.archive import Archive
from viewer.platform import prepare_application
from viewer.search import SearchController
from viewer.widgets.import_dialog import ImportDialog
from viewer.widgets.searchbar import SearchBar


@pytest.fixture
def chinese(qapp: QApplication) -> None:
    """The viewer's start-up with the language setting zh_CN (the autouse fixture resets to en)."""
    prepare_application(qapp, "zh_CN")


def test_a_bad_query_shows_the_chinese_message(chinese, qtbot, archive, runner) -> None:  # type: ignore[no-untyped-def]
    bar = SearchBar()
    qtbot.addWidget(bar)
    controller = SearchController(archive, runner)
    controller.failed.connect(bar.show_error)
    with qtbot.waitSignal(controller.failed, timeout=10_000) as blocker:
        controller.update(text="日期:2025-13")
    assert blocker.args[0] == "'2025-13' 不是日期"
    assert bar.hint.toolTip() == "'2025-13' 不是日期" and "不是日期" in bar.hint.text()


def test_the_import_summary_lists_chinese_refusals_and_warnings(
    chinese, qtbot, runner, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    good = tmp_path / "2026-01-05.txt"
    good.write_text("平城区报\n\n古城街道举办读书月活动\n\n本报讯\x07 全区师生共读经典。\n", encoding="utf-8")
    binary = tmp_path / "2026-01-06.txt"
    binary.write_bytes(bytes(range(256)) * 8)
    archive = Archive(tmp_path / "archive")
    try:
        dialog = ImportDialog(archive, runner)
        qtbot.addWidget(dialog)
        dialog.show()
        dialog.add_paths([good, binary])
        with qtbot.waitSignal(dialog.imported, timeout=120_000):
            qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
        summary = dialog.summary.toPlainText()
        assert "2026-01-06.txt：二进制文件（含 NUL 字节），不是报纸文本" in summary
        assert "2026-01-05.txt：已删除 1 个多余的控制字符" in summary
        assert "binary file" not in summary and "control character" not in summary
    finally:
        runner.wait(60_000)
        archive.close()


def test_a_damaged_archive_is_reported_in_chinese(chinese, make_viewer, archive_dir, qtbot) -> None:  # type: ignore[no-untyped-def]
    Archive(archive_dir).close()
    catalog = archive_dir / "catalog.sqlite"
    catalog.write_bytes(b"this is not a database" * 64)
    viewer = make_viewer(archive_dir)
    with qtbot.waitSignal(viewer.open_failed, timeout=30_000) as blocker:
        viewer.start()
    assert "已损坏" in blocker.args[0] and str(catalog) in blocker.args[0]
