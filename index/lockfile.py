"""The archive's writer lock: an OS lock on ``root/lock`` held while one process changes the archive.

Only import, edit, revert and reindex take it (and opening, briefly, to repair the index);
searching, reading and exporting never do, so they never block a writer and work on read-only
media, where no lock file can be made. Within a process the lock is shared by every thread (the
catalog and the index serialise their own writes); another process asking for it is refused with
a message naming the holder. The OS releases it when the process ends, so a crash never leaves a
stale lock.
"""

from __future__ import annotations

import logging
import os
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO

from index.errors import ArchiveError, ArchiveLocked
from index.i18n import _

logger = logging.getLogger(__name__)


def _lock(fh: IO[str]) -> None:
    if sys.platform == "win32":
        import msvcrt

        fh.seek(0)
        msvcrt.locking(fh.fileno(), msvcrt.LK_NBLCK, 1)
    else:
        import fcntl

        fcntl.flock(fh.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)


def _unlock(fh: IO[str]) -> None:
    if sys.platform == "win32":
        import msvcrt

        fh.seek(0)
        msvcrt.locking(fh.fileno(), msvcrt.LK_UNLCK, 1)
    else:
        import fcntl

        fcntl.flock(fh.fileno(), fcntl.LOCK_UN)


def _lock_soon(fh: IO[str], tries: int = 5) -> None:
    """Lock, retrying briefly (another process's :meth:`WriterLock.busy` probe holds it an instant)."""
    for attempt in range(tries):
        try:
            _lock(fh)
            return
        except OSError:
            if attempt == tries - 1:
                raise
            time.sleep(0.05)


class WriterLock:
    """The writer lock of one archive folder (taken with :meth:`held`, counted per process)."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._fh: IO[str] | None = None
        self._count = 0
        self._mutex = threading.Lock()

    @contextmanager
    def held(self, what: str) -> Iterator[None]:
        """Hold the lock for the block; :class:`ArchiveLocked` if another process has it.

        Args:
            what: What this process is doing, for the message another process shows (``import``).
        """
        self.acquire(what)
        try:
            yield
        finally:
            self.release()

    def acquire(self, what: str) -> None:
        """Take the lock (or count one more use of it); see :meth:`held`."""
        with self._mutex:
            if self._count:
                self._count += 1
                return
            try:
                fh = open(self.path, "a+", encoding="utf-8")  # noqa: SIM115 (held open)
            except OSError as exc:
                raise ArchiveError(
                    _("Cannot create the lock file {path}: {reason}").format(
                        path=self.path, reason=exc.strerror or exc
                    )
                ) from exc
            try:
                _lock_soon(fh)
            except OSError:
                fh.seek(0)
                holder = fh.read().strip()
                fh.close()
                logger.info("writer lock %s is held by %s", self.path, holder or "another process")
                who = _(" ({holder})").format(holder=holder) if holder else ""
                raise ArchiveLocked(
                    _(
                        "Another program is changing the archive at {folder}{who}. Try again when it "
                        "has finished; searching and reading work meanwhile."
                    ).format(folder=self.path.parent, who=who)
                ) from None
            fh.seek(0)
            fh.truncate()
            fh.write(f"process {os.getpid()}: {what}")
            fh.flush()
            self._fh, self._count = fh, 1

    def release(self) -> None:
        """Give one use back; the lock is freed with the last (extra calls are ignored)."""
        with self._mutex:
            if not self._count:
                return
            self._count -= 1
            if self._count or self._fh is None:
                return
            fh, self._fh = self._fh, None
            try:
                _unlock(fh)
            finally:
                fh.close()

    def busy(self) -> str | None:
        """Who holds the lock if another process does (``process 123: import``), else None."""
        with self._mutex:
            if self._count:
                return None
            try:
                fh = open(self.path, encoding="utf-8")  # noqa: SIM115
            except OSError:
                return None
            try:
                _lock(fh)
            except OSError:
                return fh.read().strip() or "another process"
            else:
                _unlock(fh)
                return None
            finally:
                fh.close()
