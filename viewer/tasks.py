"""Tasks: core calls run on worker threads, their results delivered on the GUI thread.

In the viewer a *task* is one function call run on a worker; nothing else is called a task (the menu
operations that start them are *actions*, :mod:`viewer.actions`). A :class:`TaskRunner` owns a
``QThreadPool``. ``submit`` wraps a plain function in a ``QRunnable``; the function may accept
``progress`` and ``cancel`` keyword arguments (the core's long operations do). Results, errors and
progress come back through a :class:`Task` object that lives on the GUI thread, so its callbacks run
there (queued connections), and no worker ever touches a widget. A task that fails has its traceback
logged (a cancellation is not a failure).
"""

from __future__ import annotations

import logging
import threading
import traceback
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal, Slot

from index.errors import Cancelled
from index.models import Progress

logger = logging.getLogger(__name__)


class Task(QObject):
    """Handle of one submitted task; emits on the GUI thread."""

    progressed = Signal(int, int, str)
    succeeded = Signal(object)
    failed = Signal(object)  # the exception
    finished = Signal()  # after succeeded or failed

    # Emitted from the worker thread; connected to slots of this object (queued to the GUI thread).
    _worker_progress = Signal(int, int, str)
    _worker_done = Signal(object, object)  # result, error

    def __init__(self, name: str = "", parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.name = name
        self.result: Any = None
        self.error: BaseException | None = None
        self.done = False
        self._cancel = threading.Event()
        self._worker_progress.connect(self._on_progress)
        self._worker_done.connect(self._on_done)

    def cancel(self) -> None:
        """Ask the task to stop; it checks ``cancel()`` between steps."""
        self._cancel.set()

    def is_cancelled(self) -> bool:
        """True once :meth:`cancel` was called."""
        return self._cancel.is_set()

    @Slot(int, int, str)
    def _on_progress(self, done: int, total: int, message: str) -> None:
        self.progressed.emit(done, total, message)

    @Slot(object, object)
    def _on_done(self, result: object, error: object) -> None:
        self.done = True
        self.result = result
        if error is not None:
            self.error = error  # type: ignore[assignment]
            self.failed.emit(error)
        else:
            self.succeeded.emit(result)
        self.finished.emit()


class _Runnable(QRunnable):
    def __init__(self, task: Task, fn: Callable[..., Any], args: tuple[Any, ...], kwargs: dict[str, Any]):
        super().__init__()
        self.setAutoDelete(True)
        self._task, self._fn, self._args, self._kwargs = task, fn, args, kwargs

    def run(self) -> None:
        task = self._task
        try:
            result = self._fn(*self._args, **self._kwargs)
        except BaseException as exc:
            exc.__traceback_text__ = traceback.format_exc()  # type: ignore[attr-defined]
            if isinstance(exc, Cancelled):
                logger.info("task %r cancelled", task.name)
            else:
                logger.error("task %r failed", task.name, exc_info=exc)
            task._worker_done.emit(None, exc)
        else:
            task._worker_done.emit(result, None)


class TaskRunner(QObject):
    """Runs tasks on its own thread pool (``max_threads=1`` gives one ordered worker, like Anki's)."""

    def __init__(self, max_threads: int = 1, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(max_threads)
        self._live: set[Task] = set()

    def submit(
        self,
        fn: Callable[..., Any],
        *args: Any,
        name: str = "",
        with_progress: bool = False,
        on_done: Callable[[Any], None] | None = None,
        on_error: Callable[[BaseException], None] | None = None,
        on_progress: Progress | None = None,
        **kwargs: Any,
    ) -> Task:
        """Run ``fn(*args, **kwargs)`` on a worker; with ``with_progress`` it also gets
        ``progress=`` and ``cancel=`` keyword arguments wired to the returned task."""
        task = Task(name, self)
        if on_done is not None:
            task.succeeded.connect(on_done)
        if on_error is not None:
            task.failed.connect(on_error)
        if on_progress is not None:
            task.progressed.connect(on_progress)
        if with_progress:
            kwargs["progress"] = lambda d, t, m="": task._worker_progress.emit(int(d), int(t), str(m))
            kwargs["cancel"] = task.is_cancelled
        self._live.add(task)
        task.finished.connect(lambda: self._forget(task))
        self._pool.start(_Runnable(task, fn, args, kwargs))
        return task

    def _forget(self, task: Task) -> None:
        self._live.discard(task)
        task.deleteLater()

    def active(self) -> int:
        """How many submitted tasks have not finished."""
        return len(self._live)

    def cancel_all(self) -> None:
        """Ask every running task to stop."""
        for task in list(self._live):
            task.cancel()

    def wait(self, msecs: int = -1) -> bool:
        """Block until every task ended (for shutdown and tests)."""
        return self._pool.waitForDone(msecs)
