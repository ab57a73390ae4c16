"""Removing editions or articles from the archive, with a confirmation and an undo of the last one.

The removal runs on the long-task runner (``Archive.remove_editions`` / ``remove_articles``); the
archive announces what went (:class:`index.changes.Changes`), so every view drops it by itself.
The last removal is kept until the window closes: Edit → Undo removal puts it back
(``Archive.restore``), with its ids and its librarian edits, and back in the selection (选集).
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any, Protocol

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QMessageBox

from viewer.mainwindow import MainWindow
from viewer.tasks import TaskRunner

if TYPE_CHECKING:
    from index.removal import Removal

logger = logging.getLogger(__name__)


class Remover(Protocol):
    """The archive calls removal needs."""

    def remove_editions(self, edition_ids: Sequence[int]) -> Removal:
        """Remove whole editions."""
        ...

    def remove_articles(self, article_ids: Sequence[int]) -> Removal:
        """Remove single articles."""
        ...

    def restore(self, removed: Removal) -> None:
        """Undo a removal."""
        ...


class RemoveActions(QObject):
    """Asks, removes, and undoes the last removal; ``undo_available(bool)`` follows the state."""

    undo_available = Signal(bool)

    def __init__(
        self, archive: Remover, runner: TaskRunner, window: MainWindow, parent: QObject | None = None
    ):
        super().__init__(parent)
        self.archive, self.runner, self.window = archive, runner, window
        self.last: Removal | None = None
        self.confirm: Callable[[str, str], bool] = self._ask  # replaced in tests
        self.busy = False

    def remove_editions(self, edition_ids: Sequence[int], label: str = "") -> bool:
        """Ask, then remove whole editions (``label`` names a single one in the question)."""
        ids = list(dict.fromkeys(edition_ids))
        if not ids or self.busy:
            return False
        what = label if len(ids) == 1 and label else self.tr("%1 editions").replace("%1", str(len(ids)))
        question = self.tr(
            "Remove %1 and all its articles from the archive?\n\n"
            "Edit → Undo removal puts it back until the viewer is closed."
        ).replace("%1", what)
        return self._start(self.archive.remove_editions, ids, question)

    def remove_editions_labelled(self, edition_id: int, label: str) -> bool:
        """Ask, then remove one edition named ``label`` (the edition browser's context menu)."""
        return self.remove_editions([edition_id], label)

    def remove_articles(self, article_ids: Sequence[int]) -> bool:
        """Ask, then remove single articles from the archive."""
        ids = list(dict.fromkeys(article_ids))
        if not ids or self.busy:
            return False
        question = self.tr(
            "Remove %1 article(s) from the archive?\n\nEdit → Undo removal puts them back until the viewer is closed."
        ).replace("%1", str(len(ids)))
        return self._start(self.archive.remove_articles, ids, question)

    def undo(self) -> bool:
        """Put the last removal back."""
        removed = self.last
        if removed is None or self.busy:
            return False
        self.busy = True

        def done(_result: object) -> None:
            self.busy = False
            self.last = None
            self.undo_available.emit(False)
            text = self.tr("Removal undone: %1 article(s) are back.").replace(
                "%1", str(len(removed.article_ids))
            )
            self.window.show_message(text, 8000)

        self.runner.submit(self.archive.restore, removed, name="restore", on_done=done, on_error=self._failed)
        return True

    def _start(self, call: Callable[[Sequence[int]], Removal], ids: list[int], question: str) -> bool:
        if not self.confirm(self.tr("Remove from the archive"), question):
            return False
        self.busy = True

        def done(removed: Removal) -> None:
            self.busy = False
            self.last = removed
            self.undo_available.emit(True)
            text = self.tr("Removed %1 article(s). Edit → Undo removal puts them back.")
            self.window.show_message(text.replace("%1", str(len(removed.article_ids))), 10000)

        self.runner.submit(call, ids, name="remove", on_done=done, on_error=self._failed)
        return True

    def _failed(self, exc: BaseException) -> None:
        self.busy = False
        logger.error("removal failed: %s", exc)
        self.window.show_message(str(exc), 10000)

    def _ask(self, title: str, question: str) -> bool:
        answer: Any = QMessageBox.question(self.window, title, question)
        return bool(answer == QMessageBox.StandardButton.Yes)
