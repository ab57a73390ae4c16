"""Ctrl+C during a long command: the first one cancels cleanly at the next step, a second one aborts."""

from __future__ import annotations

import logging
import signal
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from types import FrameType

from index.i18n import _

logger = logging.getLogger(__name__)


class Interrupt:
    """A ``cancel()`` callback for the core that turns true on the first Ctrl+C."""

    def __init__(self) -> None:
        self.requested = False

    def __call__(self) -> bool:
        """True once the user pressed Ctrl+C."""
        return self.requested


@contextmanager
def interrupt_as_cancel() -> Iterator[Interrupt]:
    """Within the block, Ctrl+C sets the returned flag (the core stops at the next file or article,
    keeping what it stored); a second Ctrl+C raises :class:`KeyboardInterrupt` at once."""
    flag = Interrupt()
    if threading.current_thread() is not threading.main_thread():
        yield flag
        return

    def handler(signum: int, frame: FrameType | None) -> None:
        if flag.requested:
            raise KeyboardInterrupt
        flag.requested = True
        logger.info("Ctrl+C: cancelling")
        print(
            "\n" + _("Stopping after the current step… (Ctrl+C again to abort)"), file=sys.stderr, flush=True
        )

    previous = signal.signal(signal.SIGINT, handler)
    try:
        yield flag
    finally:
        signal.signal(signal.SIGINT, previous)
