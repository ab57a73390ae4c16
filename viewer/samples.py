"""The sample archive (示例档案): where the invented sample editions live, never the user's archive.

On a first run (no archive chosen yet and no archive in the user's data folder) the viewer opens
the sample archive, imports the bundled sample editions into it, and shows :class:`SampleBanner`
above the search bar: it says clearly that this is the sample archive and offers "create my
archive" and "import my editions" (both switch to the user's own archive).
"""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QWidget

from index import paths

logger = logging.getLogger(__name__)


def sample_archive_dir() -> Path:
    """The folder of the sample archive, beside (never inside) the user's default archive."""
    user = paths.default_archive_dir()
    return user.with_name(user.name + "-samples")


def has_archive(root: Path) -> bool:
    """True when ``root`` already holds an archive (its catalog)."""
    return (root / paths.CATALOG_NAME).is_file()


def start_root(chosen: Path | None, last: str) -> Path:
    """The archive to open: the one asked for, else the last one, else the user's archive if it
    exists, else the sample archive (a first run)."""
    if chosen is not None:
        return chosen
    if last:
        return Path(last)
    user = paths.default_archive_dir()
    return user if has_archive(user) else sample_archive_dir()


class SampleBanner(QFrame):
    """The strip that marks the sample archive, with the way out to the user's own archive."""

    create_requested = Signal()
    import_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("sampleBanner")
        self.setStyleSheet("#sampleBanner { background: #fff4d6; border-bottom: 1px solid #e0c070; }")
        self.label = QLabel(
            self.tr(
                "<b>示例档案 — sample archive.</b> These editions and reporters are invented, to try the "
                "viewer; your own archive is kept apart."
            ),
            self,
        )
        self.label.setWordWrap(True)
        self.create_button = QPushButton(self.tr("Create my archive…"), self)
        self.import_button = QPushButton(self.tr("Import my editions…"), self)
        lay = QHBoxLayout(self)
        lay.setContentsMargins(8, 4, 8, 4)
        lay.addWidget(self.label, 1)
        lay.addWidget(self.create_button)
        lay.addWidget(self.import_button)
        self.create_button.clicked.connect(self.create_requested)
        self.import_button.clicked.connect(self.import_requested)
