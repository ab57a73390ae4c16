"""Importing edition files: parse (in parallel for many files), store, index, report.

Each edition is stored in its own catalog transaction; its documents go into an index batch
(:class:`index.indexing.IndexBatch`) that is committed every :data:`COMMIT_EVERY` articles and at
the end (a crash in between is repaired at the next opening; see :mod:`index.indexing`). A file already imported (same sha256) is skipped
without parsing.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import logging
import os
from collections import deque
from collections.abc import Iterable, Iterator, Sequence
from concurrent.futures import Future
from concurrent.futures.process import BrokenProcessPool
from contextlib import contextmanager
from itertools import islice
from pathlib import Path

from index.catalog import Catalog, StoreResult
from index.catalog.rows import parsed_record
from index.errors import ArchiveError
from index.i18n import _
from index.indexing import Indexer
from index.models import CancelCheck, ImportReport, ParsedEdition, Progress
from index.workers import FileResult, make_pool, parse_file

logger = logging.getLogger(__name__)

COMMIT_EVERY = 10_000  # articles per index commit in a long import (each commit ~2 ms/article)
PARALLEL_MIN_FILES = 4  # fewer files are parsed in-process (a pool costs ~1-2 s to start)
LOOKAHEAD_FILES = 64  # files parsed ahead: workers keep going while the writer commits


def shown_name(path: Path, root: Path) -> str:
    """How messages name a file found in the folder ``root``: its path inside it (``root/2025/x.txt``)."""
    try:
        return str(Path(root.name) / path.relative_to(root))
    except ValueError:
        return str(path)


def _walk(folder: Path, errors: list[str]) -> list[Path]:
    """The ``*.txt`` files under ``folder``; sub-folders that cannot be read are reported."""

    def unreadable(exc: OSError) -> None:
        where = shown_name(Path(exc.filename), folder) if exc.filename else str(folder)
        errors.append(
            _("{path}: folder cannot be read ({reason}); its files were not imported").format(
                path=where, reason=exc.strerror or exc
            )
        )

    found = []
    for dirpath, _dirs, names in os.walk(folder, onerror=unreadable):
        found += [Path(dirpath, n) for n in names if n.lower().endswith(".txt")]
    return sorted(f for f in found if f.is_file())


def expand(paths: Sequence[Path]) -> tuple[list[Path], list[str]]:
    """Files to import (folders: their ``*.txt``, recursively, sorted) and errors for bad paths."""
    files: list[Path] = []
    errors: list[str] = []
    for p in paths:
        if p.is_dir():
            found = _walk(p, errors)
            if not found:
                errors.append(_("{path}: no .txt files in this folder").format(path=p))
            files += found
        elif p.is_file():
            files.append(p)
        else:
            errors.append(_("{path}: no such file or folder").format(path=p))
    return list(dict.fromkeys(files)), errors


class Importer:
    """One import run over a catalog and its index (the caller holds no lock; writes serialise)."""

    def __init__(self, catalog: Catalog, indexer: Indexer, workers: int | None = None) -> None:
        self.catalog = catalog
        self.indexer = indexer
        self.workers = workers
        self._batch = indexer.batch()
        self._remaining_files = 0
        self._shown: dict[str, str] = {}
        self._seen = (0, 0)  # files and articles indexed in this run

    @contextmanager
    def _abandon_on_error(self) -> Iterator[None]:
        """On any failure (or cancel by exception) drop the uncommitted index batch, then re-raise."""
        try:
            yield
        except BaseException:
            self._batch.cancel()
            raise

    def run(
        self,
        paths: Sequence[Path],
        date: dt.date | None,
        progress: Progress | None = None,
        cancel: CancelCheck | None = None,
    ) -> ImportReport:
        """Import files or folders; per-file errors go to the report."""
        report = ImportReport()
        files, report.errors = expand(paths)
        self._shown = {
            str(f): shown_name(f, p) for p in paths if p.is_dir() for f in files if f.is_relative_to(p)
        }
        todo = self._changed(files, date, report)
        total = len(files)
        done = total - len(todo)
        if progress is not None:
            progress(done, total, "")
        with self._abandon_on_error():
            for result in self._results(todo, date, cancel):
                if cancel is not None and cancel():
                    report.cancelled = True
                    break
                self._remaining_files = total - done - 1
                self._store(result, report)
                done += 1
                if progress is not None:
                    progress(done, total, Path(result.path).name)
            if done < total and cancel is not None and cancel():
                report.cancelled = True
            self._flush()
        return report

    def run_parsed(
        self,
        editions: Sequence[ParsedEdition],
        progress: Progress | None = None,
        cancel: CancelCheck | None = None,
    ) -> ImportReport:
        """Store and index editions parsed beforehand (undated ones are refused)."""
        report = ImportReport()
        with self._abandon_on_error():
            for done, ed in enumerate(editions, 1):
                if cancel is not None and cancel():
                    report.cancelled = True
                    break
                if ed.date is None:
                    report.errors.append(
                        _("{name}: no edition date; give one with --date YYYY-MM-DD").format(
                            name=ed.source_name
                        )
                    )
                else:
                    self._store(FileResult(ed.source_name, ed), report)
                if progress is not None:
                    progress(done, len(editions), ed.source_name)
            self._flush()
        return report

    def _name(self, path: str) -> str:
        """The file as messages name it (its path inside the imported folder)."""
        return self._shown.get(path, path)

    def _changed(self, files: list[Path], date: dt.date | None, report: ImportReport) -> list[Path]:
        from index.ingest.pipeline import date_from_name

        todo = []
        for f in files:
            try:
                sha = hashlib.sha256(f.read_bytes()).hexdigest()
            except OSError as exc:
                report.errors.append(
                    _("{path}: cannot be read ({reason})").format(
                        path=self._name(str(f)), reason=exc.strerror or exc
                    )
                )
                continue
            known = self.catalog.edition_by_sha(sha)
            wanted = date_from_name(f.name) or date
            if known is None:
                todo.append(f)
            elif wanted is None or known[1].startswith(wanted.isoformat()):
                report.editions_unchanged += 1
            else:  # the same bytes under another date: neither unchanged nor a second copy
                report.errors.append(
                    _(
                        "{path}: the same file is already in the archive as the edition of {date}; to give "
                        "it the date {wanted}, remove that edition first, then import this file again"
                    ).format(path=self._name(str(f)), date=known[1].split("|", 1)[0], wanted=wanted)
                )
        return todo

    def _serial(
        self, files: Iterable[str], date: dt.date | None, cancel: CancelCheck | None
    ) -> Iterator[FileResult]:
        for f in files:
            if cancel is not None and cancel():
                return
            yield parse_file(f, date, analyzer=self.indexer.analyzer)

    def _results(
        self, files: list[Path], date: dt.date | None, cancel: CancelCheck | None
    ) -> Iterator[FileResult]:
        """Parsed files in the given order; a process pool parses ahead when there are many."""
        if len(files) < PARALLEL_MIN_FILES:
            yield from self._serial(map(str, files), date, cancel)
            return
        pool = make_pool(self.indexer.analyzer, self.workers)
        queue = (str(f) for f in files)
        pending: deque[tuple[str, Future[FileResult]]] = deque(
            (f, pool.submit(parse_file, f, date)) for f in islice(queue, LOOKAHEAD_FILES)
        )
        try:
            while pending:
                path, fut = pending.popleft()
                try:
                    result = fut.result()
                except BrokenProcessPool:  # a worker died (e.g. out of memory): finish in-process
                    rest = [p for p, _ in pending]
                    pending.clear()
                    yield from self._serial([path, *rest, *queue], date, cancel)
                    return
                nxt = next(queue, None)
                if nxt is not None and not (cancel is not None and cancel()):
                    pending.append((nxt, pool.submit(parse_file, nxt, date)))
                yield result
        finally:
            pool.shutdown(wait=True, cancel_futures=True)

    def _store(self, result: FileResult, report: ImportReport) -> None:
        if result.edition is None:
            error = result.error or _("{path}: refused").format(path=result.path)
            for prefix in (result.path, Path(result.path).name):  # name the file as the user gave it
                if error.startswith(prefix + ":"):
                    error = self._name(result.path) + error[len(prefix) :]
                    break
            report.errors.append(error)
            return
        ed = result.edition
        try:
            stored = self.catalog.store_edition(ed, result.path)
        except ArchiveError as exc:
            report.errors.append(_("{path}: {reason}").format(path=result.path, reason=exc))
            return
        except Exception as exc:
            report.errors.append(
                _("{path}: not imported ({error}: {reason})").format(
                    path=result.path, error=type(exc).__name__, reason=exc
                )
            )
            return
        if stored.status == "unchanged":
            report.editions_unchanged += 1
            return
        if stored.status == "added":
            report.editions_added += 1
        else:
            report.editions_updated += 1
        report.articles += len(ed.articles)
        report.fragments += sum(a.fragment for a in ed.articles)
        report.unassigned_blocks += len(ed.unassigned)
        report.warnings += ed.warnings
        if stored.orphaned_edits:
            report.warnings.append(
                _(
                    "{path}: {count} librarian edit(s) no longer match an article "
                    "(its title changed); they are kept"
                ).format(path=result.path, count=stored.orphaned_edits)
            )
        self._index(stored, result)

    def _index(self, stored: StoreResult, result: FileResult) -> None:
        edition_id, replace, ed = stored.edition_id, stored.status == "updated", result.edition
        assert ed is not None and ed.date is not None
        if replace:  # librarian edits may apply: read back from the catalog
            records = self.catalog.edition_articles(edition_id)
        else:
            records = [
                parsed_record(aid, edition_id, ed.date, ed.name, seq, art)
                for seq, (aid, art) in enumerate(zip(stored.article_ids, ed.articles, strict=True))
            ]
        prepared = result.prepared if len(result.prepared) == len(records) else None
        self._batch.add_edition(edition_id, records, prepared, replace=replace)
        self._seen = (self._seen[0] + 1, self._seen[1] + len(records))
        # commit every COMMIT_EVERY articles, and earlier near the end (while the workers still
        # parse the last files), so that the final commit, which nothing overlaps, stays small
        remaining = self._remaining_files * self._seen[1] / self._seen[0]
        in_writer = self._batch.in_writer
        if in_writer >= COMMIT_EVERY or (in_writer >= 1000 and remaining <= in_writer / 2):
            self._flush()

    def _flush(self) -> None:
        self._batch.commit()
