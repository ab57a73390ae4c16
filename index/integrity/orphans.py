"""Worker processes end when the process that started them dies (even by ``kill -9``).

A worker of a process pool waits for tasks on a pipe; if its parent is killed it may wait, holding
~100 MB, until the pipe breaks or forever. :func:`watch_parent` (called by the pool initializer)
starts a thread that ends the worker as soon as it is re-parented, i.e. its parent is gone.
"""

from __future__ import annotations

import logging
import os
import threading
import time

logger = logging.getLogger(__name__)

POLL_SECONDS = 0.5


def watch_parent(parent_pid: int | None = None, poll: float = POLL_SECONDS) -> threading.Thread:
    """End this process (``os._exit``) once ``parent_pid`` is gone.

    Args:
        parent_pid: The pid of the process that started this one, taken *there* (a worker that
            asks itself may already have a new parent); default: the current parent.
        poll: Seconds between checks.
    """
    parent = os.getppid() if parent_pid is None else parent_pid

    def watch() -> None:
        """Poll the parent; end the process when it is gone."""
        while True:
            if os.getppid() != parent:  # also when it died before this thread started
                logger.info("worker %d: parent %d is gone, ending", os.getpid(), parent)
                os._exit(0)
            time.sleep(poll)

    thread = threading.Thread(target=watch, name="parent-watch", daemon=True)
    thread.start()
    return thread
