"""Progress on standard error with rate and ETA (rich), counted in articles where the core allows.

The core calls ``progress(done, total, message)``. Import reports files; :class:`ImportProgress`
also counts the articles stored so far (from the catalog) and shows them with their rate, while the
ETA comes from the share of files done. Reindex and export report articles directly.
When standard error is not a terminal, a line is printed at every tenth of the work instead.
"""

from __future__ import annotations

import logging
import sys
import time
from collections.abc import Callable
from types import TracebackType
from typing import TextIO

from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    TaskID,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)

from index.i18n import _

logger = logging.getLogger(__name__)


class ProgressBar:
    """A ``progress(done, total, message)`` callback drawing a rich bar; use it as a context manager.

    Args:
        label: What is being done (``导入``/``importing``).
        unit: What ``done`` counts (``articles``/``files``).
        stream: Where to draw (standard error).
        extra: Optional ``() -> (count, unit)`` shown with its rate, e.g. articles stored so far.
    """

    def __init__(
        self,
        label: str,
        unit: str,
        stream: TextIO | None = None,
        extra: Callable[[], tuple[int, str]] | None = None,
    ) -> None:
        self.label = label
        self.unit = unit
        self.stream = stream or sys.stderr
        self.extra = extra
        self.tty = self.stream.isatty()
        self._t0 = time.monotonic()
        self._last_extra = 0.0
        self._extra_text = ""
        self._step = -1
        self._task: TaskID | None = None
        self._progress: Progress | None = None
        if self.tty:
            self._progress = Progress(
                TextColumn("{task.description}"),
                BarColumn(),
                MofNCompleteColumn(),
                TextColumn(self.unit),
                TextColumn("{task.fields[extra]}"),
                TimeElapsedColumn(),
                TextColumn(_("ETA")),
                TimeRemainingColumn(),
                console=Console(file=self.stream),
                transient=False,
            )

    def __enter__(self) -> ProgressBar:
        if self._progress is not None:
            self._progress.start()
        return self

    def __exit__(
        self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()

    def _extra(self, force: bool) -> str:
        if self.extra is None:
            return ""
        now = time.monotonic()
        if force or now - self._last_extra > 0.5:
            self._last_extra = now
            try:
                count, unit = self.extra()
            except Exception:  # a progress display must never stop the work
                logger.exception("progress counter failed")
                return self._extra_text
            rate = count / max(now - self._t0, 1e-6)
            self._extra_text = _("{count} {unit} ({rate:.0f}/s)").format(count=count, unit=unit, rate=rate)
        return self._extra_text

    def __call__(self, done: int, total: int, message: str) -> None:
        """Show that ``done`` of ``total`` are done."""
        if self._progress is not None:
            extra = self._extra(done >= total)
            if self._task is None:
                self._task = self._progress.add_task(self.label, total=total or None, extra=extra)
            self._progress.update(self._task, completed=done, total=total or None, extra=extra)
            return
        frac = done / total if total else 1.0
        if int(frac * 10) != self._step:
            self._step = int(frac * 10)
            elapsed = time.monotonic() - self._t0
            eta = elapsed / frac - elapsed if frac > 0 else 0.0
            extra = self._extra(True)
            line = f"{self.label}: {done}/{total} {self.unit} {extra} ".replace("  ", " ")
            print(line + _("ETA {seconds:.0f} s").format(seconds=eta), file=self.stream, flush=True)

    def close(self) -> None:
        """Stop drawing (idempotent)."""
        if self._progress is not None:
            self._progress.stop()
            self._progress = None
