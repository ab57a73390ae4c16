"""Logging: one logger per module (``logging.getLogger(__name__)``), set up once per process.

:func:`setup` sends the records of the ``index`` and ``viewer`` loggers to a rotating file in the
user log folder (:func:`index.paths.log_dir`) and, for the command line, warnings (or everything with
``--verbose``) to standard error. Modules never configure logging themselves; they only log.
"""

from __future__ import annotations

import logging
import logging.handlers
import sys
from pathlib import Path

from index.paths import log_dir

LOG_NAME = "pingcheng-archive.log"
PACKAGES = ("index", "viewer")
_FORMAT = "%(asctime)s %(process)d %(threadName)s %(levelname)s %(name)s: %(message)s"
_MARK = "_pingcheng_handler"


def log_file() -> Path:
    """The current log file."""
    return log_dir() / LOG_NAME


def setup(*, stderr_level: int | None = None, file_level: int = logging.INFO) -> Path | None:
    """Configure the project's loggers; returns the log file, or None if it cannot be written.

    Args:
        stderr_level: Also print records of this level and above on standard error (CLI); None: no.
        file_level: Level of the records kept in the log file.

    Calling it again replaces the handlers it added before (tests, a changed ``--verbose``).
    """
    handlers: list[logging.Handler] = []
    path: Path | None = log_file()
    try:
        assert path is not None
        path.parent.mkdir(parents=True, exist_ok=True)
        fh = logging.handlers.RotatingFileHandler(path, maxBytes=1_000_000, backupCount=5, encoding="utf-8")
        fh.setLevel(file_level)
        fh.setFormatter(logging.Formatter(_FORMAT))
        handlers.append(fh)
    except OSError:
        path = None  # a read-only home: log to stderr only
    if stderr_level is not None:
        sh = logging.StreamHandler(sys.stderr)
        sh.setLevel(stderr_level)
        sh.setFormatter(logging.Formatter("%(levelname)s %(name)s: %(message)s"))
        handlers.append(sh)
    low = min([h.level for h in handlers] or [logging.WARNING])
    for name in PACKAGES:
        logger = logging.getLogger(name)
        for old in [h for h in logger.handlers if getattr(h, _MARK, False)]:
            logger.removeHandler(old)
            old.close()
        for h in handlers:
            setattr(h, _MARK, True)
            logger.addHandler(h)
        logger.setLevel(low)
    return path
