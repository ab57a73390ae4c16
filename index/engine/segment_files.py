"""Files the engine keeps beside each Whoosh segment (gram postings, texts), one per segment id.

:class:`SegmentFiles` opens them on demand, caches them by segment id, and deletes those of
segments a commit removed. A missing or unreadable file is remembered as None: the caller falls
back to what it did before such files existed.
"""

from __future__ import annotations

import contextlib
import logging
from collections.abc import Callable, Collection
from pathlib import Path
from typing import Generic, TypeVar

logger = logging.getLogger(__name__)

T = TypeVar("T")


class SegmentFiles(Generic[T]):
    """The files of one kind (``suffix``) in an index folder, opened with ``opener``.

    Args:
        folder: Where the files are.
        suffix: Their file name ending (``.grams``, ``.texts``).
        opener: Opens one file; raises ``OSError`` or ``ValueError`` if it cannot be read.
        missing: Logged when a segment has no file (its id fills ``%s``).
        level: The log level of ``missing``.
    """

    def __init__(
        self, folder: Path, suffix: str, opener: Callable[[Path], T], missing: str, level: int
    ) -> None:
        self.folder = folder
        self.suffix = suffix
        self._opener = opener
        self._missing = missing
        self._level = level
        self._open: dict[str, T | None] = {}

    def path(self, segment_id: str) -> Path:
        """The file of a segment."""
        return self.folder / f"{segment_id}{self.suffix}"

    def get(self, segment_id: str) -> T | None:
        """A segment's file (None if it has none or it cannot be read)."""
        if segment_id not in self._open:
            path = self.path(segment_id)
            try:
                self._open[segment_id] = self._opener(path)
            except FileNotFoundError:
                logger.log(self._level, self._missing, segment_id)
                self._open[segment_id] = None
            except (OSError, ValueError):
                logger.exception("unreadable index file %s", path)
                self._open[segment_id] = None
        return self._open[segment_id]

    def prune(self, live: Collection[str]) -> None:
        """Forget and delete the files of segments that no longer exist."""
        for segid in [s for s in self._open if s not in live]:
            self._open.pop(segid)
        with contextlib.suppress(OSError):
            for path in self.folder.glob(f"*{self.suffix}"):
                if path.name[: -len(self.suffix)] not in live:
                    with contextlib.suppress(OSError):
                        path.unlink()
