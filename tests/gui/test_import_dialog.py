"""ImportDialog with the real Archive: progress, summary (with a refused binary file), cancel, dates."""

from __future__ import annotations

import datetime as dt
import re
import shutil
import threading
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from index.archive import Archive
from viewer.widgets.import_dialog import ImportDialog


@pytest.fixture
def empty_archive(tmp_path: Path, runner):  # type: ignore[no-untyped-def]
    """A new archive; the runner fixture (requested first) drains its tasks before this closes."""
    opened = Archive(tmp_path / "fresh")
    yield opened
    runner.wait(60_000)
    opened.close()


@pytest.fixture
def dialog(empty_archive, runner, qtbot):  # type: ignore[no-untyped-def]
    widget = ImportDialog(empty_archive, runner)
    qtbot.addWidget(widget)
    widget.show()
    return widget


def test_import_shows_progress_and_a_summary_with_the_refused_file(
    dialog: ImportDialog, empty_archive, samples, qtbot, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    binary = tmp_path / "2026-02-02.txt"
    binary.write_bytes(bytes(range(256)) * 8)
    dialog.add_paths([*samples, binary])
    dialog.add_paths(samples[:1])  # no duplicates
    assert dialog.paths() == [*samples, binary]
    values: list[int] = []  # progress bar values while the import runs
    dialog.progress.valueChanged.connect(lambda v: values.append(v) if dialog.is_running() else None)

    with qtbot.waitSignal(dialog.imported, timeout=120_000) as done:
        qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
        assert dialog.is_running() and not dialog.import_button.isEnabled()
        assert dialog.close_button.text() == "Cancel"
    report = done.args[0]

    assert report is dialog.report and not report.cancelled
    assert report.editions_added == len(samples)
    assert report.articles == sum(e.article_count for e in empty_archive.editions()) > 0
    assert len(report.errors) == 1 and binary.name in report.errors[0]
    assert any(v > 0 for v in values), "the bar moved while importing"
    assert dialog.progress.value() == dialog.progress.maximum()
    summary = dialog.summary.toPlainText()
    assert "Refused files (1)" in summary and binary.name in summary
    assert re.search(rf"Editions added\s+{len(samples)}\b", summary)
    assert re.search(rf"Articles\s+{report.articles}\b", summary)
    for warning in report.warnings[:5]:
        assert warning in summary
    assert not dialog.is_running() and dialog.import_button.isEnabled()
    assert dialog.close_button.text() == "Close"

    # The same files again: nothing added, all unchanged.
    dialog.paths_list.clear()
    dialog.add_paths(samples)
    with qtbot.waitSignal(dialog.imported, timeout=120_000) as again:
        dialog.start()
    assert again.args[0].editions_added == 0
    assert again.args[0].editions_unchanged == len(samples)


def test_cancel_before_the_first_file_leaves_the_archive_as_it_was(
    dialog: ImportDialog, empty_archive, runner, samples, qtbot
) -> None:  # type: ignore[no-untyped-def]
    gate = threading.Event()
    runner.submit(gate.wait, 60)  # occupies the single worker, so the import waits in the queue
    dialog.add_paths(samples)
    dialog.start()
    assert dialog.is_running()
    dialog.reject()  # Esc / window close while running cancels instead of closing
    assert dialog.isVisible()
    assert "Cancelling" in dialog.progress_label.text()
    finished: list[object] = []
    dialog.imported.connect(finished.append)
    gate.set()
    qtbot.waitUntil(lambda: not dialog.is_running(), timeout=60_000)
    assert "cancelled" in dialog.progress_label.text().lower()
    if finished:  # the core reports the cancel in the ImportReport ...
        assert finished[0].cancelled and finished[0].editions_added == 0  # type: ignore[attr-defined]
    assert empty_archive.editions() == []  # ... or raises Cancelled; either way nothing was imported
    assert dialog.import_button.isEnabled()


def test_a_date_for_undated_files(
    dialog: ImportDialog, empty_archive, samples, qtbot, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    undated = tmp_path / "edition-without-date.txt"
    shutil.copyfile(samples[0], undated)

    dialog.add_paths([undated])
    with qtbot.waitSignal(dialog.imported, timeout=120_000) as first:
        dialog.start()
    assert first.args[0].editions_added == 0
    assert undated.name in dialog.summary.toPlainText()
    assert empty_archive.editions() == []

    dialog.set_date(dt.date(2019, 3, 4))
    assert dialog.date() == dt.date(2019, 3, 4) and dialog.date_edit.isEnabled()
    with qtbot.waitSignal(dialog.imported, timeout=120_000) as second:
        dialog.start()
    assert second.args[0].editions_added == 1
    assert [e.date for e in empty_archive.editions()] == [dt.date(2019, 3, 4)]


def test_remove_and_close(dialog: ImportDialog, qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    assert not dialog.import_button.isEnabled()
    dialog.add_paths([tmp_path / "a.txt", tmp_path / "b.txt"])
    assert dialog.import_button.isEnabled()
    dialog.paths_list.item(0).setSelected(True)
    qtbot.mouseClick(dialog.remove_button, Qt.MouseButton.LeftButton)
    assert dialog.paths() == [tmp_path / "b.txt"]
    qtbot.mouseClick(dialog.close_button, Qt.MouseButton.LeftButton)
    assert not dialog.isVisible()
