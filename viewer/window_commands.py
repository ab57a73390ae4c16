"""The window's own commands: language, help pages, about, the log folder, reader text size.

None of them touches the archive; :class:`viewer.wiring.Viewer` creates one :class:`WindowCommands`
and connects it to the window's actions.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, Qt, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QMessageBox

from index import logs
from viewer.help import HelpDialog, shortcuts_html, syntax_html, version
from viewer.mainwindow import MainWindow
from viewer.settings import Settings
from viewer.widgets.reader import Reader

logger = logging.getLogger(__name__)


class WindowCommands(QObject):
    """Handlers of the language, help, about, log-folder and text-size actions of one window."""

    def __init__(
        self,
        window: MainWindow,
        reader: Reader,
        settings: Settings,
        root: Path,
        language: str,
        interactive: bool,
    ) -> None:
        super().__init__(window)
        self.window, self.reader, self.settings = window, reader, settings
        self.root, self.language, self.interactive = root, language, interactive
        self.open_url: Any = QDesktopServices.openUrl  # replaced in tests
        self.confirm_restart: Any = self._ask_restart  # replaced in tests
        self.restart_requested = False  # app.run builds the window again after the loop

    def attach(self) -> None:
        """Connect the window's actions to these handlers; apply the remembered text size."""
        w = self.window
        w.language_actions.get(self.language, w.language_actions["zh_CN"]).setChecked(True)
        w.language_group.triggered.connect(self._language_chosen)
        w.about_action.triggered.connect(self._about)
        w.log_folder_action.triggered.connect(self.open_log_folder)
        w.syntax_action.triggered.connect(lambda: self.show_help("syntax"))
        w.shortcuts_action.triggered.connect(lambda: self.show_help("shortcuts"))
        w.zoom_in_action.triggered.connect(lambda: self.zoom(1))
        w.zoom_out_action.triggered.connect(lambda: self.zoom(-1))
        w.zoom_reset_action.triggered.connect(lambda: self.zoom(0))
        size = float(self.settings.get("reader/font_size"))
        if size > 0:
            self.reader.set_font_size(size)

    def _language_chosen(self, action: Any) -> None:
        """Store the language and offer to restart now (the windows are built in one language)."""
        code = str(action.data())
        if code == self.language:
            return
        self.settings.set("ui/language", code)
        self.settings.sync()
        if self.confirm_restart():
            self.restart_requested = True
            self.window.close()
        else:
            self.window.show_message(self.tr("The language changes when the viewer is started again."), 8000)

    def _ask_restart(self) -> bool:
        if not self.interactive:
            return False
        answer = QMessageBox.question(
            self.window,
            self.tr("Change the language"),
            self.tr("The viewer restarts to show the new language. Restart now?"),
        )
        return answer == QMessageBox.StandardButton.Yes

    def show_help(self, page: str) -> HelpDialog:
        """Help → query syntax or keyboard shortcuts, in a window beside the main one."""
        if page == "syntax":
            dialog = HelpDialog(self.tr("Query syntax"), syntax_html(), self.window)
        else:
            dialog = HelpDialog(
                self.tr("Keyboard shortcuts"), shortcuts_html(self.window.actions()), self.window
            )
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.show()
        return dialog

    def zoom(self, step: int) -> None:
        """Reader text one point larger (+1), smaller (-1) or back to the application's size (0)."""
        if step == 0:
            self.reader.set_font_size(self.window.font().pointSizeF())
            self.settings.set("reader/font_size", 0)
            return
        self.settings.set("reader/font_size", self.reader.zoom(step))

    def open_log_folder(self) -> None:
        """Help → open the folder holding the log files in the file manager."""
        folder = logs.log_file().parent
        folder.mkdir(parents=True, exist_ok=True)
        self.open_url(QUrl.fromLocalFile(str(folder)))

    def _about(self) -> None:
        QMessageBox.about(
            self.window,
            self.tr("About"),
            self.tr(
                "Pingcheng district newspaper archive.\nOffline search, browsing and export of the 平城区 paper."
            )
            + "\n\n"
            + self.tr("Version %1").replace("%1", version())
            + "\n"
            + self.tr("Archive: %1").replace("%1", str(self.root)),
        )
