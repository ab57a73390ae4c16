"""Which archive the viewer shows: new, open, recent archives, show its folder, leave the samples.

Switching closes the window; :func:`viewer.app.run` then builds it again on the chosen folder
(:attr:`ArchiveSwitcher.next_root`), optionally opening the import dialog at once. The last
archives opened are remembered (``archive/recent``), the sample archive never.
"""

from __future__ import annotations

import functools
import logging
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QFileDialog, QMenu

from index import paths
from viewer.mainwindow import MainWindow
from viewer.settings import Settings

logger = logging.getLogger(__name__)
RECENT_MAX = 8


class ArchiveSwitcher(QObject):
    """File → new / open / recent archives / show folder, and the sample banner's way out."""

    def __init__(self, window: MainWindow, settings: Settings, root: Path, *, sample: bool) -> None:
        super().__init__(window)
        self.window, self.settings, self.root, self.sample = window, settings, root, sample
        self.next_root: Path | None = None  # the archive app.run opens after this window closes
        self.import_next = False  # …with the import dialog open
        self.choose_folder: Any = self._choose_folder  # replaced in tests: (title, start) -> str
        self.open_url: Any = QDesktopServices.openUrl  # replaced in tests
        window.new_archive_action.triggered.connect(self.new_archive)
        window.open_archive_action.triggered.connect(self.open_other)
        window.show_archive_folder_action.triggered.connect(self.show_folder)
        window.recent_menu.aboutToShow.connect(lambda: self.fill_recent(window.recent_menu))

    def recent(self) -> list[Path]:
        """The archives opened last, newest first (the open one included)."""
        text = str(self.settings.get("archive/recent"))
        return [Path(p) for p in text.split("\n") if p.strip()]

    def remember(self) -> None:
        """Put the open archive first in the recent list (not the sample archive)."""
        if self.sample:
            return
        self.settings.set("archive/last", str(self.root))
        items = [self.root, *(p for p in self.recent() if p != self.root)][:RECENT_MAX]
        self.settings.set("archive/recent", "\n".join(str(p) for p in items))

    def switch(self, root: Path, import_editions: bool = False) -> None:
        """Close this archive and open ``root`` (created if new), optionally with the import dialog."""
        if Path(root) == self.root:
            return
        logger.info("switching to the archive %s", root)
        self.settings.set("archive/last", str(root))
        self.settings.sync()
        self.next_root, self.import_next = Path(root), import_editions
        self.window.close()

    def new_archive(self) -> None:
        """Choose an empty folder for a new archive and open it with the import dialog."""
        folder = self.choose_folder(self.tr("Folder for the new archive"), paths.default_archive_dir().parent)
        if not folder:
            return
        target = Path(folder)
        if (target / paths.CATALOG_NAME).is_file():
            self.window.show_message(
                self.tr("%1 already holds an archive: it is opened.").replace("%1", str(target)), 8000
            )
            self.switch(target)
            return
        self.switch(target, True)

    def create_my_archive(self) -> None:
        """The sample banner's "create my archive": a folder (the default one proposed), then import."""
        folder = self.choose_folder(self.tr("Folder for my archive"), paths.default_archive_dir())
        if folder:
            self.switch(Path(folder), True)

    def open_other(self) -> None:
        """Open an existing archive folder."""
        folder = self.choose_folder(self.tr("Open an archive folder"), self.root.parent)
        if not folder:
            return
        if not (Path(folder) / paths.CATALOG_NAME).is_file():
            self.window.show_message(
                self.tr("%1 holds no archive (no catalog.sqlite).").replace("%1", folder), 8000
            )
            return
        self.switch(Path(folder))

    def show_folder(self) -> None:
        """Show the open archive's folder in the file manager."""
        self.open_url(QUrl.fromLocalFile(str(self.root)))

    def fill_recent(self, menu: QMenu) -> None:
        """List the recent archives in ``menu`` (the open one checked)."""
        menu.clear()
        for path in self.recent():
            act = menu.addAction(str(path))
            act.triggered.connect(functools.partial(self._switch_to, path))
            act.setCheckable(True)
            act.setChecked(path == self.root)
            act.setEnabled((path / paths.CATALOG_NAME).is_file() or path == self.root)
        if menu.isEmpty():
            menu.addAction(self.tr("(none yet)")).setEnabled(False)

    def _switch_to(self, path: Path, _checked: bool = False) -> None:
        self.switch(path)

    def _choose_folder(self, title: str, start: Path) -> str:
        return QFileDialog.getExistingDirectory(self.window, title, str(start))
