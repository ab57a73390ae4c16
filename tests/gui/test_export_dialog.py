"""ExportDialog with the real Archive: every format writes a real file that reads back with the
articles in it; open file / show folder; cancel; the suffix follows the format."""

from __future__ import annotations

import csv
import json
import re
import threading
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QUrl

from viewer.widgets.export_dialog import SUFFIXES, ExportDialog


def two_articles(archive) -> list:  # type: ignore[no-untyped-def]
    editions = sorted(archive.editions(), key=lambda e: (e.date, e.id))
    first = archive.edition_articles(editions[0].id)
    last = archive.edition_articles(editions[-1].id)
    picked = [first[0], last[-1] if len(editions) > 1 else first[-1]]
    assert picked[0].id != picked[1].id
    return picked


def read_back(path: Path, fmt: str) -> str:
    """The exported file's text, read with a reader for its format (which also proves it is valid)."""
    if fmt == "json":
        return json.dumps(json.loads(path.read_text(encoding="utf-8")), ensure_ascii=False)
    if fmt == "csv":
        with path.open(encoding="utf-8-sig", newline="") as handle:
            return "\n".join("\t".join(row) for row in csv.reader(handle))
    if fmt == "docx":
        import docx

        return "\n".join(p.text for p in docx.Document(str(path)).paragraphs)
    if fmt == "pdf":
        import pypdf

        return "\n".join(page.extract_text() or "" for page in pypdf.PdfReader(str(path)).pages)
    return path.read_text(encoding="utf-8")


def squeeze(text: str) -> str:
    return re.sub(r"\s+", "", text)


@pytest.fixture
def make_dialog(archive, runner, qtbot):  # type: ignore[no-untyped-def]
    def make(ids: list[int]) -> ExportDialog:
        dialog = ExportDialog(archive, runner, ids)
        qtbot.addWidget(dialog)
        dialog.show()
        opened: list[QUrl] = []
        dialog.open_url = opened.append
        dialog.opened = opened  # type: ignore[attr-defined]
        return dialog

    return make


