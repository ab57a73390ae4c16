"""The archive actions of the menus: import (dialog, and the sample editions on a first run), export,
reindex.

Each runs as a task on the long-task runner (:mod:`viewer.tasks`); the import and export dialogs show
their own progress, the others report in the status bar (progress bar + cancel button). Nothing here
refreshes a view: the archive announces what changed (:class:`index.changes.Changes`) and the wiring
refreshes the views from that.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Qt
from PySide6.QtWidgets import QDialog

from index.models import ImportReport
from viewer.mainwindow import MainWindow
from viewer.settings import Settings
from viewer.tasks import TaskRunner
from viewer.widgets.export_dialog import ExportSource

if TYPE_CHECKING:
    from index.archive import Archive

logger = logging.getLogger(__name__)


class ArchiveActions(QObject):
    """Starts the menu actions that change or write out the archive; see the module docstring."""

    def __init__(
        self,
        archive: Archive,
        runner: TaskRunner,
        window: MainWindow,
        settings: Settings,
        *,
        interactive: bool = True,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.archive, self.runner, self.window, self.settings = archive, runner, window, settings
        self.interactive = interactive
        window.cancel_button.clicked.connect(runner.cancel_all)

    # -- dialogs ----------------------------------------------------------------------------------
    def export(self, sources: Sequence[ExportSource], current: str = "") -> QDialog | None:
        """Open the export dialog on these sources (``current`` chosen at first)."""
        if not any(src.ids for src in sources):
            self.window.show_message(self.tr("Select articles to export first."), 5000)
            return None
        from viewer.widgets.export_dialog import ExportDialog

        dialog = ExportDialog(
            self.archive, self.runner, sources, self.window, settings=self.settings, current=current
        )
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.exported.connect(
            lambda path: self.window.show_message(self.tr("Exported to %1").replace("%1", str(path)), 8000)
        )
        dialog.open()
        return dialog

    def import_dialog(self, paths: list[Path] | None = None) -> QDialog:
        """Open the import dialog (optionally with files or folders already listed)."""
        from viewer.widgets.import_dialog import ImportDialog

        dialog = ImportDialog(self.archive, self.runner, self.window)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        if paths:
            dialog.add_paths(paths)
        dialog.open()
        return dialog

    # -- status-bar tasks---------------------------------------------------------------------------
    def _run(self, fn: Callable[..., Any], *args: Any, message: str, on_done: Callable[[Any], None]) -> None:
        w = self.window
        w.show_progress(0, 0, message)

        def failed(exc: BaseException) -> None:
            logger.error("%s failed: %s", message, exc)
            w.hide_progress()
            w.show_message(str(exc), 10000)

        def done(result: Any) -> None:
            w.hide_progress()
            on_done(result)

        self.runner.submit(
            fn,
            *args,
            name=message,
            with_progress=True,
            on_done=done,
            on_error=failed,
            on_progress=lambda d, t, m: w.show_progress(d, t, m or message),
        )

    def import_samples(self, folder: Path) -> bool:
        """First run: import the bundled sample editions into the sample archive (示例档案)."""
        files = sorted(folder.glob("*.txt"))
        if not files:
            return False

        def done(report: ImportReport) -> None:
            text = self.tr("Imported %1 sample articles.").replace("%1", str(report.articles))
            self.window.show_message(text, 8000)

        self._run(
            self.archive.import_paths, files, message=self.tr("Importing the sample editions…"), on_done=done
        )
        return True

    def own_lists(self) -> list[Path]:
        """Copy the shipped street list and taxonomy into the archive folder (to edit them there)."""
        from index.reenrich import copy_lists

        copies = copy_lists(self.archive.root)
        text = self.tr("Edit %1 in the archive folder, then File → Re-apply street offices and topics.")
        self.window.show_message(text.replace("%1", " / ".join(p.name for p in copies)), 12000)
        return copies

    def reenrich(self) -> None:
        """Apply the archive's street list and taxonomy again to every article (corrections stay)."""
        from index.reenrich import reenrich_archive

        def done(n: int) -> None:
            self.window.show_message(
                self.tr("Street offices and topics re-applied: %1 articles changed.").replace("%1", str(n)),
                10000,
            )

        self._run(
            reenrich_archive,
            self.archive,
            message=self.tr("Re-applying street offices and topics…"),
            on_done=done,
        )

    def reindex(self) -> None:
        """Rebuild the search index from the catalog."""

        def done(n: int) -> None:
            self.window.show_message(self.tr("Index rebuilt: %1 articles.").replace("%1", str(n)), 8000)

        self._run(self.archive.reindex, message=self.tr("Rebuilding the search index…"), on_done=done)
