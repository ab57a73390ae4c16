"""Work that runs in worker processes: parsing files and computing postings (jieba).

Both run in-process for small jobs and in a spawned process pool for large ones, so every core
segments text while the main process files catalog rows and postings. Spawned (not forked)
processes: safe in a program with threads (the GUI), and the same on every platform.
"""

from __future__ import annotations

import datetime as dt
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

from index import analysis
from index.errors import ArchiveError, ImportRefused
from index.models import ArticleRecord, ParsedArticle, ParsedEdition
from index.search_index import Prepared, prepare_record


@dataclass
class FileResult:
    """A parsed file ready to store: the edition and each article's postings, or why not."""

    path: str
    edition: ParsedEdition | None = None
    prepared: list[tuple[Prepared, Prepared]] = field(default_factory=list)
    error: str | None = None


def edition_names(articles: Iterable[ParsedArticle | ArticleRecord]) -> set[str]:
    """People and street names of some articles (added to jieba before segmenting them)."""
    names: set[str] = set()
    for a in articles:
        names.update(a.reporters, a.correspondents, a.photographers, a.streets, a.streets_printed)
    return names


def init_worker(cache_dir: str | None, words: list[str]) -> None:
    """Pool initializer: the same jieba set-up and names as the main process.

    Workers ignore Ctrl+C (SIGINT reaches the whole process group): the main process decides,
    cancels cleanly and shuts the pool down, so no worker prints a traceback.
    """
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    analysis.setup(Path(cache_dir) if cache_dir else None)
    analysis.add_words(words)


def parse_file(path: str, date: dt.date | None, prepare: bool = True) -> FileResult:
    """Parse one file; refuse it if undated; compute its postings (``prepare``)."""
    from index.ingest.pipeline import parse_path

    try:
        edition = parse_path(Path(path), date=date)
        if edition.date is None:
            raise ImportRefused(
                f"{path}: no edition date in the file name (e.g. 2026-01-05.txt); give one with --date YYYY-MM-DD"
            )
    except ArchiveError as exc:
        return FileResult(path, error=str(exc))
    except Exception as exc:  # a parser bug must not stop the other files
        return FileResult(path, error=f"{path}: could not be parsed ({type(exc).__name__}: {exc})")
    result = FileResult(path, edition)
    if prepare:
        analysis.add_words(edition_names(edition.articles))
        result.prepared = [prepare_record(a) for a in edition.articles]
    return result


def prepare_records(records: list[ArticleRecord]) -> list[tuple[Prepared, Prepared]]:
    """Postings of catalog articles (reindex)."""
    analysis.add_words(edition_names(records))
    return [prepare_record(r) for r in records]


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


def make_pool(words: list[str], workers: int | None = None) -> ProcessPoolExecutor:
    """A spawned process pool whose workers share this process's jieba configuration."""
    tk = analysis.setup()
    n = workers or worker_count()
    with _without_main_module():
        pool = ProcessPoolExecutor(
            max_workers=n,
            mp_context=multiprocessing.get_context("spawn"),
            initializer=init_worker,
            initargs=(tk.tmp_dir, words),
        )
        for _ in range(n):  # start every worker now, inside this context
            pool.submit(_ready)
    return pool