@pytest.mark.parametrize("fmt", list(SUFFIXES))
def test_each_format_writes_a_file_that_reads_back(
    fmt: str, make_dialog, archive, qtbot, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    articles = two_articles(archive)
    dialog = make_dialog([a.id for a in articles])
    dialog.set_path(tmp_path / "out.docx")
    dialog.set_format(fmt)
    assert dialog.path() == tmp_path / f"out{SUFFIXES[fmt]}", "the suffix follows the format"
    with qtbot.waitSignal(dialog.exported, timeout=120_000) as done:
        qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    out = done.args[0]
    assert out == dialog.output and out.is_file() and out.stat().st_size > 0
    text = squeeze(read_back(out, fmt))
    for article in articles:
        assert squeeze(article.title) in text, f"{article.title!r} not in the {fmt} export"
    assert dialog.progress.value() == dialog.progress.maximum()
    assert str(out) in dialog.status_label.text()


def test_open_the_file_or_its_folder_afterwards(make_dialog, archive, qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    dialog = make_dialog([a.id for a in two_articles(archive)])
    dialog.set_format("md")
    dialog.set_path(tmp_path / "sub" / "picked.md")
    (tmp_path / "sub").mkdir()
    assert not dialog.open_button.isEnabled() and not dialog.folder_button.isEnabled()
    dialog.open_check.setChecked(True)
    with qtbot.waitSignal(dialog.exported, timeout=120_000):
        dialog.start()
    target = tmp_path / "sub" / "picked.md"
    assert dialog.opened == [QUrl.fromLocalFile(str(target))]  # type: ignore[attr-defined]
    qtbot.mouseClick(dialog.folder_button, Qt.MouseButton.LeftButton)
    assert dialog.opened[-1] == QUrl.fromLocalFile(str(target.parent))  # type: ignore[attr-defined]
    qtbot.mouseClick(dialog.open_button, Qt.MouseButton.LeftButton)
    assert dialog.opened[-1] == QUrl.fromLocalFile(str(target))  # type: ignore[attr-defined]
    assert dialog.path_note.text() == "", "no overwrite warning for the file just written"


def test_cancel_while_waiting_writes_nothing(make_dialog, archive, runner, qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    dialog = make_dialog([a.id for a in two_articles(archive)])
    dialog.set_format("txt")
    dialog.set_path(tmp_path / "never.txt")
    gate = threading.Event()
    runner.submit(gate.wait, 60)  # the single worker is busy: the export waits in the queue
    dialog.start()
    assert dialog.is_running() and dialog.close_button.text() == "Cancel"
    dialog.reject()  # Esc while exporting cancels the export, the dialog stays
    assert dialog.isVisible()
    gate.set()
    qtbot.waitUntil(lambda: not dialog.is_running(), timeout=60_000)
    assert dialog.status_label.text() == "Export cancelled."
    assert not (tmp_path / "never.txt").exists()
    assert dialog.output is None and not dialog.open_button.isEnabled()


def test_a_failure_is_shown(make_dialog, archive, qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    blocker = tmp_path / "a-file"
    blocker.write_text("x")
    dialog = make_dialog([two_articles(archive)[0].id])
    dialog.set_format("txt")
    dialog.set_path(blocker / "inside.txt")  # a folder that is a file: cannot be written
    dialog.start()
    qtbot.waitUntil(lambda: not dialog.is_running(), timeout=60_000)
    assert dialog.status_label.text().startswith("Export failed: ")
    assert dialog.output is None


def test_nothing_to_export(make_dialog) -> None:  # type: ignore[no-untyped-def]
    dialog = make_dialog([])
    assert not dialog.export_button.isEnabled()
    assert dialog.status_label.text() == "No articles selected."


def test_an_existing_file_is_announced(make_dialog, archive, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    dialog = make_dialog([two_articles(archive)[0].id])
    (tmp_path / "old.csv").write_text("x")
    dialog.set_format("csv")
    dialog.set_path(tmp_path / "old.csv")
    assert dialog.path_note.text() == "The file exists and will be replaced."
    dialog.set_path(tmp_path / "new.csv")
    assert dialog.path_note.text() == ""


def test_the_source_is_shown_and_chosen_format_and_folder_remembered(
    archive, runner, qtbot, settings, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    from viewer.widgets.export_dialog import ExportSource

    ids = [a.id for e in archive.editions() for a in archive.edition_articles(e.id)]
    sources = [
        ExportSource("rows", "Selected articles", tuple(ids[:1])),
        ExportSource("selection", "The selection", ()),
        ExportSource("results", "All results", tuple(ids[:5])),
    ]
    dialog = ExportDialog(archive, runner, sources, settings=settings, current="results")
    qtbot.addWidget(dialog)
    labels = [dialog.source_combo.itemText(i) for i in range(dialog.source_combo.count())]
    assert labels == [
        "Selected articles (1 articles)",
        "The selection (0 articles)",
        "All results (5 articles)",
    ]
    assert dialog.source() == "results" and dialog.ids() == ids[:5]
    assert not dialog.source_combo.model().item(1).isEnabled()  # an empty source cannot be chosen
    dialog.set_source("rows")
    assert dialog.ids() == ids[:1]
    dialog.set_format("csv")
    (tmp_path / "out").mkdir()
    dialog.set_path(tmp_path / "out" / "first.csv")
    with qtbot.waitSignal(dialog.exported, timeout=30_000):
        dialog.start()
    assert (tmp_path / "out" / "first.csv").is_file()
    again = ExportDialog(archive, runner, sources, settings=settings)
    qtbot.addWidget(again)
    assert again.format() == "csv" and again.path().parent == tmp_path / "out"
    assert again.source() == "rows"  # the first source with articles


def test_an_existing_file_is_replaced_only_after_asking(make_dialog, archive, qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    ids = [a.id for a in archive.edition_articles(archive.editions()[0].id)][:2]
    target = tmp_path / "old.txt"
    target.write_text("keep me", encoding="utf-8")
    dialog = make_dialog(ids)
    dialog.set_format("txt")
    dialog.set_path(target)
    asked: list[Path] = []
    dialog.confirm_overwrite = lambda p: asked.append(p) or False
    dialog.start()
    assert asked == [target] and not dialog.is_running()
    assert target.read_text(encoding="utf-8") == "keep me"
    dialog.confirm_overwrite = lambda p: True
    with qtbot.waitSignal(dialog.exported, timeout=30_000):
        dialog.start()
    assert target.read_text(encoding="utf-8") != "keep me"


def test_the_export_action_offers_rows_selection_and_results(started, qtbot, common_word) -> None:  # type: ignore[no-untyped-def]
    with qtbot.waitSignal(started.controller.result_ready, timeout=10_000) as blocker:
        started.search_bar.set_text(common_word, search=True)
    result = blocker.args[0]
    started.result_view.set_current_row(0)
    started.basket.add(result.ids[1:3])
    started.window.export_action.trigger()
    dialog = started.window.findChild(ExportDialog)
    assert dialog is not None and dialog.source() == "rows" and dialog.ids() == [result.ids[0]]
    dialog.set_source("selection")
    assert dialog.ids() == list(result.ids[1:3])
    dialog.set_source("results")
    assert dialog.ids() == list(result.ids)
    dialog.reject()


def test_no_stale_nothing_selected_message(archive, runner, qtbot) -> None:  # type: ignore[no-untyped-def]
    from viewer.widgets.export_dialog import ExportSource

    ids = tuple(a.id for a in archive.edition_articles(archive.editions()[0].id))
    dialog = ExportDialog(archive, runner, [ExportSource("selection", "The selection", ids)])
    qtbot.addWidget(dialog)
    assert dialog.ids() == list(ids) and dialog.status_label.text() == ""
