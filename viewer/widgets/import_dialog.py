"""Import edition files or folders into the archive: progress, cancel, then a summary.

The import runs ``archive.import_paths`` on the task runner; this dialog only shows its progress
and its :class:`index.models.ImportReport` (editions added/updated/unchanged, articles, warnings
such as undated files, fragments and unassigned text, and files refused with the reason).
"""

from __future__ import annotations

import datetime as dt
import html
from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import QDate, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QDateEdit,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QProgressBar,
    QPushButton,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from index.errors import Cancelled
from index.models import ImportReport
from viewer.ports import EditionImporter
from viewer.tasks import Task, TaskRunner

MAX_LISTED = 200  # warnings/errors shown in the summary; the rest are counted


class ImportDialog(QDialog):
    """Choose files/folders, import them on a worker, show the report; see the module docstring."""

    imported = Signal(object)  # the ImportReport (also after a cancel: earlier editions stay imported)

    def __init__(self, archive: EditionImporter, runner: TaskRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._archive = archive
        self._runner = runner
        self._task: Task | None = None
        self.report: ImportReport | None = None
        self.setWindowTitle(self.tr("Import editions"))
        self.resize(640, 520)

        self.paths_list = QListWidget()
        self.paths_list.setSelectionMode(QListWidget.SelectionMode.ExtendedSelection)
        self.add_files_button = QPushButton(self.tr("Add files…"))
        self.add_folder_button = QPushButton(self.tr("Add folder…"))
        self.remove_button = QPushButton(self.tr("Remove"))
        self.date_check = QCheckBox(self.tr("Date for files without a date in their name:"))
        self.date_edit = QDateEdit(QDate.currentDate())
        self.date_edit.setCalendarPopup(True)
        self.date_edit.setDisplayFormat("yyyy-MM-dd")
        self.date_edit.setEnabled(False)
        self.progress = QProgressBar()
        self.progress.setRange(0, 1)
        self.progress.setValue(0)
        self.progress_label = QLabel()
        self.summary = QTextBrowser()
        self.summary.setPlaceholderText(self.tr("The summary of the import appears here."))
        self.import_button = QPushButton(self.tr("Import"))
        self.import_button.setDefault(True)
        self.close_button = QPushButton()  # "Cancel" while importing, else "Close"

        choose = QHBoxLayout()
        choose.addWidget(self.add_files_button)
        choose.addWidget(self.add_folder_button)
        choose.addWidget(self.remove_button)
        choose.addStretch(1)
        date_row = QHBoxLayout()
        date_row.addWidget(self.date_check)
        date_row.addWidget(self.date_edit)
        date_row.addStretch(1)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.import_button)
        buttons.addWidget(self.close_button)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(self.tr("Edition files (*.txt) and folders to import:")))
        layout.addWidget(self.paths_list, 1)
        layout.addLayout(choose)
        layout.addLayout(date_row)
        layout.addWidget(self.progress)
        layout.addWidget(self.progress_label)
        layout.addWidget(self.summary, 2)
        layout.addLayout(buttons)

        self.add_files_button.clicked.connect(self._choose_files)
        self.add_folder_button.clicked.connect(self._choose_folder)
        self.remove_button.clicked.connect(self._remove_selected)
        self.date_check.toggled.connect(self.date_edit.setEnabled)
        self.import_button.clicked.connect(self.start)
        self.close_button.clicked.connect(self.reject)
        self.paths_list.model().rowsInserted.connect(self._update_buttons)
        self.paths_list.model().rowsRemoved.connect(self._update_buttons)
        self._update_buttons()

    # -- public -------------------------------------------------------------------------------
    def add_paths(self, paths: Sequence[Path | str]) -> None:
        """List more files or folders to import."""
        known = set(self.paths())
        for path in paths:
            if Path(path) not in known:
                known.add(Path(path))
                self.paths_list.addItem(str(path))

    def paths(self) -> list[Path]:
        """The files and folders listed."""
        return [Path(self.paths_list.item(row).text()) for row in range(self.paths_list.count())]

    def set_date(self, date: dt.date | None) -> None:
        """The date given to undated files (None: such files are reported, not guessed)."""
        self.date_check.setChecked(date is not None)
        if date is not None:
            self.date_edit.setDate(QDate(date.year, date.month, date.day))

    def date(self) -> dt.date | None:
        """The date given for undated files, if any."""
        if not self.date_check.isChecked():
            return None
        chosen = self.date_edit.date()
        return dt.date(chosen.year(), chosen.month(), chosen.day())

    def is_running(self) -> bool:
        """True while an import runs."""
        return self._task is not None

    def start(self) -> None:
        """Import the listed files on the worker; progress shows here."""
        paths = self.paths()
        if not paths or self._task is not None:
            return
        self.report = None
        self.summary.clear()
        self.progress.setRange(0, 0)  # busy until the first progress report
        self.progress_label.setText(self.tr("Starting…"))
        self._task = self._runner.submit(
            self._archive.import_paths,
            paths,
            date=self.date(),
            name="import",
            with_progress=True,
            on_progress=self._on_progress,
            on_done=self._on_done,
            on_error=self._on_error,
        )
        self._update_buttons()

    def cancel(self) -> None:
        """Stop a running import after the current edition (the editions before it stay)."""
        if self._task is None:
            return
        self._task.cancel()
        self.close_button.setEnabled(False)
        self.progress_label.setText(self.tr("Cancelling after the current file…"))

    # -- reactions ----------------------------------------------------------------------------
    def _on_progress(self, done: int, total: int, message: str) -> None:
        self.progress.setRange(0, max(total, 1))
        self.progress.setValue(min(done, max(total, 1)))
        self.progress_label.setText(message)

    def _on_done(self, report: ImportReport) -> None:
        self._task = None
        self.report = report
        self.progress.setRange(0, 1)
        self.progress.setValue(0 if report.cancelled else 1)
        self.progress_label.setText(
            self.tr("Import cancelled.") if report.cancelled else self.tr("Import finished.")
        )
        self.summary.setHtml(self._summary_html(report))
        self._update_buttons()
        self.imported.emit(report)

    def _on_error(self, error: BaseException) -> None:
        self._task = None
        self.progress.setRange(0, 1)
        self.progress.setValue(0)
        if isinstance(error, Cancelled):
            self.progress_label.setText(self.tr("Import cancelled."))
        else:
            self.progress_label.setText(self.tr("Import failed: %1").replace("%1", str(error)))
        self._update_buttons()

    def _summary_html(self, report: ImportReport) -> str:
        rows = [
            (self.tr("Editions added"), report.editions_added),
            (self.tr("Editions updated"), report.editions_updated),
            (self.tr("Editions unchanged"), report.editions_unchanged),
            (self.tr("Articles"), report.articles),
            (self.tr("Fragments (beginning lost)"), report.fragments),
            (self.tr("Unassigned text blocks (kept)"), report.unassigned_blocks),
        ]
        parts = ["<table>"]
        parts += [
            f"<tr><td>{html.escape(label)}</td><td align='right'><b>{n}</b></td></tr>" for label, n in rows
        ]
        parts.append("</table>")
        if report.cancelled:
            note = self.tr("Cancelled: the remaining files were not imported.")
            parts.append(f"<p><b>{html.escape(note)}</b></p>")
        parts += self._listing(self.tr("Refused files"), report.errors, "#b00000")
        parts += self._listing(self.tr("Warnings"), report.warnings, "#8a5a00")
        return "".join(parts)

    def _listing(self, heading: str, lines: Sequence[str], colour: str) -> list[str]:
        if not lines:
            return []
        out = [f"<h4 style='color:{colour}'>{html.escape(heading)} ({len(lines)})</h4><ul>"]
        out += [f"<li>{html.escape(line)}</li>" for line in lines[:MAX_LISTED]]
        if len(lines) > MAX_LISTED:
            more = self.tr("… and %1 more").replace("%1", str(len(lines) - MAX_LISTED))
            out.append(f"<li>{html.escape(more)}</li>")
        out.append("</ul>")
        return out

    def _update_buttons(self) -> None:
        running = self._task is not None
        for widget in (
            self.add_files_button,
            self.add_folder_button,
            self.remove_button,
            self.paths_list,
            self.date_check,
        ):
            widget.setEnabled(not running)
        self.date_edit.setEnabled(not running and self.date_check.isChecked())
        self.import_button.setEnabled(not running and self.paths_list.count() > 0)
        self.close_button.setEnabled(True)
        self.close_button.setText(self.tr("Cancel") if running else self.tr("Close"))

    # -- choosers -----------------------------------------------------------------------------
    def _choose_files(self) -> None:
        files, _filter = QFileDialog.getOpenFileNames(
            self, self.tr("Choose edition files"), "", self.tr("Text files (*.txt);;All files (*)")
        )
        self.add_paths(files)

    def _choose_folder(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, self.tr("Choose a folder of editions"))
        if folder:
            self.add_paths([folder])

    def _remove_selected(self) -> None:
        for item in self.paths_list.selectedItems():
            self.paths_list.takeItem(self.paths_list.row(item))

    def reject(self) -> None:
        """Closing while an import runs only cancels it; the dialog stays open for the summary."""
        if self._task is not None:
            self.cancel()
            return
        super().reject()
