"""Progress on standard error in articles, with rate and ETA (rich); a line per tenth when not a terminal.

The core calls ``progress(done, total, message)``. Reindex and export count articles. Import counts
files, so :class:`ImportProgress` counts the articles stored so far (from the catalog) and estimates
the total from the articles per file seen so far; the files done are shown beside the bar.
"""

from __future__ import annotations

import logging
import sys
import time
from collections.abc import Callable
from types import TracebackType
from typing import TextIO

from rich.console import Console
from rich.progress import BarColumn, Progress, TaskID, TextColumn, TimeElapsedColumn

from index.i18n import _

logger = logging.getLogger(__name__)


class ProgressBar:
    """A ``progress(done, total, message)`` callback drawing a rich bar; use it as a context manager.

    Args:
        label: What is being done (``导入``/``importing``).
        unit: What ``done`` counts (``篇``/``articles``).
        stream: Where to draw (standard error).
    """

    def __init__(self, label: str, unit: str, stream: TextIO | None = None) -> None:
        self.label = label
        self.unit = unit
        self.stream = stream or sys.stderr
        self.tty = self.stream.isatty()
        self._t0 = time.monotonic()
        self._step = -1
        self._task: TaskID | None = None
        self._progress: Progress | None = None
        if self.tty:
            self._progress = Progress(
                TextColumn("{task.description}"),
                BarColumn(),
                TextColumn("{task.fields[count]}"),
                TextColumn("{task.fields[rate]}"),
                TimeElapsedColumn(),
                TextColumn("{task.fields[eta]}"),
                console=Console(file=self.stream),
            )

    def __enter__(self) -> ProgressBar:
        if self._progress is not None:
            self._progress.start()
        return self

    def __exit__(
        self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()

    def _rate(self, done: int) -> str:
        rate = done / max(time.monotonic() - self._t0, 1e-6)
        return _("{rate:.0f} {unit}/s").format(rate=rate, unit=self.unit)

    def _eta(self, frac: float) -> str:
        if frac <= 0:
            return _("ETA ?")
        elapsed = time.monotonic() - self._t0
        return _("ETA {seconds:.0f} s").format(seconds=max(0.0, elapsed / frac - elapsed))

    def show(
        self,
        done: int,
        total: int | None,
        description: str,
        estimated: bool = False,
        frac: float | None = None,
    ) -> None:
        """Draw ``done`` of ``total``.

        Args:
            done: Units done.
            total: Units in all (None: not known yet).
            description: The text before the bar.
            estimated: ``total`` is an estimate (shown with ``~``).
            frac: Share of the work done, for the ETA (default ``done / total``).
        """
        shown_total = "?" if total is None else f"{'~' if estimated else ''}{total}"
        count = f"{done}/{shown_total} {self.unit}"
        if frac is None:
            frac = done / total if total else (1.0 if total == 0 else 0.0)
        if self._progress is not None:
            rate, eta = self._rate(done), self._eta(frac)
            if self._task is None:
                self._task = self._progress.add_task(description, total=1.0, count=count, rate=rate, eta=eta)
            self._progress.update(
                self._task, completed=frac, description=description, count=count, rate=rate, eta=eta
            )
            return
        if int(frac * 10) != self._step:
            self._step = int(frac * 10)
            print(
                f"{description}: {count}, {self._rate(done)}, {self._eta(frac)}", file=self.stream, flush=True
            )

    def __call__(self, done: int, total: int, message: str) -> None:
        """Show that ``done`` of ``total`` are done (the core's progress callback)."""
        self.show(done, total, self.label)

    def close(self) -> None:
        """Stop drawing (idempotent)."""
        if self._progress is not None:
            self._progress.stop()
            self._progress = None


class ImportProgress(ProgressBar):
    """Import progress in articles: ``stored()`` counts the articles stored so far.

    Args:
        stored: Articles stored since the import started.
        stream: Where to draw (standard error).
    """

    def __init__(self, stored: Callable[[], int], stream: TextIO | None = None) -> None:
        super().__init__(_("importing"), _("articles"), stream)
        self.stored = stored
        self._articles = 0
        self._checked = 0.0
        self.interval = 0.25  # seconds between two counts (a COUNT over the catalog)

    def _count(self, force: bool) -> int:
        now = time.monotonic()
        if force or now - self._checked >= self.interval:
            self._checked = now
            try:
                self._articles = self.stored()
            except Exception:  # a progress display must never stop the import
                logger.exception("counting the stored articles failed")
        return self._articles

    def __call__(self, done: int, total: int, message: str) -> None:
        """Files ``done`` of ``total``: shown as articles stored of an estimated total."""
        articles = self._count(done >= total)
        finished = done >= total
        estimate = None if done == 0 else round(articles / done * total)
        files = _("{done}/{total} files").format(done=done, total=total)
        frac = done / total if total else 1.0
        self.show(articles, articles if finished else estimate, f"{self.label} ({files})", not finished, frac)
