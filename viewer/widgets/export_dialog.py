"""Export articles to one file: DOCX, PDF, Markdown, CSV, JSON or TXT.

The dialog says what is exported and lets the user choose it: the selected rows, the selection
(选集), or all results of the current search, each with its count (:class:`ExportSource`). It
remembers the last format and folder (:class:`viewer.settings.Settings`), and asks before it
replaces an existing file (:attr:`ExportDialog.confirm_overwrite`, replaced in tests).
``archive.export`` runs on the task runner with progress and cancel. Afterwards the file can be
opened or its folder shown; both go through :attr:`ExportDialog.open_url` (``QDesktopServices``
by default), which tests replace.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QStandardPaths, QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from index.errors import Cancelled
from viewer.ports import Exporter
from viewer.settings import Settings
from viewer.tasks import Task, TaskRunner

logger = logging.getLogger(__name__)

# format code for archive.export → file suffix, in the order the dialog offers them
SUFFIXES: dict[str, str] = {
    "docx": ".docx",
    "pdf": ".pdf",
    "md": ".md",
    "csv": ".csv",
    "json": ".json",
    "txt": ".txt",
}


@dataclass(frozen=True)
class ExportSource:
    """One thing the user may export: ``key`` (``rows``, ``selection``, ``results``), a label, ids."""

    key: str
    label: str
    ids: tuple[int, ...]


class ExportDialog(QDialog):
    """Export the articles of one source to one file; see the module docstring.

    Args:
        archive: Writes the file.
        runner: Runs the export.
        sources: The sources to choose from (or just the ids to export).
        parent: The parent window.
        settings: Where the last format and folder are remembered (None: not remembered).
        current: Key of the source chosen at first (default: the first one with articles).
    """

    exported = Signal(object)  # Path of the written file

    def __init__(
        self,
        archive: Exporter,
        runner: TaskRunner,
        sources: Sequence[ExportSource] | Sequence[int],
        parent: QWidget | None = None,
        *,
        settings: Settings | None = None,
        current: str = "",
    ) -> None:
        super().__init__(parent)
        self._archive = archive
        self._runner = runner
        self._settings = settings
        if sources and not isinstance(sources[0], ExportSource):
            given = tuple(int(i) for i in sources)  # type: ignore[arg-type]
            sources = [ExportSource("rows", self.tr("Selected articles"), given)]
        self._sources = [
            ExportSource(src.key, src.label, tuple(dict.fromkeys(src.ids)))
            for src in sources
            if isinstance(src, ExportSource)
        ]
        self._ids: list[int] = []
        self._task: Task | None = None
        self.output: Path | None = None  # the file written by the last export
        self.open_url: Callable[[QUrl], object] = QDesktopServices.openUrl
        self.confirm_overwrite: Callable[[Path], bool] = self._ask_overwrite
        self.setWindowTitle(self.tr("Export articles"))
        self.resize(600, 280)
        self.source_combo = QComboBox()
        for src in self._sources:
            self.source_combo.addItem(
                self.tr("%1 (%2 articles)").replace("%1", src.label).replace("%2", str(len(src.ids))), src.key
            )
            if not src.ids:  # shown, so the user sees it is empty, but not choosable
                item = self.source_combo.model().item(self.source_combo.count() - 1)  # type: ignore[attr-defined]
                item.setEnabled(False)

        self.format_combo = QComboBox()
        labels = {
            "docx": self.tr("Word document (DOCX)"),
            "pdf": self.tr("PDF"),
            "md": self.tr("Markdown"),
            "csv": self.tr("Spreadsheet (CSV)"),
            "json": self.tr("JSON"),
            "txt": self.tr("Plain text (TXT)"),
        }
        for code in SUFFIXES:
            self.format_combo.addItem(labels[code], code)
        self.path_edit = QLineEdit(str(_default_path(self._remembered_folder())))
        self.path_note = QLabel()
        self.browse_button = QPushButton(self.tr("Browse…"))
        self.open_check = QCheckBox(self.tr("Open the file when done"))
        self.progress = QProgressBar()
        self.progress.setRange(0, 1)
        self.progress.setValue(0)
        self.status_label = QLabel()
        self.status_label.setWordWrap(True)
        self.export_button = QPushButton(self.tr("Export"))
        self.export_button.setDefault(True)
        self.open_button = QPushButton(self.tr("Open file"))
        self.folder_button = QPushButton(self.tr("Show folder"))
        self.close_button = QPushButton()

        path_row = QHBoxLayout()
        path_row.addWidget(self.path_edit, 1)
        path_row.addWidget(self.browse_button)
        form = QFormLayout()
        form.addRow(self.tr("Export:"), self.source_combo)
        form.addRow(self.tr("Format:"), self.format_combo)
        form.addRow(self.tr("Save as:"), path_row)
        form.addRow("", self.path_note)
        buttons = QHBoxLayout()
        buttons.addWidget(self.open_button)
        buttons.addWidget(self.folder_button)
        buttons.addStretch(1)
        buttons.addWidget(self.export_button)
        buttons.addWidget(self.close_button)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.open_check)
        layout.addWidget(self.progress)
        layout.addWidget(self.status_label)
        layout.addStretch(1)
        layout.addLayout(buttons)

        self.source_combo.currentIndexChanged.connect(self._source_changed)
        self.format_combo.currentIndexChanged.connect(self._format_changed)
        self.browse_button.clicked.connect(self._browse)
        self.path_edit.textChanged.connect(self._update_state)
        self.export_button.clicked.connect(self.start)
        self.close_button.clicked.connect(self.reject)
        self.open_button.clicked.connect(self.open_file)
        self.folder_button.clicked.connect(self.show_folder)
        remembered = str(settings.get("export/format")) if settings is not None else ""
        if self.format_combo.findData(remembered) >= 0:
            self.format_combo.setCurrentIndex(self.format_combo.findData(remembered))
        self._format_changed()
        self._choose_initial(current)

    # -- public -------------------------------------------------------------------------------
    def ids(self) -> list[int]:
        """The ids the export will write, in order."""
        return list(self._ids)

    def source(self) -> str:
        """Key of the chosen source."""
        return str(self.source_combo.currentData() or "")

    def set_source(self, key: str) -> None:
        """Choose a source by key (``rows``, ``selection``, ``results``)."""
        index = self.source_combo.findData(key)
        if index < 0:
            raise ValueError(f"no export source {key!r}")
        self.source_combo.setCurrentIndex(index)

    def format(self) -> str:
        """The chosen format code (``docx``, ``pdf``…)."""
        return str(self.format_combo.currentData())

    def set_format(self, code: str) -> None:
        """Choose a format by code; ``ValueError`` for an unknown one."""
        index = self.format_combo.findData(code)
        if index < 0:
            raise ValueError(f"unknown export format: {code}")
        self.format_combo.setCurrentIndex(index)

    def path(self) -> Path:
        """The file to write."""
        return Path(self.path_edit.text().strip()).expanduser()

    def set_path(self, path: Path | str) -> None:
        """Set the file to write."""
        self.path_edit.setText(str(path))

    def is_running(self) -> bool:
        """True while an export runs."""
        return self._task is not None

    def start(self) -> None:
        """Export (after asking, if the file exists); progress shows in the dialog."""
        if self._task is not None or not self._ids or not self.path_edit.text().strip():
            return
        if self.path().exists() and self.path() != self.output and not self.confirm_overwrite(self.path()):
            self.status_label.setText(self.tr("Not exported: the file was kept."))
            return
        self._remember()
        self.output = None
        self.progress.setValue(0)
        self.status_label.setText(self.tr("Exporting…"))
        self._task = self._runner.submit(
            self._archive.export,
            list(self._ids),
            self.format(),
            self.path(),
            name="export",
            with_progress=True,
            on_progress=self._on_progress,
            on_done=self._on_done,
            on_error=self._on_error,
        )
        self._update_state()

    def cancel(self) -> None:
        """Ask the running export to stop."""
        if self._task is not None:
            self._task.cancel()
            self.status_label.setText(self.tr("Cancelling…"))

    def open_file(self) -> None:
        """Open the written file with the system's program."""
        if self.output is not None:
            self.open_url(QUrl.fromLocalFile(str(self.output)))

    def show_folder(self) -> None:
        """Show the written file's folder."""
        if self.output is not None:
            self.open_url(QUrl.fromLocalFile(str(self.output.parent)))

    def reject(self) -> None:
        """While exporting, Cancel/Esc/closing stops the export; otherwise the dialog closes."""
        if self._task is not None:
            self.cancel()
            return
        super().reject()

    # -- reactions ----------------------------------------------------------------------------
    def _on_progress(self, done: int, total: int, message: str) -> None:
        self.progress.setRange(0, max(total, 1))
        self.progress.setValue(min(done, max(total, 1)))
        if message:
            self.status_label.setText(message)

    def _on_done(self, path: Path) -> None:
        self._task = None
        self.output = Path(path)
        self.progress.setValue(self.progress.maximum())
        self.status_label.setText(
            self.tr("Exported to %1 (articles: %2)")
            .replace("%1", str(path))
            .replace("%2", str(len(self._ids)))
        )
        self._update_state()
        self.exported.emit(self.output)
        if self.open_check.isChecked():
            self.open_file()

    def _on_error(self, error: BaseException) -> None:
        self._task = None
        self.progress.setValue(0)
        if isinstance(error, Cancelled):
            self.status_label.setText(self.tr("Export cancelled."))
        else:
            self.status_label.setText(self.tr("Export failed: %1").replace("%1", str(error)))
        self._update_state()

    def _choose_initial(self, current: str) -> None:
        keys = [src.key for src in self._sources]
        with_ids = [src.key for src in self._sources if src.ids]
        key = current if current in with_ids else (with_ids[0] if with_ids else (keys[0] if keys else ""))
        if key:
            self.source_combo.setCurrentIndex(keys.index(key))
        self._source_changed()

    def _source_changed(self) -> None:
        src = next((s for s in self._sources if s.key == self.source()), None)
        self._ids = list(src.ids) if src else []
        self.progress.setRange(0, max(len(self._ids), 1))
        self.progress.setValue(0)
        self._update_state()

    def _remembered_folder(self) -> Path | None:
        if self._settings is None:
            return None
        folder = Path(str(self._settings.get("export/folder")))
        return folder if str(folder) not in ("", ".") and folder.is_dir() else None

    def _remember(self) -> None:
        if self._settings is not None:
            self._settings.set("export/format", self.format())
            self._settings.set("export/folder", str(self.path().parent))

    def _ask_overwrite(self, path: Path) -> bool:
        answer = QMessageBox.question(
            self,
            self.tr("Replace the file?"),
            self.tr("%1 exists. Replace it with this export?").replace("%1", str(path)),
        )
        return answer == QMessageBox.StandardButton.Yes

    def _format_changed(self) -> None:
        """Keep the file name's suffix in step with the chosen format."""
        suffix = SUFFIXES[self.format()]
        text = self.path_edit.text().strip()
        if text:
            self.path_edit.setText(str(Path(text).with_suffix(suffix)))
        self._update_state()

    def _browse(self) -> None:
        suffix = SUFFIXES[self.format()]
        label = self.format_combo.currentText()
        path, _filter = QFileDialog.getSaveFileName(
            self, self.tr("Export to"), str(self.path()), f"{label} (*{suffix})"
        )
        if path:
            self.set_path(Path(path).with_suffix(suffix))

    def _update_state(self) -> None:
        running = self._task is not None
        has_path = bool(self.path_edit.text().strip())
        for widget in (
            self.source_combo,
            self.format_combo,
            self.path_edit,
            self.browse_button,
            self.open_check,
        ):
            widget.setEnabled(not running)
        self.export_button.setEnabled(not running and has_path and bool(self._ids))
        self.open_button.setEnabled(not running and self.output is not None)
        self.folder_button.setEnabled(not running and self.output is not None)
        self.close_button.setText(self.tr("Cancel") if running else self.tr("Close"))
        empty = self.tr("No articles selected.")
        if not self._ids:
            self.status_label.setText(empty)
        elif self.status_label.text() == empty:
            self.status_label.clear()
        replaced = not running and has_path and self.path().is_file() and self.path() != self.output
        self.path_note.setText(self.tr("The file exists and will be replaced.") if replaced else "")


def _default_path(folder: Path | None = None) -> Path:
    """A new file name in ``folder`` (default: the documents folder, else home)."""
    if folder is None:
        documents = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
        folder = Path(documents) if documents and Path(documents).is_dir() else Path.home()
    return folder / f"pingcheng-export-{dt.datetime.now():%Y%m%d-%H%M}.docx"
