"""Keyboard shortcuts of the main window: the platform's keys, and window shortcuts that beat a text
field's own bindings (under X11 a QLineEdit takes Ctrl+E as "end of line")."""

from __future__ import annotations

import functools

from PySide6.QtCore import QEvent, QObject
from PySide6.QtGui import QKeyEvent, QKeySequence
from PySide6.QtWidgets import QMainWindow


def keys(standard: QKeySequence.StandardKey, *extra: str) -> list[QKeySequence]:
    """The platform's standard keys plus ``extra`` ones (e.g. F3 where FindNext lacks it)."""
    keys = list(QKeySequence.keyBindings(standard))
    for text in extra:
        seq = QKeySequence(text)
        if seq not in keys:
            keys.insert(0, seq)
    return keys


_EDITING = (
    QKeySequence.StandardKey.Copy,
    QKeySequence.StandardKey.Cut,
    QKeySequence.StandardKey.Paste,
    QKeySequence.StandardKey.Undo,
    QKeySequence.StandardKey.Redo,
    QKeySequence.StandardKey.SelectAll,
)


@functools.cache
def editing_keys() -> frozenset[str]:
    """Keys a text field keeps for editing even when a window action has the same shortcut
    (asked of the platform once a QGuiApplication exists)."""
    return frozenset(seq.toString() for key in _EDITING for seq in QKeySequence.keyBindings(key))


class ShortcutsWin(QObject):
    """Event filter: in a text field, the window's shortcuts (Ctrl+E, Ctrl+D…) beat the field's
    own Emacs-style bindings (QLineEdit takes Ctrl+E as "end of line" on X11); editing keys stay."""

    def __init__(self, window: QMainWindow) -> None:
        super().__init__(window)
        self._window = window

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Hand a ShortcutOverride that matches a window action back to the shortcut system."""
        if event.type() == QEvent.Type.ShortcutOverride and isinstance(event, QKeyEvent):
            pressed = QKeySequence(event.keyCombination()).toString()
            if pressed not in editing_keys() and any(
                pressed == seq.toString() for act in self._window.actions() for seq in act.shortcuts()
            ):
                event.ignore()
                return True
        return False
