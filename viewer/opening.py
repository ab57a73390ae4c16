"""Opening an archive for the viewer: on a worker, and the message when another viewer holds it."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QMessageBox, QWidget

if TYPE_CHECKING:
    from index.archive import Archive
    from index.models import CancelCheck, Progress

logger = logging.getLogger(__name__)


def open_archive(root: Path, progress: Progress | None = None, cancel: CancelCheck | None = None) -> Archive:
    """On a worker: import the core, open the archive (rebuilding its index if needed, with
    ``progress``), load the jieba dictionary and what the first search reads. ``cancel`` is accepted for the task runner, not used."""
    from index.archive import Archive
    from index.reenrich import follow_imports

    archive = Archive(root, progress=progress)
    follow_imports(archive)  # first listener: imports get the archive's own lists before views hear
    try:
        archive.warm_up()  # jieba's dictionary, index tables, facet arrays: off the GUI thread
    except Exception:
        logger.exception("loading the segmenter failed for %s", root)
        archive.close()
        raise
    logger.info("archive open: %s", root)
    return archive


def locked_message(parent: QWidget | None, root: Path, detail: str) -> None:
    """Tell the user that another running viewer holds the archive."""
    QMessageBox.critical(
        parent,
        QCoreApplication.translate("Viewer", "Archive in use"),
        QCoreApplication.translate(
            "Viewer",
            "The archive %1 is open in another running instance of the viewer.\n\n"
            "Close the other window, or start this one on another archive (--archive DIR).",
        ).replace("%1", str(root))
        + (f"\n\n{detail}" if detail else ""),
    )
