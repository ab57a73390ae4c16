"""Work that runs in worker processes: parsing files and computing postings (jieba).

Both run in-process for small jobs and in a spawned process pool for large ones, so every core
segments text while the main process files catalog rows and postings. Spawned (not forked)
processes: safe in a program with threads (the GUI), and the same on every platform.
"""

from __future__ import annotations

import datetime as dt
import logging
import multiprocessing
import os
import signal
import sys
import types
from collections.abc import Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from index import i18n
from index.analysis import Analyzer
from index.documents import PreparedArticle, prepare_record
from index.errors import ArchiveError, ImportRefused
from index.i18n import _
from index.integrity.orphans import watch_parent
from index.models import ArticleRecord, ParsedArticle, ParsedEdition

logger = logging.getLogger(__name__)

_worker: Analyzer | None = None  # a worker process's analyzer (a pool serves one archive)


@dataclass
class FileResult:
    """A parsed file ready to store: the edition and each article's postings, or why not."""

    path: str
    edition: ParsedEdition | None = None
    prepared: list[PreparedArticle] = field(default_factory=list)
    error: str | None = None


def edition_names(articles: Iterable[ParsedArticle | ArticleRecord]) -> set[str]:
    """People and street names of some articles (added to jieba before segmenting them)."""
    names: set[str] = set()
    for a in articles:
        names.update(a.reporters, a.correspondents, a.photographers, a.streets, a.streets_printed)
    return names


def init_worker(
    cache_dir: str | None, words: list[str], language: str = "en", parent_pid: int | None = None
) -> None:
    """Pool initializer: the same jieba set-up, names and message language as the archive's analyzer.

    Workers ignore Ctrl+C (SIGINT reaches the whole process group): the main process decides,
    cancels cleanly and shuts the pool down, so no worker prints a traceback. A worker whose
    parent dies (even by ``kill -9``) ends itself (issue 9).
    """
    global _worker
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    i18n.set_language(language)  # refusals and warnings in the caller's language
    watch_parent(parent_pid)
    _worker = Analyzer(cache_dir=Path(cache_dir) if cache_dir else None)
    _worker.add_words(words)


def _analyzer(analyzer: Analyzer | None) -> Analyzer:
    if analyzer is not None:
        return analyzer
    if _worker is None:
        raise RuntimeError("no analyzer: parse_file runs in a pool made by make_pool, or gets one")
    return _worker


def parse_file(
    path: str, date: dt.date | None, prepare: bool = True, analyzer: Analyzer | None = None
) -> FileResult:
    """Parse one file; refuse it if undated; compute its postings (``prepare``).

    Args:
        path: The file.
        date: The edition date, if the file name has none.
        prepare: Compute the postings too.
        analyzer: The archive's analyzer (in-process); in a worker process, the worker's.
    """
    from index.ingest.pipeline import parse_path

    try:
        edition = parse_path(Path(path), date=date)
        if edition.date is None:
            raise ImportRefused(
                _(
                    "{path}: no edition date in the file name (e.g. 2026-01-05.txt); give one with --date YYYY-MM-DD"
                ).format(path=path)
            )
    except ArchiveError as exc:
        return FileResult(path, error=str(exc))
    except Exception as exc:  # a parser bug must not stop the other files
        logger.exception("parser failure on %s", path)
        return FileResult(
            path,
            error=_("{path}: could not be parsed ({error}: {reason})").format(
                path=path, error=type(exc).__name__, reason=exc
            ),
        )
    result = FileResult(path, edition)
    if prepare:
        an = _analyzer(analyzer)
        an.add_words(edition_names(edition.articles))
        result.prepared = [prepare_record(an, a) for a in edition.articles]
    return result


def prepare_records(records: list[ArticleRecord], analyzer: Analyzer | None = None) -> list[PreparedArticle]:
    """Postings of catalog articles (reindex)."""
    an = _analyzer(analyzer)
    an.add_words(edition_names(records))
    return [prepare_record(an, r) for r in records]


def worker_count() -> int:
    """Processes to use for parallel work: every core but at most 4 (2 on a 2-core machine)."""
    return max(1, min(4, os.cpu_count() or 1))


def _ready() -> bool:
    return True


@contextmanager
def _without_main_module() -> Iterator[None]:
    """Hide ``__main__`` while workers start, so they never re-run the caller's script.

    A spawned child re-imports the parent's main script unless it is guarded by
    ``if __name__ == "__main__"``; an unguarded script would run again in every worker (e.g. a
    benchmark that deletes and re-creates the archive). Workers only need :mod:`index` modules.
    """
    main = sys.modules.get("__main__")
    sys.modules["__main__"] = types.ModuleType("__main__")
    try:
        yield
    finally:
        if main is not None:
            sys.modules["__main__"] = main


def make_pool(analyzer: Analyzer, workers: int | None = None) -> ProcessPoolExecutor:
    """A spawned process pool whose workers segment as ``analyzer`` does (same names)."""
    words = analyzer.names()
    n = workers or worker_count()
    with _without_main_module():
        pool = ProcessPoolExecutor(
            max_workers=n,
            mp_context=multiprocessing.get_context("spawn"),
            initializer=init_worker,
            initargs=(analyzer.cache_dir, words, i18n.language(), os.getpid()),
        )
        for _i in range(n):  # start every worker now, inside this context
            pool.submit(_ready)
    return pool
