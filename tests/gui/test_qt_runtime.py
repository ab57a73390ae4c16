"""The installed Qt binding must survive many signal emissions (PySide6 6.12.0 did not)."""

from __future__ import annotations

import sys

from PySide6.QtCore import QObject, Signal


class _Emitter(QObject):
    ping = Signal(int)


def test_signal_emit_keeps_true_refcount(qapp):
    """PySide6-Essentials 6.12.0 dropped one reference to ``True`` per emit, aborting after ~570."""
    emitter = _Emitter()
    seen: list[int] = []
    emitter.ping.connect(seen.append)
    before = sys.getrefcount(True)
    for i in range(2000):
        emitter.ping.emit(i)
    after = sys.getrefcount(True)
    assert len(seen) == 2000
    assert before - after < 100, f"refcount of True fell by {before - after} over 2000 emits"
