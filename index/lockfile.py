"""One running instance per archive: an exclusive OS lock on ``root/lock`` held while open.

The lock is released by the OS when the process ends, so a crash never leaves a stale lock.
"""

from __future__ import annotations

import logging
import os
import sys
from pathlib import Path
from typing import IO

from index.errors import ArchiveLocked

logger = logging.getLogger(__name__)


class ArchiveLock:
    """Holds the lock on ``path`` from construction until :meth:`release`."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._fh: IO[str] | None = open(path, "a+", encoding="utf-8")  # noqa: SIM115 (held open)
        try:
            self._acquire()
        except OSError:
            self._fh.seek(0)
            holder = self._fh.read().strip()
            self._fh.close()
            self._fh = None
            who = f" (process {holder})" if holder else ""
            logger.info("archive lock %s is held%s", path, who)
            raise ArchiveLocked(
                f"The archive at {path.parent} is already open in another window or program{who}. "
                "Close it there first, or open the archive read-only."
            ) from None
        self._fh.seek(0)
        self._fh.truncate()
        self._fh.write(str(os.getpid()))
        self._fh.flush()

    def _acquire(self) -> None:
        assert self._fh is not None
        if sys.platform == "win32":
            import msvcrt

            self._fh.seek(0)
            msvcrt.locking(self._fh.fileno(), msvcrt.LK_NBLCK, 1)
        else:
            import fcntl

            fcntl.flock(self._fh.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)

    def release(self) -> None:
        """Give the lock back (idempotent)."""
        if self._fh is None:
            return
        try:
            if sys.platform == "win32":
                import msvcrt

                self._fh.seek(0)
                msvcrt.locking(self._fh.fileno(), msvcrt.LK_UNLCK, 1)
            else:
                import fcntl

                fcntl.flock(self._fh.fileno(), fcntl.LOCK_UN)
        finally:
            self._fh.close()
            self._fh = None
