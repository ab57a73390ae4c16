"""The archive's change notifications, delivered on the GUI thread as a Qt signal.

The archive calls its listeners on the thread that made the change (a worker); :class:`ArchiveEvents`
re-emits each :class:`index.changes.Changes` as :attr:`ArchiveEvents.changed` on the GUI thread, where
the views refresh from it (see :meth:`viewer.wiring.Viewer.apply_changes`).
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QObject, Signal, Slot

from index.changes import Changes
from viewer.ports import ChangeSource

logger = logging.getLogger(__name__)


class ArchiveEvents(QObject):
    """Subscribes to an archive; ``changed(Changes)`` fires on the GUI thread after each change."""

    changed = Signal(object)  # Changes
    _from_worker = Signal(object)  # emitted on the archive's thread, queued to this object's

    def __init__(self, archive: ChangeSource, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._from_worker.connect(self._deliver)
        self._unsubscribe = archive.subscribe(self._from_worker.emit)

    def close(self) -> None:
        """Stop listening (before the archive closes)."""
        self._unsubscribe()

    @Slot(object)
    def _deliver(self, changes: Changes) -> None:
        logger.debug("archive changed: %s", changes)
        self.changed.emit(changes)
